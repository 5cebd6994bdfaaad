/**
 * Compiling tables 三 and 四 of the annual report from case facts (spec T3-06):
 * - R1 本年新收: received in the year;
 * - R2 上年结转: received before the year and not concluded before 1 January;
 * - R3_x 办理结果: concluded in the year, by the outcome's table 三 row;
 * - R4 结转下年度: received by 31 December and not concluded by then.
 * Columns are the applicant types; 总计 and （七）总计 are sums, so T3-01…T3-03 hold by construction
 * (every case received by 31 Dec and open on 1 Jan is either concluded in the year or still open).
 *
 * Table 四 counts reconsideration and litigation records received in the year (configurable:
 * spec §1.4 UNCONFIRMED), by result if decided by 31 December, else 尚未审结.
 *
 * `aggregateCases` is the reference implementation over plain data; the store computes the same
 * counts with SQL GROUP BY (src/store/compile.ts) and the tests check that they agree.
 */
import { APPLICANT_TYPES, type ApplicantType } from '../cases/outcomes.ts';
import { emptyReport, setT2, setT3, setT4 } from './build.ts';
import { FORMATS, formatForYear } from './formats/index.ts';
import type { Report } from './model.ts';

export interface CaseFacts {
  id: number;
  number: string;
  applicantType: ApplicantType;
  receivedOn: string | null;
  concludedOn: string | null;
  /** Table 三 row of the outcome (R3_1 … R3_6_3); null while open. */
  tableRow: string | null;
}

export type ReviewKind = 'reconsideration' | 'litigationDirect' | 'litigationAfterReview';
export type ReviewResult = 'upheld' | 'corrected' | 'other';

export interface ReviewFacts {
  id: number;
  kind: ReviewKind;
  receivedOn: string;
  decidedOn: string | null;
  result: ReviewResult | null;
}

/** Counts per table 三 cell key 'R1.c1' … (only c1..c6 and outcome rows; sums are derived). */
export type T3Counts = Map<string, number>;
/** Counts per table 四 column key 'review.upheld' … (totals derived). */
export type T4Counts = Map<string, number>;

const T4_PREFIX: Record<ReviewKind, string> = {
  reconsideration: 'review.',
  litigationDirect: 'direct.',
  litigationAfterReview: 'afterReview.',
};

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/** Which table 三 cells one case contributes to in a year (R1/R2/R3_x/R4 × applicant column). */
export function t3CellsOfCase(c: CaseFacts, year: number): string[] {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const col = APPLICANT_TYPES[c.applicantType].column;
  const out: string[] = [];
  if (!c.receivedOn || c.receivedOn > end) return out;
  if (c.concludedOn && c.concludedOn < start) return out;
  if (c.receivedOn >= start) out.push(`R1.${col}`);
  else out.push(`R2.${col}`);
  if (c.concludedOn && c.concludedOn <= end) out.push(`${c.tableRow ?? 'R3_6_3'}.${col}`);
  else out.push(`R4.${col}`);
  return out;
}

export function t4CellOfRecord(r: ReviewFacts, year: number): string | null {
  if (!r.receivedOn.startsWith(`${year}-`)) return null;
  const decided = r.decidedOn && r.decidedOn <= `${year}-12-31` && r.result;
  return `${T4_PREFIX[r.kind]}${decided ? r.result : 'pending'}`;
}

export function aggregateCases(cases: Iterable<CaseFacts>, year: number): T3Counts {
  const m: T3Counts = new Map();
  for (const c of cases) for (const k of t3CellsOfCase(c, year)) bump(m, k);
  return m;
}

export function aggregateReviews(records: Iterable<ReviewFacts>, year: number): T4Counts {
  const m: T4Counts = new Map();
  for (const r of records) {
    const k = t4CellOfRecord(r, year);
    if (k) bump(m, k);
  }
  return m;
}

export interface CompileInput {
  agency: string;
  year: number;
  t3: T3Counts;
  t4: T4Counts;
  /** Table 二 inputs by 'block.row.column' key, raw text (e.g. '0', '12.5'). Missing → blank. */
  t2: Record<string, string>;
}

/** Builds the report model from the counts; every cell is a number (0 where no case). */
export function buildCompiledReport(input: CompileInput): Report {
  const format = formatForYear(input.year);
  if (!format) throw new Error(`${input.year}年早于2019年，没有全国统一的年报表格，无法编制`);
  const report = emptyReport(format.id, input.year, input.agency);
  report.formatEvidence = [`按报告年度${input.year}年采用${format.id}年格式（${format.basis}）`];
  for (const b of format.table2.blocks) {
    for (const r of b.rows) {
      for (const c of b.columns) {
        const v = input.t2[`${b.key}.${r.key}.${c.key}`];
        if (v !== undefined) setT2(report, b.key, r.key, c.key, v);
      }
    }
  }
  const cols = FORMATS[format.id].table3.columns.slice(0, 6).map((c) => c.key);
  const outcomeRows = format.table3.rows
    .filter((r) => r.key.startsWith('R3_') && r.key !== 'R3_7')
    .map((r) => r.key);
  // rows of the 2021 layout that the 2019 format does not have (（六）1/2) fold into its single （六）
  const folded = new Map<string, number>();
  for (const [k, v] of input.t3) {
    const [row, col] = k.split('.') as [string, string];
    const target = row.startsWith('R3_') && !outcomeRows.includes(row) ? 'R3_6_3' : row;
    folded.set(`${target}.${col}`, (folded.get(`${target}.${col}`) ?? 0) + v);
  }
  const get = (row: string, col: string) => folded.get(`${row}.${col}`) ?? 0;
  for (const row of ['R1', 'R2', ...outcomeRows, 'R4']) {
    const vals = cols.map((c) => get(row, c));
    vals.forEach((v, i) => {
      setT3(report, row, cols[i]!, v);
    });
    setT3(
      report,
      row,
      'c7',
      vals.reduce((a, b) => a + b, 0),
    );
  }
  for (const c of [...cols, 'c7']) {
    const sum = outcomeRows.reduce((a, r) => a + (report.table3.rows[r]!.cells[c]!.value ?? 0), 0);
    setT3(report, 'R3_7', c, sum);
  }
  const t4: number[] = [];
  for (const prefix of ['review.', 'direct.', 'afterReview.']) {
    const parts = ['upheld', 'corrected', 'other', 'pending'].map((k) => input.t4.get(`${prefix}${k}`) ?? 0);
    t4.push(
      ...parts,
      parts.reduce((a, b) => a + b, 0),
    );
  }
  setT4(report, t4);
  return report;
}
