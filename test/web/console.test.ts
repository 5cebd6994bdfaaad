/**
 * The staff console over app.request() on both databases: the inbox limited to the user's agencies
 * (urgency label, filters), the case page (404 outside scope), the actions with their confirmation
 * step, the office head's extension, the reply with its letter on the applicant's status page,
 * CSRF on every console POST, and the role × route authorization table.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Role } from '../../src/store/agencies.ts';
import { describeStores } from '../helpers/stores.ts';
import { addStaff, Client, openApp, type TestApp, textOf, validForm } from './helpers.ts';

const PASSWORD = 'correct horse 1';

async function login(c: Client, username: string) {
  await c.get('/login');
  const r = await c.post('/login', { username, password: PASSWORD });
  assert.equal(r.res.status, 303, `login ${username}`);
  return r;
}

/** Files an application through the portal; returns the case id and the applicant's browser. */
async function submit(t: TestApp, agencyId = t.agencyId, form: Record<string, string> = validForm) {
  const applicant = new Client(t.app);
  await applicant.get(`/agencies/${agencyId}/apply`);
  const r = await applicant.post(`/agencies/${agencyId}/apply`, form);
  assert.equal(r.res.status, 303);
  const row = await t.store.db
    .selectFrom('application_case')
    .select(['id'])
    .where('agency_id', '=', agencyId)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return { caseId: Number(row.id), applicant };
}

const ACTION_FIELDS: Record<string, Record<string, string>> = {
  correction: { items: '请明确所需信息的文号\n请明确时间范围', dueWorkingDays: '15' },
  consultation: { party: 'thirdParty', name: '某房地产开发有限公司' },
  extension: { days: '20', reason: '需要调取档案，工作量较大' },
  fee: { method: 'perPage', pages: '500' },
  reply: {
    outcome: 'partlyDisclosed',
    providedContent: '处罚决定书正文',
    withheldContent: '当事人身份证号码',
    grounds: '涉及个人隐私（条例第十五条）',
  },
};

describeStores('staff console', (f) => {
  it('inbox: a clerk sees the own agency’s open cases with days left and urgency label, never another agency’s', async () => {
    const t = await openApp(f);
    await addStaff(t.store, t.agencyId, 'clerkA', 'clerk');
    const own = await submit(t);
    const other = await submit(t, t.otherAgencyId);
    const c = new Client(t.app);
    const r = await login(c, 'clerkA');
    assert.equal(r.res.headers.get('location'), '/console');
    const inbox = await c.get('/console');
    assert.equal(inbox.res.status, 200);
    assert.match(inbox.html, new RegExp(`href="/console/cases/${own.caseId}"`));
    assert.doesNotMatch(inbox.html, new RegExp(`href="/console/cases/${other.caseId}"`));
    const text = textOf(inbox.html);
    assert.match(text, /剩余\d+个工作日/);
    assert.match(text, /期限充裕/);
    assert.match(inbox.html, /urgency-later/);
    assert.match(inbox.html, /<link rel="stylesheet" href="\/console\/console\.[0-9a-f]+\.css"/);
    // filters: overdue only (none yet), status, applicant type
    assert.doesNotMatch((await c.get('/console?overdue=1')).html, /href="\/console\/cases\//);
    assert.match(
      (await c.get('/console?status=open&applicantType=naturalPerson')).html,
      /href="\/console\/cases\//,
    );
    assert.doesNotMatch((await c.get('/console?applicantType=commercial')).html, /href="\/console\/cases\//);
    // overdue after the due date (2026-03-30)
    t.clock.now = new Date('2026-04-02T02:00:00Z');
    await login(c, 'clerkA'); // the session expired meanwhile
    const late = await c.get('/console?overdue=1');
    assert.match(late.html, new RegExp(`href="/console/cases/${own.caseId}"`));
    assert.match(textOf(late.html), /已逾期/);
    assert.match(textOf(late.html), /逾期\d+个工作日/);
    // the case page: own agency 200, other agency 404
    const page = await c.get(`/console/cases/${own.caseId}`);
    assert.equal(page.res.status, 200);
    const pt = textOf(page.html);
    for (const s of [
      '张三',
      '收到申请',
      '期限计算说明',
      '登记回执',
      '告知补正',
      '条例第三十条',
      '第三十二条',
    ])
      assert.ok(pt.includes(s), s);
    assert.doesNotMatch(pt, /延期答复（|条例第三十三条第二款：/);
    assert.equal((await c.get(`/console/cases/${other.caseId}`)).res.status, 404);
    assert.equal((await c.get('/console/cases/999999')).res.status, 404);
    assert.equal((await c.get('/console/cases/abc')).res.status, 404);
  });

  it('actions need the confirmation; a refused event shows the rule (400) and writes nothing', async () => {
    const t = await openApp(f);
    await addStaff(t.store, t.agencyId, 'clerkA', 'clerk');
    const { caseId } = await submit(t);
    const c = new Client(t.app);
    await login(c, 'clerkA');
    await c.get(`/console/cases/${caseId}`);
    const count = async () =>
      (await t.store.db.selectFrom('case_event').selectAll().where('case_id', '=', caseId).execute()).length;
    const before = await count();
    const unconfirmed = await c.post(`/console/cases/${caseId}/correction`, ACTION_FIELDS.correction!);
    assert.equal(unconfirmed.res.status, 400);
    assert.match(textOf(unconfirmed.html), /请勾选确认/);
    assert.equal(await count(), before);
    const ok = await c.post(`/console/cases/${caseId}/correction`, {
      ...ACTION_FIELDS.correction!,
      confirm: '1',
    });
    assert.equal(ok.res.status, 303);
    const page = await c.follow(ok);
    assert.match(textOf(page.html), /待补正/);
    assert.equal(await count(), before + 1);
    // the correction notice is one-time (条例第三十条): a second is refused with the rule's message
    const again = await c.post(`/console/cases/${caseId}/correction`, {
      ...ACTION_FIELDS.correction!,
      confirm: '1',
    });
    assert.equal(again.res.status, 400);
    assert.match(textOf(again.html), /补正/);
    assert.equal(await count(), before + 1);
  });

  it('supervisor reads but cannot act; the extension is for the office head only', async () => {
    const t = await openApp(f);
    await addStaff(t.store, t.agencyId, 'clerkA', 'clerk');
    await addStaff(t.store, t.agencyId, 'headA', 'officeHead');
    await addStaff(t.store, t.governmentId, 'sup', 'supervisor');
    const { caseId } = await submit(t);
    const sup = new Client(t.app);
    await login(sup, 'sup');
    const page = await sup.get(`/console/cases/${caseId}`);
    assert.equal(page.res.status, 200);
    assert.match(textOf(page.html), /只能查看/);
    assert.doesNotMatch(page.html, /action="\/console\/cases\/\d+\/\w+"/);
    assert.equal(
      (
        await sup.post(`/console/cases/${caseId}/consultation`, {
          ...ACTION_FIELDS.consultation!,
          confirm: '1',
        })
      ).res.status,
      403,
    );

    const clerk = new Client(t.app);
    await login(clerk, 'clerkA');
    await clerk.get(`/console/cases/${caseId}`);
    const refused = await clerk.post(`/console/cases/${caseId}/extension`, {
      ...ACTION_FIELDS.extension!,
      confirm: '1',
    });
    assert.equal(refused.res.status, 403);
    assert.match(textOf(refused.html), /第三十三条/);

    const head = new Client(t.app);
    await login(head, 'headA');
    const hp = await head.get(`/console/cases/${caseId}`);
    assert.match(hp.html, new RegExp(`action="/console/cases/${caseId}/extension"`));
    const ok = await head.post(`/console/cases/${caseId}/extension`, {
      ...ACTION_FIELDS.extension!,
      confirm: '1',
    });
    assert.equal(ok.res.status, 303, textOf(ok.html).slice(0, 300));
    const row = await t.store.db
      .selectFrom('application_case')
      .selectAll()
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    assert.equal(row.due_on, '2026-04-28');
    const ev = await t.store.db
      .selectFrom('case_event')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('type', '=', 'extensionApproved')
      .execute();
    assert.equal(ev.length, 1);
    assert.equal(ev[0]!.actor_role, 'officeHead');
  });

  it('reply with 部分公开 records the event and issues the reply letter with review-first wording, shown to the applicant', async () => {
    const t = await openApp(f);
    await addStaff(t.store, t.agencyId, 'clerkA', 'clerk');
    const { caseId, applicant } = await submit(t);
    const c = new Client(t.app);
    await login(c, 'clerkA');
    await c.get(`/console/cases/${caseId}`);
    const r = await c.post(`/console/cases/${caseId}/reply`, { ...ACTION_FIELDS.reply!, confirm: '1' });
    assert.equal(r.res.status, 303, textOf(r.html).slice(0, 400));
    const ev = await t.store.db
      .selectFrom('case_event')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('type', '=', 'replied')
      .execute();
    assert.equal(ev.length, 1);
    assert.equal(JSON.parse(ev[0]!.payload).outcome, 'partlyDisclosed');
    const letters = await t.store.db
      .selectFrom('case_letter')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('kind', '=', 'reply:partlyDisclosed')
      .execute();
    assert.equal(letters.length, 1);
    const letter = JSON.parse(letters[0]!.rendered) as { paragraphs: string[]; remedy: string };
    const body = letter.paragraphs.join('\n');
    assert.match(body, /行政复议/);
    assert.match(letter.remedy, /应当先申请行政复议/);
    assert.doesNotMatch(letter.remedy, /六个月/);
    assert.match(body, /当事人身份证号码/);
    // the console shows it, and the download works
    const page = await c.follow(r);
    assert.match(textOf(page.html), /已答复/);
    assert.match(page.html, new RegExp(`href="/console/cases/${caseId}/letters/${letters[0]!.id}"`));
    const dl = await t.app.request(`/console/cases/${caseId}/letters/${letters[0]!.id}`, {
      headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    assert.equal(dl.status, 200);
    // the applicant's status page lists the reply letter
    const status = await applicant.get(`/status/cases/${caseId}`);
    assert.equal(status.res.status, 200);
    assert.match(textOf(status.html), /政府信息公开申请答复书/);
    // a closed case offers only a new handling after a review decision (reopened)
    assert.deepEqual(
      [...page.html.matchAll(/action="\/console\/cases\/\d+\/(\w+)"/g)].map((m) => m[1]),
      ['reopen'],
    );
  });

  it('requires the CSRF token on every console POST', async () => {
    const t = await openApp(f);
    await addStaff(t.store, t.agencyId, 'headA', 'officeHead');
    const { caseId } = await submit(t);
    const c = new Client(t.app);
    await login(c, 'headA');
    await c.get(`/console/cases/${caseId}`);
    for (const [action, fields] of Object.entries(ACTION_FIELDS)) {
      const none = await c.post(
        `/console/cases/${caseId}/${action}`,
        { ...fields, confirm: '1' },
        { csrf: null },
      );
      assert.equal(none.res.status, 403, action);
      const wrong = await c.post(
        `/console/cases/${caseId}/${action}`,
        { ...fields, confirm: '1' },
        { csrf: 'x'.repeat(43) },
      );
      assert.equal(wrong.res.status, 403, action);
    }
    const events = await t.store.db
      .selectFrom('case_event')
      .selectAll()
      .where('case_id', '=', caseId)
      .execute();
    assert.ok(events.every((e) => ['received', 'receiptConfirmed'].includes(e.type)));
  });

  it('authorization table: each role × each console route', async () => {
    const t = await openApp(f);
    const roles: Role[] = ['clerk', 'sectionHead', 'officeHead', 'leader', 'supervisor', 'admin'];
    for (const role of roles)
      await addStaff(
        t.store,
        role === 'supervisor' || role === 'admin' ? t.governmentId : t.agencyId,
        role,
        role,
      );
    const actions = Object.keys(ACTION_FIELDS);
    /** allow = the role passes the access check (the state machine may still refuse: 400). */
    const expected = (role: Role, route: string): boolean => {
      if (route === 'GET /console' || route === 'GET /console/cases/:id') return true;
      if (route === 'POST extension') return role === 'officeHead';
      return role !== 'supervisor';
    };
    const seen: string[] = [];
    for (const role of roles) {
      const c = new Client(t.app);
      await login(c, role);
      const check = (route: string, status: number) => {
        const allowed = status !== 403 && status !== 404 && status !== 401;
        seen.push(`${role} ${route} ${status}`);
        assert.equal(allowed, expected(role, route), `${role} ${route}: ${status}`);
      };
      check('GET /console', (await c.get('/console')).res.status);
      for (const action of actions) {
        const { caseId } = await submit(t);
        check('GET /console/cases/:id', (await c.get(`/console/cases/${caseId}`)).res.status);
        const r = await c.post(`/console/cases/${caseId}/${action}`, {
          ...ACTION_FIELDS[action]!,
          confirm: '1',
        });
        check(`POST ${action}`, r.res.status);
        if (expected(role, `POST ${action}`) && action !== 'fee')
          assert.equal(r.res.status, 303, `${role} ${action}`);
      }
    }
    assert.equal(seen.length, roles.length * (1 + actions.length * 2));
    // without a session: GET goes to the login page, POST is refused
    const anon = new Client(t.app);
    const g = await anon.get('/console');
    assert.equal(g.res.status, 303);
    assert.match(g.res.headers.get('location')!, /^\/login\?next=%2Fconsole/);
  });
});
