import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeDue, explainClock } from '../../src/cases/clock.ts';
import { calendar } from './helpers.ts';

describe('clock explanation (DESIGN principle 4)', () => {
  it('one paragraph: receipt, correction restart, extension, pause, holidays, due', () => {
    const d = explainClock(
      {
        kind: 'afterCorrection',
        receivedDate: '2025-09-12',
        start: '2025-09-22',
        baseDays: 20,
        extension: {
          days: 10,
          approvedBy: { id: 'h', role: 'officeHead' },
          approvedOn: '2025-10-15',
          reason: '档案调取',
        },
        pauses: [
          {
            from: '2025-09-29',
            to: '2025-10-10',
            reason: 'consultation',
            party: 'otherAgency',
            name: '市财政局',
            open: false,
          },
        ],
      },
      calendar,
    );
    // 09-29, 09-30, 10-09, 10-10 are the working days of the pause (10-01…10-08 are holidays)
    assert.equal(d.pauses[0]?.days, 4);
    assert.equal(d.due, calendar.addWorkingDays('2025-09-22', 34));
    assert.equal(
      d.text,
      '本申请的收到日期为2025-09-12（条例第三十一条）；申请人于2025-09-22提交补正，答复期限自收到补正之日起重新计算（条例第三十条）；' +
        '答复期限自2025-09-22次日起算20个工作日（条例第三十三条第二款），经政府信息公开工作机构负责人批准延长10个工作日（条例第三十三条第二款），共计30个工作日。' +
        '征求其他机关“市财政局”意见期间（2025-09-29至2025-10-10）4个工作日不计算在答复期限内（条例第三十三条第三款、条例第三十四条）。' +
        '期间跳过法定节假日2025-10-01至2025-10-08，2025-09-28、2025-10-11为调休上班日，计为工作日。' +
        `答复期限届满日为${d.due}。`,
    );
  });

  it('a due date fixed by a review decision is reported as such', () => {
    const d = explainClock(
      {
        kind: 'reopened',
        receivedDate: '2025-03-03',
        start: '2025-06-10',
        baseDays: 20,
        pauses: [],
        fixedDue: '2025-06-30',
        reopen: { decision: 'litigation', decidedOn: '2025-06-05' },
      },
      calendar,
    );
    assert.equal(d.due, '2025-06-30');
    assert.equal(d.fixedByDecision, true);
    assert.equal(
      d.text,
      '本案经人民法院裁判（2025-06-05）后于2025-06-10重新办理；重新答复期限由该决定确定，届满日为2025-06-30。',
    );
  });

  it('pauses: overlapping days count once, days after the due date do not count', () => {
    const { due, excluded } = computeDue(
      {
        kind: 'initial',
        receivedDate: '2025-03-03',
        start: '2025-03-03',
        baseDays: 20,
        pauses: [
          { from: '2025-03-10', to: '2025-03-14', reason: 'consultation', open: false },
          { from: '2025-03-12', to: '2025-03-18', reason: 'consultation', open: false },
          { from: '2025-05-01', to: '2025-05-30', reason: 'fee', open: false },
        ],
      },
      calendar,
    );
    assert.deepEqual(excluded, [5, 2, 0]);
    assert.equal(due, calendar.addWorkingDays('2025-03-31', 7));
  });
});
