/** Plain civil-date helpers for the case core ('YYYY-MM-DD' strings compare correctly as text). */
import type { IsoDate } from '../calendar/types.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written 'YYYY-MM-DD' (2025-02-29 is not). */
export function isIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** `date` plus `n` calendar days. */
export function addDays(date: IsoDate, n: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

/** The Asia/Shanghai civil date of an ISO timestamp (China has had no DST since 1991: UTC+8). */
export function shanghaiDateOf(timestamp: string): IsoDate {
  const ms = Date.parse(timestamp);
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

/** 'YYYY-MM' of a date: the natural month of 办法109 per-application counting. */
export function monthOf(date: IsoDate): string {
  return date.slice(0, 7);
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** Consecutive dates grouped into ranges, for explanations: ['10-01','10-02','10-04'] → two ranges. */
export function dateRanges(dates: IsoDate[]): { from: IsoDate; to: IsoDate; days: number }[] {
  const sorted = [...new Set(dates)].sort();
  const out: { from: IsoDate; to: IsoDate; days: number }[] = [];
  for (const d of sorted) {
    const last = out[out.length - 1];
    if (last && addDays(last.to, 1) === d) {
      last.to = d;
      last.days++;
    } else out.push({ from: d, to: d, days: 1 });
  }
  return out;
}
