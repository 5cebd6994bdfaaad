/**
 * The policy library (政策文件库) → table 二 (一) of the annual report (2021 format): for each of
 * 规章 and 行政规范性文件,
 *   本年制发件数  documents whose 成文日期 is in the year;
 *   本年废止件数  documents repealed (废止) in the year — and, by default, those that expired (失效)
 *                in the year: both leave the stock, so 上年现行有效 + 制发 − 废止 = 现行有效 holds
 *                (rule E-11) unless documents were entered late;
 *   现行有效件数  documents written by 31 December and neither repealed nor expired by then.
 * The library is what the public sees: published 规章 and 行政规范性文件 (the store reads them from
 * the public projection). This is the pure reference; the store computes the same with SQL and the
 * tests check that they agree.
 */
import type { IsoDate } from '../calendar/types.ts';
import type { PolicyKind, Validity } from './categories.ts';

export interface LibraryDoc {
  id: number;
  indexNumber: string;
  title: string;
  documentNumber: string | null;
  policyKind: PolicyKind;
  writtenOn: IsoDate;
  validity: Validity;
  validityOn: IsoDate | null;
}

export interface LibraryOptions {
  /** Count documents that expired (失效) in the year as 本年废止 (default true). */
  expiredCountsAsRepealed: boolean;
}
export const DEFAULT_LIBRARY_OPTIONS: LibraryOptions = { expiredCountsAsRepealed: true };

export const T2_ROW_OF_KIND: Record<PolicyKind, string> = {
  regulation: 'regulations',
  normativeDoc: 'normativeDocs',
};
export const T2_LIBRARY_COLUMNS = ['issued', 'repealed', 'valid'] as const;
export type T2LibraryColumn = (typeof T2_LIBRARY_COLUMNS)[number];

/** Every table 二 (一) cell key the library fills: 'a20_1.regulations.issued' … */
export const T2_LIBRARY_CELLS = Object.values(T2_ROW_OF_KIND).flatMap((r) =>
  T2_LIBRARY_COLUMNS.map((c) => `a20_1.${r}.${c}`),
);

const ended = (d: LibraryDoc) => d.validity !== 'valid' && d.validityOn !== null;

/** The table 二 (一) cells one document counts in for a year. */
export function t2CellsOfDocument(
  d: LibraryDoc,
  year: number,
  opts: LibraryOptions = DEFAULT_LIBRARY_OPTIONS,
): string[] {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const row = `a20_1.${T2_ROW_OF_KIND[d.policyKind]}`;
  const out: string[] = [];
  if (d.writtenOn >= start && d.writtenOn <= end) out.push(`${row}.issued`);
  const countsAsRepealed =
    d.validity === 'repealed' || (opts.expiredCountsAsRepealed && d.validity === 'expired');
  if (countsAsRepealed && d.validityOn && d.validityOn >= start && d.validityOn <= end)
    out.push(`${row}.repealed`);
  if (d.writtenOn <= end && !(ended(d) && d.validityOn! <= end)) out.push(`${row}.valid`);
  return out;
}

/** The six cells as table 二 input text ('0' where no document). */
export function aggregateLibrary(
  docs: Iterable<LibraryDoc>,
  year: number,
  opts: LibraryOptions = DEFAULT_LIBRARY_OPTIONS,
): Record<string, string> {
  const counts = new Map<string, number>(T2_LIBRARY_CELLS.map((k) => [k, 0]));
  for (const d of docs) for (const k of t2CellsOfDocument(d, year, opts)) counts.set(k, counts.get(k)! + 1);
  return Object.fromEntries([...counts].map(([k, v]) => [k, String(v)]));
}
