/**
 * Cases in the database (both back ends): intake → events → projection → table 三, refusals with
 * the rule named, and the event list append-only. Applicant data is hand-written test data.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createCalendar } from '../../src/calendar/calendar.ts';
import { chineseDaysYears } from '../../src/calendar/seed.ts';
import { createAgency } from '../../src/store/agencies.ts';
import {
  appendCaseEvent,
  CaseInputError,
  CaseRuleError,
  caseView,
  createCase,
  rebuildProjections,
} from '../../src/store/cases.ts';
import { casesForT3Cell, compileReportFromDb } from '../../src/store/compile.ts';
import { describeStores } from '../helpers/stores.ts';

const deps = { calendar: createCalendar(chineseDaysYears()) };
const clerk = { id: 'u1', role: 'clerk' as const };
const officeHead = { id: 'u2', role: 'officeHead' as const };
const at = (d: string) => `${d}T10:00:00+08:00`;

const application = {
  applicant: {
    type: 'naturalPerson',
    name: '张三',
    idDocument: { type: 'residentIdCard', number: '11010519491231002X' },
  },
  contact: { phone: '13800138000', email: 'zhangsan@example.com' },
  information: { description: '2025年度本局行政处罚决定书（涉及某小区违建）' },
  form: 'electronic',
  delivery: 'email',
  channel: 'inPerson',
};

describeStores('cases in the database', (f) => {
  it('runs a case from intake to a partial-disclosure reply and counts it in table 三 (二)', async () => {
    const s = await f.open();
    const agencyId = await createAgency(s.db, { name: '某区住房和城乡建设局', kind: 'department' });
    const c = await createCase(
      s,
      agencyId,
      application,
      { on: '2025-09-26', at: at('2025-09-26'), actor: clerk },
      deps,
    );
    assert.equal(c.number, '2025-00001');
    assert.match(c.queryCode, /^[A-Z2-9]{8}$/);
    assert.equal(c.view.dueDate, '2025-10-30'); // spec §5.2
    await appendCaseEvent(
      s,
      c.id,
      {
        type: 'correctionRequested',
        on: '2025-09-30',
        at: at('2025-09-30'),
        actor: clerk,
        items: ['请说明所需处罚决定书的具体时间范围'],
        dueWorkingDays: 10,
      },
      deps,
    );
    let row = await s.db
      .selectFrom('application_case')
      .selectAll()
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'awaitingCorrection');
    await appendCaseEvent(
      s,
      c.id,
      { type: 'correctionReceived', on: '2025-10-09', at: at('2025-10-09'), actor: clerk },
      deps,
    );
    // an extension by a clerk is refused, naming the rule
    await assert.rejects(
      appendCaseEvent(
        s,
        c.id,
        {
          type: 'extensionApproved',
          on: '2025-10-20',
          at: at('2025-10-20'),
          actor: clerk,
          days: 20,
          reason: '需要调取档案',
          approvedBy: clerk,
        },
        deps,
      ),
      (e: unknown) => e instanceof CaseRuleError && /机构负责人/.test(e.message),
    );
    await appendCaseEvent(
      s,
      c.id,
      {
        type: 'extensionApproved',
        on: '2025-10-20',
        at: at('2025-10-20'),
        actor: clerk,
        days: 20,
        reason: '需要调取档案',
        approvedBy: officeHead,
      },
      deps,
    );
    const view = await appendCaseEvent(
      s,
      c.id,
      { type: 'replied', on: '2025-11-20', at: at('2025-11-20'), actor: clerk, outcome: 'partlyDisclosed' },
      deps,
    );
    assert.equal(view.statistics.tableRow, 'R3_2');
    row = await s.db
      .selectFrom('application_case')
      .selectAll()
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [row.status, row.received_on, row.concluded_on, row.table_row],
      [view.status, '2025-09-26', '2025-11-20', 'R3_2'],
    );
    const report = await compileReportFromDb(s.db, '某区住房和城乡建设局', 2025);
    assert.equal(report.table3.rows.R3_2!.cells.c1!.value, 1);
    assert.equal(report.table3.rows.R1!.cells.c7!.value, 1);
    assert.deepEqual(await casesForT3Cell(s.db, agencyId, 2025, 'R3_2.c1'), ['2025-00001']);
    // the events are the truth: the projection rebuilds to the same row; events cannot be altered
    await s.db.updateTable('application_case').set({ table_row: null, status: 'x' }).execute();
    await rebuildProjections(s, deps);
    const again = await s.db
      .selectFrom('application_case')
      .selectAll()
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([again.status, again.table_row], [row.status, 'R3_2']);
    await assert.rejects(s.db.deleteFrom('case_event').execute(), /只能追加/);
    assert.equal((await caseView(s, c.id, deps))?.eventCount, 5);
    await s.close();
  });

  it('rejects invalid intake with Chinese messages naming the fields, and writes nothing', async () => {
    const s = await f.open();
    const agencyId = await createAgency(s.db, { name: '某局', kind: 'department' });
    await assert.rejects(
      createCase(
        s,
        agencyId,
        { ...application, applicant: { type: 'naturalPerson', name: '' }, information: { description: '' } },
        { on: '2025-09-26', at: at('2025-09-26'), actor: clerk },
        deps,
      ),
      (e: unknown) => e instanceof CaseInputError && e.errors.some((x) => x.message.startsWith('申请人姓名')),
    );
    const n = await s.db
      .selectFrom('application_case')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 0);
    await s.close();
  });

  it('numbers cases per agency and year', async () => {
    const s = await f.open();
    const a = await createAgency(s.db, { name: '甲局', kind: 'department' });
    const b = await createAgency(s.db, { name: '乙局', kind: 'department' });
    const arrive = (on: string) => ({ on, at: at(on), actor: clerk });
    const n1 = await createCase(s, a, application, arrive('2025-03-02'), deps);
    const n2 = await createCase(s, a, application, arrive('2025-03-03'), deps);
    const n3 = await createCase(s, b, application, arrive('2025-03-03'), deps);
    const n4 = await createCase(s, a, application, arrive('2026-01-05'), deps);
    assert.deepEqual(
      [n1.number, n2.number, n3.number, n4.number],
      ['2025-00001', '2025-00002', '2025-00001', '2026-00001'],
    );
    await s.close();
  });
});
