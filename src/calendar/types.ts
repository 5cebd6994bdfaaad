/** The working-day calendar: types shared by the pure core, the store and the CLI. */

/** A calendar date, 'YYYY-MM-DD' (Asia/Shanghai civil date; no time, no zone). */
export type IsoDate = string;

/** One year of the State Council's holiday arrangement. */
export interface CalendarYearData {
  year: number;
  /** Statutory holidays and the rest days of the arrangement (放假日). */
  holidays: IsoDate[];
  /** Make-up working days that fall on a weekend (调休上班日). */
  makeupWorkdays: IsoDate[];
  /** Where the data came from, e.g. 'chinese-days@1.5.7' or 'admin:张三 2026-11-05 国办发明电〔2026〕X号'. */
  source: string;
}

/** A deadline that would fall in a year the calendar does not cover (spec WD-01). */
export class CalendarCoverageError extends Error {
  constructor(
    public readonly year: number,
    message: string,
  ) {
    super(message);
    this.name = 'CalendarCoverageError';
  }
}

export interface WorkingCalendar {
  /** Years with data, ascending. */
  readonly years: number[];
  covers(year: number): boolean;
  /** WD-03: a make-up working day, or Mon–Fri that is not a holiday. Throws for uncovered years. */
  isWorkday(date: IsoDate): boolean;
  /** WD-04: the n-th working day strictly after `start` (n ≥ 1; n = 0 returns start). Throws CalendarCoverageError. */
  addWorkingDays(start: IsoDate, n: number): IsoDate;
  /** Working days d with from < d ≤ to (0 when to ≤ from). Throws CalendarCoverageError. */
  countWorkingDays(from: IsoDate, to: IsoDate): number;
  /** Holidays and make-up days between two dates (for explaining a deadline). */
  specialDaysBetween(from: IsoDate, to: IsoDate): { date: IsoDate; kind: 'holiday' | 'makeup' }[];
}
