/**
 * The authorization table for EVERY route the app serves. The routes are read from the app itself
 * (Hono's route list), so a new route that is not classified here fails the first test.
 *
 * Each route has a kind, and the kind says who gets what (agency A owns the records; agency B's
 * clerk must never see them; a supervisor of the government above A reads but never acts):
 *
 *   asset       static files                     anyone 200
 *   public      portal pages and feeds           anyone 200 (or a redirect they are meant to follow)
 *   visitor     public forms (POST)              anyone; never 401
 *   applicant   a case's status pages            only the browser that filed or looked the case up
 *   staff       console pages of one's own work  anonymous → login (GET) / 401 (POST); B's clerk 200
 *   staffA      console pages on A's records     anonymous → login / 401; B's clerk 404; A's clerk
 *                                                200; supervisor's POST 403
 *   apiPublic   public JSON                      anyone; never 401
 *   apiStaff    staff JSON on A's records        anonymous 401; B's clerk 404; A's clerk 200
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { T2_ROW_OF_KIND } from '../../src/disclosure/library.ts';
import {
  appendItemEvents,
  createItem,
  type DraftInput,
  saveDisclosureAttachment,
} from '../../src/store/disclosure.ts';
import { actors, approveAndPublish, deps, ev, fields } from '../disclosure/helpers.ts';
import { describeStores } from '../helpers/stores.ts';
import { addStaff, Client, openApp, type TestApp, tinyPdf, validForm } from './helpers.ts';

type Kind = 'asset' | 'public' | 'visitor' | 'applicant' | 'staff' | 'staffA' | 'apiPublic' | 'apiStaff';

interface Ids {
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
const TABLE: Record<string, [Kind, (i: Ids) => string]> = {
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
const isAsset = (path: string) => /\.[0-9a-f]{12}\.(css|js)$/.test(path);

function servedRoutes(t: TestApp): string[] {
  const out = new Set<string>();
  for (const r of t.app.routes) {
    if (r.method === 'ALL' || r.path.endsWith('*')) continue;
    out.add(`${r.method} ${r.path}`);
  }
  return [...out].sort();
}

async function login(c: Client, username: string) {
  await c.get('/login');
  const r = await c.post('/login', { username, password: 'correct horse 1' });
  assert.equal(r.res.status, 303, `login ${username}`);
  await c.get('/console'); // the page's CSRF token
}

async function fixture(t: TestApp) {
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
  void saveDisclosureAttachment; // item attachments: a missing id answers 404 to everyone alike
  const ids: Ids = {
    a: t.agencyId,
    b: t.otherAgencyId,
    caseId,
    letterId: Number(letter.id),
    attachmentId: Number(file.id),
    itemId: item.id,
    itemAttachmentId: 999_999,
    indexNumber: row.index_number,
    year: 2026,
  };
  return { ids, applicant };
}

const loginPath = (r: Response) => r.headers.get('location') ?? '';

describeStores('authorization of every route', (f) => {
  it('every route the app serves is classified here, and every classified route is served', async () => {
    const t = await openApp(f);
    const served = servedRoutes(t).filter((k) => !isAsset(k.split(' ')[1]!));
    assert.deepEqual(
      served.filter((k) => !(k in TABLE)),
      [],
      'routes without an authorization rule in test/web/routes.test.ts',
    );
    assert.deepEqual(
      Object.keys(TABLE).filter((k) => !served.includes(k)),
      [],
      'classified routes the app does not serve',
    );
  });

  it('anonymous visitors, another agency’s clerk, the supervisor and the own clerk get what their role allows', async () => {
    const t = await openApp(f);
    const { ids, applicant } = await fixture(t);
    const anon = new Client(t.app, '198.51.100.1');
    await anon.get('/login'); // a visitor's double-submit CSRF token, so POSTs reach the route
    const clerkA = new Client(t.app, '198.51.100.2');
    await login(clerkA, 'clerkA');
    const clerkB = new Client(t.app, '198.51.100.3');
    await login(clerkB, 'clerkB');
    const sup = new Client(t.app, '198.51.100.4');
    await login(sup, 'sup');

    const problems: string[] = [];
    const expect = (what: string, status: number, ok: boolean) => {
      if (!ok) problems.push(`${what}: ${status}`);
    };

    const request = async (c: Client, method: string, url: string, api: boolean): Promise<Response> => {
      if (method === 'GET') return (await c.get(url, api ? { accept: 'application/json' } : {})).res;
      if (api)
        return t.app.request(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-csrf-token': c.csrf,
            'x-forwarded-for': c.ip,
            cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          },
          body: '{}',
        });
      return (await c.post(url, {})).res;
    };

    for (const [key, [kind, make]] of Object.entries(TABLE)) {
      const [method, pattern] = key.split(' ') as [string, string];
      if (pattern === '/logout' || pattern === '/login') continue; // sign-in and out change the clients
      const url = make(ids);
      const api = kind === 'apiPublic' || kind === 'apiStaff';
      const r = await request(anon, method, url, api);
      const s = r.status;
      switch (kind) {
        case 'asset':
        case 'public':
          if (method === 'GET')
            expect(
              `${key} anonymous`,
              s,
              s === 200 ||
                s === 301 ||
                (s === 204 && pattern === '/favicon.ico') ||
                s === 404 /* unpublished report */,
            );
          break;
        case 'visitor':
        case 'apiPublic':
          expect(`${key} anonymous`, s, s !== 401 && s !== 403 && s < 500);
          break;
        case 'applicant': {
          expect(`${key} anonymous`, s, s !== 200 && s !== 303 ? true : loginPath(r).startsWith('/status'));
          if (method === 'GET') {
            const own = (await applicant.get(url)).res.status;
            expect(`${key} the applicant`, own, own === 200);
          }
          break;
        }
        case 'staff':
        case 'staffA': {
          if (method === 'GET')
            expect(`${key} anonymous`, s, s === 303 && loginPath(r).startsWith('/login?next='));
          else expect(`${key} anonymous`, s, s === 401);
          const b = (await request(clerkB, method, url, false)).status;
          if (kind === 'staffA') {
            expect(`${key} clerk of agency B`, b, b === 404);
            if (method === 'GET') {
              const a = (await request(clerkA, method, url, false)).status;
              const missing = /attachments\/999999$/.test(url) || /export\.pdf$/.test(url);
              expect(`${key} clerk of agency A`, a, a === 200 || (missing && (a === 404 || a === 503)));
            } else {
              const v = (await request(sup, method, url, false)).status;
              expect(`${key} supervisor (reads only)`, v, v === 403);
            }
          } else if (method === 'GET') expect(`${key} clerk of agency B`, b, b === 200);
          break;
        }
        case 'apiStaff': {
          expect(`${key} anonymous`, s, s === 401);
          if (/\/api\/(cases\/|reports\/)/.test(url)) {
            const b = (await request(clerkB, method, url, true)).status;
            expect(`${key} clerk of agency B`, b, b === 404);
          }
          if (method === 'GET') {
            const a = (await request(clerkA, method, url, true)).status;
            expect(`${key} clerk of agency A`, a, a === 200);
          }
          break;
        }
      }
    }
    assert.deepEqual(problems, []);
  });
});
