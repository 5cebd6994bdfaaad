/**
 * The JSON API on both databases: the OpenAPI 3.1 document is valid (checked by an independent
 * validator) and lists exactly the routes served under /api; every response in these tests is
 * validated against its schema in the document (ajv, JSON Schema 2020-12); the application
 * endpoint gives the form's errors for the same input; lookups are throttled with the status page;
 * staff scoping (401/403/404 in JSON) and CSRF; only published 主动公开 items are found.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { appendItemEvent, appendItemEvents, createItem } from '../../src/store/disclosure.ts';
import { apiRoutes } from '../../src/web/api/index.ts';
import { ACTION_FIELDS } from '../../src/web/api/staff.ts';
import { ACTIONS } from '../../src/web/console/actions.tsx';
import { actors, approveAndPublish, CREDIT_CODE, ev, fields } from '../disclosure/helpers.ts';
import { describeStores } from '../helpers/stores.ts';
import { addStaff, Client, calendar, openApp, type TestApp, textOf, validForm } from './helpers.ts';

const PASSWORD = 'correct horse 1';
type Json = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// The document and response validation

let docCache: Json | null = null;
const validators = new Map<string, (v: unknown) => boolean>();
let ajvErrors = '';

async function documentOf(t: TestApp): Promise<Json> {
  if (docCache) return docCache;
  const res = await t.app.request('/api/openapi.json');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  docCache = (await res.json()) as Json;
  return docCache;
}

/** The document's path template that matches a concrete path ('/api/cases/12' → '/api/cases/{id}'). */
function templateOf(doc: Json, path: string): string {
  const bare = path.split('?')[0]!;
  for (const tpl of Object.keys(doc.paths as Json)) {
    const re = new RegExp(`^${tpl.replace(/\{\w+\}/g, '[^/]+')}$`);
    if (re.test(bare)) return tpl;
  }
  throw new Error(`no path in the OpenAPI document matches ${bare}`);
}

/** Validates a response body against the document's schema for (path, method, status). */
function checkAgainstDocument(doc: Json, method: string, path: string, status: number, body: unknown): void {
  const tpl = templateOf(doc, path);
  const op = (doc.paths as Record<string, Record<string, Json>>)[tpl]?.[method.toLowerCase()];
  assert.ok(op, `${method} ${tpl} is in the document`);
  const res = (op.responses as Record<string, Json>)[String(status)];
  assert.ok(res, `${method} ${tpl}: status ${status} is documented (${JSON.stringify(body).slice(0, 200)})`);
  const schema = (res.content as Record<string, { schema: Json }> | undefined)?.['application/json']?.schema;
  assert.ok(schema, `${method} ${tpl} ${status} has a JSON schema`);
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const v = ajv.compile({ ...schema, components: doc.components });
    validate = (x: unknown) => {
      const ok = v(x);
      ajvErrors = ok ? '' : ajv.errorsText(v.errors);
      return ok;
    };
    validators.set(key, validate);
  }
  assert.ok(validate(body), `${method} ${path} ${status} matches its schema: ${ajvErrors}`);
}

/** An API client: JSON in and out, cookies shared with a browser Client, every answer checked. */
class Api {
  csrf = '';
  constructor(
    public t: TestApp,
    public browser: Client,
  ) {}

  async call(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}) {
    const doc = await documentOf(this.t);
    const h: Record<string, string> = {
      'x-forwarded-for': this.browser.ip,
      accept: 'application/json',
      ...headers,
    };
    if (this.browser.cookies.size)
      h.cookie = [...this.browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) h['content-type'] ??= 'application/json';
    if (method === 'POST' && this.csrf && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf;
    const res = await this.t.app.request(path, {
      method,
      headers: h,
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    assert.match(
      res.headers.get('content-type') ?? '',
      /^application\/json/,
      `${method} ${path} answers JSON`,
    );
    const json = (await res.json()) as Json;
    checkAgainstDocument(doc, method, path, res.status, json);
    return { status: res.status, json, res };
  }

  /** Logs in through the login form and takes the CSRF token from /api/session. */
  async login(username: string) {
    await this.browser.get('/login');
    const r = await this.browser.post('/login', { username, password: PASSWORD });
    assert.equal(r.res.status, 303, `login ${username}`);
    const s = await this.call('GET', '/api/session');
    assert.equal(s.status, 200);
    this.csrf = String(s.json.csrfToken);
    return s.json;
  }
}

const api = (t: TestApp, ip?: string) => {
  const b = new Client(t.app, ip);
  return new Api(t, b);
};

/** The form's validForm as an API body. */
const validBody = (agencyId: number) => ({ agencyId, ...validForm });

/** The field errors shown by the application form page: field → message. */
function formErrors(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(
    /<p class="error-message" id="f-(\w+)-error"><span class="visually-hidden">错误：<\/span>(.*?)<\/p>/g,
  ))
    out[m[1]!] = textOf(m[2]!).trim();
  return out;
}

describeStores('JSON API', (f) => {
  it('serves a valid OpenAPI 3.1 document that lists exactly the routes served under /api', async () => {
    const t = await openApp(f);
    const doc = await documentOf(t);
    assert.equal(doc.openapi, '3.1.0');
    const validator = new Validator();
    const result = await validator.validate(doc as never);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 1)?.slice(0, 2000));
    assert.equal(validator.version, '3.1');

    // what the app serves under /api (Hono's route table) = what the document describes
    const served = new Set(
      t.app.routes
        .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(
      Object.entries(doc.paths as Record<string, Json>).flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
      ),
    );
    assert.ok(served.size >= 10, `routes served: ${[...served].join(', ')}`);
    assert.deepEqual([...served].sort(), [...documented].sort());
    // the registry of the API module agrees with both
    assert.equal(apiRoutes().routes.length, documented.size);
    // the interface: the disclosures list has total and items with these fields
    const list = (doc.components as { schemas: Record<string, Json> }).schemas.DisclosureList!;
    assert.deepEqual((list.required as string[]).filter((k) => k === 'total' || k === 'items').sort(), [
      'items',
      'total',
    ]);
    const item = (doc.components as { schemas: Record<string, Json> }).schemas.DisclosureItem!;
    for (const k of ['indexNumber', 'title', 'documentNumber', 'publishedDate'])
      assert.ok((item.required as string[]).includes(k), k);
    // errors under /api are JSON, never HTML pages
    const a = api(t);
    const nf = await t.app.request('/api/nothing-here');
    assert.equal(nf.status, 404);
    assert.deepEqual(Object.keys((await nf.json()) as Json), ['error']);
    const agencies = await a.call('GET', '/api/agencies');
    assert.equal(agencies.status, 200);
    const names = (agencies.json.items as { id: number; name: string }[]).map((x) => x.name);
    assert.deepEqual(names, ['示范区人民政府', '某区住房和城乡建设局', '某区教育局']);
  });

  it('applications: same errors as the form for the same input; a valid one gets a number and query code', async () => {
    const t = await openApp(f);
    const a = api(t);
    const bad: Record<string, string> = {
      ...validForm,
      idNumber: '110105194912310021', // wrong check digit
      phone: '',
      email: 'not-an-email',
      address: '',
      description: '短',
      form: 'hologram',
    };
    // the form
    const browser = new Client(t.app);
    await browser.get(`/agencies/${t.agencyId}/apply`);
    const page = await browser.post(`/agencies/${t.agencyId}/apply`, bad);
    assert.equal(page.res.status, 400);
    const fromForm = formErrors(page.html);
    assert.ok(Object.keys(fromForm).length >= 3, JSON.stringify(fromForm));
    // the API
    const r = await a.call('POST', '/api/applications', { agencyId: t.agencyId, ...bad });
    assert.equal(r.status, 400);
    const fromApi = Object.fromEntries(
      (r.json.errors as { field: string; message: string }[]).map((e) => [e.field, e.message]),
    );
    assert.deepEqual(fromApi, fromForm);
    // an organisation without its name and credit code: same again
    const org = {
      applicantType: 'commercial',
      phone: '010-12345678',
      description: '本局2025年的预算',
      form: 'paper',
      delivery: 'collect',
    };
    const orgPage = await browser.post(`/agencies/${t.agencyId}/apply`, org);
    const orgApi = await a.call('POST', '/api/applications', { agencyId: t.agencyId, ...org });
    assert.deepEqual(
      Object.fromEntries(
        (orgApi.json.errors as { field: string; message: string }[]).map((e) => [e.field, e.message]),
      ),
      formErrors(orgPage.html),
    );
    // nothing was written
    const none = await t.store.db.selectFrom('application_case').select('id').execute();
    assert.equal(none.length, 0);

    // what only JSON can get wrong: types, unknown fields, attachments, the agency
    const typed = await a.call('POST', '/api/applications', {
      ...validBody(t.agencyId),
      phone: 13800138000,
      nickname: 'x',
      attachments: ['a.pdf'],
    });
    assert.equal(typed.status, 400);
    const fields = (typed.json.errors as { field: string }[]).map((e) => e.field).sort();
    assert.deepEqual(fields, ['attachments', 'nickname', 'phone']);
    const noAgency = await a.call('POST', '/api/applications', { ...validBody(9999) });
    assert.deepEqual(noAgency.json.errors, [{ field: 'agencyId', message: '受理机关：没有这个机关' }]);
    const notJson = await a.call('POST', '/api/applications', '{"agencyId": 1,');
    assert.equal(notJson.status, 400);
    const formPost = await a.call('POST', '/api/applications', 'agencyId=1', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    assert.equal(formPost.status, 415);
    const crossSite = await a.call('POST', '/api/applications', validBody(t.agencyId), {
      origin: 'https://evil.example',
    });
    assert.equal(crossSite.status, 403);

    // valid: filed like the form (received today, confirmed, due in 20 working days, receipt issued)
    const ok = await a.call('POST', '/api/applications', { ...validBody(t.agencyId), needsAssistance: true });
    assert.equal(ok.status, 201, JSON.stringify(ok.json));
    assert.match(String(ok.json.number), /^2026-\d{5}$/);
    assert.match(String(ok.json.queryCode), /^[A-Z2-9]{8}$/);
    assert.equal(ok.json.receivedDate, '2026-03-02');
    assert.equal(ok.json.dueDate, calendar.addWorkingDays('2026-03-02', 20));
    const row = await t.store.db
      .selectFrom('application_case')
      .select(['id', 'intake', 'query_code'])
      .where('number', '=', String(ok.json.number))
      .executeTakeFirstOrThrow();
    assert.equal(row.query_code, ok.json.queryCode);
    assert.equal(JSON.parse(row.intake).needsAssistance, true);
    const letters = await t.store.db
      .selectFrom('case_letter')
      .select('kind')
      .where('case_id', '=', row.id)
      .execute();
    assert.deepEqual(
      letters.map((l) => l.kind),
      ['receipt'],
    );

    // the lookup shows what the status page shows
    const look = await a.call('POST', '/api/applications/lookup', {
      number: ` ${ok.json.number} `,
      code: String(ok.json.queryCode).toLowerCase(),
    });
    assert.equal(look.status, 200);
    assert.equal(look.json.status, 'open');
    assert.equal(look.json.dueDate, ok.json.dueDate);
    assert.ok((look.json.events as unknown[]).length >= 2);
    assert.equal((look.json.letters as { kind: string }[])[0]?.kind, 'receipt');
    assert.match(String(look.json.deadlineText), /20个工作日/);
  });

  it('lookups: a wrong code fails, failures are throttled together with the status page', async () => {
    const t = await openApp(f, { limits: { lookupPerAddress: 3 } });
    const a = api(t, '198.51.100.20');
    const filed = await a.call('POST', '/api/applications', validBody(t.agencyId));
    assert.equal(filed.status, 201);
    const number = String(filed.json.number);
    const missing = await a.call('POST', '/api/applications/lookup', { number, code: '' });
    assert.deepEqual(missing.json.errors, [{ field: 'code', message: '查询码：必填' }]);
    for (let i = 0; i < 2; i++) {
      const r = await a.call('POST', '/api/applications/lookup', { number, code: 'WRONG123' });
      assert.equal(r.status, 404);
      assert.match(String(r.json.error), /没有找到/);
    }
    // a third failure on the status page (same address) reaches the limit
    const browser = new Client(t.app, '198.51.100.20');
    await browser.get('/status');
    const page = await browser.post('/status', { number, code: 'WRONG456' });
    assert.equal(page.res.status, 404);
    // now even the right code is refused from this address, on both
    const blocked = await a.call('POST', '/api/applications/lookup', { number, code: filed.json.queryCode });
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.res.headers.get('retry-after')) > 0);
    assert.equal(
      (await browser.post('/status', { number, code: String(filed.json.queryCode) })).res.status,
      429,
    );
    // another address is not affected
    const other = await api(t, '198.51.100.21').call('POST', '/api/applications/lookup', {
      number,
      code: filed.json.queryCode,
    });
    assert.equal(other.status, 200);
  });

  it('staff: inbox and case scoped by agency (404 outside), 401 without a session, 403 by role, CSRF header', async () => {
    const t = await openApp(f);
    await addStaff(t.store, t.agencyId, 'clerkA', 'clerk');
    await addStaff(t.store, t.otherAgencyId, 'clerkB', 'clerk');
    await addStaff(t.store, t.agencyId, 'headA', 'officeHead');
    await addStaff(t.store, t.governmentId, 'super', 'supervisor');
    const pub = api(t);
    const mine = await pub.call('POST', '/api/applications', validBody(t.agencyId));
    const theirs = await pub.call('POST', '/api/applications', validBody(t.otherAgencyId));
    const idOf = async (n: unknown, agencyId: number) =>
      Number(
        (
          await t.store.db
            .selectFrom('application_case')
            .select('id')
            .where('number', '=', String(n))
            .where('agency_id', '=', agencyId)
            .executeTakeFirstOrThrow()
        ).id,
      );
    const caseA = await idOf(mine.json.number, t.agencyId);
    const caseB = await idOf(theirs.json.number, t.otherAgencyId);

    // no session: 401 JSON on every staff route (no redirect to the login page)
    for (const p of [
      '/api/session',
      '/api/cases',
      `/api/cases/${caseA}`,
      `/api/reports/${t.agencyId}/2026`,
    ]) {
      const r = await pub.call('GET', p);
      assert.equal(r.status, 401, p);
    }
    assert.equal((await pub.call('POST', `/api/cases/${caseA}/events`, { action: 'fee' })).status, 401);

    const b = api(t);
    await b.login('clerkB');
    // clerk of agency B: agency A's case does not exist for them
    assert.equal((await b.call('GET', `/api/cases/${caseA}`)).status, 404);
    assert.equal(
      (
        await b.call('POST', `/api/cases/${caseA}/events`, {
          action: 'consultation',
          party: 'thirdParty',
          name: 'x',
        })
      ).status,
      404,
    );
    assert.equal((await b.call('GET', `/api/reports/${t.agencyId}/2026`)).status, 404);
    const inboxB = await b.call('GET', '/api/cases');
    assert.deepEqual(
      (inboxB.json.items as { id: number }[]).map((x) => x.id),
      [caseB],
    );
    assert.equal((await b.call('GET', `/api/cases/${caseB}`)).status, 200);

    const a = api(t);
    const who = await a.login('clerkA');
    assert.equal((who.user as Json).agencyId, t.agencyId);
    const inbox = await a.call('GET', '/api/cases?status=open&applicantType=naturalPerson');
    const row = (inbox.json.items as Json[])[0]!;
    assert.equal(row.id, caseA);
    assert.equal(row.urgency, 'later');
    assert.deepEqual((await a.call('GET', '/api/cases?overdue=1')).json.items, [], 'nothing overdue yet');
    const badFilter = await a.call('GET', '/api/cases?status=done&overdue=yes');
    assert.equal(badFilter.status, 400);
    assert.deepEqual((badFilter.json.errors as { field: string }[]).map((e) => e.field).sort(), [
      'overdue',
      'status',
    ]);

    const detail = await a.call('GET', `/api/cases/${caseA}`);
    assert.equal(detail.json.status, 'open');
    assert.equal(detail.json.dueDate, mine.json.dueDate);
    assert.deepEqual(
      (detail.json.events as { type: string }[]).map((e) => e.type),
      ['received', 'receiptConfirmed'],
    );
    assert.equal(detail.json.daysLeft, 20);

    // CSRF: the session's token in X-CSRF-Token, nothing else
    const body = { action: 'consultation', party: 'thirdParty', name: '某房地产开发有限公司' };
    assert.equal(
      (await a.call('POST', `/api/cases/${caseA}/events`, body, { 'x-csrf-token': '' })).status,
      403,
    );
    assert.equal(
      (await a.call('POST', `/api/cases/${caseA}/events`, body, { 'x-csrf-token': 'x'.repeat(43) })).status,
      403,
    );
    // roles: the extension is the office head's; supervisors only read
    const ext = { action: 'extension', days: 20, reason: '需要调取档案' };
    const refused = await a.call('POST', `/api/cases/${caseA}/events`, ext);
    assert.equal(refused.status, 403);
    assert.match(String(refused.json.error), /政府信息公开工作机构负责人/);
    const sup = api(t);
    await sup.login('super');
    assert.equal((await sup.call('GET', `/api/cases/${caseA}`)).status, 200);
    assert.equal((await sup.call('POST', `/api/cases/${caseA}/events`, body)).status, 403);
    const events = await t.store.db
      .selectFrom('case_event')
      .select('id')
      .where('case_id', '=', caseA)
      .execute();
    assert.equal(events.length, 2, 'nothing was recorded by the refused requests');

    // recorded through the state machine
    const ok = await a.call('POST', `/api/cases/${caseA}/events`, body);
    assert.equal(ok.status, 201, JSON.stringify(ok.json));
    assert.equal((ok.json.case as Json).status, 'inConsultation');
    const h = api(t);
    await h.login('headA');
    const extended = await h.call('POST', `/api/cases/${caseA}/events`, ext);
    assert.equal(extended.status, 201, JSON.stringify(extended.json));
    const events2 = (extended.json.case as { events: { type: string; actorName: string | null }[] }).events;
    assert.equal(events2.at(-1)?.type, 'extensionApproved');
    assert.equal(events2.at(-1)?.actorName, '测试用户headA');
  });

  it('authorization table: role × staff route on agency A’s case and report', async () => {
    const t = await openApp(f);
    await addStaff(t.store, t.agencyId, 'clerkA', 'clerk');
    await addStaff(t.store, t.otherAgencyId, 'clerkB', 'clerk');
    await addStaff(t.store, t.agencyId, 'headA', 'officeHead');
    await addStaff(t.store, t.agencyId, 'leaderA', 'leader');
    await addStaff(t.store, t.governmentId, 'super', 'supervisor');
    await addStaff(t.store, t.governmentId, 'admin', 'admin');
    const filed = await api(t).call('POST', '/api/applications', validBody(t.agencyId));
    const caseA = Number(
      (
        await t.store.db
          .selectFrom('application_case')
          .select('id')
          .where('number', '=', String(filed.json.number))
          .executeTakeFirstOrThrow()
      ).id,
    );
    type Row = [who: string | null, read: number, consult: number, extend: number, report: number];
    const table: Row[] = [
      [null, 401, 401, 401, 401],
      ['clerkB', 404, 404, 404, 404],
      ['super', 200, 403, 403, 200],
      ['clerkA', 200, 201, 403, 200],
      ['leaderA', 200, 201, 403, 200],
      ['admin', 200, 201, 403, 200],
      ['headA', 200, 201, 201, 200],
    ];
    for (const [who, read, consult, extend, report] of table) {
      const a = api(t);
      if (who) await a.login(who);
      const label = who ?? 'anonymous';
      assert.equal((await a.call('GET', `/api/cases/${caseA}`)).status, read, `${label} reads`);
      assert.equal((await a.call('GET', '/api/cases')).status, who ? 200 : 401, `${label} inbox`);
      const c = await a.call('POST', `/api/cases/${caseA}/events`, {
        action: 'consultation',
        party: 'thirdParty',
        name: `第三方${label}`,
      });
      assert.equal(c.status, consult, `${label} consults: ${JSON.stringify(c.json)}`);
      const e = await a.call('POST', `/api/cases/${caseA}/events`, {
        action: 'extension',
        days: 10,
        reason: '工作量大',
      });
      assert.equal(e.status, extend, `${label} extends: ${JSON.stringify(e.json)}`);
      assert.equal(
        (await a.call('GET', `/api/reports/${t.agencyId}/2026`)).status,
        report,
        `${label} report`,
      );
    }
  });

  it('case events: the console’s input checks and rules; a refused event writes nothing; a reply issues its letter', async () => {
    const t = await openApp(f);
    await addStaff(t.store, t.agencyId, 'clerkA', 'clerk');
    const pub = api(t);
    const filed = await pub.call('POST', '/api/applications', validBody(t.agencyId));
    const caseId = Number(
      (
        await t.store.db
          .selectFrom('application_case')
          .select('id')
          .where('number', '=', String(filed.json.number))
          .executeTakeFirstOrThrow()
      ).id,
    );
    const a = api(t);
    await a.login('clerkA');
    const count = async () =>
      (await t.store.db.selectFrom('case_event').select('id').where('case_id', '=', caseId).execute()).length;
    const before = await count();

    // an unknown action, a field of another action, a wrong type
    const unknown = await a.call('POST', `/api/cases/${caseId}/events`, { action: 'approve' });
    assert.equal(unknown.status, 400);
    assert.equal((unknown.json.errors as { field: string }[])[0]?.field, 'action');
    const wrongField = await a.call('POST', `/api/cases/${caseId}/events`, {
      action: 'fee',
      method: 'perPage',
      days: 3,
    });
    assert.deepEqual(
      (wrongField.json.errors as { field: string }[]).map((e) => e.field),
      ['days'],
    );
    // the fee without pages: the console's own message
    const fee = await a.call('POST', `/api/cases/${caseId}/events`, { action: 'fee', method: 'perPage' });
    assert.equal(fee.status, 400);
    assert.equal(fee.json.error, '页数：按量计收须填写页数（至少1页）');
    assert.equal(fee.json.rule, 'FEE-01');
    // a correction with no items: refused by the state machine, same message as the console shows
    const corr = await a.call('POST', `/api/cases/${caseId}/events`, {
      action: 'correction',
      items: [],
      dueWorkingDays: 15,
    });
    assert.equal(corr.status, 400);
    assert.ok(corr.json.rule);
    const browser = a.browser;
    const page = await browser.get(`/console/cases/${caseId}`);
    assert.equal(page.res.status, 200);
    const consolePost = await browser.post(`/console/cases/${caseId}/correction`, {
      items: '',
      dueWorkingDays: '15',
      confirm: '1',
    });
    assert.equal(consolePost.res.status, 400);
    assert.ok(textOf(consolePost.html).includes(String(corr.json.error)), String(corr.json.error));
    assert.equal(await count(), before, 'nothing written');

    // a reply with partial disclosure: recorded, the letter issued and listed
    const reply = await a.call('POST', `/api/cases/${caseId}/events`, {
      action: 'reply',
      outcome: 'partlyDisclosed',
      providedContent: '处罚决定书正文',
      withheldContent: '当事人身份证号码',
      grounds: '涉及个人隐私（条例第十五条）',
    });
    assert.equal(reply.status, 201, JSON.stringify(reply.json));
    const c = reply.json.case as Json;
    assert.equal(c.status, 'replied');
    assert.equal(c.outcome, 'partlyDisclosed');
    assert.ok(typeof reply.json.letterId === 'number');
    assert.ok((c.letters as { id: number }[]).some((l) => l.id === reply.json.letterId));
    assert.equal(await count(), before + 1);
    // every console action is described and taken by the API (the schema cannot drift from ACTIONS)
    assert.deepEqual(Object.keys(ACTION_FIELDS).sort(), Object.keys(ACTIONS).sort());
    // nothing more can be recorded on a replied case through the API either
    const late = await a.call('POST', `/api/cases/${caseId}/events`, {
      action: 'fee',
      method: 'perPage',
      pages: 500,
    });
    assert.equal(late.status, 400);
    assert.equal(await count(), before + 1);
  });

  it('case events: the other actions too, e.g. a withdrawal in writing and a referral to another agency', async () => {
    const t = await openApp(f);
    await addStaff(t.store, t.agencyId, 'clerkA', 'clerk');
    const pub = api(t);
    const ids: number[] = [];
    for (let i = 0; i < 2; i++) {
      const filed = await pub.call('POST', '/api/applications', validBody(t.agencyId));
      const row = await t.store.db
        .selectFrom('application_case')
        .select('id')
        .where('number', '=', String(filed.json.number))
        .executeTakeFirstOrThrow();
      ids.push(Number(row.id));
    }
    const a = api(t);
    await a.login('clerkA');
    const w = await a.call('POST', `/api/cases/${ids[0]}/events`, {
      action: 'withdrawal',
      reason: '申请人书面撤回',
    });
    assert.equal(w.status, 201, JSON.stringify(w.json));
    assert.equal((w.json.case as Json).status, 'withdrawn');
    const noScope = await a.call('POST', `/api/cases/${ids[1]}/events`, {
      action: 'referral',
      to: '某区教育局',
    });
    assert.equal(noScope.status, 400);
    assert.match(String(noScope.json.error), /转办范围/);
    const r = await a.call('POST', `/api/cases/${ids[1]}/events`, {
      action: 'referral',
      scope: 'external',
      to: '某区教育局',
    });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    assert.equal((r.json.case as Json).status, 'referred');
    const inbox = await a.call('GET', '/api/cases');
    assert.deepEqual(inbox.json.items, []);
  });

  it('reports: the compiled model and the rule findings for an agency in scope; bad years are 400', async () => {
    const t = await openApp(f);
    await addStaff(t.store, t.agencyId, 'clerkA', 'clerk');
    const pub = api(t);
    for (let i = 0; i < 2; i++) await pub.call('POST', '/api/applications', validBody(t.agencyId));
    const a = api(t);
    await a.login('clerkA');
    const r = await a.call('GET', `/api/reports/${t.agencyId}/2026`);
    assert.equal(r.status, 200);
    const report = r.json.report as {
      year: number;
      agency: string;
      table3: { rows: Record<string, { cells: { raw: string }[] }> };
    };
    assert.equal(report.year, 2026);
    assert.equal(report.agency, '某区住房和城乡建设局');
    // table 三, 本年新收政府信息公开申请数量 (R1), 自然人 column: the two applications
    assert.equal(JSON.stringify(report.table3).includes('"R1"'), true);
    const findings = r.json.findings as { ruleId: string; status: string }[];
    assert.ok(findings.length > 5);
    assert.ok(findings.some((x) => x.ruleId === 'T3-01'));
    const s = r.json.summary as Record<string, number>;
    assert.equal(s.fail! + s.warn! + s.pass! + s.notAssessable!, findings.length);
    // the editor's workflow: nothing saved or published yet
    assert.equal(r.json.status, 'draft');
    assert.equal(r.json.publishedOn, null);
    assert.equal(r.json.published, null);
    // sections saved in the editor come back in the report model
    const { saveSections } = await import('../../src/store/annualReports.ts');
    await saveSections(
      t.store.db,
      t.agencyId,
      2026,
      0,
      { overview: '本年度，本局认真贯彻落实条例。' },
      { id: 'staff:test', role: 'clerk', name: '测试' },
    );
    const after = await a.call('GET', `/api/reports/${t.agencyId}/2026`);
    const sections = (after.json.report as { sections: { key: string; paragraphs: string[] }[] }).sections;
    assert.deepEqual(sections.find((x) => x.key === 'overview')?.paragraphs, [
      '本年度，本局认真贯彻落实条例。',
    ]);
    for (const bad of ['1999', '2099', '20x6'])
      assert.equal((await a.call('GET', `/api/reports/${t.agencyId}/${bad}`)).status, 400, bad);
    assert.equal((await a.call('GET', `/api/reports/999/2026`)).status, 404);
  });

  it('disclosures: only published items, paging and total; agency by id or name; Chinese 400 on bad parameters', async () => {
    const t = await openApp(f);
    const deps = { calendar };
    // the default 索引号 scheme starts with the agency's 统一社会信用代码
    await t.store.db
      .updateTable('agency')
      .set({ credit_code: CREDIT_CODE })
      .where('id', '=', t.otherAgencyId)
      .execute();
    const draft = (title: string, n: number) =>
      createItem(
        t.store,
        t.otherAgencyId,
        ev('drafted', '2026-03-02', actors.clerk, {
          fields: fields({ title, documentNumber: `某教发〔2026〕${n}号` }),
        }) as never,
        deps,
      );
    for (let i = 1; i <= 5; i++) {
      const c = await draft(`关于做好招生入学工作的通知（第${i}批）`, i);
      await appendItemEvents(t.store, c.id, approveAndPublish('2026-03-02'), deps);
    }
    const review = await draft('关于招生入学工作的补充通知', 99);
    await appendItemEvents(
      t.store,
      review.id,
      [
        ev('submitted', '2026-03-02', actors.clerk),
        ev('approved', '2026-03-02', actors.sectionHead, { step: 0 }),
        ev('approved', '2026-03-02', actors.leader, { step: 1 }),
      ],
      deps,
    );
    const a = api(t);
    const search = (qs: string) => a.call('GET', `/api/disclosures?${qs}`);

    const all = await search('q=招生入学&pageSize=2');
    assert.equal(all.status, 200);
    assert.equal(all.json.total, 5);
    assert.equal((all.json.items as unknown[]).length, 2);
    const titles = async (qs: string) =>
      ((await search(qs)).json.items as { title: string }[]).map((i) => i.title);
    const pages = [
      ...(await titles('q=招生入学&pageSize=2&page=1')),
      ...(await titles('q=招生入学&pageSize=2&page=2')),
      ...(await titles('q=招生入学&pageSize=2&page=3')),
    ];
    assert.equal(pages.length, 5);
    assert.equal(new Set(pages).size, 5);
    assert.ok(!pages.some((x) => x.includes('补充通知')), 'the item in review is not found');
    assert.equal((await search('q=补充通知')).json.total, 0);
    // the catalogue (no q) lists the published ones only
    assert.equal((await search('')).json.total, 5);
    // by agency id and by name; another agency has none
    assert.equal((await search(`q=招生&agency=${t.otherAgencyId}`)).json.total, 5);
    assert.equal((await search(`q=招生&agency=${encodeURIComponent('某区教育局')}`)).json.total, 5);
    assert.equal((await search(`q=招生&agency=${t.agencyId}`)).json.total, 0);
    const item = (all.json.items as Json[])[0]!;
    assert.match(String(item.indexNumber), /\/2026-\d{5}$/);
    assert.match(String(item.documentNumber), /某教发〔2026〕\d号/);
    assert.equal(item.publishedDate, '2026-03-02');
    assert.match(String(item.url), new RegExp(`^/agencies/${t.otherAgencyId}/disclosure/items/\\d+$`));

    // the last approval and publication: now it is found
    await appendItemEvent(
      t.store,
      review.id,
      ev('approved', '2026-03-03', actors.officeHead, { step: 2 }),
      deps,
    );
    assert.equal((await search('q=补充通知')).json.total, 0, 'approved is not yet published');
    await appendItemEvent(t.store, review.id, ev('published', '2026-03-03', actors.clerk), deps);
    const found = await search('q=补充通知');
    assert.equal(found.json.total, 1);
    assert.equal((found.json.items as Json[])[0]?.publishedDate, '2026-03-03');
    assert.equal((await search('q=招生入学')).json.total, 6);

    // bad parameters: 400 naming the parameter in Chinese
    const bad = await search(
      `page=0&pageSize=500&agency=${encodeURIComponent('不存在的局')}&q=${'字'.repeat(101)}`,
    );
    assert.equal(bad.status, 400);
    const errs = bad.json.errors as { field: string; message: string }[];
    assert.deepEqual(errs.map((e) => e.field).sort(), ['agency', 'page', 'pageSize', 'q']);
    assert.match(errs.find((e) => e.field === 'page')!.message, /^页码（page）：/);
    assert.match(errs.find((e) => e.field === 'agency')!.message, /不存在的局/);
  });
});
