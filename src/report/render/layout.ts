/**
 * Tables 二/三/四 as grids of cells with their spans, laid out exactly as the national format and
 * as render/html.ts prints them: table 二 block by block on a common grid; table 三 with the note
 * cell, the 申请人情况 headers and the merged group labels; table 四 with its three header rows.
 * The DOCX and XLSX renderers draw these grids; the cells carry the report's raw text (a blank
 * stays blank, "/" stays "/") and the typed cell for the data slots.
 */
import { FORMATS, type FormatId, type ReportFormat, type T3RowDef } from '../formats/index.ts';
import type { Cell, Report } from '../model.ts';
import { T2_CONTENT_HEADER, type TableNo } from './labels.ts';

export type LayoutRole =
  /** table 三's 勾稽关系 note */
  | 'note'
  /** a column header */
  | 'head'
  /** a table 二 block header (第二十条第（一）项) */
  | 'block'
  /** a row label */
  | 'label'
  /** a merged group label of table 三 (三、本年度办理结果, （三）不予公开) */
  | 'group'
  /** a data cell */
  | 'data';

export interface LayoutCell {
  text: string;
  rowSpan: number;
  colSpan: number;
  role: LayoutRole;
  /** The typed cell behind a data slot (undefined when the report lacks it: blank). */
  cell?: Cell;
  /** The column's value type, for data slots. */
  valueType?: 'count' | 'signed' | 'decimal';
  /** Row of a total ((七)总计): printed bold. */
  total?: boolean;
  /** Stable key of a data slot, e.g. `R3_1.c1`, `a20_1.regulations.issued`, `review.upheld`. */
  key?: string;
}

export interface TableLayout {
  table: TableNo;
  /** Number of grid columns. */
  columns: number;
  /** Relative column widths (millimetres on a 156 mm type area). */
  widths: number[];
  /** Leading rows that are headers (repeated on every page). */
  headerRows: number;
  /** Physical rows; a merged cell appears once, in the row and column where it starts. */
  rows: LayoutCell[][];
}

/** The text a data cell prints: the raw text as found; blank stays blank. */
export const cellText = (cell: Cell | undefined): string => (cell && cell.kind !== 'empty' ? cell.raw : '');

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (a: number, b: number): number => (a * b) / gcd(a, b);

const head = (text: string, rowSpan = 1, colSpan = 1): LayoutCell => ({
  text,
  rowSpan,
  colSpan,
  role: 'head',
});

/** Width of the type area of an A4 page under GB/T 9704 (mm). */
export const TYPE_AREA_WIDTH = 156;

function spread(total: number, n: number): number[] {
  return Array.from({ length: n }, () => total / n);
}

export function table2Layout(report: Report, fmt: ReportFormat): TableLayout {
  const width = fmt.table2.blocks.reduce((w, b) => lcm(w, Math.max(1, b.columns.length)), 1);
  const labelWidth = width > 3 ? 40 : 46;
  const rows: LayoutCell[][] = [];
  for (const b of fmt.table2.blocks) {
    const stored = report.table2.blocks[b.key];
    const span = width / Math.max(1, b.columns.length);
    rows.push([{ text: b.label, rowSpan: 1, colSpan: width + 1, role: 'block' }]);
    rows.push([
      head(T2_CONTENT_HEADER),
      ...b.columns.map((c) => head(stored?.columnLabels[c.key] || c.label, 1, span)),
    ]);
    for (const r of b.rows) {
      const row = stored?.rows[r.key];
      rows.push([
        { text: row?.label || r.label, rowSpan: 1, colSpan: 1, role: 'label' },
        ...b.columns.map(
          (c): LayoutCell => ({
            text: cellText(row?.cells[c.key]),
            rowSpan: 1,
            colSpan: span,
            role: 'data',
            ...(row?.cells[c.key] ? { cell: row.cells[c.key]! } : {}),
            valueType: c.valueType,
            key: `${b.key}.${r.key}.${c.key}`,
          }),
        ),
      ]);
    }
  }
  return {
    table: 2,
    columns: width + 1,
    widths: [labelWidth, ...spread(TYPE_AREA_WIDTH - labelWidth, width)],
    headerRows: 0,
    rows,
  };
}

const sameGroups = (a: T3RowDef | undefined, b: T3RowDef | undefined, depth: number): boolean =>
  !!a &&
  !!b &&
  a.groups.length >= depth &&
  b.groups.length >= depth &&
  a.groups.slice(0, depth).join('\u0000') === b.groups.slice(0, depth).join('\u0000');

export function table3Layout(report: Report, fmt: ReportFormat): TableLayout {
  const defs = fmt.table3.rows;
  const cols = fmt.table3.columns;
  const labelCols = 1 + Math.max(0, ...defs.map((r) => r.groups.length));
  const head1: LayoutCell[] = [
    { text: fmt.table3.note, rowSpan: 3, colSpan: labelCols, role: 'note' },
    head('申请人情况', 1, cols.length),
  ];
  const head2: LayoutCell[] = [];
  const head3: LayoutCell[] = [];
  cols.forEach((c, i) => {
    if (!c.group) {
      head2.push(head(c.label, 2));
      return;
    }
    if (cols[i - 1]?.group !== c.group) {
      let n = 0;
      while (cols[i + n]?.group === c.group) n++;
      head2.push(head(c.group, 1, n));
    }
    head3.push(head(c.label));
  });
  const body: LayoutCell[][] = defs.map((d, i) => {
    const cells: LayoutCell[] = [];
    for (let depth = 1; depth <= d.groups.length; depth++) {
      if (sameGroups(defs[i - 1], d, depth)) continue;
      let n = 1;
      while (sameGroups(defs[i + n], d, depth)) n++;
      cells.push({ text: d.groups[depth - 1]!, rowSpan: n, colSpan: 1, role: 'group' });
    }
    const row = report.table3.rows[d.key];
    cells.push({
      text: row?.label || d.label,
      rowSpan: 1,
      colSpan: labelCols - d.groups.length,
      role: 'label',
      ...(d.total ? { total: true } : {}),
    });
    for (const c of cols) {
      const cell = row?.cells[c.key];
      cells.push({
        text: cellText(cell),
        rowSpan: 1,
        colSpan: 1,
        role: 'data',
        ...(cell ? { cell } : {}),
        valueType: 'count',
        key: `${d.key}.${c.key}`,
        ...(d.total ? { total: true } : {}),
      });
    }
    return cells;
  });
  // label columns: the outer group (三、本年度办理结果) narrow, the inner group, then the row labels
  const labelWidths = labelCols === 3 ? [11, 17, 50] : spread(78, labelCols);
  return {
    table: 3,
    columns: labelCols + cols.length,
    widths: [...labelWidths, ...spread(TYPE_AREA_WIDTH - 78, cols.length)],
    headerRows: 3,
    rows: [head1, head2, head3, ...body],
  };
}

export function table4Layout(report: Report, fmt: ReportFormat): TableLayout {
  const cols = fmt.table4.columns;
  const head1: LayoutCell[] = [];
  const head2: LayoutCell[] = [];
  const head3: LayoutCell[] = [];
  cols.forEach((c, i) => {
    if (cols[i - 1]?.group !== c.group) {
      let n = 0;
      while (cols[i + n]?.group === c.group) n++;
      head1.push(head(c.group, 1, n));
    }
    if (!c.subgroup) {
      head2.push(head(c.label, 2));
      return;
    }
    const prev = cols[i - 1];
    if (prev?.subgroup !== c.subgroup || prev?.group !== c.group) {
      let n = 0;
      while (cols[i + n]?.subgroup === c.subgroup && cols[i + n]?.group === c.group) n++;
      head2.push(head(c.subgroup, 1, n));
    }
    head3.push(head(c.label));
  });
  const row = report.table4.row;
  const data = cols.map((c): LayoutCell => {
    const cell = row?.cells[c.key];
    return {
      text: cellText(cell),
      rowSpan: 1,
      colSpan: 1,
      role: 'data',
      ...(cell ? { cell } : {}),
      valueType: 'count',
      key: c.key,
    };
  });
  return {
    table: 4,
    columns: cols.length,
    widths: spread(TYPE_AREA_WIDTH, cols.length),
    headerRows: 3,
    rows: [head1, head2, head3, data],
  };
}

/** The national format of a report, or null when it follows none (pre-2019: text only). */
export function reportFormat(report: Report): ReportFormat | null {
  return report.format && report.format in FORMATS ? FORMATS[report.format as FormatId] : null;
}

export function tableLayout(n: TableNo, report: Report, fmt: ReportFormat): TableLayout {
  return n === 2
    ? table2Layout(report, fmt)
    : n === 3
      ? table3Layout(report, fmt)
      : table4Layout(report, fmt);
}

/**
 * Decimal places of a number as written (e.g. "12.3456" → 4, "0" → 0), for number formats that
 * show a typed number with the digits the report printed.
 */
export function decimalsOf(raw: string): number {
  const m = /[.．。](\d+)/.exec(raw);
  return m ? m[1]!.length : 0;
}

/** Characters of 2号 type on one line of the 156 mm type area. */
const TITLE_LINE_CHARS = 20;

/**
 * The title split into lines that keep their meaning, as GB/T 9704 asks of a title too long for
 * one line: before the year, or before “政府信息公开…年度报告”, whichever leaves both lines short
 * enough (the most balanced first). A title that fits, or has no such point, is one line.
 */
export function titleLines(title: string, max = TITLE_LINE_CHARS): string[] {
  const len = (s: string) => [...s].length;
  if (len(title) <= max) return [title];
  const points = [/\d{4}\s*年/g, /政府信息公开/g]
    .flatMap((re) => [...title.matchAll(re)].map((m) => m.index))
    .filter((i) => i > 0);
  const splits = points
    .map((i) => [title.slice(0, i).trim(), title.slice(i).trim()] as const)
    .filter(([a, b]) => a !== '' && len(a) <= max && len(b) <= max)
    .sort((x, y) => Math.abs(len(x[0]) - len(x[1])) - Math.abs(len(y[0]) - len(y[1])));
  return splits[0] ? [...splits[0]] : [title];
}

/**
 * Text made safe for XML 1.0 (DOCX parts): control characters other than tab and line breaks are
 * dropped (a vertical tab or form feed becomes a space), U+FFFE/U+FFFF dropped, and a lone
 * surrogate becomes U+FFFD. Word refuses a document with any of them.
 */
export function xmlSafe(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0b || c === 0x0c) out += ' ';
    else if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff) continue;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += text[i]! + text[i + 1]!;
        i++;
      } else out += '\ufffd';
    } else if (c >= 0xdc00 && c <= 0xdfff) out += '\ufffd';
    else out += text[i]!;
  }
  return out;
}
