/**
 * The intermediate form shared by every parser front end (text, HTML, later DOCX and PDF).
 *
 * A front end turns its input into an ordered list of blocks: paragraphs of text and tables of
 * cells. The report recogniser (recognise.ts) reads only this form, so a new input format needs
 * only a new front end.
 */

/** Where something was found in the source document. All numbers are 1-based. */
export interface SourcePosition {
  /** Line in a text source. */
  line?: number;
  /** Column (character) in a text source. */
  column?: number;
  /** Index of the table among the tables of the document. */
  table?: number;
  /** Row inside a table (physical row of the source). */
  row?: number;
  /** Cell inside a row (physical cell of the source, before span expansion). */
  cell?: number;
  /** Page of a paginated source (PDF). */
  page?: number;
}

export interface IrCell {
  /** The cell's text with whitespace runs collapsed to one space and trimmed. */
  text: string;
  rowSpan: number;
  colSpan: number;
  pos: SourcePosition;
}

export interface IrParagraph {
  type: 'paragraph';
  text: string;
  pos: SourcePosition;
}

export interface IrTable {
  type: 'table';
  /** Physical rows as in the source; merged cells appear once with their spans. */
  rows: IrCell[][];
  pos: SourcePosition;
}

export type IrBlock = IrParagraph | IrTable;

export interface IrDocument {
  /** Which front end produced it: 'text', 'html', 'docx', 'pdf'. */
  source: string;
  blocks: IrBlock[];
  /** Problems found by the front end itself (e.g. encoding guesses). */
  notes: string[];
}

/** A cell of a table laid out on a grid, with merged cells expanded. */
export interface GridCell {
  text: string;
  /** True for the top-left slot of a merged cell (where its text belongs). */
  origin: boolean;
  /** For a slot that is not the origin: covered by the column span ('col') or the row span ('row'). */
  covered?: 'col' | 'row';
  pos: SourcePosition;
}

/**
 * Expands row and column spans into a rectangular grid. A merged cell's text is repeated in every
 * slot it covers, with `origin` set only on the first slot.
 */
export function toGrid(table: IrTable): GridCell[][] {
  const grid: GridCell[][] = [];
  table.rows.forEach((row, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of row) {
      while (grid[r]![c]) c++;
      for (let dr = 0; dr < Math.max(1, cell.rowSpan); dr++) {
        grid[r + dr] ??= [];
        const target = grid[r + dr]!;
        for (let dc = 0; dc < Math.max(1, cell.colSpan); dc++) {
          const covered = dr > 0 ? 'row' : dc > 0 ? 'col' : undefined;
          target[c + dc] = {
            text: cell.text,
            origin: !covered,
            ...(covered ? { covered } : {}),
            pos: cell.pos,
          };
        }
      }
      c += Math.max(1, cell.colSpan);
    }
  });
  const width = Math.max(0, ...grid.map((r) => r.length));
  for (const row of grid) {
    for (let c = 0; c < width; c++) row[c] ??= { text: '', origin: true, pos: {} };
  }
  return grid.slice(0, table.rows.length);
}
