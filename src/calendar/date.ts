/**
 * Civil-date arithmetic on day numbers (days since 1970-01-01), without Date objects.
 *
 * days-from-civil and civil-from-days follow Howard Hinnant's algorithms
 * (http://howardhinnant.github.io/date_algorithms.html), valid for the proleptic Gregorian calendar.
 */
import type { IsoDate } from './types.ts';

/** Day number of a civil date (1970-01-01 = 0). `m` is 1–12. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = m > 2 ? m - 3 : m + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of a day number. */
export function civilFromDays(z: number): { y: number; m: number; d: number } {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Day of week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(z: number): number {
  return (((z + 4) % 7) + 7) % 7;
}

export function isWeekend(z: number): boolean {
  const w = weekday(z);
  return w === 0 || w === 6;
}

export const WEEKDAY_CN = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1]!;
}

/** Two-digit decimal at position i of s, or -1 if either character is not a digit. */
function digits2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  if (a < 0 || a > 9 || b < 0 || b > 9) return -1;
  return a * 10 + b;
}

/**
 * Day number of a strict 'YYYY-MM-DD' date, or NaN when the string is malformed or not a real date
 * (2026-02-30). Year 0000 is rejected.
 */
export function tryParseIsoDate(s: unknown): number {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45)
    return Number.NaN;
  const hi = digits2(s, 0);
  const lo = digits2(s, 2);
  const m = digits2(s, 5);
  const d = digits2(s, 8);
  if (hi < 0 || lo < 0 || m < 1 || m > 12 || d < 1) return Number.NaN;
  const y = hi * 100 + lo;
  if (y === 0 || d > daysInMonth(y, m)) return Number.NaN;
  return daysFromCivil(y, m, d);
}

/** Day number of a strict 'YYYY-MM-DD' date; throws an Error with a Chinese message otherwise. */
export function parseIsoDate(s: unknown, what = '日期'): number {
  const z = tryParseIsoDate(s);
  if (Number.isNaN(z)) throw new Error(`${what}格式应为YYYY-MM-DD（且为真实存在的日期）：${describe(s)}`);
  return z;
}

function describe(v: unknown): string {
  if (typeof v === 'string') return v === '' ? '（空）' : v;
  if (v === undefined) return '（未填写）';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** 'YYYY-MM-DD' of a day number (years 1–9999). */
export function formatIsoDate(z: number): IsoDate {
  const { y, m, d } = civilFromDays(z);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** Year of a day number. */
export function yearOf(z: number): number {
  return civilFromDays(z).y;
}
