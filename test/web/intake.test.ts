/**
 * Staff intake (/console/intake) and the remaining case actions, on both databases: the receipt
 * date of Art. 31 per channel and the deadline counted from it in working days, validation in
 * Chinese by field with nothing written, agency scope (404) and supervisors (403), and each new
 * action: its event, its line in the timeline, its audit entry, and the state machine's refusal
 * (400, nothing written) in the wrong state.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { describeStores } from '../helpers/stores.ts';
import { addStaff, Client, calendar, openApp, type TestApp, textOf, tinyPdf, validForm } from './helpers.ts';

const PASSWORD = 'correct horse 1';
const TODAY = '2026-03-02'; // T0, a Monday

async function login(c: Client, username: string) {
  await c.get('/login');
  const r = await c.post('/login', { username, password: PASSWORD });
  assert.equal(r.res.status, 303, `login ${username}`);
}

async function staff(
  t: TestApp,
  username: string,
  role: Parameters<typeof addStaff>[3],
  agencyId = t.agencyId,
) {
  await addStaff(t.store, agencyId, username, role);
  const c = new Client(t.app);
  await login(c, username);
  return c;
}

const caseRow = (t: TestApp, id: number) =>
  t.store.db.selectFrom('application_case').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const counts = async (t: TestApp) => ({
  cases: (await t.store.db.selectFrom('application_case').select('id').execute()).length,
  events: (await t.store.db.selectFrom('case_event').select('id').execute()).length,
  audit: (
    await t.store.db.selectFrom('audit_log').select('id').where('entity', '=', 'application_case').execute()
  ).length,
  attachments: (await t.store.db.selectFrom('attachment').select('id').execute()).length,
});

const eventTypes = async (t: TestApp, caseId: number) =>
  (
    await t.store.db
      .selectFrom('case_event')
      .select('type')
      .where('case_id', '=', caseId)
      .orderBy('seq')
      .execute()
  ).map((e) => e.type);

/** Registers an application through the intake form; returns the new case id and the page after the redirect. */
async function intake(t: TestApp, c: Client, fields: Record<string, string | File>) {
  await c.get('/console/intake');
  const r = await c.post('/console/intake', { ...validForm, agencyId: String(t.agencyId), ...fields });
  assert.equal(r.res.status, 303, textOf(r.html).slice(0, 600));
  const loc = r.res.headers.get('location')!;
  const m = /^\/console\/cases\/(\d+)$/.exec(loc);
  assert.ok(m, loc);
  return { caseId: Number(m[1]), page: await c.follow(r) };
}

/** Posts a case action from the case page (with the confirmation). */
async function act(c: Client, caseId: number, action: string, fields: Record<string, string> = {}) {
  await c.get(`/console/cases/${caseId}`);
  return c.post(`/console/cases/${caseId}/${action}`, { ...fields, confirm: '1' });
}

describeStores('staff intake', (f) => {
  it('sets the receipt date by Art. 31 per channel, and the deadline follows in working days', async () => {
    const t = await openApp(f);
    const c = await staff(t, 'clerkA', 'clerk');
    const cases: Record<string, { received: string | null; status: string }> = {
      // 当面提交: the day handed in (today)
      inPerson: { received: TODAY, status: 'open' },
      // 邮寄（需签收）: the signed-for date, not the day of registration
      registeredPost: { received: '2026-02-26', status: 'open' },
      // 平常信函 confirmed the day it arrived: the confirmation date
      ordinaryLetter: { received: '2026-02-27', status: 'open' },
      // 传真: the day both sides confirmed, not the day it arrived
      fax: { received: '2026-02-27', status: 'open' },
      // 互联网渠道 (e-mail): the confirmation date
      online: { received: TODAY, status: 'open' },
    };
    const dates: Record<string, Record<string, string>> = {
      inPerson: { arrivedOn: TODAY },
      registeredPost: { arrivedOn: '2026-02-26' },
      ordinaryLetter: { arrivedOn: '2026-02-27', confirmedOn: '2026-02-27', confirmMeans: '电话确认' },
      fax: { arrivedOn: '2026-02-26', confirmedOn: '2026-02-27' },
      online: { arrivedOn: '2026-02-27', confirmedOn: TODAY },
    };
    for (const [channel, want] of Object.entries(cases)) {
      const { caseId, page } = await intake(t, c, { channel, ...dates[channel]! });
      const row = await caseRow(t, caseId);
      assert.equal(row.channel, channel);
      assert.equal(row.received_on, want.received, channel);
      assert.equal(row.status, want.status, channel);
      // 20 working days counted from the day after the receipt date (holidays and make-up days)
      const due = calendar.addWorkingDays(want.received!, 20);
      assert.equal(row.due_on, due, channel);
      assert.equal(calendar.countWorkingDays(want.received!, row.due_on!), 20);
      // the flash gives the applicant's number and query code; the case page can be printed
      const text = textOf(page.html);
      assert.ok(text.includes(`登记编号：${row.number}`), channel);
      assert.ok(text.includes(`查询码：${row.query_code}`), channel);
      assert.match(page.html, /print-button/);
      // the arrival is recorded by the staff member, with the confirmation when there is one
      const events = await t.store.db
        .selectFrom('case_event')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('seq')
        .execute();
      assert.equal(events[0]!.type, 'received');
      assert.equal(events[0]!.occurred_on, dates[channel]!.arrivedOn);
      assert.equal(events[0]!.actor_role, 'clerk');
      if (dates[channel]!.confirmedOn) {
        assert.equal(events[1]!.type, 'receiptConfirmed');
        assert.equal(events[1]!.occurred_on, dates[channel]!.confirmedOn);
      } else assert.equal(events.length, 1);
      // the 登记回执 is issued with the receipt date
      const receipt = await t.store.db
        .selectFrom('case_letter')
        .selectAll()
        .where('case_id', '=', caseId)
        .where('kind', '=', 'receipt')
        .execute();
      assert.equal(receipt.length, 1, channel);
      assert.ok(receipt[0]!.rendered.includes(want.received!.slice(0, 4)));
      // audited
      const audit = await t.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity', '=', 'application_case')
        .where('entity_id', '=', String(caseId))
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['registered'],
      );
      assert.equal(JSON.parse(audit[0]!.detail).channel, channel);
    }
  });

  it('a plain letter not yet confirmed waits; “确认收到申请” on the case page starts the clock from the confirmation', async () => {
    const t = await openApp(f);
    const c = await staff(t, 'clerkA', 'clerk');
    const { caseId, page } = await intake(t, c, {
      channel: 'ordinaryLetter',
      arrivedOn: '2026-02-27',
      attachments: tinyPdf(),
    });
    let row = await caseRow(t, caseId);
    assert.equal(row.status, 'awaitingConfirmation');
    assert.equal(row.received_on, null);
    assert.equal(row.due_on, null);
    assert.match(textOf(page.html), /待确认/);
    assert.match(page.html, new RegExp(`action="/console/cases/${caseId}/confirm"`));
    // the scanned attachment is stored with the case, under the data directory
    const att = await t.store.db.selectFrom('attachment').selectAll().where('case_id', '=', caseId).execute();
    assert.equal(att.length, 1);
    assert.equal(att[0]!.purpose, 'application');
    assert.equal(att[0]!.media_type, 'application/pdf');
    assert.ok(readdirSync(join(t.dataDir, 'attachments', att[0]!.storage_key.slice(0, 2))).length >= 1);
    // nothing can be done before the confirmation: the state machine says why
    const early = await act(c, caseId, 'correction', { items: '请明确文号', dueWorkingDays: '10' });
    assert.equal(early.res.status, 400);
    assert.match(textOf(early.html), /须先与申请人确认收到日期/);
    // confirmation on the next working day
    const ok = await act(c, caseId, 'confirm', { on: TODAY, means: '电话确认' });
    assert.equal(ok.res.status, 303, textOf(ok.html).slice(0, 500));
    row = await caseRow(t, caseId);
    assert.equal(row.received_on, TODAY);
    assert.equal(row.due_on, calendar.addWorkingDays(TODAY, 20));
    const after = await c.follow(ok);
    assert.match(textOf(after.html), /确认收到申请/);
    // the confirmation late for a plain letter is flagged (not refused)
    assert.match(textOf(after.html), /平常信函应于收到当日与申请人确认/);
    // the receipt letter is issued now that the receipt date is known
    assert.equal(
      (
        await t.store.db
          .selectFrom('case_letter')
          .select('id')
          .where('case_id', '=', caseId)
          .where('kind', '=', 'receipt')
          .execute()
      ).length,
      1,
    );
    // a second confirmation is refused by the machine, nothing written
    const before = await counts(t);
    const again = await act(c, caseId, 'confirm', { on: TODAY });
    assert.equal(again.res.status, 400);
    assert.match(textOf(again.html), /已于2026-03-02确认收到申请日期/);
    assert.deepEqual(await counts(t), before);
  });

  it('answers invalid input with Chinese messages by field (400) and writes nothing', async () => {
    const t = await openApp(f);
    const c = await staff(t, 'clerkA', 'clerk');
    await c.get('/console/intake');
    const before = await counts(t);
    const files = () => readdirSync(t.dataDir).length;
    const filesBefore = files();
    const bad = async (fields: Record<string, string | File>) => {
      const r = await c.post('/console/intake', { ...validForm, agencyId: String(t.agencyId), ...fields });
      assert.equal(r.res.status, 400);
      return r;
    };
    const expectField = (html: string, field: string, message: RegExp) => {
      const m = new RegExp(`<p class="error-message" id="f-${field}-error">(.*?)</p>`).exec(html);
      assert.ok(m, `no error next to ${field}`);
      assert.match(textOf(m[1]!), message);
      assert.match(html, new RegExp(`id="f-${field}"[^>]*aria-invalid="true"`));
    };
    let r = await bad({ channel: 'registeredPost', arrivedOn: '2026-03-03' });
    expectField(r.html, 'arrivedOn', /收到日期：不能晚于今天（2026-03-02）/);
    r = await bad({ channel: 'inPerson', arrivedOn: '1999-12-31' });
    expectField(r.html, 'arrivedOn', /收到日期：早于工作日日历的起始日期/);
    r = await bad({ channel: 'fax', arrivedOn: '2026-02-27', confirmedOn: '2026-02-26' });
    expectField(r.html, 'confirmedOn', /确认日期：不能早于收到日期（2026-02-27）/);
    r = await bad({ channel: 'fax', arrivedOn: '2026-02-27', confirmedOn: '2026-03-05' });
    expectField(r.html, 'confirmedOn', /确认日期：不能晚于今天/);
    r = await bad({ channel: 'inPerson', arrivedOn: TODAY, confirmedOn: TODAY });
    expectField(r.html, 'confirmedOn', /当面提交的申请以提交之日为收到申请之日，无需确认/);
    r = await bad({ channel: 'inPerson', arrivedOn: '2026-02-30' });
    expectField(r.html, 'arrivedOn', /收到日期：须为有效日期/);
    r = await bad({ arrivedOn: '' });
    assert.match(textOf(r.html), /提交方式：必填/);
    expectField(r.html, 'arrivedOn', /收到日期：必填/);
    r = await bad({ channel: 'pigeon', arrivedOn: TODAY });
    assert.match(textOf(r.html), /提交方式：须为当面提交、邮寄（需签收）、平常信函、互联网渠道、传真之一/);
    // the Art. 29 fields are checked as on the portal, each message next to its field, values kept
    r = await bad({ channel: 'inPerson', arrivedOn: TODAY, personName: '', idNumber: '110105194912310021' });
    expectField(r.html, 'personName', /申请人姓名：必填/);
    expectField(r.html, 'idNumber', /身份证明号码：不是有效的居民身份证号码/);
    assert.match(r.html, /id="f-idNumber" name="idNumber" value="110105194912310021"/);
    assert.match(r.html, /id="f-channel-inPerson" name="channel" value="inPerson" checked/);
    assert.match(r.html, /<h2 id="error-summary-title">/);
    // a file that is not a PDF, JPEG, PNG or DOCX
    r = await bad({
      channel: 'inPerson',
      arrivedOn: TODAY,
      attachments: new File([Buffer.from('MZ\x90\x00')], '扫描件.pdf', { type: 'application/pdf' }),
    });
    expectField(r.html, 'attachments', /只能上传/);
    assert.deepEqual(await counts(t), before);
    assert.equal(files(), filesBefore);
  });

  it('registers only for agencies in scope (404 otherwise); supervisors cannot register (403); an admin chooses among all', async () => {
    const t = await openApp(f);
    const clerk = await staff(t, 'clerkA', 'clerk');
    const page = await clerk.get('/console/intake');
    assert.equal(page.res.status, 200);
    assert.match(page.html, new RegExp(`<option value="${t.agencyId}"`));
    assert.doesNotMatch(page.html, new RegExp(`<option value="${t.otherAgencyId}"`));
    const before = await counts(t);
    const other = await clerk.post('/console/intake', {
      ...validForm,
      agencyId: String(t.otherAgencyId),
      channel: 'inPerson',
      arrivedOn: TODAY,
    });
    assert.equal(other.res.status, 404);
    assert.deepEqual(await counts(t), before);

    const sup = await staff(t, 'sup', 'supervisor', t.governmentId);
    assert.equal((await sup.get('/console/intake')).res.status, 403);
    await sup.get('/console');
    const sp = await sup.post('/console/intake', {
      ...validForm,
      agencyId: String(t.agencyId),
      channel: 'inPerson',
      arrivedOn: TODAY,
    });
    assert.equal(sp.res.status, 403);
    assert.deepEqual(await counts(t), before);

    const admin = await staff(t, 'admin', 'admin', t.governmentId);
    const ap = await admin.get('/console/intake');
    for (const id of [t.agencyId, t.otherAgencyId, t.governmentId])
      assert.match(ap.html, new RegExp(`<option value="${id}"`));
    const { caseId } = await intake(t, admin, {
      agencyId: String(t.otherAgencyId),
      channel: 'inPerson',
      arrivedOn: TODAY,
    });
    assert.equal((await caseRow(t, caseId)).agency_id, t.otherAgencyId);
    // the clerk of the first agency cannot see it
    assert.equal((await clerk.get(`/console/cases/${caseId}`)).res.status, 404);
    // without a session
    const anon = new Client(t.app);
    assert.equal((await anon.get('/console/intake')).res.status, 303);
  });
});

describeStores('remaining case actions', (f) => {
  /** A new in-person case registered today by the clerk. */
  const newCase = async (t: TestApp, c: Client) =>
    (await intake(t, c, { channel: 'inPerson', arrivedOn: TODAY })).caseId;

  /** Checks: the event recorded, the timeline line, the audit entry. */
  async function recorded(t: TestApp, c: Client, caseId: number, type: string, label: string, n = 1) {
    assert.equal((await eventTypes(t, caseId)).filter((x) => x === type).length, n, type);
    const page = await c.get(`/console/cases/${caseId}`);
    const timeline = /<h2>办理记录<\/h2>([\s\S]*?)<\/table>/.exec(page.html)![1]!;
    assert.ok(textOf(timeline).includes(label), `${label} in the timeline`);
    const audit = await t.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'application_case')
      .where('entity_id', '=', String(caseId))
      .execute();
    assert.ok(
      audit.some((a) => a.action === `event:${type}`),
      `audit event:${type}`,
    );
    return page;
  }

  /** Posts an action expected to be refused by the state machine: 400, the message next to the form, nothing written. */
  async function refused(
    t: TestApp,
    c: Client,
    caseId: number,
    action: string,
    fields: Record<string, string>,
    message: RegExp,
  ) {
    const before = await counts(t);
    const r = await act(c, caseId, action, fields);
    assert.equal(r.res.status, 400, `${action}: ${r.res.status}`);
    const next = new RegExp(`<p class="error-message" id="f-${action}-error">(.*?)</p>`).exec(r.html);
    assert.ok(next, `${action}: the refusal next to its form`);
    assert.match(textOf(next[1]!), message);
    assert.deepEqual(await counts(t), before);
  }

  it('correction received on paper restarts the clock; correction lapsed only after the period', async () => {
    const t = await openApp(f);
    const c = await staff(t, 'clerkA', 'clerk');
    const caseId = await newCase(t, c);
    await refused(t, c, caseId, 'correctionReceived', { on: TODAY }, /本案没有待补正的告知/);
    await refused(t, c, caseId, 'correctionLapsed', {}, /本案没有待补正的告知/);
    assert.equal(
      (await act(c, caseId, 'correction', { items: '请明确文号', dueWorkingDays: '10' })).res.status,
      303,
    );
    // offered only now
    const page = await c.get(`/console/cases/${caseId}`);
    for (const a of ['correctionReceived', 'correctionLapsed'])
      assert.match(page.html, new RegExp(`action="/console/cases/${caseId}/${a}"`));
    await refused(
      t,
      c,
      caseId,
      'correctionLapsed',
      {},
      /补正期限至2026-03-16届满，届满前不能按逾期未补正处理/,
    );
    // a date in the future is refused with the machine's message, beside the form
    await refused(t, c, caseId, 'correctionReceived', { on: '2026-03-09' }, /不能晚于登记日期/);
    // field errors stand next to their field
    const badDate = await act(c, caseId, 'correctionReceived', { on: '2026-13-01' });
    assert.equal(badDate.res.status, 400);
    assert.match(badDate.html, /id="f-correctionReceived-on-error"[^>]*>.*?须为有效日期/);
    t.clock.now = new Date('2026-03-04T02:00:00Z');
    await login(c, 'clerkA');
    const ok = await act(c, caseId, 'correctionReceived', {
      on: '2026-03-04',
      supplement: '文号为某建〔2025〕12号',
    });
    assert.equal(ok.res.status, 303, textOf(ok.html).slice(0, 400));
    await recorded(t, c, caseId, 'correctionReceived', '收到补正');
    const row = await caseRow(t, caseId);
    assert.equal(row.status, 'open');
    assert.equal(row.due_on, calendar.addWorkingDays('2026-03-04', 20));

    // lapsed: a second case, after its correction period
    t.clock.now = new Date('2026-03-02T02:00:00Z');
    await login(c, 'clerkA');
    const other = await newCase(t, c);
    assert.equal(
      (await act(c, other, 'correction', { items: '请明确时间范围', dueWorkingDays: '5' })).res.status,
      303,
    );
    t.clock.now = new Date('2026-03-10T02:00:00Z'); // 5 working days after 03-02 end on 03-09
    await login(c, 'clerkA');
    const lapsed = await act(c, other, 'correctionLapsed');
    assert.equal(lapsed.res.status, 303, textOf(lapsed.html).slice(0, 400));
    await recorded(t, c, other, 'correctionLapsed', '逾期未补正');
    assert.equal((await caseRow(t, other)).status, 'closed');
  });

  it('consultation answered / lapsed, fee paid / lapsed', async () => {
    const t = await openApp(f);
    const c = await staff(t, 'clerkA', 'clerk');
    const caseId = await newCase(t, c);
    await refused(t, c, caseId, 'consultationAnswered', { opinion: 'consent' }, /本案没有正在进行的征求意见/);
    await refused(t, c, caseId, 'feePaid', { on: TODAY }, /本案没有待缴纳的信息处理费/);
    await refused(t, c, caseId, 'feeLapsed', {}, /本案没有待缴纳的信息处理费/);
    assert.equal(
      (await act(c, caseId, 'consultation', { party: 'thirdParty', name: '某房地产开发有限公司' })).res
        .status,
      303,
    );
    const page = await c.get(`/console/cases/${caseId}`);
    assert.match(page.html, /<option value="某房地产开发有限公司"/);
    await refused(
      t,
      c,
      caseId,
      'consultationLapsed',
      { name: '某房地产开发有限公司' },
      /届满前不能按逾期未答复处理/,
    );
    const bad = await act(c, caseId, 'consultationAnswered', {
      name: '某房地产开发有限公司',
      opinion: 'maybe',
    });
    assert.equal(bad.res.status, 400);
    assert.match(
      bad.html,
      /id="f-consultationAnswered-opinion-error"[^>]*>.*?意见：须为同意公开、不同意公开或其他/,
    );
    const ok = await act(c, caseId, 'consultationAnswered', {
      name: '某房地产开发有限公司',
      opinion: 'objection',
      on: TODAY,
    });
    assert.equal(ok.res.status, 303, textOf(ok.html).slice(0, 400));
    await recorded(t, c, caseId, 'consultationAnswered', '收到征求意见答复');

    // fee: notice (500 pages), then a wrong amount, then paid
    assert.equal((await act(c, caseId, 'fee', { method: 'perPage', pages: '500' })).res.status, 303);
    const notice = await t.store.db
      .selectFrom('case_event')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('type', '=', 'feeNoticeSent')
      .executeTakeFirstOrThrow();
    const amount = JSON.parse(notice.payload).amountYuan as number;
    assert.ok(amount > 0);
    await refused(
      t,
      c,
      caseId,
      'feeLapsed',
      {},
      /缴费期限至\d{4}-\d{2}-\d{2}届满，届满前不能按逾期未缴费处理/,
    );
    await refused(t, c, caseId, 'feePaid', { amountYuan: String(amount + 1) }, /与收费通知金额（\d+元）不符/);
    const paid = await act(c, caseId, 'feePaid', { amountYuan: String(amount), receiptNo: 'NO.0001' });
    assert.equal(paid.res.status, 303, textOf(paid.html).slice(0, 400));
    await recorded(t, c, caseId, 'feePaid', '缴纳信息处理费');
    assert.equal((await caseRow(t, caseId)).status, 'open');

    // consultation lapsed and fee lapsed on a second case, after their periods
    const other = await newCase(t, c);
    assert.equal(
      (await act(c, other, 'consultation', { party: 'otherAgency', name: '某区自然资源局' })).res.status,
      303,
    );
    assert.equal((await act(c, other, 'fee', { method: 'perPage', pages: '500' })).res.status, 303);
    t.clock.now = new Date('2026-04-20T02:00:00Z');
    await login(c, 'clerkA');
    const cl = await act(c, other, 'consultationLapsed', { name: '某区自然资源局' });
    assert.equal(cl.res.status, 303, textOf(cl.html).slice(0, 400));
    await recorded(t, c, other, 'consultationLapsed', '征求意见逾期未答复');
    const fl = await act(c, other, 'feeLapsed');
    assert.equal(fl.res.status, 303, textOf(fl.html).slice(0, 400));
    await recorded(t, c, other, 'feeLapsed', '逾期未缴费');
    assert.equal((await caseRow(t, other)).status, 'closed');
  });

  it('referral, withdrawal and reopening after a review decision', async () => {
    const t = await openApp(f);
    const c = await staff(t, 'clerkA', 'clerk');
    // internal referral keeps the case open; external closes it as 非本机关负责公开
    const a = await newCase(t, c);
    const bad = await act(c, a, 'referral', { scope: 'external', to: '' });
    assert.equal(bad.res.status, 400);
    assert.match(bad.html, /id="f-referral-to-error"[^>]*>.*?转办对象：必填/);
    assert.equal((await act(c, a, 'referral', { scope: 'internal', to: '法规科' })).res.status, 303);
    assert.equal((await caseRow(t, a)).status, 'open');
    assert.equal((await act(c, a, 'referral', { scope: 'external', to: '某区自然资源局' })).res.status, 303);
    await recorded(t, c, a, 'referred', '转办', 2);
    const ra = await caseRow(t, a);
    assert.equal(ra.status, 'referred');
    assert.equal(ra.outcome, 'notResponsible');
    await refused(t, c, a, 'withdrawal', {}, /本案已于2026-03-02办结（转送其他机关）/);

    // withdrawal on paper; a withdrawn case cannot be reopened
    const b = await newCase(t, c);
    await refused(
      t,
      c,
      b,
      'reopen',
      { decision: 'reconsideration', decidedOn: TODAY },
      /本案尚未办结，无需重新办理/,
    );
    const w = await act(c, b, 'withdrawal', { on: TODAY, reason: '申请人书面撤回' });
    assert.equal(w.res.status, 303);
    await recorded(t, c, b, 'withdrawn', '撤回申请');
    assert.equal((await caseRow(t, b)).status, 'withdrawn');
    await refused(
      t,
      c,
      b,
      'reopen',
      { decision: 'reconsideration', decidedOn: TODAY },
      /申请已撤回，不能重新办理/,
    );

    // reply, then a reconsideration decision orders a new reply within 15 working days
    const d = await newCase(t, c);
    const reply = await act(c, d, 'reply', {
      outcome: 'notHeld',
      grounds: '经检索，本机关未制作、获取该信息',
    });
    assert.equal(reply.res.status, 303, textOf(reply.html).slice(0, 400));
    const missing = await act(c, d, 'reopen', { decision: 'reconsideration' });
    assert.equal(missing.res.status, 400);
    assert.match(missing.html, /id="f-reopen-decidedOn-error"[^>]*>.*?决定或裁判日期：必填/);
    t.clock.now = new Date('2026-04-01T02:00:00Z');
    await login(c, 'clerkA');
    const both = await act(c, d, 'reopen', {
      decision: 'reconsideration',
      decidedOn: '2026-03-31',
      dueWorkingDays: '15',
      dueDate: '2026-04-30',
    });
    assert.equal(both.res.status, 400);
    assert.match(both.html, /id="f-reopen-dueDate-error"[^>]*>.*?截止日期与工作日数只能填一项/);
    const ro = await act(c, d, 'reopen', {
      decision: 'reconsideration',
      decidedOn: '2026-03-31',
      dueWorkingDays: '15',
    });
    assert.equal(ro.res.status, 303, textOf(ro.html).slice(0, 400));
    await recorded(t, c, d, 'reopened', '重新办理');
    const rd = await caseRow(t, d);
    assert.equal(rd.status, 'open');
    assert.equal(rd.due_on, calendar.addWorkingDays('2026-04-01', 15));
    // table 三 still counts the first conclusion
    assert.equal(rd.outcome, 'notHeld');
  });

  it('supervisors cannot take the new actions (403); CSRF is required', async () => {
    const t = await openApp(f);
    const c = await staff(t, 'clerkA', 'clerk');
    const caseId = await newCase(t, c);
    const sup = await staff(t, 'sup', 'supervisor', t.governmentId);
    await sup.get(`/console/cases/${caseId}`);
    const before = await counts(t);
    for (const action of ['confirm', 'correctionReceived', 'feePaid', 'referral', 'withdrawal', 'reopen'])
      assert.equal(
        (await sup.post(`/console/cases/${caseId}/${action}`, { confirm: '1', on: TODAY })).res.status,
        403,
        action,
      );
    assert.equal(
      (await c.post(`/console/cases/${caseId}/withdrawal`, { confirm: '1' }, { csrf: null })).res.status,
      403,
    );
    assert.equal(
      (
        await c.post(
          '/console/intake',
          { ...validForm, agencyId: String(t.agencyId), channel: 'inPerson', arrivedOn: TODAY },
          { csrf: null },
        )
      ).res.status,
      403,
    );
    assert.deepEqual(await counts(t), before);
  });
});
