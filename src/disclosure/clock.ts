/**
 * The Art. 26 clock (spec PRO-01): information within the scope of proactive disclosure must be
 * published within 20 working days of the day it was formed or changed, unless a law or regulation
 * sets another period (then that date, with its basis, is on the item).
 */
import { CalendarCoverageError, type IsoDate, type WorkingCalendar } from '../calendar/types.ts';
import type { ItemFields } from './fields.ts';

export const ART26_WORKING_DAYS = 20;
/** An item is “at risk” when this many working days or fewer are left. */
export const DEFAULT_RISK_WORKING_DAYS = 5;

export interface Art26Due {
  dueOn: IsoDate | null;
  basis: string;
  /** One sentence explaining the date (or why there is none). */
  explanation: string;
}

/** The due date of a version of an item (PRO-01). */
export function art26Due(
  f: Pick<ItemFields, 'formedOn' | 'deadlineOn' | 'deadlineBasis'>,
  cal: WorkingCalendar,
): Art26Due {
  if (f.deadlineOn)
    return {
      dueOn: f.deadlineOn,
      basis: f.deadlineBasis ?? '',
      explanation: `依据${f.deadlineBasis}，应于${f.deadlineOn}前公开（条例第二十六条：法律、法规另有规定的，从其规定）`,
    };
  const basis = '条例第二十六条';
  try {
    const dueOn = cal.addWorkingDays(f.formedOn, ART26_WORKING_DAYS);
    const special = cal.specialDaysBetween(f.formedOn, dueOn).filter((d) => d.kind === 'holiday').length;
    return {
      dueOn,
      basis,
      explanation: `自形成或变更之日（${f.formedOn}）起${ART26_WORKING_DAYS}个工作日内公开，截止${dueOn}${special ? `（已扣除法定节假日${special}天）` : ''}`,
    };
  } catch (e) {
    if (!(e instanceof CalendarCoverageError)) throw e;
    return {
      dueOn: null,
      basis,
      explanation: `日历数据未覆盖${e.year}年，无法计算公开期限；请先录入该年度节假日安排`,
    };
  }
}

export interface ClockState {
  dueOn: IsoDate;
  /** Working days from today (excluded) to the due date (included); 0 on the due date itself. */
  workingDaysLeft: number | null;
  /** Working days after the due date up to today, when overdue. */
  workingDaysOverdue: number | null;
  overdue: boolean;
  atRisk: boolean;
}

/** Where an item stands on `today` against its due date. */
export function clockState(
  dueOn: IsoDate,
  today: IsoDate,
  cal: WorkingCalendar,
  riskDays = DEFAULT_RISK_WORKING_DAYS,
): ClockState {
  const safe = (f: () => number) => {
    try {
      return f();
    } catch (e) {
      if (e instanceof CalendarCoverageError) return null;
      throw e;
    }
  };
  if (today > dueOn) {
    return {
      dueOn,
      workingDaysLeft: 0,
      workingDaysOverdue: safe(() => cal.countWorkingDays(dueOn, today)),
      overdue: true,
      atRisk: false,
    };
  }
  const left = safe(() => cal.countWorkingDays(today, dueOn));
  // without calendar data, fall back to calendar days so an item never silently drops off the list
  const days = (Date.parse(dueOn) - Date.parse(today)) / 86_400_000;
  const atRisk = left === null ? days <= riskDays + 2 : left <= riskDays;
  return { dueOn, workingDaysLeft: left, workingDaysOverdue: null, overdue: false, atRisk };
}
