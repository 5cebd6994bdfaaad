/**
 * Every route the app serves, classified by who may use it, with the URL of a sample record of
 * agency A for each (the fixture below creates them). Used by the authorization test
 * (routes.test.ts) and by the accessibility crawl of every page (pages-e2e.test.ts).
 */
import assert from 'node:assert/strict';
import { T2_ROW_OF_KIND } from '../../src/disclosure/library.ts';
import { appendItemEvents, createItem, type DraftInput } from '../../src/store/disclosure.ts';
import { actors, approveAndPublish, deps, ev, fields } from '../disclosure/helpers.ts';
import { addStaff, Client, type TestApp, tinyPdf, validForm } from './helpers.ts';

export type Kind =
  | 'asset'
  | 'public'
  | 'visitor'
  | 'applicant'
  | 'staff'
  | 'staffA'
  | 'apiPublic'
  | 'apiStaff';

export interface Ids {
  a: number;
  b: number;
  caseId: number;
  letterId: number;
  attachmentId: number;
  itemId: number;
  itemAttachmentId: number;
  indexNumber: string;
  year: number;
}

/** method + pattern → kind and the concrete URL for agency A's records. */
export const TABLE: Record<string, [Kind, (i: Ids) => string]> = {
  'GET /': ['public', () => '/'],
  'GET /favicon.ico': ['asset', () => '/favicon.ico'],
  'GET /healthz': ['asset', () => '/healthz'],
  'GET /login': ['public', () => '/login'],
  'POST /login': ['visitor', () => '/login'],
  'POST /logout': ['visitor', () => '/logout'],
  'GET /account': ['staff', () => '/account'],
  'GET /agencies/:agencyId': ['public', (i) => `/agencies/${i.a}`],
  'GET /agencies/:agencyId/apply': ['public', (i) => `/agencies/${i.a}/apply`],
  'POST /agencies/:agencyId/apply': ['visitor', (i) => `/agencies/${i.a}/apply`],
  'GET /agencies/:agencyId/catalogue': ['public', (i) => `/agencies/${i.a}/catalogue`],
  'GET /agencies/:agencyId/disclosure': ['public', (i) => `/agencies/${i.a}/disclosure`],
  'GET /agencies/:agencyId/disclosure/category/:code': [
    'public',
    (i) => `/agencies/${i.a}/disclosure/category/art20.1`,
  ],
  'GET /agencies/:agencyId/disclosure/items/:itemId': [
    'public',
    (i) => `/agencies/${i.a}/disclosure/items/${i.itemId}`,
  ],
  'GET /agencies/:agencyId/disclosure/items/:itemId/attachments/:attachmentId': [
    'public',
    (i) => `/agencies/${i.a}/disclosure/items/${i.itemId}/attachments/${i.itemAttachmentId}`,
  ],
  'GET /agencies/:agencyId/feed.atom': ['public', (i) => `/agencies/${i.a}/feed.atom`],
  'GET /agencies/:agencyId/guide': ['public', (i) => `/agencies/${i.a}/guide`],
  'GET /agencies/:agencyId/policies': ['public', (i) => `/agencies/${i.a}/policies`],
  'GET /agencies/:agencyId/reports': ['public', (i) => `/agencies/${i.a}/reports`],
  // only published reports exist publicly: the fixture has none, so these answer 404 to everyone
  'GET /agencies/:agencyId/reports/:year': ['public', (i) => `/agencies/${i.a}/reports/${i.year}`],
  'GET /agencies/:agencyId/reports/:year/docx': ['public', (i) => `/agencies/${i.a}/reports/${i.year}/docx`],
  'GET /agencies/:agencyId/reports/:year/pdf': ['public', (i) => `/agencies/${i.a}/reports/${i.year}/pdf`],
  'GET /disclosure/:indexNumber{.+}': ['public', (i) => `/disclosure/${encodeURIComponent(i.indexNumber)}`],
  'GET /policies': ['public', () => '/policies'],
  'GET /search': ['public', () => '/search?q=%E5%85%AC%E5%BC%80'],
  'GET /sitemap.xml': ['public', () => '/sitemap.xml'],
  'GET /sitemaps/:name': ['public', () => '/sitemaps/pages.xml'],
  'GET /receipt': ['applicant', () => '/receipt'],
  'GET /status': ['public', () => '/status'],
  'POST /status': ['visitor', () => '/status'],
  'POST /status/forget': ['visitor', () => '/status/forget'],
  'GET /status/cases/:caseId': ['applicant', (i) => `/status/cases/${i.caseId}`],
  'GET /status/cases/:caseId/attachments/:attachmentId': [
    'applicant',
    (i) => `/status/cases/${i.caseId}/attachments/${i.attachmentId}`,
  ],
  'GET /status/cases/:caseId/letters/:letterId': [
    'applicant',
    (i) => `/status/cases/${i.caseId}/letters/${i.letterId}`,
  ],
  'POST /status/cases/:caseId/correction': ['applicant', (i) => `/status/cases/${i.caseId}/correction`],
  'POST /status/cases/:caseId/withdraw': ['applicant', (i) => `/status/cases/${i.caseId}/withdraw`],

  'GET /console': ['staff', () => '/console'],
  'GET /console/intake': ['staff', () => '/console/intake'],
  'POST /console/intake': ['staff', () => '/console/intake'],
  'GET /console/cases/:id': ['staffA', (i) => `/console/cases/${i.caseId}`],
  'POST /console/cases/:id/:action': ['staffA', (i) => `/console/cases/${i.caseId}/correction`],
  'GET /console/cases/:id/attachments/:attachmentId': [
    'staffA',
    (i) => `/console/cases/${i.caseId}/attachments/${i.attachmentId}`,
  ],
  'GET /console/cases/:id/letters/:letterId': [
    'staffA',
    (i) => `/console/cases/${i.caseId}/letters/${i.letterId}`,
  ],
  'GET /console/disclosure': ['staff', () => '/console/disclosure'],
  'GET /console/disclosure/new': ['staff', () => '/console/disclosure/new'],
  'POST /console/disclosure/new': ['staff', () => '/console/disclosure/new'],
  'GET /console/disclosure/guide': ['staff', () => '/console/disclosure/guide'],
  'POST /console/disclosure/guide': ['staff', () => '/console/disclosure/guide'],
  'GET /console/disclosure/settings': ['staff', () => '/console/disclosure/settings'],
  'POST /console/disclosure/settings': ['staff', () => '/console/disclosure/settings'],
  'GET /console/disclosure/:id{[0-9]+}': ['staffA', (i) => `/console/disclosure/${i.itemId}`],
  'POST /console/disclosure/:id{[0-9]+}/:action': [
    'staffA',
    (i) => `/console/disclosure/${i.itemId}/unpublish`,
  ],
  'GET /console/disclosure/:id{[0-9]+}/attachments/:aid{[0-9]+}': [
    'staffA',
    (i) => `/console/disclosure/${i.itemId}/attachments/${i.itemAttachmentId}`,
  ],
  'GET /console/disclosure/:id{[0-9]+}/edit': ['staffA', (i) => `/console/disclosure/${i.itemId}/edit`],
  'POST /console/disclosure/:id{[0-9]+}/edit': ['staffA', (i) => `/console/disclosure/${i.itemId}/edit`],
  'GET /console/disclosure/:id{[0-9]+}/preview': ['staffA', (i) => `/console/disclosure/${i.itemId}/preview`],
  'GET /console/reports': ['staff', () => '/console/reports'],
  'GET /console/reports/:agencyId/:year': ['staffA', (i) => `/console/reports/${i.a}/${i.year}`],
  'GET /console/reports/:agencyId/:year/cells/:row/:col': [
    'staffA',
    (i) => `/console/reports/${i.a}/${i.year}/cells/R3_1/c1`,
  ],
  'GET /console/reports/:agencyId/:year/t2/:cell': [
    'staffA',
    (i) => `/console/reports/${i.a}/${i.year}/t2/a20_1.${T2_ROW_OF_KIND.normativeDoc}.issued`,
  ],
  'GET /console/reports/:agencyId/:year/t4/:key': [
    'staffA',
    (i) => `/console/reports/${i.a}/${i.year}/t4/review.upheld`,
  ],
  'GET /console/reports/:agencyId/:year/export.docx': [
    'staffA',
    (i) => `/console/reports/${i.a}/${i.year}/export.docx`,
  ],
  'GET /console/reports/:agencyId/:year/export.html': [
    'staffA',
    (i) => `/console/reports/${i.a}/${i.year}/export.html`,
  ],
  'GET /console/reports/:agencyId/:year/export.pdf': [
    'staffA',
    (i) => `/console/reports/${i.a}/${i.year}/export.pdf`,
  ],
  'GET /console/reports/:agencyId/:year/export.txt': [
    'staffA',
    (i) => `/console/reports/${i.a}/${i.year}/export.txt`,
  ],
  'POST /console/reports/:agencyId/:year/inputs': [
    'staffA',
    (i) => `/console/reports/${i.a}/${i.year}/inputs`,
  ],
  'POST /console/reports/:agencyId/:year/sections': [
    'staffA',
    (i) => `/console/reports/${i.a}/${i.year}/sections`,
  ],
  'POST /console/reports/:agencyId/:year/workflow/:action': [
    'staffA',
    (i) => `/console/reports/${i.a}/${i.year}/workflow/submit`,
  ],

  'GET /api/openapi.json': ['apiPublic', () => '/api/openapi.json'],
  'GET /api/agencies': ['apiPublic', () => '/api/agencies'],
  'GET /api/disclosures': ['apiPublic', () => '/api/disclosures'],
  'POST /api/applications': ['apiPublic', () => '/api/applications'],
  'POST /api/applications/lookup': ['apiPublic', () => '/api/applications/lookup'],
  'GET /api/session': ['apiStaff', () => '/api/session'],
  'GET /api/cases': ['apiStaff', () => '/api/cases'],
  'GET /api/cases/:id': ['apiStaff', (i) => `/api/cases/${i.caseId}`],
  'POST /api/cases/:id/events': ['apiStaff', (i) => `/api/cases/${i.caseId}/events`],
  'GET /api/reports/:agencyId/:year': ['apiStaff', (i) => `/api/reports/${i.a}/${i.year}`],
};

/** Fingerprinted assets (their names change with their content). */
export const isAsset = (path: string) => /\.[0-9a-f]{12}\.(css|js)$/.test(path);

export function servedRoutes(t: TestApp): string[] {
  const out = new Set<string>();
  for (const r of t.app.routes) {
    if (r.method === 'ALL' || r.path.endsWith('*')) continue;
    out.add(`${r.method} ${r.path}`);
  }
  return [...out].sort();
}

export async function login(c: Client, username: string) {
  await c.get('/login');
  const r = await c.post('/login', { username, password: 'correct horse 1' });
  assert.equal(r.res.status, 303, `login ${username}`);
  await c.get('/console'); // the page's CSRF token
}

export async function fixture(t: TestApp) {
  await t.store.db
    .updateTable('agency')
    .set({ credit_code: '11341702486344515H' })
    .where('id', '=', t.agencyId)
    .execute();
  await addStaff(t.store, t.agencyId, 'clerkA', 'clerk');
  await addStaff(t.store, t.otherAgencyId, 'clerkB', 'clerk');
  await addStaff(t.store, t.governmentId, 'sup', 'supervisor');

  const applicant = new Client(t.app);
  await applicant.get(`/agencies/${t.agencyId}/apply`);
  const filed = await applicant.post(`/agencies/${t.agencyId}/apply`, {
    ...validForm,
    attachments: tinyPdf(),
  });
  assert.equal(filed.res.status, 303);
  const kase = await t.store.db
    .selectFrom('application_case')
    .select('id')
    .where('agency_id', '=', t.agencyId)
    .executeTakeFirstOrThrow();
  const caseId = Number(kase.id);
  const letter = await t.store.db
    .selectFrom('case_letter')
    .select('id')
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  const file = await t.store.db
    .selectFrom('attachment')
    .select('id')
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();

  const on = '2026-02-27';
  const draft = ev('drafted', on, actors.clerk, {
    fields: fields({ formedOn: on, category: 'art20.1', policyKind: 'normativeDoc', validity: 'valid' }),
  }) as unknown as DraftInput;
  const item = await createItem(t.store, t.agencyId, draft, deps);
  await appendItemEvents(t.store, item.id, approveAndPublish(on), deps);
  const row = await t.store.db
    .selectFrom('disclosure_public')
    .select(['index_number'])
    .where('id', '=', item.id)
    .executeTakeFirstOrThrow();
  const ids: Ids = {
    a: t.agencyId,
    b: t.otherAgencyId,
    caseId,
    letterId: Number(letter.id),
    attachmentId: Number(file.id),
    itemId: item.id,
    itemAttachmentId: 999_999, // no attachment: a missing id answers 404 to everyone alike
    indexNumber: row.index_number,
    year: 2026,
  };
  return { ids, applicant };
}
