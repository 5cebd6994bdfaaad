/**
 * 行政复议 and 行政诉讼 records for table 四 (spec §1.4, §6.2). One record per proceeding: a
 * reconsideration, a lawsuit filed directly, or a lawsuit after reconsideration. A record may be
 * linked to cases of this system (`caseIds`); it need not be (e.g. a review about proactive
 * disclosure, or a case from before the system).
 *
 * Which dispositions count as 结果纠正 is configuration (`DispositionMapping`, spec §1.4
 * UNCONFIRMED). Counting by year is done by the compiler (src/report/compile.ts `t4CellOfRecord`).
 */
import { z } from 'zod';
import type { IsoDate } from '../calendar/types.ts';
import { isIsoDate } from './dates.ts';
import { type OutcomeCode, REVIEW_FIRST_OUTCOMES } from './outcomes.ts';

export const REVIEW_KINDS = {
  reconsideration: { label: '行政复议' },
  litigation: { label: '行政诉讼' },
} as const;
export type ReviewKind = keyof typeof REVIEW_KINDS;

export const LITIGATION_ROUTES = {
  direct: { label: '未经复议直接起诉' },
  afterReview: { label: '复议后起诉' },
} as const;
export type LitigationRoute = keyof typeof LITIGATION_ROUTES;

/** What the reviewing body or the court decided (复议法 2023 第六十三至七十四条; 行政诉讼法 第六十九至七十七条). */
export const DISPOSITIONS = {
  upheld: { label: '维持' },
  claimRejected: { label: '驳回复议请求或者诉讼请求' },
  revoked: { label: '撤销或者部分撤销（含责令重新作出）' },
  changed: { label: '变更' },
  confirmedIllegal: { label: '确认违法' },
  confirmedInvalid: { label: '确认无效' },
  orderedToPerform: { label: '责令履行或者判决履行' },
  dismissed: { label: '不予受理、驳回申请或者驳回起诉' },
  withdrawn: { label: '撤回申请或者撤诉' },
  mediated: { label: '调解或者和解' },
  terminated: { label: '终止' },
  other: { label: '其他' },
} as const;
export type Disposition = keyof typeof DISPOSITIONS;
const DISPOSITION_CODES = Object.keys(DISPOSITIONS) as [Disposition, ...Disposition[]];

/** The table 四 result columns (besides 尚未审结 and 总计). */
export type ReviewResult = 'upheld' | 'corrected' | 'other';
export const REVIEW_RESULTS: Record<ReviewResult, string> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
};

export type DispositionMapping = Record<Disposition, ReviewResult>;

/** Default: 撤销 / 变更 / 确认违法 / 确认无效 / 责令履行 are 纠正; 驳回请求 is 维持; the rest 其他. */
export function defaultDispositionMapping(): DispositionMapping {
  return {
    upheld: 'upheld',
    claimRejected: 'upheld',
    revoked: 'corrected',
    changed: 'corrected',
    confirmedIllegal: 'corrected',
    confirmedInvalid: 'corrected',
    orderedToPerform: 'corrected',
    dismissed: 'other',
    withdrawn: 'other',
    mediated: 'other',
    terminated: 'other',
    other: 'other',
  };
}

const dateField = (label: string) =>
  z
    .string({ error: (i) => (i.input === undefined ? `${label}：必填` : `${label}：须为YYYY-MM-DD`) })
    .refine(isIsoDate, { error: `${label}：须为有效日期（YYYY-MM-DD）` });

const text = (label: string, max = 200) =>
  z
    .string({ error: (i) => (i.input === undefined ? `${label}：必填` : `${label}：须为文字`) })
    .trim()
    .min(1, { error: `${label}：必填` })
    .max(max, { error: `${label}：不超过${max}个字` });

export const ReviewRecordSchema = z
  .object({
    id: text('记录编号', 100),
    kind: z.enum(['reconsideration', 'litigation'], {
      error: (i) => (i.input === undefined ? '类别：必填' : '类别：须为行政复议或行政诉讼'),
    }),
    /** Litigation only: filed directly, or after a reconsideration. */
    route: z
      .enum(['direct', 'afterReview'], { error: '起诉方式：须为未经复议直接起诉或复议后起诉' })
      .optional(),
    caseIds: z.array(text('关联申请', 100)).default([]),
    /** 案号, e.g. '××复〔2025〕12号' or '(2025)×0102行初45号'. */
    caseNumber: text('案号', 100).optional(),
    /** The reviewing body or the court. */
    body: text('复议机关或人民法院', 100).optional(),
    /** The day the agency received the 答复通知书 / 起诉状副本 (when the proceeding became known). */
    receivedOn: dateField('收到日期'),
    decidedOn: dateField('决定或裁判日期').optional(),
    disposition: z.enum(DISPOSITION_CODES, { error: '决定或裁判结果：无效' }).optional(),
    /** An explicit table 四 result; otherwise derived from `disposition` by the mapping. */
    result: z.enum(['upheld', 'corrected', 'other'], { error: '结果：须为维持、纠正或其他' }).optional(),
    /** afterReview litigation: the reconsideration record it follows. */
    priorReviewId: text('前置行政复议记录', 100).optional(),
    note: text('备注', 2000).optional(),
  })
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (r.kind === 'litigation' && r.route === undefined)
      issue('route', '起诉方式：行政诉讼须注明未经复议直接起诉或复议后起诉（年度报告表四）');
    if (r.kind === 'reconsideration' && r.route !== undefined) issue('route', '起诉方式：行政复议无需填写');
    if (r.priorReviewId !== undefined && !(r.kind === 'litigation' && r.route === 'afterReview'))
      issue('priorReviewId', '前置行政复议记录：只适用于复议后起诉');
    if (r.decidedOn !== undefined && r.decidedOn < r.receivedOn)
      issue('decidedOn', '决定或裁判日期：不能早于收到日期');
    const hasResult = r.disposition !== undefined || r.result !== undefined;
    if (r.decidedOn !== undefined && !hasResult) issue('disposition', '决定或裁判结果：已审结的须填写');
    if (r.decidedOn === undefined && hasResult) issue('decidedOn', '决定或裁判日期：填写结果的须填写');
  });

export type ReviewRecord = z.output<typeof ReviewRecordSchema>;
export type ReviewRecordInput = z.input<typeof ReviewRecordSchema>;

export function validateReviewRecord(
  input: unknown,
): { ok: true; value: ReviewRecord } | { ok: false; errors: { path: string; message: string }[] } {
  const r = ReviewRecordSchema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  };
}

export interface ReviewFinding {
  recordId: string;
  severity: 'error' | 'warning';
  message: string;
}

/** The date 复议前置 for 不予公开 took effect (复议法 2023 第二十三条第一款第（四）项). */
export const REVIEW_FIRST_FROM: IsoDate = '2024-01-01';

/**
 * Checks across records (links between a lawsuit and its reconsideration) and against the linked
 * cases: a direct lawsuit against a refusal replied on or after 2024-01-01 skipped 复议前置 (DOC-01) —
 * a warning, since the court, not the agency, rules on admissibility.
 */
export function checkReviewRecords(
  records: ReviewRecord[],
  cases: Map<string, { outcome?: OutcomeCode; concludedOn?: IsoDate }> = new Map(),
): ReviewFinding[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  const out: ReviewFinding[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    if (seen.has(r.id)) out.push({ recordId: r.id, severity: 'error', message: `记录编号“${r.id}”重复` });
    seen.add(r.id);
    if (r.priorReviewId !== undefined) {
      const prior = byId.get(r.priorReviewId);
      if (!prior)
        out.push({
          recordId: r.id,
          severity: 'error',
          message: `前置行政复议记录“${r.priorReviewId}”不存在`,
        });
      else if (prior.kind !== 'reconsideration')
        out.push({ recordId: r.id, severity: 'error', message: `前置记录“${prior.id}”不是行政复议` });
      else if (prior.receivedOn > r.receivedOn)
        out.push({
          recordId: r.id,
          severity: 'error',
          message: '复议后起诉的收到日期不能早于行政复议的收到日期',
        });
    }
    if (r.kind === 'litigation' && r.route === 'direct')
      for (const id of r.caseIds) {
        const c = cases.get(id);
        if (
          c?.outcome !== undefined &&
          REVIEW_FIRST_OUTCOMES.has(c.outcome) &&
          c.concludedOn !== undefined &&
          c.concludedOn >= REVIEW_FIRST_FROM
        )
          out.push({
            recordId: r.id,
            severity: 'warning',
            message: `申请${id}的答复为不予公开或部分公开，依法应先申请行政复议（行政复议法第二十三条），本记录为直接起诉`,
          });
      }
  }
  return out;
}

/** The record's kind as the table 四 compiler sees it (src/report/compile.ts `ReviewFacts.kind`). */
export type Table4Kind = 'reconsideration' | 'litigationDirect' | 'litigationAfterReview';

export function table4Kind(r: Pick<ReviewRecord, 'kind' | 'route'>): Table4Kind {
  if (r.kind === 'reconsideration') return 'reconsideration';
  return r.route === 'afterReview' ? 'litigationAfterReview' : 'litigationDirect';
}

/** The column-key prefix of table 四 (`review.`, `direct.`, `afterReview.`; src/report/formats/common.ts). */
export const TABLE4_PREFIX: Record<Table4Kind, 'review.' | 'direct.' | 'afterReview.'> = {
  reconsideration: 'review.',
  litigationDirect: 'direct.',
  litigationAfterReview: 'afterReview.',
};

/** The record's table 四 result, or null while undecided. */
export function reviewResult(
  r: Pick<ReviewRecord, 'result' | 'disposition' | 'decidedOn'>,
  mapping: DispositionMapping = defaultDispositionMapping(),
): ReviewResult | null {
  if (r.decidedOn === undefined) return null;
  return r.result ?? (r.disposition !== undefined ? mapping[r.disposition] : 'other');
}

/**
 * The facts table 四 is compiled from (`ReviewFacts` of src/report/compile.ts without the store id):
 * `t4CellOfRecord({ id, ...toReviewFacts(r) }, year)` gives the column key, e.g. 'direct.corrected'.
 * The disposition → result mapping is applied here; the year scope is the compiler's.
 */
export function toReviewFacts(
  r: ReviewRecord,
  mapping: DispositionMapping = defaultDispositionMapping(),
): { kind: Table4Kind; receivedOn: IsoDate; decidedOn: IsoDate | null; result: ReviewResult | null } {
  return {
    kind: table4Kind(r),
    receivedOn: r.receivedOn,
    decidedOn: r.decidedOn ?? null,
    result: reviewResult(r, mapping),
  };
}
