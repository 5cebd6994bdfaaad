/**
 * The reply clock of a case (条例第三十条、第三十三条; spec CASE-02, CASE-06, CASE-07, CASE-08) and
 * its explanation (DESIGN principle 4: a deadline can say how it was computed).
 *
 * Counting (WD-02, WD-04): the start day is not counted; the period is the N-th counted working day
 * after it. N = 20 (Art. 33 ¶2) + the extension (≤ 20, approved once).
 *
 * Start: the receipt date of Art. 31; after a correction, the day the corrected application was
 * received (the clock restarts in full, CASE-02); after a review decision, the day handling resumed.
 *
 * Pauses (Art. 33 ¶3, CASE-06, defined here because the law does not say which days are "所需时间"):
 * a consultation sent on day S and answered on day A makes every working day d with S ≤ d ≤ A
 * uncounted — both the sending day and the answer day are excluded. The pause ends no later than
 * the end of the 15-working-day reply period (counted from the day the party received the letter when
 * known, else from S), also when the answer arrives later or never (lapse). While a consultation is
 * open, the pause is assumed to run to that end and the due date is marked provisional. Overlapping
 * pauses count each day once. A pause that starts after the due date has no effect.
 * With `feePausesClock` (FEE-05), the days from the fee notice to the payment are a pause too.
 */
import type { IsoDate, WorkingCalendar } from '../calendar/types.ts';
import type { CaseConfig } from './config.ts';
import { addDays, dateRanges } from './dates.ts';
import { type Actor, CONSULTATION_PARTIES, type ConsultationParty } from './events.ts';

export interface ClockPauseInput {
  from: IsoDate;
  to: IsoDate;
  reason: 'consultation' | 'fee';
  party?: ConsultationParty;
  name?: string;
  /** Still running: `to` is the latest possible end. */
  open: boolean;
}

export interface ClockInput {
  kind: 'initial' | 'afterCorrection' | 'reopened';
  receivedDate: IsoDate;
  start: IsoDate;
  baseDays: number;
  extension?: {
    days: number;
    approvedBy: Pick<Actor, 'id' | 'role' | 'name'>;
    approvedOn: IsoDate;
    reason: string;
  };
  pauses: ClockPauseInput[];
  /** A due date fixed by a review decision or judgment (reopened cases). */
  fixedDue?: IsoDate;
  reopen?: { decision: 'reconsideration' | 'litigation'; decidedOn: IsoDate };
}

export interface DeadlinePause {
  from: IsoDate;
  to: IsoDate;
  reason: 'consultation' | 'fee';
  party?: ConsultationParty;
  name?: string;
  /** Working days of the pause that were not counted (before the due date, not in an earlier pause). */
  days: number;
  open: boolean;
}

export interface DeadlineExplanation {
  kind: 'initial' | 'afterCorrection' | 'reopened';
  receivedDate: IsoDate;
  /** Counting starts the day after this date. */
  start: IsoDate;
  /** CASE-02: the day the correction was received (equal to `start`). */
  restartedOn?: IsoDate;
  reopenedOn?: IsoDate;
  baseDays: number;
  extension?: {
    days: number;
    approvedBy: Pick<Actor, 'id' | 'role' | 'name'>;
    approvedOn: IsoDate;
    reason: string;
  };
  /** base + extension: the working days counted. */
  workingDaysCounted: number;
  pauses: DeadlinePause[];
  /** Statutory holidays and rest days between start and due (the calendar's holiday list). */
  holidaysSkipped: IsoDate[];
  /** Make-up working days (调休上班日) between start and due: counted as working days. */
  makeupWorkdays: IsoDate[];
  due: IsoDate;
  /** True while a pause is open: the due date assumes it runs to its latest end. */
  provisional: boolean;
  fixedByDecision: boolean;
  /** One Chinese paragraph. */
  text: string;
}

const MAX_WALK_DAYS = 3660;

/** Walks the calendar day by day: counted working days, excluded pause days. */
export function computeDue(
  input: ClockInput,
  calendar: WorkingCalendar,
): { due: IsoDate; excluded: number[] } {
  const excluded = input.pauses.map(() => 0);
  const budget = input.baseDays + (input.extension?.days ?? 0);
  // no pause to step around: the calendar's O(1) count (same WD-04 rule as the walk below)
  if (!input.pauses.length) return { due: calendar.addWorkingDays(input.start, budget), excluded };
  let d = input.start;
  let counted = 0;
  for (let i = 0; counted < budget; i++) {
    if (i > MAX_WALK_DAYS) throw new Error('期限计算超出范围');
    d = addDays(d, 1);
    if (!calendar.isWorkday(d)) continue;
    const p = input.pauses.findIndex((x) => x.from <= d && d <= x.to);
    if (p >= 0) {
      excluded[p]!++;
      continue;
    }
    counted++;
  }
  return { due: d, excluded };
}

const pauseLabel = (p: DeadlinePause) =>
  p.reason === 'consultation'
    ? `征求${CONSULTATION_PARTIES[p.party ?? 'thirdParty'].label}“${p.name ?? ''}”意见期间（${p.from}至${p.to}${p.open ? '，尚未答复' : ''}）${p.days}个工作日不计算在答复期限内（条例第三十三条第三款、${CONSULTATION_PARTIES[p.party ?? 'thirdParty'].article}）`
    : `等待缴纳信息处理费期间（${p.from}至${p.to}${p.open ? '，尚未缴费' : ''}）${p.days}个工作日不计算在答复期限内（本机关配置）`;

function rangesText(dates: IsoDate[]): string {
  return dateRanges(dates)
    .map((r) => (r.days === 1 ? r.from : `${r.from}至${r.to}`))
    .join('、');
}

export function explainClock(input: ClockInput, calendar: WorkingCalendar): DeadlineExplanation {
  const fixed = input.fixedDue !== undefined;
  const { due, excluded } = fixed
    ? { due: input.fixedDue!, excluded: input.pauses.map(() => 0) }
    : computeDue(input, calendar);
  const pauses: DeadlinePause[] = input.pauses.map((p, i) => ({ ...p, days: excluded[i]! }));
  const special = due > input.start ? calendar.specialDaysBetween(input.start, due) : [];
  const holidaysSkipped = special.filter((s) => s.kind === 'holiday').map((s) => s.date);
  const makeupWorkdays = special.filter((s) => s.kind === 'makeup').map((s) => s.date);
  const workingDaysCounted = input.baseDays + (input.extension?.days ?? 0);
  const provisional = pauses.some((p) => p.open && p.days > 0);

  const parts: string[] = [];
  if (input.kind === 'reopened' && input.reopen) {
    const by = input.reopen.decision === 'reconsideration' ? '行政复议决定' : '人民法院裁判';
    parts.push(`本案经${by}（${input.reopen.decidedOn}）后于${input.start}重新办理`);
    parts.push(
      fixed
        ? `重新答复期限由该决定确定，届满日为${due}。`
        : `重新答复期限自${input.start}次日起算${input.baseDays}个工作日`,
    );
  } else {
    parts.push(`本申请的收到日期为${input.receivedDate}（条例第三十一条）`);
    if (input.kind === 'afterCorrection')
      parts.push(`申请人于${input.start}提交补正，答复期限自收到补正之日起重新计算（条例第三十条）`);
    parts.push(`答复期限自${input.start}次日起算${input.baseDays}个工作日（条例第三十三条第二款）`);
  }
  let text = `${parts.join('；')}`;
  if (!fixed) {
    if (input.extension)
      text += `，经政府信息公开工作机构负责人批准延长${input.extension.days}个工作日（条例第三十三条第二款），共计${workingDaysCounted}个工作日`;
    text += '。';
    const counted = pauses.filter((p) => p.days > 0);
    if (counted.length) text += `${counted.map(pauseLabel).join('；')}。`;
    if (holidaysSkipped.length) text += `期间跳过法定节假日${rangesText(holidaysSkipped)}`;
    if (makeupWorkdays.length)
      text += `${holidaysSkipped.length ? '，' : '期间'}${makeupWorkdays.join('、')}为调休上班日，计为工作日`;
    if (holidaysSkipped.length || makeupWorkdays.length) text += '。';
    text += `答复期限届满日为${due}${provisional ? '（征求意见或缴费尚未完成，按其最长期限计算，为暂定日期）' : ''}。`;
  }

  return {
    kind: input.kind,
    receivedDate: input.receivedDate,
    start: input.start,
    ...(input.kind === 'afterCorrection' ? { restartedOn: input.start } : {}),
    ...(input.kind === 'reopened' ? { reopenedOn: input.start } : {}),
    baseDays: input.baseDays,
    ...(input.extension ? { extension: input.extension } : {}),
    workingDaysCounted,
    pauses,
    holidaysSkipped,
    makeupWorkdays,
    due,
    provisional,
    fixedByDecision: fixed,
    text,
  };
}

/** The consulted party's reply period: 15 working days from its receipt of the letter (Art. 32, 34). */
export function consultationReplyDeadline(
  sentOn: IsoDate,
  partyReceivedOn: IsoDate | undefined,
  calendar: WorkingCalendar,
  config: CaseConfig,
): IsoDate {
  return calendar.addWorkingDays(partyReceivedOn ?? sentOn, config.rules.consultationReplyWorkingDays);
}
