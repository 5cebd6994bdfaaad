/**
 * The working-day calendar (spec §5, WD-01…WD-04), built from holiday data held as data.
 *
 * Loading precomputes, over the span from 1 January of the first year with data to 31 December of
 * the last:
 * - `prefix[i]`: the number of working days among the first i days of the span;
 * - `work[k]`: the day (relative to the span) of the (k+1)-th working day of the span;
 * - `runOfDay[i]`: which run of consecutive covered years day i belongs to (-1 in a gap year).
 * `addWorkingDays` is then one lookup in `prefix` and one in `work`, `countWorkingDays` a difference
 * of two `prefix` entries: O(1) per call, with no day-by-day loop and no Date object.
 *
 * Coverage rule (WD-01). Every day a computation looks at must lie in a year with data. The day a
 * period starts from is not counted (WD-02), so it is not looked at: `addWorkingDays(start, n)` and
 * `countWorkingDays(start, to)` need the days start+1 … result (or to) covered, all in one run of
 * consecutive covered years. Consequently the start date must be in a covered year, or be 31 December
 * of the year just before a covered year (e.g. 2003-12-31 when 2004 is the first year with data).
 * A computation that would run into a year without data throws CalendarCoverageError; weekdays are
 * never assumed to be working days. Empty ranges (n = 0, to ≤ from) look at no day and never throw
 * for coverage.
 */
import { daysFromCivil, formatIsoDate, parseIsoDate, tryParseIsoDate, yearOf } from './date.ts';
import { CalendarCoverageError, type CalendarYearData, type IsoDate, type WorkingCalendar } from './types.ts';
import { CalendarDataError, validateYearData } from './validate.ts';

const NOT_COVERED = -1;
/** Day flags (0: a day of a year without data). */
const REST = 1;
const WORK = 2;

/** Upper bound on the working days a year can have fewer than (for the wording of an error only). */
const FEWEST_WORKDAYS_A_YEAR = 200;

function coverageError(year: number, what: string): CalendarCoverageError {
  return new CalendarCoverageError(
    year,
    `工作日历没有${year}年的节假日安排数据，${what}；请管理员先录入国务院办公厅公布的${year}年节假日安排`,
  );
}

function checkCount(n: unknown): asserts n is number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`工作日数应为非负整数：${String(n)}`);
  }
}

/**
 * Builds a calendar from years of holiday data (in any order; the years need not be consecutive —
 * a year missing in between is not covered). Throws CalendarDataError when a year's data is invalid
 * or a year is given twice.
 */
export function createCalendar(input: readonly CalendarYearData[]): WorkingCalendar {
  const problems: string[] = [];
  const byYear = new Map<number, CalendarYearData>();
  for (const data of input) {
    problems.push(...validateYearData(data));
    if (byYear.has(data.year)) problems.push(`${data.year}年的节假日安排数据重复提供`);
    byYear.set(data.year, data);
  }
  if (problems.length > 0) throw new CalendarDataError(problems);

  const years = [...byYear.keys()].sort((a, b) => a - b);
  const firstYear = years[0] ?? 0;
  const lastYear = years.at(-1) ?? -1;
  const base = daysFromCivil(firstYear, 1, 1);
  const len = years.length === 0 ? 0 : daysFromCivil(lastYear + 1, 1, 1) - base;

  // Runs of consecutive covered years.
  const runOfYear = new Int32Array(Math.max(0, lastYear - firstYear + 1)).fill(NOT_COVERED);
  const runLastYear: number[] = [];
  for (const y of years) {
    if (runLastYear.length > 0 && runLastYear.at(-1) === y - 1) runLastYear[runLastYear.length - 1] = y;
    else runLastYear.push(y);
    runOfYear[y - firstYear] = runLastYear.length - 1;
  }

  // Day flags: weekdays work, then the year's holidays rest and its make-up days work (WD-03).
  const flags = new Uint8Array(len);
  const runOfDay = new Int32Array(len).fill(NOT_COVERED);
  const special: { day: number; kind: 'holiday' | 'makeup' }[] = [];
  for (const y of years) {
    const data = byYear.get(y)!;
    const from = daysFromCivil(y, 1, 1) - base;
    const to = daysFromCivil(y + 1, 1, 1) - base;
    const run = runOfYear[y - firstYear]!;
    for (let i = from; i < to; i++) {
      const w = (((base + i + 4) % 7) + 7) % 7;
      flags[i] = w === 0 || w === 6 ? REST : WORK;
      runOfDay[i] = run;
    }
    for (const h of data.holidays) {
      const i = tryParseIsoDate(h) - base;
      flags[i] = REST;
      special.push({ day: i, kind: 'holiday' });
    }
    for (const m of data.makeupWorkdays) {
      const i = tryParseIsoDate(m) - base;
      flags[i] = WORK;
      special.push({ day: i, kind: 'makeup' });
    }
  }
  special.sort((a, b) => a.day - b.day);
  const specialDay = Int32Array.from(special, (s) => s.day);
  const specialIso = special.map((s) => formatIsoDate(base + s.day));

  const prefix = new Int32Array(len + 1);
  let total = 0;
  for (let i = 0; i < len; i++) {
    if (flags[i] === WORK) total++;
    prefix[i + 1] = total;
  }
  const work = new Int32Array(total);
  const workIso: IsoDate[] = new Array(total);
  for (let i = 0, k = 0; i < len; i++) {
    if (flags[i] === WORK) {
      work[k] = i;
      workIso[k] = formatIsoDate(base + i);
      k++;
    }
  }

  /** Relative index of the first day after a run. */
  const runEnd = (run: number): number => daysFromCivil(runLastYear[run]! + 1, 1, 1) - base;
  /** Run of a relative day index, or NOT_COVERED (also outside the span). */
  const runAt = (i: number): number => (i >= 0 && i < len ? runOfDay[i]! : NOT_COVERED);

  /**
   * Checks that the days (a, b] (absolute day numbers, a < b) are covered and in one run;
   * returns the relative index of a + 1.
   */
  function checkRange(a: number, b: number, what: () => string): number {
    const f = a + 1 - base;
    const run = runAt(f);
    if (run === NOT_COVERED) throw coverageError(yearOf(a + 1), what());
    if (b - base >= runEnd(run)) throw coverageError(runLastYear[run]! + 1, what());
    return f;
  }

  const calendar: WorkingCalendar = {
    get years(): number[] {
      return years.slice();
    },

    covers(year: number): boolean {
      return (
        Number.isInteger(year) && year >= firstYear && year <= lastYear && runOfYear[year - firstYear]! >= 0
      );
    },

    isWorkday(date: IsoDate): boolean {
      const z = parseIsoDate(date);
      const i = z - base;
      if (runAt(i) === NOT_COVERED) {
        const y = yearOf(z);
        throw coverageError(y, `无法判断${date}是否为工作日`);
      }
      return flags[i] === WORK;
    },

    addWorkingDays(start: IsoDate, n: number): IsoDate {
      const z = parseIsoDate(start, '起算日期');
      checkCount(n);
      if (n === 0) return start;
      const f = z + 1 - base;
      const run = runAt(f);
      if (run === NOT_COVERED) {
        const y = yearOf(z + 1);
        throw coverageError(y, `无法从${start}起计算${n}个工作日的期限`);
      }
      const k = prefix[f]! + n - 1;
      if (k < total) {
        const day = work[k]!;
        if (runOfDay[day] === run) return workIso[k]!;
      }
      const missing = runLastYear[run]! + 1;
      const remaining = n - (prefix[runEnd(run)]! - prefix[f]!);
      const when = remaining <= FEWEST_WORKDAYS_A_YEAR ? `${missing}年` : `${missing}年或以后`;
      throw coverageError(missing, `无法计算自${start}起${n}个工作日的期限（截止日期将落在${when}）`);
    },

    countWorkingDays(from: IsoDate, to: IsoDate): number {
      const a = parseIsoDate(from, '起始日期');
      const b = parseIsoDate(to, '结束日期');
      if (b <= a) return 0;
      const f = checkRange(a, b, () => `无法计算${from}至${to}之间的工作日数`);
      return prefix[b - base + 1]! - prefix[f]!;
    },

    specialDaysBetween(from: IsoDate, to: IsoDate): { date: IsoDate; kind: 'holiday' | 'makeup' }[] {
      const a = parseIsoDate(from, '起始日期');
      const b = parseIsoDate(to, '结束日期');
      if (b <= a) return [];
      const f = checkRange(a, b, () => `无法列出${from}至${to}之间的节假日和调休上班日`);
      const t = b - base;
      // Lower bound of f in specialDay.
      let lo = 0;
      let hi = specialDay.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (specialDay[mid]! < f) lo = mid + 1;
        else hi = mid;
      }
      const out: { date: IsoDate; kind: 'holiday' | 'makeup' }[] = [];
      for (let i = lo; i < specialDay.length && specialDay[i]! <= t; i++) {
        out.push({ date: specialIso[i]!, kind: special[i]!.kind });
      }
      return out;
    },
  };
  return calendar;
}
