/**
 * Plain-text front end: text copied from a web page or a document.
 *
 * - Lines containing a tab are table rows (the seed's layout); consecutive table lines form one
 *   table, and tables separated only by blank lines are joined (a copy of one merged table often
 *   has blank lines in it).
 * - Lines with two or more runs of 2+ spaces between cells (space-aligned columns) are table rows.
 * - A line of nothing but 3 or more numbers separated by spaces (e.g. table 四 flattened to one
 *   line of 15 numbers) is a table row.
 * - Every other non-empty line is a paragraph. Long single-line dumps are split by the recogniser.
 */
import type { IrBlock, IrCell, IrDocument, IrTable } from './ir.ts';

const NUMBER_ONLY_LINE = /^\s*([+-]?\d+(\.\d+)?\s+){2,}[+-]?\d+(\.\d+)?\s*$/;
const SPACE_ALIGNED = /\S(?: {2,}|\u3000+)\S.*\S(?: {2,}|\u3000+)\S/;

function cell(text: string, line: number, column: number, cellIndex: number): IrCell {
  return {
    text: text.replace(/[\s\u00a0\u3000]+/g, ' ').trim(),
    rowSpan: 1,
    colSpan: 1,
    pos: { line, column, cell: cellIndex },
  };
}

function splitRow(line: string, lineNo: number, re: RegExp): IrCell[] {
  const cells: IrCell[] = [];
  let start = 0;
  let i = 0;
  for (const m of line.matchAll(re)) {
    cells.push(cell(line.slice(start, m.index), lineNo, start + 1, ++i));
    start = m.index + m[0].length;
  }
  cells.push(cell(line.slice(start), lineNo, start + 1, ++i));
  return cells;
}

export function textToIr(input: string): IrDocument {
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const blocks: IrBlock[] = [];
  let table: IrTable | null = null;
  let tableCount = 0;

  lines.forEach((raw, idx) => {
    const lineNo = idx + 1;
    const line = raw.replace(/\s+$/u, (m) => (m.includes('\t') ? m.replace(/[^\t]/g, '') : ''));
    let cells: IrCell[] | null = null;
    if (line.includes('\t')) cells = splitRow(line, lineNo, /\t/g);
    else if (NUMBER_ONLY_LINE.test(line)) cells = splitRow(line.trim(), lineNo, /\s+/g);
    else if (SPACE_ALIGNED.test(line.trim())) {
      const lead = line.length - line.trimStart().length;
      cells = splitRow(line.trim(), lineNo, /(?: {2,}|\u3000+)/g).map((c) => ({
        ...c,
        pos: { ...c.pos, column: (c.pos.column ?? 1) + lead },
      }));
    }

    if (cells) {
      if (table) {
        table.rows.push(cells);
      } else {
        tableCount++;
        table = { type: 'table', rows: [cells], pos: { line: lineNo, table: tableCount } };
        blocks.push(table);
      }
      for (const c of cells) c.pos.table = tableCount;
      for (const c of cells) c.pos.row = table.rows.length;
      return;
    }
    if (line.trim() === '') return;
    table = null;
    blocks.push({ type: 'paragraph', text: line.replace(/[\s\u00a0]+/g, ' ').trim(), pos: { line: lineNo } });
  });
  return { source: 'text', blocks, notes: [] };
}
