/**
 * 信息处理费 under 国办函〔2020〕109号《政府信息公开信息处理费管理办法》 (spec §4).
 * The tiers are data: a versioned schedule with an effective date. One method per application,
 * never both (办法第三条, FEE-01). Amounts are whole yuan (FEE-02).
 */
import { z } from 'zod';
import type { IsoDate, WorkingCalendar } from '../calendar/types.ts';
import { isIsoDate, monthOf } from './dates.ts';

export type FeeMethod = 'perApplication' | 'perPage';

export const FEE_METHODS: Record<FeeMethod, { label: string; article: string }> = {
  perApplication: { label: '按件计收', article: '第四条' },
  perPage: { label: '按量计收', article: '第五条' },
};

/** One band of a progressive (超额累进) tier table: units up to `upTo` (inclusive; null = no limit). */
export interface FeeTier {
  upTo: number | null;
  rateYuan: number;
}

export interface FeeSchedule {
  /** e.g. '国办函〔2020〕109号' */
  version: string;
  effectiveFrom: IsoDate;
  /** Exclusive end, when a later schedule replaces this one. */
  effectiveTo?: IsoDate;
  source: string;
  /** 按件计收: per applicant per natural month, by the rank of the piece in the month. */
  perApplication: {
    tiers: FeeTier[];
    /** Beyond the last bounded tier: bands of `bandSize` pieces, the first at `firstRateYuan`, each next + `stepYuan`. */
    beyond: { bandSize: number; firstRateYuan: number; stepYuan: number } | null;
  };
  /** 按量计收: per application, by the number of pages. */
  perPage: { tiers: FeeTier[] };
}

/**
 * 办法109 Art. 4 and 5 (CONFIRMED tiers, spec §4.1). The effective date is UNCONFIRMED (the notice is
 * dated 2020-11-17; 2021-01-01 is the probable start): edit it here or add a later version.
 */
export const FEE_SCHEDULE_2020: FeeSchedule = {
  version: '国办函〔2020〕109号',
  effectiveFrom: '2021-01-01',
  source: '《政府信息公开信息处理费管理办法》第四条、第五条',
  perApplication: {
    tiers: [
      { upTo: 10, rateYuan: 0 },
      { upTo: 30, rateYuan: 100 },
    ],
    beyond: { bandSize: 10, firstRateYuan: 200, stepYuan: 100 },
  },
  perPage: {
    tiers: [
      { upTo: 30, rateYuan: 0 },
      { upTo: 100, rateYuan: 10 },
      { upTo: 200, rateYuan: 20 },
      { upTo: null, rateYuan: 40 },
    ],
  },
};

export const DEFAULT_FEE_SCHEDULES: FeeSchedule[] = [FEE_SCHEDULE_2020];

export class FeeError extends Error {
  constructor(
    public readonly rule: string,
    message: string,
  ) {
    super(message);
    this.name = 'FeeError';
  }
}

/** The schedule in force on `date` (the receipt date of the application). */
export function feeScheduleFor(date: IsoDate, schedules: FeeSchedule[] = DEFAULT_FEE_SCHEDULES): FeeSchedule {
  const s = schedules
    .filter((x) => x.effectiveFrom <= date && (x.effectiveTo === undefined || date < x.effectiveTo))
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
  if (!s) throw new FeeError('FEE-00', `${date}没有适用的信息处理费收费标准`);
  return s;
}

export function findFeeSchedule(version: string, schedules: FeeSchedule[] = DEFAULT_FEE_SCHEDULES) {
  return schedules.find((s) => s.version === version);
}

/** The rate of the k-th piece (1-based) of an applicant's natural month (spec §4.2 perPieceRate). */
export function perPieceRate(k: number, schedule: FeeSchedule = FEE_SCHEDULE_2020): number {
  if (!Number.isInteger(k) || k < 1) throw new FeeError('FEE-00', '件次须为正整数');
  const { tiers, beyond } = schedule.perApplication;
  for (const t of tiers) if (t.upTo === null || k <= t.upTo) return t.rateYuan;
  const last = tiers[tiers.length - 1]?.upTo ?? 0;
  if (!beyond) throw new FeeError('FEE-00', '收费标准未定义该件次的费率');
  return beyond.firstRateYuan + beyond.stepYuan * (Math.ceil((k - last) / beyond.bandSize) - 1);
}

export interface FeeLine {
  /** First and last unit of the band charged on this line (pieces by monthly rank, or pages). */
  from: number;
  to: number;
  units: number;
  rateYuan: number;
  amountYuan: number;
}

export interface FeeComputation {
  method: FeeMethod;
  scheduleVersion: string;
  amountYuan: number;
  lines: FeeLine[];
  /** Chinese one-line basis for the 收费通知书 ("依据、标准、数额"). */
  basis: string;
}

/** 按件计收 input: this application's pieces, and the applicant's pieces earlier in the same natural month. */
export interface PerApplicationInput {
  method: 'perApplication';
  pieces: number;
  priorPiecesThisMonth: number;
}

/** 按量计收 input: the pages of this application. */
export interface PerPageInput {
  method: 'perPage';
  pages: number;
}

export type FeeInput = PerApplicationInput | PerPageInput;

const count = (label: string, min: number) =>
  z
    .number({ error: `${label}：须为数字` })
    .int({ error: `${label}：须为整数` })
    .min(min, { error: `${label}：不能小于${min}` });

export const FeeInputSchema = z.discriminatedUnion(
  'method',
  [
    z.strictObject(
      {
        method: z.literal('perApplication'),
        pieces: count('件数', 1),
        priorPiecesThisMonth: count('本自然月此前件数', 0),
      },
      { error: '收费方式：不得同时按照两种标准重复计算（办法第三条）' },
    ),
    z.strictObject(
      { method: z.literal('perPage'), pages: count('页数', 1) },
      { error: '收费方式：不得同时按照两种标准重复计算（办法第三条）' },
    ),
  ],
  { error: '收费方式：须为按件计收或按量计收（办法第三条）' },
);

function tierLines(tiers: FeeTier[], fromUnit: number, toUnit: number): FeeLine[] {
  const lines: FeeLine[] = [];
  let lower = 0;
  for (const t of tiers) {
    const upper = t.upTo ?? Number.POSITIVE_INFINITY;
    const a = Math.max(fromUnit, lower + 1);
    const b = Math.min(toUnit, upper);
    if (a <= b)
      lines.push({
        from: a,
        to: b,
        units: b - a + 1,
        rateYuan: t.rateYuan,
        amountYuan: (b - a + 1) * t.rateYuan,
      });
    lower = upper;
    if (lower >= toUnit) break;
  }
  return lines;
}

/**
 * The fee of one application by one method (FEE-01: the input names exactly one method; an input
 * with both `pages` and `pieces` is refused).
 */
export function computeFee(input: FeeInput, schedule: FeeSchedule = FEE_SCHEDULE_2020): FeeComputation {
  const parsed = FeeInputSchema.safeParse(input);
  if (!parsed.success) throw new FeeError('FEE-01', parsed.error.issues.map((i) => i.message).join('；'));
  const inp = parsed.data;
  let lines: FeeLine[];
  let basis: string;
  if (inp.method === 'perPage') {
    lines = tierLines(schedule.perPage.tiers, 1, inp.pages);
    basis = `按量计收（${schedule.version}第五条），本件申请共${inp.pages}页`;
  } else {
    const first = inp.priorPiecesThisMonth + 1;
    const last = inp.priorPiecesThisMonth + inp.pieces;
    lines = [];
    for (let k = first; k <= last; k++) {
      const rate = perPieceRate(k, schedule);
      const prev = lines[lines.length - 1];
      if (prev && prev.rateYuan === rate) {
        prev.to = k;
        prev.units++;
        prev.amountYuan += rate;
      } else lines.push({ from: k, to: k, units: 1, rateYuan: rate, amountYuan: rate });
    }
    basis = `按件计收（${schedule.version}第四条），本件申请计${inp.pieces}件，为申请人本自然月第${first}至第${last}件`;
  }
  const amountYuan = lines.reduce((s, l) => s + l.amountYuan, 0);
  const detail = lines
    .filter((l) => l.rateYuan > 0)
    .map(
      (l) =>
        `第${l.from}至第${l.to}${inp.method === 'perPage' ? '页' : '件'}每${inp.method === 'perPage' ? '页' : '件'}${l.rateYuan}元`,
    )
    .join('，');
  return {
    method: inp.method,
    scheduleVersion: schedule.version,
    amountYuan,
    lines,
    basis: `${basis}${detail ? `，${detail}` : '，在免费范围内'}，合计${amountYuan}元。`,
  };
}

/** Σ of the per-piece rates of the first `n` pieces of a month (spec §4.2 monthlyPerPieceTotal). */
export function monthlyPerPieceTotal(n: number, schedule: FeeSchedule = FEE_SCHEDULE_2020): number {
  if (n === 0) return 0;
  return computeFee({ method: 'perApplication', pieces: n, priorPiecesThisMonth: 0 }, schedule).amountYuan;
}

export function perPageFee(pages: number, schedule: FeeSchedule = FEE_SCHEDULE_2020): number {
  if (pages === 0) return 0;
  return computeFee({ method: 'perPage', pages }, schedule).amountYuan;
}

/** One application as the per-application counter sees it. */
export interface PieceCountEntry {
  caseId: string;
  applicantKey: string;
  /** Receipt date (条例第三十一条), which places the application in a natural month (FEE-03). */
  receivedDate: IsoDate;
  /** Pieces the application was split into (一事一申请); 1 when not split. */
  pieces: number;
}

/**
 * The applicant's pieces received earlier in the same natural month (FEE-03), ordered by receipt
 * date, then by the order of `entries` (pass them in registration order). Per agency: pass one
 * agency's entries.
 */
export function priorPiecesThisMonth(entries: PieceCountEntry[], caseId: string): number {
  const me = entries.findIndex((e) => e.caseId === caseId);
  if (me < 0) throw new FeeError('FEE-03', `未找到申请${caseId}`);
  const self = entries[me]!;
  let n = 0;
  entries.forEach((e, i) => {
    if (e.applicantKey !== self.applicantKey || monthOf(e.receivedDate) !== monthOf(self.receivedDate))
      return;
    if (e.receivedDate < self.receivedDate || (e.receivedDate === self.receivedDate && i < me)) n += e.pieces;
  });
  return n;
}

/** FEE-04: the last day to pay = the 20th working day after the day the notice was received. */
export function feePaymentDeadline(
  noticeReceivedOn: IsoDate,
  calendar: WorkingCalendar,
  workingDays = 20,
): IsoDate {
  if (!isIsoDate(noticeReceivedOn))
    throw new FeeError('FEE-04', `收到收费通知的日期无效：${noticeReceivedOn}`);
  return calendar.addWorkingDays(noticeReceivedOn, workingDays);
}
