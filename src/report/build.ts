/** Building report models in code: an empty report of a format, and cell setters (for tests and generation). */
import { makeCell } from './cell.ts';
import { FORMATS } from './formats/index.ts';
import type { FormatId } from './formats/types.ts';
import type { Cell, Report, Row } from './model.ts';

const emptyCell = (): Cell => ({ raw: '', kind: 'empty', value: null });

/** A report of the given format with every section empty and every cell blank (not 0). */
export function emptyReport(formatId: FormatId, year: number, agency: string | null = null): Report {
  const f = FORMATS[formatId];
  const blocks: Report['table2']['blocks'] = {};
  for (const b of f.table2.blocks) {
    const rows: Record<string, Row> = {};
    for (const r of b.rows) {
      rows[r.key] = { label: r.label, cells: Object.fromEntries(b.columns.map((c) => [c.key, emptyCell()])) };
    }
    blocks[b.key] = { columnLabels: Object.fromEntries(b.columns.map((c) => [c.key, c.label])), rows };
  }
  const t3rows: Record<string, Row> = {};
  for (const r of f.table3.rows) {
    t3rows[r.key] = {
      label: r.label,
      cells: Object.fromEntries(f.table3.columns.map((c) => [c.key, emptyCell()])),
    };
  }
  return {
    schema: 'gongkai/annual-report@1',
    format: formatId,
    formatEvidence: [],
    year,
    agency,
    title: agency ? `${agency}${year}年政府信息公开工作年度报告` : null,
    preamble: [],
    sections: f.sections.map((s) => ({
      number: s.number,
      key: s.key,
      heading: `${'一二三四五六'[s.number - 1]}、${s.heading}`,
      paragraphs: [],
    })),
    table2: { status: 'ok', blocks },
    table3: { status: 'ok', rows: t3rows },
    table4: {
      status: 'ok',
      row: { label: '', cells: Object.fromEntries(f.table4.columns.map((c) => [c.key, emptyCell()])) },
    },
    diagnostics: [],
  };
}

/** Sets a table 三 cell from raw text (e.g. '12', '', '/'). */
export function setT3(report: Report, rowKey: string, colKey: string, raw: string | number): void {
  const row = report.table3.rows[rowKey];
  if (!row) throw new Error(`no table 3 row ${rowKey}`);
  row.cells[colKey] = makeCell(String(raw));
}

/** Sets a whole table 三 row from 7 values (c1..c7). */
export function setT3Row(report: Report, rowKey: string, values: (string | number)[]): void {
  values.forEach((v, i) => {
    setT3(report, rowKey, `c${i + 1}`, v);
  });
}

/** Sets table 四 from 15 values in the format's column order. */
export function setT4(report: Report, values: (string | number)[]): void {
  const f = FORMATS[report.format as FormatId];
  const row = report.table4.row!;
  f.table4.columns.forEach((c, i) => {
    row.cells[c.key] = makeCell(String(values[i] ?? ''));
  });
}

/** Sets a table 二 cell. */
export function setT2(
  report: Report,
  blockKey: string,
  rowKey: string,
  colKey: string,
  raw: string | number,
): void {
  const f = FORMATS[report.format as FormatId];
  const col = f.table2.blocks.find((b) => b.key === blockKey)?.columns.find((c) => c.key === colKey);
  const row = report.table2.blocks[blockKey]?.rows[rowKey];
  if (!row || !col) throw new Error(`no table 2 cell ${blockKey}.${rowKey}.${colKey}`);
  row.cells[colKey] = makeCell(String(raw), col);
}
