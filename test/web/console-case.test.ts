/**
 * What the clerk sees of a case besides its state: each event's details in the timeline (the
 * correction items, what the applicant supplied online, the reply's outcome and grounds) and the
 * files the applicant uploaded, downloadable by staff of the agency only (404 for another agency).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { eventDetail } from '../../src/cases/eventDetail.ts';
import { refuseInserts } from '../helpers/faults.ts';
import { describeStores } from '../helpers/stores.ts';
import { addStaff, Client, openApp, textOf, tinyPdf, validForm } from './helpers.ts';

async function login(c: Client, username: string) {
  await c.get('/login');
  const r = await c.post('/login', { username, password: 'correct horse 1' });
  assert.equal(r.res.status, 303, `login ${username}`);
}

it('eventDetail: the fields of each event type in Chinese, unknown fields left out', () => {
  assert.deepEqual(eventDetail('correctionRequested', { items: ['文号', '时间范围'], dueWorkingDays: 15 }), [
    '补正事项：文号；时间范围',
    '补正期限：15个工作日',
  ]);
  assert.deepEqual(eventDetail('replied', { outcome: 'partlyDisclosed', grounds: '条例第十五条' }), [
    '答复结果：部分公开',
    '理由和依据：条例第十五条',
  ]);
  assert.deepEqual(eventDetail('consultationAnswered', { name: '某公司', opinion: 'objection' }), [
    '征求对象：某公司',
    '意见：不同意公开',
  ]);
  assert.deepEqual(eventDetail('feeNoticeSent', { method: 'perPage', pages: 500, amountYuan: 90 }), [
    '收费方式：按量计收',
    '页数：500',
    '金额：90元',
  ]);
  assert.deepEqual(eventDetail('received', { anything: 'x' }), []);
  assert.deepEqual(eventDetail('replied', { outcome: 'noSuchOutcome', grounds: '  ' }), []);
});

describeStores('console case page', (f) => {
  it('shows what the applicant corrected online and lets staff of the agency download the uploads', async () => {
    const t = await openApp(f);
    await addStaff(t.store, t.agencyId, 'clerkA', 'clerk');
    await addStaff(t.store, t.otherAgencyId, 'clerkB', 'clerk');

    const applicant = new Client(t.app);
    await applicant.get(`/agencies/${t.agencyId}/apply`);
    const filed = await applicant.post(`/agencies/${t.agencyId}/apply`, {
      ...validForm,
      attachments: tinyPdf(),
    });
    assert.equal(filed.res.status, 303);
    const caseId = Number(
      (
        await t.store.db
          .selectFrom('application_case')
          .select('id')
          .where('agency_id', '=', t.agencyId)
          .executeTakeFirstOrThrow()
      ).id,
    );

    const clerk = new Client(t.app);
    await login(clerk, 'clerkA');
    await clerk.get(`/console/cases/${caseId}`);
    const asked = await clerk.post(`/console/cases/${caseId}/correction`, {
      items: '请写明文件的文号',
      dueWorkingDays: '10',
      confirm: '1',
    });
    assert.equal(asked.res.status, 303);

    await applicant.get(`/status/cases/${caseId}`);
    const corrected = await applicant.post(`/status/cases/${caseId}/correction`, {
      supplement: '建字第2025-017号规划许可证',
    });
    assert.equal(corrected.res.status, 303);

    const page = await clerk.get(`/console/cases/${caseId}`);
    const text = textOf(page.html);
    assert.match(text, /补正事项：请写明文件的文号/);
    assert.match(text, /补正期限：10个工作日/);
    assert.match(text, /补正内容：建字第2025-017号规划许可证/);
    const link = /href="(\/console\/cases\/\d+\/attachments\/(\d+))"/.exec(page.html);
    assert.ok(link, 'a download link for the uploaded file');
    assert.match(text, /身份证明\.pdf\s*（申请材料/);
    const file = await clerk.get(link[1]!);
    assert.equal(file.res.status, 200);
    assert.equal(file.res.headers.get('content-type'), 'application/pdf');
    assert.deepEqual(Buffer.from(await file.res.arrayBuffer()), Buffer.from(await tinyPdf().arrayBuffer()));

    // another agency's clerk: the case and its files do not exist for them
    const other = new Client(t.app);
    await login(other, 'clerkB');
    assert.equal((await other.get(`/console/cases/${caseId}`)).res.status, 404);
    assert.equal((await other.get(link[1]!)).res.status, 404);
    // an attachment id of another case under this case's URL is 404 too
    assert.equal(
      (await clerk.get(`/console/cases/${caseId}/attachments/${Number(link[2]) + 999}`)).res.status,
      404,
    );
  });

  it('a reply whose letter cannot be stored writes nothing: no event, no letter, no audit entry', async () => {
    const t = await openApp(f);
    await addStaff(t.store, t.agencyId, 'clerkA', 'clerk');
    const applicant = new Client(t.app);
    await applicant.get(`/agencies/${t.agencyId}/apply`);
    assert.equal((await applicant.post(`/agencies/${t.agencyId}/apply`, validForm)).res.status, 303);
    const caseId = Number(
      (await t.store.db.selectFrom('application_case').select('id').executeTakeFirstOrThrow()).id,
    );
    // the database refuses every new letter (as a full disk or a lost connection would)
    await refuseInserts(t.store, 'case_letter');
    const count = async (table: 'case_event' | 'case_letter' | 'audit_log') =>
      Number(
        (
          await t.store.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const clerk = new Client(t.app);
    await login(clerk, 'clerkA'); // (signing in is audited too)
    await clerk.get(`/console/cases/${caseId}`);
    const before = [await count('case_event'), await count('case_letter'), await count('audit_log')];
    const original = console.error;
    console.error = () => {}; // the 500 is logged on purpose
    try {
      const r = await clerk.post(`/console/cases/${caseId}/reply`, {
        outcome: 'disclosed',
        providedContent: '规划许可证',
        confirm: '1',
      });
      assert.equal(r.res.status, 500);
    } finally {
      console.error = original;
    }
    assert.deepEqual(
      [await count('case_event'), await count('case_letter'), await count('audit_log')],
      before,
    );
    const status = await t.store.db
      .selectFrom('application_case')
      .select('status')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    assert.notEqual(status.status, 'replied');
  });
});
