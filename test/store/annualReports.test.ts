/**
 * The annual report editor's store on both databases: the workflow's refusals (each naming its
 * rule), optimistic concurrency, table 二 inputs all-or-nothing, publication freezing the report,
 * corrections after publication, and the append-only event list.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createCalendar } from '../../src/calendar/calendar.ts';
import { chineseDaysYears } from '../../src/calendar/seed.ts';
import {
  actionsAllowed,
  deadlineText,
  publicationDeadline,
  transition,
  WorkflowError,
} from '../../src/report/workflow.ts';
import { createAgency } from '../../src/store/agencies.ts';
import {
  type Actor,
  assembleReport,
  loadAnnualReport,
  publishedSnapshot,
  publishedYears,
  ReportConflictError,
  reportEvents,
  saveSections,
  saveTable2Inputs,
  Table2InputErrors,
  transitionReport,
} from '../../src/store/annualReports.ts';
import { appendCaseEvent, createCase } from '../../src/store/cases.ts';
import type { Store } from '../../src/store/db.ts';
import { setTable2Zero } from '../../src/store/reportInputs.ts';
import { describeStores } from '../helpers/stores.ts';

const deps = { calendar: createCalendar(chineseDaysYears()) };
const at = (d: string) => `${d}T10:00:00+08:00`;
const clerk: Actor = { id: 'staff:1', role: 'clerk', name: '李承办' };
const head: Actor = { id: 'staff:2', role: 'officeHead', name: '王主任' };
const supervisor: Actor = { id: 'staff:3', role: 'supervisor', name: '周主任' };

const application = {
  applicant: {
    type: 'naturalPerson',
    name: '张三',
    idDocument: { type: 'residentIdCard', number: '11010519491231002X' },
  },
  contact: { phone: '13800138000', email: 'zhangsan@example.com' },
  information: { description: '2025年度本局行政处罚决定书' },
  form: 'electronic',
  delivery: 'email',
  channel: 'inPerson',
};

const SECTIONS = {
  overview: '2025年，本局认真贯彻落实《中华人民共和国政府信息公开条例》。',
  problems: '存在问题：公开内容不够全面。改进情况：加强培训。',
  other: '2025年度未收取信息处理费。',
};

async function repliedCase(s: Store, agencyId: number, on: string, outcome = 'partlyDisclosed') {
  const c = await createCase(
    s,
    agencyId,
    application,
    { on, at: at(on), actor: { id: 'u', role: 'clerk' } },
    deps,
  );
  const reply = deps.calendar.addWorkingDays(on, 5);
  await appendCaseEvent(
    s,
    c.id,
    { type: 'replied', on: reply, at: at(reply), actor: { id: 'u', role: 'clerk' }, outcome },
    deps,
  );
  return c;
}

const refusedWith = (rule: string) => (e: unknown) => {
  assert.ok(e instanceof WorkflowError, String(e));
  assert.equal(e.rule, rule);
  assert.match(e.message, new RegExp(rule));
  return true;
};

it('the pure workflow refuses invalid transitions, naming the rule', () => {
  const draft = { status: 'draft' as const, publishedVersion: 0 };
  assert.throws(() => transition(draft, { action: 'approve', role: 'officeHead' }), refusedWith('AR-03'));
  assert.throws(() => transition(draft, { action: 'publish', role: 'officeHead' }), refusedWith('AR-05'));
  assert.throws(
    () => transition(draft, { action: 'submit', role: 'clerk', sections: {} }),
    refusedWith('AR-08'),
  );
  assert.throws(
    () => transition(draft, { action: 'submit', role: 'supervisor', sections: SECTIONS }),
    refusedWith('AR-09'),
  );
  const submitted = transition(draft, { action: 'submit', role: 'clerk', sections: SECTIONS });
  assert.equal(submitted.status, 'submitted');
  assert.throws(() => transition(submitted, { action: 'approve', role: 'clerk' }), refusedWith('AR-09'));
  assert.throws(() => transition(submitted, { action: 'return', role: 'officeHead' }), refusedWith('AR-04'));
  const approved = transition(submitted, { action: 'approve', role: 'officeHead' });
  const error = {
    ruleId: 'T3-01',
    severity: 'error' as const,
    status: 'fail' as const,
    message: '勾稽关系不符',
    cells: [],
  };
  const late = { ...error, ruleId: 'E-12', message: '晚于期限' };
  const warning = { ...error, ruleId: 'E-17', severity: 'warning' as const };
  assert.throws(
    () => transition(approved, { action: 'publish', role: 'officeHead', findings: [error] }),
    refusedWith('AR-06'),
  );
  const published = transition(approved, {
    action: 'publish',
    role: 'officeHead',
    findings: [late, warning],
  });
  assert.deepEqual(published, { status: 'published', publishedVersion: 1 });
  assert.throws(() => transition(published, { action: 'reopen', role: 'officeHead' }), refusedWith('AR-07'));
  assert.deepEqual(actionsAllowed(published, 'officeHead'), ['reopen']);
  assert.deepEqual(actionsAllowed(published, 'clerk'), []);
  assert.deepEqual(actionsAllowed(draft, 'supervisor'), []);
});

it('publication deadlines follow 条例第四十九条 by the kind of agency', () => {
  const dept = publicationDeadline('department', 2025);
  assert.equal(dept.date, '2026-01-31');
  assert.equal(dept.rule, 'PUB-01');
  assert.equal(publicationDeadline('government', 2025).date, '2026-03-31');
  assert.equal(publicationDeadline('township', 2025).date, null);
  assert.equal(deadlineText(dept, '2026-01-21', null), '还有10天');
  assert.equal(deadlineText(dept, '2026-01-31', null), '今天截止');
  assert.equal(deadlineText(dept, '2026-02-03', null), '已逾期3天');
  assert.equal(deadlineText(dept, '2026-05-01', '2026-01-30'), '按期发布');
  assert.equal(deadlineText(dept, '2026-05-01', '2026-02-02'), '逾期2天发布');
});

describeStores('annual reports in the database', (f) => {
  it('runs draft → submitted → approved → published, freezes the published report and records every step', async () => {
    const s = await f.open();
    const agencyId = await createAgency(s.db, { name: '某区住房和城乡建设局', kind: 'department' });
    await setTable2Zero(s.db, agencyId, 2025, 'test');
    await repliedCase(s, agencyId, '2025-03-03');

    const blank = await loadAnnualReport(s.db, agencyId, 2025);
    assert.equal(blank.id, null);
    assert.equal(blank.revision, 0);
    // submitting an empty report is refused and creates nothing visible but the attempt
    await assert.rejects(transitionReport(s.db, agencyId, 2025, 0, 'submit', clerk), refusedWith('AR-08'));
    assert.equal((await loadAnnualReport(s.db, agencyId, 2025)).id, null, 'a refused change writes nothing');

    let r = await saveSections(s.db, agencyId, 2025, 0, SECTIONS, clerk);
    assert.equal(r.revision, 1);
    assert.equal(r.sections.overview, SECTIONS.overview);
    await assert.rejects(saveSections(s.db, agencyId, 2025, 1, SECTIONS, supervisor), refusedWith('AR-09'));
    r = await transitionReport(s.db, agencyId, 2025, r.revision, 'submit', clerk);
    assert.equal(r.status, 'submitted');
    // submitted: no edits (AR-01), clerk cannot approve (AR-09), return needs a comment (AR-04)
    await assert.rejects(
      saveSections(s.db, agencyId, 2025, r.revision, { other: 'x' }, clerk),
      refusedWith('AR-01'),
    );
    await assert.rejects(
      transitionReport(s.db, agencyId, 2025, r.revision, 'approve', clerk),
      refusedWith('AR-09'),
    );
    await assert.rejects(
      transitionReport(s.db, agencyId, 2025, r.revision, 'return', head),
      refusedWith('AR-04'),
    );
    r = await transitionReport(s.db, agencyId, 2025, r.revision, 'return', head, {
      comment: '请补充主动公开情况',
    });
    assert.equal(r.status, 'draft');
    r = await saveSections(
      s.db,
      agencyId,
      2025,
      r.revision,
      { proactive: '本年主动公开政府信息120条。' },
      clerk,
    );
    r = await transitionReport(s.db, agencyId, 2025, r.revision, 'submit', clerk);
    await assert.rejects(
      transitionReport(s.db, agencyId, 2025, r.revision, 'publish', head),
      refusedWith('AR-05'),
    );
    r = await transitionReport(s.db, agencyId, 2025, r.revision, 'approve', head);
    r = await transitionReport(s.db, agencyId, 2025, r.revision, 'publish', head, {
      at: '2026-01-20T02:00:00Z',
    });
    assert.equal(r.status, 'published');
    assert.equal(r.publishedOn, '2026-01-20');
    assert.equal(r.publishedBy, '王主任');
    assert.equal(r.publishedVersion, 1);
    assert.deepEqual(await publishedYears(s.db, agencyId), [
      { year: 2025, publishedOn: '2026-01-20', publishedVersion: 1 },
    ]);

    const frozen = await publishedSnapshot(s.db, agencyId, 2025);
    assert.ok(frozen);
    assert.equal(frozen.table3.rows.R3_2!.cells.c1!.value, 1);
    assert.deepEqual(frozen.sections.find((x) => x.key === 'proactive')!.paragraphs, [
      '本年主动公开政府信息120条。',
    ]);
    // a case recorded afterwards changes the live compilation, not the published report
    await repliedCase(s, agencyId, '2025-06-02', 'disclosed');
    assert.equal((await assembleReport(s.db, r)).table3.rows.R1!.cells.c7!.value, 2);
    assert.deepEqual(await publishedSnapshot(s.db, agencyId, 2025), frozen);

    // a correction: reason required; the old version stays public until the new one is published
    await assert.rejects(
      transitionReport(s.db, agencyId, 2025, r.revision, 'reopen', head),
      refusedWith('AR-07'),
    );
    r = await transitionReport(s.db, agencyId, 2025, r.revision, 'reopen', head, {
      comment: '补记一件漏登的申请',
    });
    assert.equal(r.status, 'draft');
    assert.deepEqual(await publishedSnapshot(s.db, agencyId, 2025), frozen);
    r = await transitionReport(s.db, agencyId, 2025, r.revision, 'submit', clerk);
    r = await transitionReport(s.db, agencyId, 2025, r.revision, 'approve', head);
    r = await transitionReport(s.db, agencyId, 2025, r.revision, 'publish', head, {
      at: '2026-02-03T02:00:00Z',
    });
    assert.equal(r.publishedVersion, 2);
    assert.equal((await publishedSnapshot(s.db, agencyId, 2025))!.table3.rows.R1!.cells.c7!.value, 2);

    const events = await reportEvents(s.db, r.id!);
    assert.deepEqual(
      events.map((e) => e.type),
      [
        'created',
        'sectionsSaved',
        'submitted',
        'returned',
        'sectionsSaved',
        'submitted',
        'approved',
        'published',
        'reopened',
        'submitted',
        'approved',
        'published',
      ],
    );
    assert.deepEqual(
      events.map((e) => e.seq),
      events.map((_, i) => i + 1),
    );
    const ret = events.find((e) => e.type === 'returned')!;
    assert.equal(ret.comment, '请补充主动公开情况');
    assert.equal(ret.actorName, '王主任');
    assert.deepEqual(events[1]!.payload.sections, SECTIONS);
    const late = events.filter((e) => e.type === 'published').map((e) => e.payload.late);
    assert.equal(late[0], null);
    assert.match(String(late[1]), /晚于期限2026-01-31/);
    // append-only on both databases
    await assert.rejects(s.db.updateTable('annual_report_event').set({ comment: 'x' }).execute(), /只能追加/);
    await assert.rejects(s.db.deleteFrom('annual_report_event').execute(), /只能追加/);
    await s.close();
  });

  it('refuses a stale form (optimistic concurrency) and keeps the newer text', async () => {
    const s = await f.open();
    const agencyId = await createAgency(s.db, { name: '某区教育局', kind: 'department' });
    await saveSections(s.db, agencyId, 2025, 0, { overview: '甲的版本' }, clerk);
    // a second form opened before the first save still says revision 0
    await assert.rejects(
      saveSections(s.db, agencyId, 2025, 0, { overview: '乙的版本' }, head),
      (e: unknown) => {
        assert.ok(e instanceof ReportConflictError);
        assert.equal(e.current.sections.overview, '甲的版本');
        assert.match(e.message, /没有保存/);
        return true;
      },
    );
    assert.equal((await loadAnnualReport(s.db, agencyId, 2025)).sections.overview, '甲的版本');
    await assert.rejects(transitionReport(s.db, agencyId, 2025, 7, 'submit', clerk), ReportConflictError);
    await s.close();
  });

  it('checks every table 二 input first and writes none when one is wrong', async () => {
    const s = await f.open();
    const agencyId = await createAgency(s.db, { name: '某区教育局', kind: 'department' });
    await assert.rejects(
      saveTable2Inputs(
        s.db,
        agencyId,
        2025,
        0,
        { 'a20_5.licensing.decisions': '12', 'a20_6.penalty.decisions': '-1', 'a20_8.fees.amount': '十万' },
        clerk,
      ),
      (e: unknown) => {
        assert.ok(e instanceof Table2InputErrors);
        assert.deepEqual(Object.keys(e.errors).sort(), ['a20_6.penalty.decisions', 'a20_8.fees.amount']);
        assert.match(e.errors['a20_6.penalty.decisions']!, /行政处罚.*不小于0的整数/);
        assert.match(e.errors['a20_8.fees.amount']!, /应填写数字/);
        return true;
      },
    );
    assert.equal((await s.db.selectFrom('report_input').selectAll().execute()).length, 0);
    const r = await saveTable2Inputs(
      s.db,
      agencyId,
      2025,
      0,
      { 'a20_5.licensing.decisions': '12', 'a20_8.fees.amount': '1.5' },
      clerk,
    );
    const rows = await s.db.selectFrom('report_input').selectAll().orderBy('cell').execute();
    assert.deepEqual(
      rows.map((x) => [x.cell, x.value, x.entered_by]),
      [
        ['a20_5.licensing.decisions', '12', 'staff:1'],
        ['a20_8.fees.amount', '1.5', 'staff:1'],
      ],
    );
    const ev = (await reportEvents(s.db, r.id!)).find((e) => e.type === 'inputsSaved')!;
    assert.deepEqual(ev.payload.cells, {
      'a20_5.licensing.decisions': { from: null, to: '12' },
      'a20_8.fees.amount': { from: null, to: '1.5' },
    });
    await s.close();
  });
});
