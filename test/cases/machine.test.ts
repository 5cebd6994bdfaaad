import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCalendar } from '../../src/calendar/calendar.ts';
import { defaultCaseConfig } from '../../src/cases/config.ts';
import { joinEvent, splitEvent } from '../../src/cases/events.ts';
import { appendEvent, project, resolveOutcome } from '../../src/cases/machine.ts';
import { defaultOutcomeMapping } from '../../src/cases/outcomes.ts';
import { t3CellsOfCase } from '../../src/report/compile.ts';
import { calendar, ctx, ev, officeHead, record, refused, run, YEAR_2025 } from './helpers.ts';

const inPerson = record('inPerson');
const received = (on: string) => ev('received', on);
const extension = (on: string, extra: Record<string, unknown> = {}) =>
  ev('extensionApproved', on, { days: 20, reason: '需要调取档案', approvedBy: officeHead, ...extra });
const reply = (on: string, outcome = 'disclosed', extra: Record<string, unknown> = {}) =>
  ev('replied', on, { outcome, ...extra });

describe('receipt and the 20-working-day clock (Art. 31, 33; spec §5.2)', () => {
  const vectors: [string, string][] = [
    ['2025-09-26', '2025-10-30'],
    ['2025-01-20', '2025-02-21'],
    ['2026-02-10', '2026-03-16'],
    ['2026-09-18', '2026-10-22'],
    ['2025-12-31', '2026-01-29'],
  ];
  for (const [on, due] of vectors)
    it(`received in person ${on} → due ${due}`, () => {
      const { events } = run(inPerson, [received(on)]);
      const v = project(inPerson, events, calendar);
      assert.equal(v.status, 'open');
      assert.equal(v.receivedDate, on);
      assert.equal(v.clockStart, on);
      assert.equal(v.dueDate, due);
      assert.equal(v.deadline?.baseDays, 20);
    });

  it('explains the deadline: start, days, holidays skipped, make-up days', () => {
    const { events } = run(inPerson, [received('2025-09-26')]);
    const d = project(inPerson, events, calendar).deadline!;
    assert.equal(d.start, '2025-09-26');
    assert.equal(d.workingDaysCounted, 20);
    assert.deepEqual(d.pauses, []);
    assert.deepEqual(d.holidaysSkipped, [
      '2025-10-01',
      '2025-10-02',
      '2025-10-03',
      '2025-10-04',
      '2025-10-05',
      '2025-10-06',
      '2025-10-07',
      '2025-10-08',
    ]);
    assert.deepEqual(d.makeupWorkdays, ['2025-09-28', '2025-10-11']);
    assert.equal(
      d.text,
      '本申请的收到日期为2025-09-26（条例第三十一条）；答复期限自2025-09-26次日起算20个工作日（条例第三十三条第二款）。' +
        '期间跳过法定节假日2025-10-01至2025-10-08，2025-09-28、2025-10-11为调休上班日，计为工作日。答复期限届满日为2025-10-30。',
    );
  });

  it('registered post: the signing day is the receipt day; no confirmation step', () => {
    const rec = record('registeredPost');
    const { events } = run(rec, [received('2025-09-26')]);
    assert.equal(project(rec, events, calendar).dueDate, '2025-10-30');
    refused(
      rec,
      [received('2025-09-26')],
      ev('receiptConfirmed', '2025-09-26'),
      'CASE-05',
      '邮寄（需签收）的申请以签收之日为收到申请之日，无需确认（条例第三十一条）',
    );
  });

  for (const channel of ['online', 'fax', 'ordinaryLetter'] as const)
    it(`${channel}: the clock waits for the confirmation (CASE-05)`, () => {
      const rec = record(channel);
      const { events } = run(rec, [received('2025-09-26')]);
      const v = project(rec, events, calendar);
      assert.equal(v.status, 'awaitingConfirmation');
      assert.equal(v.receivedDate, undefined);
      assert.equal(v.dueDate, undefined);
      assert.equal(v.statistics.receivedOn, null);
      refused(
        rec,
        [received('2025-09-26')],
        ev('correctionRequested', '2025-09-29', { items: ['请明确文件名称'], dueWorkingDays: 10 }),
        'CASE-05',
        /须先与申请人确认收到日期，答复期限自确认之日起算（条例第三十一条）$/,
      );
      const after = run(rec, [
        received('2025-09-26'),
        ev('receiptConfirmed', '2025-09-29', { means: '电话确认' }),
      ]);
      const w = project(rec, after.events, calendar);
      assert.equal(w.status, 'open');
      assert.equal(w.arrivedOn, '2025-09-26');
      assert.equal(w.receivedDate, '2025-09-29');
      assert.equal(w.dueDate, '2025-11-03');
      refused(
        rec,
        [received('2025-09-26'), ev('receiptConfirmed', '2025-09-29')],
        ev('receiptConfirmed', '2025-09-30'),
        'CASE-05',
        '本案已于2025-09-29确认收到申请日期',
      );
    });

  it('a plain letter confirmed after the day it arrived is flagged, not refused (Art. 31 (三))', () => {
    const rec = record('ordinaryLetter');
    const { events } = run(rec, [received('2025-09-26'), ev('receiptConfirmed', '2025-09-29')]);
    const v = project(rec, events, calendar);
    assert.deepEqual(
      v.warnings.map((w) => w.rule),
      ['CASE-05'],
    );
    assert.match(v.warnings[0]!.message, /平常信函应于收到当日与申请人确认/);
    const online = record('online');
    const o = run(online, [received('2025-09-26'), ev('receiptConfirmed', '2025-09-29')]);
    assert.deepEqual(project(online, o.events, calendar).warnings, []);
  });

  it('the applicant may withdraw before the confirmation', () => {
    const rec = record('online');
    const { events } = run(rec, [
      received('2025-09-26'),
      ev('withdrawn', '2025-09-27', {}, { id: 'a', role: 'applicant' }),
    ]);
    const v = project(rec, events, calendar);
    assert.equal(v.status, 'withdrawn');
    assert.equal(v.tableRow, 'R3_6_3');
  });
});

describe('general event rules', () => {
  it('received first, and only once', () => {
    refused(inPerson, [], reply('2025-09-26'), 'EV-02', '须先登记收到申请');
    refused(
      inPerson,
      [received('2025-09-26')],
      received('2025-09-27'),
      'EV-02',
      '本案已于2025-09-26登记收到申请',
    );
  });

  it('events in order of their dates, never dated after their recording', () => {
    refused(
      inPerson,
      [received('2025-09-26')],
      reply('2025-09-25'),
      'EV-01',
      '事件日期（2025-09-25）早于本案上一事件的日期（2025-09-26），请按发生顺序登记',
    );
    refused(
      inPerson,
      [received('2025-09-26')],
      ev('replied', '2025-10-09', { outcome: 'disclosed' }, undefined, '2025-10-08'),
      'EV-01',
      '事件日期（2025-10-09）不能晚于登记日期（2025-10-08）',
    );
    // back-dated recording is fine: a reply of 9 Oct recorded on 10 Oct
    run(inPerson, [
      received('2025-09-26'),
      ev('replied', '2025-10-09', { outcome: 'disclosed' }, undefined, '2025-10-10'),
    ]);
  });

  it('the timestamp is read in Beijing time', () => {
    const late = { ...reply('2025-10-09'), at: '2025-10-08T16:30:00Z' }; // 00:30 on 9 Oct in Beijing
    run(inPerson, [received('2025-09-26'), late]);
  });

  it('roles: the supervisor only reads; the applicant may withdraw but not reply', () => {
    refused(
      inPerson,
      [received('2025-09-26')],
      ev('replied', '2025-09-29', { outcome: 'disclosed' }, { id: 's', role: 'supervisor' }),
      'EV-04',
      '“政府信息公开工作主管部门”无权登记“作出答复”',
    );
    refused(
      inPerson,
      [received('2025-09-26')],
      ev('replied', '2025-09-29', { outcome: 'disclosed' }, { id: 'a', role: 'applicant' }),
      'EV-04',
      '“申请人”无权登记“作出答复”',
    );
  });

  it('nothing after the conclusion except a reopening', () => {
    refused(
      inPerson,
      [received('2025-09-26'), reply('2025-10-09')],
      extension('2025-10-10'),
      'EV-03',
      '本案已于2025-10-09办结（作出答复），除经行政复议或行政诉讼后重新办理外，不能再登记事件',
    );
  });

  it('schema errors come back in Chinese, naming the field', () => {
    const r = appendEvent(
      inPerson,
      [],
      { type: 'received', on: '2025-02-29', at: 'x', actor: clerk() },
      ctx(),
    );
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.rule, 'SCHEMA');
    assert.deepEqual(
      r.errors?.map((e) => e.message),
      ['事件日期：须为有效日期（YYYY-MM-DD）', '登记时间：须为带时区的ISO时间'],
    );
  });

  it('stored events split into columns and join back', () => {
    const { events } = run(inPerson, [received('2025-09-26'), extension('2025-10-09')]);
    for (const e of events) assert.deepEqual(joinEvent(JSON.parse(JSON.stringify(splitEvent(e)))), e);
  });
});

function clerk() {
  return { id: 'u-clerk', role: 'clerk' };
}

describe('extension (Art. 33 ¶2, CASE-08)', () => {
  it('+20 working days, approved by the head of the disclosure office', () => {
    const { events } = run(inPerson, [received('2025-09-26'), extension('2025-10-28')]);
    const v = project(inPerson, events, calendar);
    assert.equal(v.dueDate, '2025-11-27');
    assert.equal(v.deadline?.extension?.days, 20);
    assert.deepEqual(v.deadline?.extension?.approvedBy, officeHead);
    assert.equal(v.deadline?.workingDaysCounted, 40);
    assert.match(
      v.deadline!.text,
      /经政府信息公开工作机构负责人批准延长20个工作日（条例第三十三条第二款），共计40个工作日/,
    );
  });

  it('a shorter extension', () => {
    const { events } = run(inPerson, [received('2025-09-26'), extension('2025-10-28', { days: 5 })]);
    assert.equal(project(inPerson, events, calendar).dueDate, '2025-11-06');
  });

  it('refused without the office head’s approval', () => {
    refused(
      inPerson,
      [received('2025-09-26')],
      extension('2025-10-28', { approvedBy: { id: 'l', role: 'leader' } }),
      'CASE-08',
      '延期答复须经政府信息公开工作机构负责人批准（条例第三十三条第二款）',
    );
  });

  it('only once', () => {
    refused(
      inPerson,
      [received('2025-09-26'), extension('2025-10-28', { days: 5 })],
      extension('2025-10-29', { days: 5 }),
      'CASE-08',
      '延期答复只能一次（条例第三十三条第二款）',
    );
  });

  it('at most 20 working days', () => {
    refused(
      inPerson,
      [received('2025-09-26')],
      extension('2025-10-28', { days: 21 }),
      'CASE-08',
      '延长的期限最长不得超过20个工作日（条例第三十三条第二款）',
    );
  });

  it('before the due date (configurable)', () => {
    refused(
      inPerson,
      [received('2025-09-26')],
      extension('2025-10-31'),
      'CASE-08',
      '延期答复须在答复期限届满前经批准并告知申请人（条例第三十三条第二款），本案答复期限已于2025-10-30届满',
    );
    const lenient = ctx(defaultCaseConfig({ extensionMustPrecedeDue: false }));
    run(inPerson, [received('2025-09-26'), extension('2025-10-31')], lenient);
  });
});

describe('correction (Art. 30, CASE-01…04)', () => {
  const request = (on: string, extra: Record<string, unknown> = {}) =>
    ev('correctionRequested', on, {
      items: ['请说明所需文件的名称或文号', '请提供身份证明'],
      dueWorkingDays: 10,
      ...extra,
    });

  it('the notice within 7 working days of receipt: 2025-09-30 → 2025-10-16', () => {
    run(inPerson, [received('2025-09-30'), request('2025-10-16')]);
    refused(
      inPerson,
      [received('2025-09-30')],
      request('2025-10-17'),
      'CASE-01',
      '补正告知须在收到申请之日起7个工作日内一次性发出（条例第三十条），本案最迟应于2025-10-16发出',
    );
    const { events } = run(inPerson, [received('2025-09-30')]);
    assert.equal(project(inPerson, events, calendar).correctionNoticeDeadline, '2025-10-16');
  });

  it('the 7 days run from the confirmed receipt date for online applications', () => {
    const rec = record('online');
    run(rec, [received('2025-09-26'), ev('receiptConfirmed', '2025-09-30'), request('2025-10-16')]);
  });

  it('once, listing every item', () => {
    refused(
      inPerson,
      [received('2025-09-30'), request('2025-10-09'), ev('correctionReceived', '2025-10-10')],
      request('2025-10-13'),
      'CASE-01',
      '补正告知应一次性发出（条例第三十条），本案已于2025-10-09告知补正',
    );
    refused(
      inPerson,
      [received('2025-09-30')],
      request('2025-10-09', { items: [] }),
      'SCHEMA',
      '补正事项：至少一项（条例第三十条：说明需要补正的事项）',
    );
    refused(
      inPerson,
      [received('2025-09-30')],
      request('2025-10-09', { dueWorkingDays: undefined }),
      'SCHEMA',
      '补正期限：须注明截止日期或工作日数（二者选一，条例第三十条：合理的补正期限）',
    );
  });

  it('the clock stops while awaiting the correction and restarts in full from its receipt (CASE-02)', () => {
    const waiting = run(inPerson, [received('2025-09-30'), request('2025-10-09')]);
    const w = project(inPerson, waiting.events, calendar);
    assert.equal(w.status, 'awaitingCorrection');
    assert.equal(w.dueDate, undefined);
    assert.equal(w.correction?.dueDate, '2025-10-22'); // 10-11 is a make-up working day
    const { events } = run(inPerson, [
      received('2025-09-30'),
      request('2025-10-09'),
      ev('correctionReceived', '2025-10-20'),
    ]);
    const v = project(inPerson, events, calendar);
    assert.equal(v.status, 'open');
    assert.equal(v.receivedDate, '2025-09-30');
    assert.equal(v.clockStart, '2025-10-20');
    assert.equal(v.deadline?.restartedOn, '2025-10-20');
    assert.equal(v.dueDate, '2025-11-17');
    assert.match(
      v.deadline!.text,
      /申请人于2025-10-20提交补正，答复期限自收到补正之日起重新计算（条例第三十条）/,
    );
  });

  it('no reply, extension, fee notice or consultation while awaiting the correction', () => {
    const before = [received('2025-09-30'), request('2025-10-09')];
    refused(
      inPerson,
      before,
      reply('2025-10-10'),
      'CASE-02',
      '申请人补正期间不能作出答复；请登记收到补正或逾期未补正（条例第三十条）',
    );
    refused(inPerson, before, extension('2025-10-10'), 'CASE-02', /答复期限尚未起算，不能延期/);
    refused(
      inPerson,
      before,
      ev('consultationSent', '2025-10-10', { party: 'thirdParty', name: '某公司' }),
      'CASE-02',
      '申请内容待补正，须在补正后再征求意见（条例第三十条）',
    );
  });

  it('late correction: refused without a good reason (CASE-03)', () => {
    const before = [
      received('2025-09-30'),
      request('2025-10-09', { dueDate: '2025-10-20', dueWorkingDays: undefined }),
    ];
    refused(
      inPerson,
      before,
      ev('correctionReceived', '2025-10-21'),
      'CASE-03',
      '补正期限已于2025-10-20届满，申请人无正当理由逾期不补正的，视为放弃申请（条例第三十条）；如有正当理由，请注明',
    );
    run(inPerson, [...before, ev('correctionReceived', '2025-10-21', { goodReason: '邮件延误' })]);
  });

  it('lapse closes the case as row （六）1 — only after the period', () => {
    const before = [
      received('2025-09-30'),
      request('2025-10-09', { dueDate: '2025-10-20', dueWorkingDays: undefined }),
    ];
    refused(
      inPerson,
      before,
      ev('correctionLapsed', '2025-10-20', {}, { id: 'sys', role: 'system' }),
      'CASE-03',
      '补正期限至2025-10-20届满，届满前不能按逾期未补正处理（条例第三十条）',
    );
    const { events } = run(inPerson, [
      ...before,
      ev('correctionLapsed', '2025-10-21', {}, { id: 'sys', role: 'system' }),
    ]);
    const v = project(inPerson, events, calendar);
    assert.equal(v.status, 'closed');
    assert.equal(v.outcome, 'correctionLapsed');
    assert.equal(v.tableRow, 'R3_6_1');
    assert.equal(v.dueDate, undefined);
  });

  it('“still unclear after correction” needs a correction (CASE-04)', () => {
    refused(
      inPerson,
      [received('2025-09-30')],
      reply('2025-10-09', 'stillUnclear'),
      'CASE-04',
      '“补正后申请内容仍不明确”须在申请人补正后作出（条例第三十条）',
    );
    const { events } = run(inPerson, [
      received('2025-09-30'),
      request('2025-10-09'),
      ev('correctionReceived', '2025-10-13'),
      reply('2025-10-20', 'stillUnclear'),
    ]);
    assert.equal(project(inPerson, events, calendar).tableRow, 'R3_4_3');
  });
});

describe('consultation (Art. 32, 33 ¶3, 34; CASE-06)', () => {
  const send = (on: string, name = '某科技公司', extra: Record<string, unknown> = {}) =>
    ev('consultationSent', on, { party: 'thirdParty', name, ...extra });
  const answer = (on: string, extra: Record<string, unknown> = {}) =>
    ev('consultationAnswered', on, { opinion: 'objection', ...extra });

  it('days from the sending date to the answer date, both included, are not counted', () => {
    // received Mon 2025-03-03 → due 2025-03-31 without the pause. Sent Mon 03-10, answered Fri 03-14:
    // the 5 working days 03-10…03-14 are not counted, so the due date moves 5 working days:
    // 04-01, 04-02, 04-03, (04-04 清明), 04-07, 04-08.
    const { events } = run(inPerson, [received('2025-03-03'), send('2025-03-10'), answer('2025-03-14')]);
    const v = project(inPerson, events, calendar);
    assert.equal(v.dueDate, '2025-04-08');
    assert.deepEqual(
      v.deadline?.pauses.map((p) => [p.from, p.to, p.days, p.reason, p.open]),
      [['2025-03-10', '2025-03-14', 5, 'consultation', false]],
    );
    assert.match(
      v.deadline!.text,
      /征求第三方“某科技公司”意见期间（2025-03-10至2025-03-14）5个工作日不计算在答复期限内（条例第三十三条第三款、条例第三十二条）/,
    );
    assert.equal(v.status, 'open');
  });

  it('same-day answer: one day not counted', () => {
    const { events } = run(inPerson, [received('2025-03-03'), send('2025-03-10'), answer('2025-03-10')]);
    assert.equal(project(inPerson, events, calendar).dueDate, '2025-04-01');
  });

  it('while open, the pause runs to the 15-working-day reply limit and the due date is provisional', () => {
    const { events } = run(inPerson, [received('2025-03-03'), send('2025-03-10')]);
    const v = project(inPerson, events, calendar);
    assert.equal(v.status, 'inConsultation');
    assert.equal(v.consultations[0]?.replyDeadline, '2025-03-31');
    assert.equal(v.dueProvisional, true);
    // 03-10…03-31 = 16 working days not counted: due = 16 working days after 03-31
    assert.equal(v.dueDate, calendar.addWorkingDays('2025-03-31', 16));
    refused(
      inPerson,
      [received('2025-03-03'), send('2025-03-10')],
      reply('2025-03-20'),
      'CASE-06',
      '征求意见尚未答复或届满，不能作出答复（条例第三十二条、第三十四条）',
    );
  });

  it('a late answer ends the pause at the reply limit; so does a lapse', () => {
    const late = run(inPerson, [received('2025-03-03'), send('2025-03-10'), answer('2025-04-03')]);
    const lapsed = run(inPerson, [
      received('2025-03-03'),
      send('2025-03-10'),
      ev('consultationLapsed', '2025-04-01'),
    ]);
    const a = project(inPerson, late.events, calendar);
    const b = project(inPerson, lapsed.events, calendar);
    assert.equal(a.deadline?.pauses[0]?.to, '2025-03-31');
    assert.equal(a.dueDate, b.dueDate);
    assert.equal(b.dueProvisional, false);
  });

  it('the reply period runs from the party’s receipt of the letter when known', () => {
    const { events } = run(inPerson, [
      received('2025-03-03'),
      send('2025-03-10', '某公司', { partyReceivedOn: '2025-03-12' }),
    ]);
    assert.equal(project(inPerson, events, calendar).consultations[0]?.replyDeadline, '2025-04-02');
  });

  it('a lapse only after the reply period', () => {
    refused(
      inPerson,
      [received('2025-03-03'), send('2025-03-10')],
      ev('consultationLapsed', '2025-03-31'),
      'CASE-06',
      '征求意见的答复期限（自收到征求意见书之日起15个工作日，条例第三十二条）至2025-03-31届满，届满前不能按逾期未答复处理',
    );
    refused(
      inPerson,
      [
        received('2025-03-03'),
        ev('consultationSent', '2025-03-10', { party: 'otherAgency', name: '市财政局' }),
      ],
      ev('consultationLapsed', '2025-03-31'),
      'CASE-06',
      /条例第三十四条/,
    );
  });

  it('several consultations: overlapping days count once; answers name the party', () => {
    const inputs = [
      received('2025-03-03'),
      send('2025-03-10', '甲公司'),
      send('2025-03-12', '乙公司'),
      answer('2025-03-14', { name: '甲公司' }),
      answer('2025-03-18', { name: '乙公司' }),
    ];
    const { events } = run(inPerson, inputs);
    const v = project(inPerson, events, calendar);
    // 03-10…03-18 = 7 working days not counted
    assert.equal(v.dueDate, calendar.addWorkingDays('2025-03-31', 7));
    assert.deepEqual(
      v.deadline?.pauses.map((p) => p.days),
      [5, 2],
    );
    refused(
      inPerson,
      inputs.slice(0, 3),
      answer('2025-03-14'),
      'CASE-06',
      '有多项征求意见正在进行，请注明征求对象名称',
    );
    refused(
      inPerson,
      inputs.slice(0, 2),
      send('2025-03-11', '甲公司'),
      'CASE-06',
      '已向“甲公司”征求意见，尚未答复或届满',
    );
  });

  it('a consultation sent after the due date does not move it', () => {
    const { events } = run(inPerson, [received('2025-03-03'), send('2025-04-01'), answer('2025-04-02')]);
    assert.equal(project(inPerson, events, calendar).dueDate, '2025-03-31');
  });
});

describe('replies and table 三 rows', () => {
  it('every outcome lands in its row by the default mapping', () => {
    for (const [outcome, row] of Object.entries(defaultOutcomeMapping())) {
      if (['correctionLapsed', 'feeLapsed', 'withdrawn', 'stillUnclear'].includes(outcome)) continue;
      const { events } = run(inPerson, [received('2025-09-26'), reply('2025-10-09', outcome)]);
      const v = project(inPerson, events, calendar);
      assert.equal(v.status, 'replied');
      assert.equal(v.tableRow, row, outcome);
      assert.equal(v.statistics.tableRow, row);
    }
  });

  it('the mapping is configuration', () => {
    const config = defaultCaseConfig({
      outcomeMapping: { ...defaultOutcomeMapping(), notResponsible: 'R3_6_3' },
    });
    const { events } = run(
      inPerson,
      [received('2025-09-26'), reply('2025-10-09', 'notResponsible')],
      ctx(config),
    );
    assert.equal(project(inPerson, events, calendar, config).tableRow, 'R3_6_3');
  });

  it('closure outcomes need their own events (OUT-01)', () => {
    for (const outcome of ['correctionLapsed', 'feeLapsed', 'withdrawn'])
      refused(inPerson, [received('2025-09-26')], reply('2025-10-09', outcome), 'OUT-01', /须登记相应事件/);
  });

  it('partial disclosure counts only under （二） (T3-04)', () => {
    const parts = ['disclosed', 'withheldThirdParty', 'notHeld'];
    refused(
      inPerson,
      [received('2025-09-26')],
      reply('2025-10-09', 'withheldThirdParty', { parts }),
      'T3-04',
      '区分处理的申请只计“部分公开”一项（条例第三十七条；年度报告表三（二）），本答复应登记为“部分公开”',
    );
    const { events } = run(inPerson, [
      received('2025-09-26'),
      reply('2025-10-09', 'partlyDisclosed', { parts }),
    ]);
    assert.equal(project(inPerson, events, calendar).tableRow, 'R3_2');
  });

  it('one application, one outcome: the main item, or the configured precedence (T3-05)', () => {
    assert.equal(resolveOutcome(['notHeld', 'withheldProcess']), 'notHeld');
    assert.equal(resolveOutcome(['disclosed', 'alreadyPublic']), 'disclosed');
    assert.equal(resolveOutcome(['alreadyPublic', 'notHeld']), 'partlyDisclosed');
    const config = defaultCaseConfig({ outcomePrecedence: ['withheldProcess', 'notHeld'] });
    assert.equal(resolveOutcome(['notHeld', 'withheldProcess'], config), 'withheldProcess');
    refused(
      inPerson,
      [received('2025-09-26')],
      reply('2025-10-09', 'withheldProcess', { parts: ['notHeld', 'withheldProcess'] }),
      'T3-05',
      '按各项的办理结果，本答复应登记为“本机关不掌握（信息不存在）”（一件申请只计一个办理结果）',
    );
  });

  it('a reply after the due date is recorded and flagged overdue (CASE-10)', () => {
    const { events } = run(inPerson, [received('2025-09-26'), reply('2025-10-31')]);
    const v = project(inPerson, events, calendar);
    assert.equal(v.overdue, true);
    assert.deepEqual(v.warnings, [
      { rule: 'CASE-10', message: '答复日期（2025-10-31）晚于答复期限（2025-10-30）' },
    ]);
    const open = run(inPerson, [received('2025-09-26')]);
    assert.equal(project(inPerson, open.events, calendar, undefined, { asOf: '2025-10-30' }).overdue, false);
    assert.equal(project(inPerson, open.events, calendar, undefined, { asOf: '2025-10-31' }).overdue, true);
  });

  it('referral: internal changes nothing; external closes as Art. 36 (五)', () => {
    const internal = run(inPerson, [
      received('2025-09-26'),
      ev('referred', '2025-09-29', { scope: 'internal', to: '法规科' }),
    ]);
    assert.equal(project(inPerson, internal.events, calendar).status, 'open');
    const external = run(inPerson, [
      received('2025-09-26'),
      ev('referred', '2025-09-29', { scope: 'external', to: '市自然资源局' }),
    ]);
    const v = project(inPerson, external.events, calendar);
    assert.equal(v.status, 'referred');
    assert.equal(v.outcome, 'notResponsible');
    assert.equal(v.tableRow, 'R3_4_1');
  });
});

describe('reopening after a review decision', () => {
  const reopen = (on: string, extra: Record<string, unknown> = {}) =>
    ev('reopened', on, {
      decision: 'reconsideration',
      decidedOn: '2025-12-10',
      reviewRecordId: 'r-1',
      ...extra,
    });

  it('starts a new round; table 三 keeps counting the first conclusion', () => {
    const { events } = run(inPerson, [
      received('2025-09-26'),
      reply('2025-10-09', 'notHeld'),
      reopen('2025-12-12'),
    ]);
    const v = project(inPerson, events, calendar);
    assert.equal(v.status, 'open');
    assert.equal(v.outcome, undefined);
    assert.equal(v.deadline?.kind, 'reopened');
    assert.equal(v.dueDate, calendar.addWorkingDays('2025-12-12', 20));
    assert.deepEqual(v.statistics, {
      applicantType: 'naturalPerson',
      column: 'c1',
      receivedOn: '2025-09-26',
      concludedOn: '2025-10-09',
      outcome: 'notHeld',
      tableRow: 'R3_4_1',
    });
    const done = run(inPerson, [
      received('2025-09-26'),
      reply('2025-10-09', 'notHeld'),
      reopen('2025-12-12', { dueDate: '2025-12-26' }),
      reply('2025-12-20', 'disclosed'),
    ]);
    const w = project(inPerson, done.events, calendar);
    assert.equal(w.outcome, 'disclosed');
    assert.equal(w.concludedOn, '2025-12-20');
    assert.equal(w.dueDate, '2025-12-26');
    assert.equal(w.deadline?.fixedByDecision, true);
    assert.equal(w.statistics.tableRow, 'R3_4_1');
    assert.deepEqual(
      w.conclusions.map((c) => [c.on, c.row]),
      [
        ['2025-10-09', 'R3_4_1'],
        ['2025-12-20', 'R3_1'],
      ],
    );
  });

  it('only after a conclusion, not after a withdrawal, not before the decision', () => {
    refused(
      inPerson,
      [received('2025-09-26')],
      reopen('2025-12-12'),
      'REOPEN-01',
      '本案尚未办结，无需重新办理',
    );
    refused(
      inPerson,
      [received('2025-09-26'), ev('withdrawn', '2025-09-29')],
      reopen('2025-12-12'),
      'REOPEN-01',
      '申请已撤回，不能重新办理',
    );
    refused(
      inPerson,
      [received('2025-09-26'), reply('2025-10-09')],
      reopen('2025-12-09'),
      'REOPEN-01',
      '重新办理日期不能早于决定或裁判日期',
    );
  });
});

describe('fees in the case (办法109)', () => {
  const notice = (on: string, extra: Record<string, unknown> = {}) =>
    ev('feeNoticeSent', on, {
      method: 'perApplication',
      amountYuan: 100,
      scheduleVersion: '国办函〔2020〕109号',
      pieces: 1,
      priorPiecesThisMonth: 10,
      ...extra,
    });

  it('a notice pauses nothing by default; payment within 20 working days; then the reply', () => {
    const { events } = run(inPerson, [received('2025-09-26'), notice('2025-09-29')]);
    const v = project(inPerson, events, calendar);
    assert.equal(v.status, 'awaitingFee');
    assert.equal(v.dueDate, '2025-10-30');
    assert.equal(v.fee?.paymentDeadline, calendar.addWorkingDays('2025-09-29', 20));
    refused(
      inPerson,
      [received('2025-09-26'), notice('2025-09-29')],
      reply('2025-10-09'),
      'FEE-06',
      '已发出收费通知，须待缴费或缴费期限届满后再处理（国办函〔2020〕109号）',
    );
    run(inPerson, [
      received('2025-09-26'),
      notice('2025-09-29'),
      ev('feePaid', '2025-10-09', { amountYuan: 100 }),
      reply('2025-10-10'),
    ]);
  });

  it('with feePausesClock, the days from notice to payment are not counted', () => {
    const config = defaultCaseConfig({ feePausesClock: true });
    const { events } = run(
      inPerson,
      [received('2025-09-26'), notice('2025-09-29'), ev('feePaid', '2025-10-09')],
      ctx(config),
    );
    const v = project(inPerson, events, calendar, config);
    // 09-29, 09-30, 10-09 are working days in the pause
    assert.equal(v.dueDate, calendar.addWorkingDays('2025-10-30', 3));
    assert.equal(v.deadline?.pauses[0]?.reason, 'fee');
  });

  it('the amount must follow the schedule; one method, one notice (FEE-01)', () => {
    refused(
      inPerson,
      [received('2025-09-26')],
      notice('2025-09-29', { amountYuan: 200 }),
      'FEE-01',
      '收费金额200元与收费标准不符：按件计收（国办函〔2020〕109号第四条），本件申请计1件，为申请人本自然月第11至第11件，第11至第11件每件100元，合计100元。',
    );
    refused(
      inPerson,
      [received('2025-09-26')],
      notice('2025-09-29', { pages: 40 }),
      'FEE-01',
      '按件计收须注明件数和申请人本自然月此前件数，不得同时按量计收（办法第三条）',
    );
    refused(
      inPerson,
      [received('2025-09-26'), notice('2025-09-29'), ev('feePaid', '2025-10-09')],
      notice('2025-10-10', {
        method: 'perPage',
        pages: 31,
        amountYuan: 10,
        pieces: undefined,
        priorPiecesThisMonth: undefined,
      }),
      'FEE-01',
      /本案已于2025-09-29发出收费通知；每件申请只能选择一种收费标准，不得同时按照两种标准重复计算（办法第三条）/,
    );
    run(inPerson, [
      received('2025-09-26'),
      notice('2025-09-29', {
        method: 'perPage',
        pages: 101,
        amountYuan: 720,
        pieces: undefined,
        priorPiecesThisMonth: undefined,
      }),
    ]);
  });

  it('the notice within the reply period (FEE-04)', () => {
    refused(
      inPerson,
      [received('2025-09-26')],
      notice('2025-10-31'),
      'FEE-04',
      '收费通知须在答复期限内发出（国办函〔2020〕109号），本案答复期限至2025-10-30',
    );
  });

  it('unpaid after 20 working days closes the case as row （六）2 (FEE-06)', () => {
    const deadline = calendar.addWorkingDays('2025-09-30', 20); // delivered 09-30 → 2025-11-04
    assert.equal(deadline, '2025-11-04');
    const before = [received('2025-09-26'), notice('2025-09-29', { deliveredOn: '2025-09-30' })];
    refused(
      inPerson,
      before,
      ev('feeLapsed', deadline, {}, { id: 'sys', role: 'system' }),
      'FEE-06',
      `缴费期限至${deadline}届满，届满前不能按逾期未缴费处理（国办函〔2020〕109号）`,
    );
    const late = ev('feePaid', '2025-11-05');
    refused(
      inPerson,
      before,
      late,
      'FEE-06',
      `缴费期限（收到收费通知次日起20个工作日）已于${deadline}届满，逾期未缴纳的视为放弃申请（国办函〔2020〕109号）`,
    );
    const { events } = run(inPerson, [
      ...before,
      ev('feeLapsed', '2025-11-05', {}, { id: 'sys', role: 'system' }),
    ]);
    const v = project(inPerson, events, calendar);
    assert.equal(v.status, 'closed');
    assert.equal(v.outcome, 'feeLapsed');
    assert.equal(v.tableRow, 'R3_6_2');
    assert.equal(v.overdue, false);
  });
});

describe('calendar coverage (WD-01)', () => {
  it('a deadline past the calendar’s data is refused on append and flagged in the view', () => {
    const { events } = run(inPerson, [received('2026-12-20')]);
    const v = project(inPerson, events, calendar);
    assert.equal(v.dueDate, undefined);
    assert.equal(v.deadline, null);
    assert.equal(v.warnings[0]?.rule, 'WD-01');
    assert.match(v.warnings[0]!.message, /没有2027年的节假日安排数据/);
    refused(inPerson, [received('2026-12-20')], extension('2026-12-21'), 'WD-01', /2027年/);
  });

  it('a hand-written one-year calendar works the same inside its year', () => {
    const cal2025 = createCalendar([YEAR_2025]);
    const { events } = run(inPerson, [received('2025-09-26')], ctx(undefined, cal2025));
    assert.equal(project(inPerson, events, cal2025).dueDate, '2025-10-30');
    refused(
      inPerson,
      [received('2025-12-20')],
      extension('2025-12-22'),
      'WD-01',
      /没有2026年的节假日安排数据/,
      ctx(undefined, cal2025),
    );
  });
});

describe('table 三 facts', () => {
  it('the statistics feed the compiler’s t3CellsOfCase (T3-06)', () => {
    const rec = record('inPerson', 'legalServices');
    const open = run(rec, [received('2025-12-15')]);
    const facts = (v: ReturnType<typeof project>) => ({ id: 1, number: '2025-1', ...v.statistics });
    const v = project(rec, open.events, calendar);
    assert.deepEqual(t3CellsOfCase(facts(v), 2025), ['R1.c5', 'R4.c5']);
    const done = run(rec, [received('2025-12-15'), reply('2026-01-12', 'withheldProcess')]);
    const w = project(rec, done.events, calendar);
    assert.deepEqual(t3CellsOfCase(facts(w), 2026), ['R2.c5', 'R3_3_6.c5']);
  });
});
