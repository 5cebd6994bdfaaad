/**
 * Seed data for the working-day calendar, read from the `chinese-days` package
 * (`dist/chinese-days.json`: `holidays`, `workdays`, `inLieuDays`, each a map date → name).
 *
 * - makeupWorkdays = the package's `workdays` (weekend days that are worked, 调休上班日).
 * - holidays = the package's `holidays` ∪ `inLieuDays`. The in-lieu days (调休休息日) are the weekdays
 *   given as rest in exchange for the make-up days, e.g. 2026-02-20 and 2026-02-23 of 春节 2026; they are
 *   not working days. In chinese-days 1.5.7 every in-lieu day is already listed in `holidays`, so the
 *   union changes nothing today; it is kept so that a release listing them only as in-lieu days cannot
 *   turn a rest day into a working day.
 *
 * The package is only read here, as data: deadlines are computed by `createCalendar`, never by the
 * package (which treats years without data as plain weekdays, spec WD-01).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { CalendarYearData } from './types.ts';

export { assertValidYearData, CalendarDataError, validateYearData } from './validate.ts';

interface ChineseDaysJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays: Record<string, string>;
}

const require = createRequire(import.meta.url);

/** The installed chinese-days version, e.g. '1.5.7'. */
export function chineseDaysVersion(): string {
  const pkg = JSON.parse(readFileSync(require.resolve('chinese-days/package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** The raw data file of the installed chinese-days. */
export function readChineseDaysJson(): ChineseDaysJson {
  const raw = JSON.parse(
    readFileSync(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8'),
  ) as unknown;
  const j = raw as Partial<ChineseDaysJson>;
  for (const key of ['holidays', 'workdays', 'inLieuDays'] as const) {
    if (typeof j[key] !== 'object' || j[key] === null) {
      throw new Error(`chinese-days 的数据文件格式与预期不符：缺少 ${key}`);
    }
  }
  return j as ChineseDaysJson;
}

/**
 * One CalendarYearData per year the package has holidays for (2004…2026 in chinese-days 1.5.7),
 * ascending, dates sorted, source `chinese-days@<version>`.
 */
export function chineseDaysYears(json: ChineseDaysJson = readChineseDaysJson()): CalendarYearData[] {
  const source = `chinese-days@${chineseDaysVersion()}`;
  const byYear = new Map<number, { holidays: Set<string>; makeup: Set<string> }>();
  const entry = (date: string) => {
    const y = Number(date.slice(0, 4));
    let e = byYear.get(y);
    if (!e) {
      e = { holidays: new Set(), makeup: new Set() };
      byYear.set(y, e);
    }
    return e;
  };
  for (const d of Object.keys(json.holidays)) entry(d).holidays.add(d);
  for (const d of Object.keys(json.inLieuDays)) entry(d).holidays.add(d);
  for (const d of Object.keys(json.workdays)) entry(d).makeup.add(d);
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, e]) => ({
      year,
      holidays: [...e.holidays].sort(),
      makeupWorkdays: [...e.makeup].sort(),
      source,
    }));
}
