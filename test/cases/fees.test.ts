import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  computeFee,
  FEE_SCHEDULE_2020,
  FeeError,
  type FeeSchedule,
  feePaymentDeadline,
  feeScheduleFor,
  monthlyPerPieceTotal,
  perPageFee,
  perPieceRate,
  priorPiecesThisMonth,
} from '../../src/cases/fees.ts';
import { calendar } from './helpers.ts';

describe('fee tiers of 办法109 (spec §4.2 vectors)', () => {
  const rates: [number, number][] = [
    [10, 0],
    [11, 100],
    [30, 100],
    [31, 200],
    [40, 200],
    [41, 300],
    [51, 400],
  ];
  for (const [k, rate] of rates)
    it(`perPieceRate(${k}) = ${rate}`, () => assert.equal(perPieceRate(k), rate));

  it('monthlyPerPieceTotal(35) = 3000, (45) = 5500', () => {
    assert.equal(monthlyPerPieceTotal(35), 3000);
    assert.equal(monthlyPerPieceTotal(45), 5500);
    assert.equal(monthlyPerPieceTotal(10), 0);
  });

  const pages: [number, number][] = [
    [30, 0],
    [31, 10],
    [100, 700],
    [101, 720],
    [200, 2700],
    [201, 2740],
    [250, 4700],
  ];
  for (const [p, fee] of pages) it(`perPageFee(${p}) = ${fee}`, () => assert.equal(perPageFee(p), fee));
});

describe('computeFee', () => {
  it('per application: the pieces are ranked in the applicant’s natural month', () => {
    const f = computeFee({ method: 'perApplication', pieces: 3, priorPiecesThisMonth: 29 });
    assert.equal(f.amountYuan, 100 + 200 + 200);
    assert.deepEqual(f.lines, [
      { from: 30, to: 30, units: 1, rateYuan: 100, amountYuan: 100 },
      { from: 31, to: 32, units: 2, rateYuan: 200, amountYuan: 400 },
    ]);
    assert.equal(
      f.basis,
      '按件计收（国办函〔2020〕109号第四条），本件申请计3件，为申请人本自然月第30至第32件，第30至第30件每件100元，第31至第32件每件200元，合计500元。',
    );
  });

  it('per page: progressive over the tiers', () => {
    const f = computeFee({ method: 'perPage', pages: 150 });
    assert.equal(f.amountYuan, 700 + 50 * 20);
    assert.equal(f.lines.length, 3);
    assert.match(computeFee({ method: 'perPage', pages: 12 }).basis, /在免费范围内，合计0元。$/);
  });

  it('never both methods (办法第三条, FEE-01)', () => {
    assert.throws(
      () => computeFee({ method: 'perPage', pages: 40, pieces: 2 } as never),
      (e: unknown) =>
        e instanceof FeeError &&
        e.rule === 'FEE-01' &&
        /不得同时按照两种标准重复计算（办法第三条）/.test(e.message),
    );
    assert.throws(
      () => computeFee({ method: 'both' } as never),
      (e: unknown) => e instanceof FeeError && e.message === '收费方式：须为按件计收或按量计收（办法第三条）',
    );
    assert.throws(
      () => computeFee({ method: 'perPage', pages: 0 }),
      (e: unknown) => e instanceof FeeError && e.message === '页数：不能小于1',
    );
  });

  it('the tiers are data: a later schedule applies from its effective date', () => {
    const later: FeeSchedule = {
      ...FEE_SCHEDULE_2020,
      version: '测试2030',
      effectiveFrom: '2030-01-01',
      perPage: {
        tiers: [
          { upTo: 50, rateYuan: 0 },
          { upTo: null, rateYuan: 5 },
        ],
      },
    };
    const old = { ...FEE_SCHEDULE_2020, effectiveTo: '2030-01-01' };
    assert.equal(feeScheduleFor('2029-12-31', [old, later]).version, '国办函〔2020〕109号');
    assert.equal(feeScheduleFor('2030-01-01', [old, later]).version, '测试2030');
    assert.equal(computeFee({ method: 'perPage', pages: 60 }, later).amountYuan, 50);
    assert.throws(() => feeScheduleFor('2020-06-01'), /没有适用的信息处理费收费标准/);
  });
});

describe('per-applicant natural-month counter (FEE-03)', () => {
  const entries = [
    { caseId: 'a', applicantKey: 'p1', receivedDate: '2025-03-03', pieces: 4 },
    { caseId: 'b', applicantKey: 'p2', receivedDate: '2025-03-04', pieces: 9 },
    { caseId: 'c', applicantKey: 'p1', receivedDate: '2025-03-10', pieces: 7 },
    { caseId: 'd', applicantKey: 'p1', receivedDate: '2025-03-10', pieces: 2 },
    { caseId: 'e', applicantKey: 'p1', receivedDate: '2025-04-01', pieces: 1 },
  ];
  it('counts the same applicant’s earlier pieces in the same month only', () => {
    assert.equal(priorPiecesThisMonth(entries, 'a'), 0);
    assert.equal(priorPiecesThisMonth(entries, 'c'), 4);
    assert.equal(priorPiecesThisMonth(entries, 'd'), 11);
    assert.equal(priorPiecesThisMonth(entries, 'e'), 0);
    const d = computeFee({
      method: 'perApplication',
      pieces: 2,
      priorPiecesThisMonth: priorPiecesThisMonth(entries, 'd'),
    });
    assert.equal(d.amountYuan, 200);
  });
});

describe('payment period (FEE-04)', () => {
  it('20 working days from the day after the notice is received', () => {
    assert.equal(feePaymentDeadline('2025-09-26', calendar), '2025-10-30');
  });
});
