/**
 * The report's tables as an Excel workbook: one sheet per table (二, 三, 四), each with a caption
 * row, a line naming the agency and year, then the table with the merged header layout of the
 * national format (render/layout.ts).
 *
 * Numeric cells are typed as numbers, shown with the decimals the report printed (the fee in 万元
 * keeps its four decimals: 12.3456 → 12.3456, 0.5000 → 0.5000); a blank cell stays blank (never
 * 0), "/" and other text stay text. Merged ranges are made with `mergeCells` and their values set
 * cell by cell (assigning `row.values` across a merge breaks it in exceljs).
 */
import ExcelJS from 'exceljs';
import type { Report } from '../model.ts';
import { type TableNo, tableCaption, tableStatusNotice } from './labels.ts';
import { decimalsOf, type LayoutCell, reportFormat, type TableLayout, tableLayout } from './layout.ts';

const BODY_FONT = '宋体';
const HEAD_FONT = '黑体';
const THIN = { style: 'thin', color: { argb: 'FF000000' } } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** Rows above the table: caption and the agency/year line. */
const TOP_ROWS = 2;

/** Column widths (Excel character units) for each table's grid columns. */
function columnWidths(t: TableLayout): number[] {
  if (t.table === 2) return t.widths.map((_, i) => (i === 0 ? 24 : t.columns > 4 ? 12 : 18));
  if (t.table === 3) {
    const labels = t.columns - 7;
    return t.widths.map((_, i) => (i < labels ? (i === labels - 1 ? 40 : i === 0 ? 8 : 12) : 10));
  }
  return t.widths.map(() => 9);
}

/** Display width of text in Excel character units (a CJK character is two). */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uffff]/u.test(ch) ? 2 : 1;
  return w;
}

const LINE_HEIGHT = 15;

function numberFormat(c: LayoutCell): string | undefined {
  const cell = c.cell;
  if (cell?.kind !== 'number') return undefined;
  const d = decimalsOf(cell.raw);
  const base = d > 0 ? `0.${'0'.repeat(d)}` : '0';
  if (/^[+＋]/.test(cell.raw)) return `+${base};-${base};${base}`;
  return base;
}

function cellValue(c: LayoutCell): ExcelJS.CellValue {
  if (c.role !== 'data') return c.text;
  const cell = c.cell;
  if (!cell || cell.kind === 'empty') return null;
  if (cell.kind === 'number' && cell.value !== null) {
    // an exact decimal is written from its canonical text, not from a float computed elsewhere
    return cell.decimal !== undefined ? Number(cell.decimal) : cell.value;
  }
  return cell.raw;
}

function horizontal(c: LayoutCell): 'left' | 'center' | 'right' | 'justify' {
  switch (c.role) {
    case 'note':
      return 'left';
    case 'label':
      return 'left';
    case 'data':
      return c.cell?.kind === 'number' || !c.cell || c.cell.kind === 'empty'
        ? 'right'
        : c.cell.kind === 'na'
          ? 'center'
          : 'left';
    default:
      return 'center';
  }
}

function drawTable(ws: ExcelJS.Worksheet, t: TableLayout): void {
  const widths = columnWidths(t);
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  const first = TOP_ROWS + 1;
  const occupied: boolean[][] = [];
  /** Lines each row needs, from its single-row cells. */
  const lines: number[] = t.rows.map(() => 1);
  const tall: { row: number; span: number; need: number }[] = [];
  t.rows.forEach((cells, r) => {
    occupied[r] ??= [];
    let col = 0;
    for (const c of cells) {
      while (occupied[r]![col]) col++;
      for (let dr = 0; dr < c.rowSpan; dr++) {
        occupied[r + dr] ??= [];
        for (let dc = 0; dc < c.colSpan; dc++) occupied[r + dr]![col + dc] = true;
      }
      const top = first + r;
      const left = col + 1;
      const bottom = top + c.rowSpan - 1;
      const right = left + c.colSpan - 1;
      if (c.rowSpan > 1 || c.colSpan > 1) ws.mergeCells(top, left, bottom, right);
      const x = ws.getCell(top, left);
      const value = cellValue(c);
      if (value !== null) x.value = value;
      const fmt = numberFormat(c);
      if (fmt) x.numFmt = fmt;
      const heading = c.role === 'head' || c.role === 'block' || c.role === 'group';
      x.font = {
        name: heading ? HEAD_FONT : BODY_FONT,
        size: c.role === 'note' ? 9 : 10.5,
        ...(c.total || c.role === 'block' ? { bold: true } : {}),
      };
      x.alignment = { horizontal: horizontal(c), vertical: 'middle', wrapText: true };
      // every slot of a merged range gets the border, so the range is outlined in every viewer
      for (let rr = top; rr <= bottom; rr++) {
        for (let cc = left; cc <= right; cc++) ws.getCell(rr, cc).border = BORDER;
      }
      const width = widths.slice(col, col + c.colSpan).reduce((a, b) => a + b, 0) - 1;
      const need = Math.max(1, Math.ceil(textWidth(c.text) / Math.max(1, width)));
      if (c.rowSpan === 1) lines[r] = Math.max(lines[r]!, need);
      else tall.push({ row: r, span: c.rowSpan, need });
      col += c.colSpan;
    }
  });
  // a cell spanning rows that needs more lines than its rows have: the last row grows
  for (const { row, span, need } of tall) {
    const have = lines.slice(row, row + span).reduce((a, b) => a + b, 0);
    if (need > have) lines[row + span - 1]! += need - have;
  }
  lines.forEach((n, r) => {
    ws.getRow(first + r).height = n * LINE_HEIGHT + 6;
  });
  if (t.headerRows > 0) {
    ws.views = [{ state: 'frozen', xSplit: 0, ySplit: TOP_ROWS + t.headerRows }];
    ws.pageSetup.printTitlesRow = `${first}:${first + t.headerRows - 1}`;
  }
}

function sheetFor(wb: ExcelJS.Workbook, n: TableNo, report: Report): void {
  const fmt = reportFormat(report);
  const ws = wb.addWorksheet(tableCaption(n).slice(0, 31), {
    pageSetup: {
      paperSize: 9, // A4
      orientation: n === 4 ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    },
  });
  const status = n === 2 ? report.table2.status : n === 3 ? report.table3.status : report.table4.status;
  const layout = fmt && status !== 'missing' && status !== 'unreadable' ? tableLayout(n, report, fmt) : null;
  const width = layout?.columns ?? 6;

  ws.mergeCells(1, 1, 1, width);
  const caption = ws.getCell(1, 1);
  caption.value = tableCaption(n);
  caption.font = { name: HEAD_FONT, size: 14, bold: true };
  caption.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 24;
  const meta = [
    report.agency ? `机关：${report.agency}` : '',
    report.year !== null ? `报告年度：${report.year}年` : '',
  ]
    .filter(Boolean)
    .join('　');
  ws.mergeCells(2, 1, 2, width);
  const metaCell = ws.getCell(2, 1);
  if (meta) metaCell.value = meta;
  metaCell.font = { name: BODY_FONT, size: 10.5 };
  metaCell.alignment = { horizontal: 'left', vertical: 'middle' };

  if (layout) {
    drawTable(ws, layout);
    const note = tableStatusNotice(n, status);
    if (note) {
      const r = TOP_ROWS + layout.rows.length + 2;
      ws.mergeCells(r, 1, r, width);
      const x = ws.getCell(r, 1);
      x.value = note;
      x.font = { name: BODY_FONT, size: 10.5, italic: true };
      x.alignment = { wrapText: true, vertical: 'top' };
      ws.getRow(r).height = 2 * LINE_HEIGHT + 6;
    }
    return;
  }
  const message = !fmt
    ? `本报告未采用全国统一格式，${tableCaption(n)}不按统一格式呈现。`
    : (tableStatusNotice(n, status) ?? '');
  ws.mergeCells(TOP_ROWS + 2, 1, TOP_ROWS + 2, width);
  const x = ws.getCell(TOP_ROWS + 2, 1);
  x.value = message;
  x.alignment = { wrapText: true, vertical: 'top' };
  x.font = { name: BODY_FONT, size: 10.5 };
  ws.getRow(TOP_ROWS + 2).height = 3 * LINE_HEIGHT;
  for (let i = 1; i <= width; i++) ws.getColumn(i).width = 16;
}

/** Renders tables 二, 三 and 四 of the report as an XLSX workbook, one sheet per table. */
export async function renderXlsx(report: Report): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongkai';
  wb.title = report.title ?? `${report.agency ?? ''}${report.year ?? ''}年政府信息公开工作年度报告`;
  wb.subject = '政府信息公开工作年度报告表格';
  for (const n of [2, 3, 4] as const) sheetFor(wb, n, report);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
