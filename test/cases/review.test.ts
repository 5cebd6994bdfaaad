import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkReviewRecords,
  defaultDispositionMapping,
  type ReviewRecord,
  toReviewFacts,
  validateReviewRecord,
} from '../../src/cases/review.ts';
import { aggregateReviews, t4CellOfRecord } from '../../src/report/compile.ts';

function valid(input: unknown): ReviewRecord {
  const r = validateReviewRecord(input);
  if (!r.ok) assert.fail(JSON.stringify(r.errors));
  return r.value;
}

const review = valid({ id: 'r1', kind: 'reconsideration', caseIds: ['c1'], receivedOn: '2025-03-01' });
const decided = valid({ ...review, id: 'r2', decidedOn: '2025-04-20', disposition: 'revoked' });
const direct = valid({
  id: 'l1',
  kind: 'litigation',
  route: 'direct',
  receivedOn: '2025-05-01',
  decidedOn: '2025-09-01',
  disposition: 'claimRejected',
});
const after = valid({
  id: 'l2',
  kind: 'litigation',
  route: 'afterReview',
  priorReviewId: 'r2',
  receivedOn: '2025-05-10',
  decidedOn: '2026-01-15',
  disposition: 'changed',
});

describe('review and litigation records (table 四)', () => {
  it('validation messages name the field', () => {
    const r = validateReviewRecord({
      id: 'x',
      kind: 'litigation',
      receivedOn: '2025-05-01',
      decidedOn: '2025-04-01',
    });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(r.errors, [
      { path: 'route', message: '起诉方式：行政诉讼须注明未经复议直接起诉或复议后起诉（年度报告表四）' },
      { path: 'decidedOn', message: '决定或裁判日期：不能早于收到日期' },
      { path: 'disposition', message: '决定或裁判结果：已审结的须填写' },
    ]);
    const s = validateReviewRecord({
      id: 'y',
      kind: 'reconsideration',
      route: 'direct',
      receivedOn: '2025-05-01',
      result: 'upheld',
    });
    assert.equal(s.ok, false);
    if (!s.ok)
      assert.deepEqual(
        s.errors.map((e) => e.message),
        ['起诉方式：行政复议无需填写', '决定或裁判日期：填写结果的须填写'],
      );
    assert.equal(validateReviewRecord({ kind: 'x' }).ok, false);
  });

  it('maps each record to its group and result; undecided is 尚未审结', () => {
    assert.deepEqual(toReviewFacts(review), {
      kind: 'reconsideration',
      receivedOn: '2025-03-01',
      decidedOn: null,
      result: null,
    });
    assert.equal(t4CellOfRecord({ id: 1, ...toReviewFacts(review) }, 2025), 'review.pending');
    assert.equal(t4CellOfRecord({ id: 2, ...toReviewFacts(decided) }, 2025), 'review.corrected');
    assert.equal(t4CellOfRecord({ id: 3, ...toReviewFacts(direct) }, 2025), 'direct.upheld');
    // decided in the next year: still pending on 31 Dec
    assert.equal(t4CellOfRecord({ id: 4, ...toReviewFacts(after) }, 2025), 'afterReview.pending');
    const counts = aggregateReviews(
      [review, decided, direct, after].map((r, i) => ({ id: i, ...toReviewFacts(r) })),
      2025,
    );
    assert.deepEqual(Object.fromEntries(counts), {
      'review.pending': 1,
      'review.corrected': 1,
      'direct.upheld': 1,
      'afterReview.pending': 1,
    });
  });

  it('which dispositions are 纠正 is configuration', () => {
    const mapping = { ...defaultDispositionMapping(), confirmedIllegal: 'other' as const };
    const r = valid({ ...decided, disposition: 'confirmedIllegal' });
    assert.equal(toReviewFacts(r).result, 'corrected');
    assert.equal(toReviewFacts(r, mapping).result, 'other');
    assert.equal(toReviewFacts(valid({ ...r, result: 'upheld' }), mapping).result, 'upheld');
  });

  it('checks links between records and 复议前置 (DOC-01)', () => {
    const orphan = valid({ ...after, id: 'l3', priorReviewId: 'nope' });
    const notReview = valid({ ...after, id: 'l4', priorReviewId: 'l1' });
    const skipped = valid({ ...direct, id: 'l5', caseIds: ['c9'] });
    const findings = checkReviewRecords(
      [review, decided, direct, after, orphan, notReview, skipped, review],
      new Map([['c9', { outcome: 'withheldProcess', concludedOn: '2025-02-01' }]]),
    );
    assert.deepEqual(
      findings.map((f) => [f.recordId, f.severity, f.message]),
      [
        ['l3', 'error', '前置行政复议记录“nope”不存在'],
        ['l4', 'error', '前置记录“l1”不是行政复议'],
        [
          'l5',
          'warning',
          '申请c9的答复为不予公开或部分公开，依法应先申请行政复议（行政复议法第二十三条），本记录为直接起诉',
        ],
        ['r1', 'error', '记录编号“r1”重复'],
      ],
    );
  });
});
