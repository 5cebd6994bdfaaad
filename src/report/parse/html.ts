/**
 * HTML front end: turns an HTML page (a portal page, a Word "save as web page" export, or a bare
 * fragment) into the intermediate form of ir.ts.
 *
 * - Paragraphs: every block element (`<p>`, `<div>`, `<h1>`–`<h6>`, `<li>`, …) and every
 *   `<br>`-separated line becomes its own paragraph; whitespace (including `&nbsp;`) collapses to
 *   one space and empty paragraphs are dropped.
 * - Tables: each `<tr>` is a row and each `<td>`/`<th>` a cell with its spans. A cell's text is all
 *   of its nested text; its inner block elements and `<br>`s are joined with a space. Table text
 *   never appears as paragraphs.
 * - Line breaks between two CJK characters (a `<br>`, a block boundary inside a cell, or a source
 *   line wrap such as Word inserts every ~76 columns) are dropped instead of becoming a space, so
 *   `本年新<br>制作数量` reads `本年新制作数量`, as a reader sees it.
 * - A table nested in a cell is flattened into that cell's text (with a note). A table whose rows
 *   all hold a single cell and that wraps other tables or several blocks is taken as a layout
 *   table: its content is read as ordinary document flow (with a note).
 * - `<script>`, `<style>`, `<head>`, comments (so Word's `<!--[if …]>` blocks) are ignored.
 */
import * as cheerio from 'cheerio';
import type { IrBlock, IrCell, IrDocument, IrTable } from './ir.ts';

/** The few fields of a parsed DOM node (domhandler) that this front end reads. */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

// ---------------------------------------------------------------------------------------------
// Encoding

const GBK_LABELS = new Set(['gb2312', 'gbk', 'gb18030', 'x-gbk', 'cp936', 'csgb2312', 'chinese', 'euc-cn']);

interface Decoded {
  text: string;
  notes: string[];
}

function countReplacement(text: string): number {
  let n = 0;
  for (const ch of text) if (ch === '\uFFFD') n++;
  return n;
}

function countNonAscii(text: string): number {
  let n = 0;
  for (const ch of text) if (ch.charCodeAt(0) > 0x7f) n++;
  return n;
}

function tryDecode(bytes: Uint8Array, encoding: string, fatal: boolean): string | null {
  try {
    return new TextDecoder(encoding, { fatal }).decode(bytes);
  } catch {
    return null;
  }
}

/** The charset named by `<meta charset>`, `<meta http-equiv … content="…charset=…">` or an XML prolog. */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 8192)).toString('latin1');
  for (const m of head.matchAll(/<meta\b[^>]*>/gi)) {
    const cs = /charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i.exec(m[0]);
    if (cs) return cs[1]!.toLowerCase();
  }
  const xml = /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([A-Za-z0-9_:.-]+)/i.exec(head);
  return xml ? xml[1]!.toLowerCase() : null;
}

/** Decodes HTML bytes: BOM, then the declared charset, then UTF-8 with a GBK fallback. */
export function decodeHtml(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), notes: [] };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), notes: [] };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), notes: [] };
  }

  const notes: string[] = [];
  const declared = declaredCharset(bytes);
  const strictUtf8 = tryDecode(bytes, 'utf-8', true);
  if (declared) {
    if (GBK_LABELS.has(declared)) {
      // Pages re-saved as UTF-8 by a CMS often keep their old gb2312 declaration. GBK text almost
      // never happens to be valid UTF-8, so valid UTF-8 with non-ASCII content wins.
      if (strictUtf8 !== null && countNonAscii(strictUtf8) > 0) {
        notes.push(`网页声明的编码为 ${declared}，但内容是有效的 UTF-8，已按 UTF-8 解码。`);
        return { text: strictUtf8, notes };
      }
      return { text: new TextDecoder('gb18030').decode(bytes), notes };
    }
    if (declared === 'utf-8' || declared === 'utf8') {
      if (strictUtf8 !== null) return { text: strictUtf8, notes };
      notes.push('网页声明的编码为 UTF-8，但内容不是有效的 UTF-8。');
      // fall through to the guess below
    } else {
      const text = tryDecode(bytes, declared, false);
      if (text !== null) return { text, notes };
      notes.push(`网页声明的编码“${declared}”无法识别。`);
    }
  }
  if (strictUtf8 !== null) return { text: strictUtf8, notes };

  const utf8 = new TextDecoder('utf-8').decode(bytes);
  const bad = countReplacement(utf8);
  const nonAscii = countNonAscii(utf8);
  if (bad <= nonAscii * 0.02) {
    // Essentially UTF-8 with a few damaged bytes (e.g. a truncated download).
    notes.push(`按 UTF-8 解码时有 ${bad} 处字节无法识别，已用“�”代替。`);
    return { text: utf8, notes };
  }
  notes.push('未能确定网页编码：内容不是有效的 UTF-8，已按 GBK（GB18030）解码，请核对文字是否正确。');
  return { text: new TextDecoder('gb18030').decode(bytes), notes };
}

// ---------------------------------------------------------------------------------------------
// Text

/** Characters between which a line break is a wrap, not a word space (CJK and full-width). */
function isWide(ch: string | undefined): boolean {
  if (!ch) return false;
  const c = ch.charCodeAt(0);
  return (
    (c >= 0x2e80 && c <= 0x9fff) || // radicals, CJK punctuation, kana, CJK unified (and ext. A)
    (c >= 0xac00 && c <= 0xd7af) || // Hangul
    (c >= 0xd800 && c <= 0xdfff) || // surrogates: astral CJK extensions
    (c >= 0xf900 && c <= 0xfaff) || // CJK compatibility ideographs
    (c >= 0xfe30 && c <= 0xfe4f) || // CJK compatibility forms
    (c >= 0xff00 && c <= 0xffef) || // full-width forms
    (c >= 0x2018 && c <= 0x201f) || // curly quotes
    c === 0x2014 ||
    c === 0x2026
  );
}

/**
 * Collapses whitespace to single spaces and trims. A run of ASCII whitespace containing a line
 * break between two wide characters is removed entirely (a wrap inside Chinese text).
 */
export function collapseText(raw: string): string {
  return raw
    .replace(/\s+/g, (run: string, offset: number, whole: string) => {
      if (/^[ \t\r\n\f]+$/.test(run) && /[\r\n]/.test(run)) {
        if (isWide(whole[offset - 1]) && isWide(whole[offset + run.length])) return '';
      }
      return ' ';
    })
    .trim();
}

// ---------------------------------------------------------------------------------------------
// DOM walking

/** Elements whose content is never document text. */
const SKIP = new Set([
  'head',
  'script',
  'style',
  'title',
  'meta',
  'link',
  'template',
  'noscript',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'canvas',
  'audio',
  'video',
  'select',
  'textarea',
  'xml',
]);

/** Elements that start and end a paragraph. */
const BLOCK = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'address',
  'center',
  'section',
  'article',
  'aside',
  'header',
  'footer',
  'main',
  'nav',
  'figure',
  'figcaption',
  'form',
  'fieldset',
  'legend',
  'details',
  'summary',
  'hr',
  'body',
  'html',
  'caption',
  // table parts met outside a table structure (malformed input)
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
]);

const isElement = (n: DomNode): boolean =>
  (n.type === 'tag' || n.type === 'script' || n.type === 'style') && typeof n.name === 'string';

const nameOf = (n: DomNode): string => (n.name ?? '').toLowerCase();

/** The `<tr>` elements of a table, in order, without descending into nested tables. */
function tableRows(table: DomNode): DomNode[] {
  const rows: DomNode[] = [];
  const visit = (n: DomNode): void => {
    for (const c of n.children ?? []) {
      if (!isElement(c)) continue;
      const name = nameOf(c);
      if (name === 'tr') rows.push(c);
      else if (name === 'thead' || name === 'tbody' || name === 'tfoot') visit(c);
    }
  };
  visit(table);
  return rows;
}

function rowCells(tr: DomNode): DomNode[] {
  return (tr.children ?? []).filter((c) => isElement(c) && (nameOf(c) === 'td' || nameOf(c) === 'th'));
}

function hasDescendant(n: DomNode, pred: (d: DomNode) => boolean): boolean {
  for (const c of n.children ?? []) {
    if (!isElement(c)) continue;
    if (pred(c) || hasDescendant(c, pred)) return true;
  }
  return false;
}

function countDescendants(n: DomNode, pred: (d: DomNode) => boolean): number {
  let k = 0;
  for (const c of n.children ?? []) {
    if (!isElement(c)) continue;
    if (pred(c)) k++;
    k += countDescendants(c, pred);
  }
  return k;
}

/**
 * A span attribute as a positive integer no larger than `max`; junk and missing values read 1, and
 * 0 reads `zero` (HTML: rowspan="0" runs to the end of the table, colspan="0" is 1).
 */
function spanValue(raw: string | undefined, max: number, zero: number): number {
  if (raw === undefined) return 1;
  const m = /^\s*\+?(\d+)/.exec(raw);
  if (!m) return 1;
  const n = Number.parseInt(m[1]!, 10);
  return Math.max(1, Math.min(n === 0 ? zero : n, max));
}

const TABLE_PARTS = new Set(['table', 'tr', 'td', 'th', 'caption']);

const BLOCK_BLOCKS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'table']);

class HtmlWalker {
  readonly blocks: IrBlock[] = [];
  readonly notes: string[] = [];
  private buf: string[] = [];
  private tableCount = 0;

  private flush(): void {
    const text = collapseText(this.buf.join(''));
    this.buf = [];
    if (text) this.blocks.push({ type: 'paragraph', text, pos: { line: this.blocks.length + 1 } });
  }

  walk(node: DomNode): void {
    this.visit(node);
    this.flush();
  }

  private visit(node: DomNode): void {
    if (node.type === 'text') {
      this.buf.push(node.data ?? '');
      return;
    }
    if (node.type === 'root') {
      for (const c of node.children ?? []) this.visit(c);
      return;
    }
    if (!isElement(node)) return; // comments, directives (<![if …]>), CDATA
    const name = nameOf(node);
    if (SKIP.has(name)) return;
    if (name === 'br') {
      this.flush();
      return;
    }
    if (name === 'table') {
      this.flush();
      this.table(node);
      return;
    }
    const block = BLOCK.has(name);
    if (block) this.flush();
    for (const c of node.children ?? []) this.visit(c);
    if (block) this.flush();
  }

  private table(node: DomNode): void {
    const trs = tableRows(node);
    const cellsByRow = trs.map(rowCells);
    // Captions are titles of the table, not cells: keep them as a paragraph before it.
    for (const c of node.children ?? []) {
      if (isElement(c) && nameOf(c) === 'caption') {
        for (const cc of c.children ?? []) this.visit(cc);
        this.flush();
      }
    }
    const singleColumn = cellsByRow.every((cells) => cells.length <= 1);
    const nestsTable = hasDescendant(node, (d) => nameOf(d) === 'table');
    const blocks = countDescendants(node, (d) => BLOCK_BLOCKS.has(nameOf(d)));
    if (trs.length > 0 && singleColumn && (nestsTable || blocks >= 2)) {
      this.notes.push('发现只有一列的排版用表格，已将其内容按正文读取。');
      for (const cells of cellsByRow) {
        for (const cell of cells) {
          this.flush();
          for (const c of cell.children ?? []) this.visit(c);
          this.flush();
        }
      }
      return;
    }
    if (trs.length === 0) return;

    const index = ++this.tableCount;
    const rows: IrCell[][] = cellsByRow.map((cells, r) =>
      cells.map((cell, c) => {
        const pos = { table: index, row: r + 1, cell: c + 1 };
        const nested = { found: false };
        const text = collapseText(cellText(cell, nested));
        if (nested.found) {
          this.notes.push(`第${index}个表格第${r + 1}行第${c + 1}格内嵌套了表格，已将其文字并入该单元格。`);
        }
        return {
          text,
          // A row span past the last row is cut at the table's end, as browsers do.
          rowSpan: spanValue(cell.attribs?.rowspan, trs.length - r, trs.length - r),
          colSpan: spanValue(cell.attribs?.colspan, 1000, 1),
          pos,
        };
      }),
    );
    const table: IrTable = { type: 'table', rows, pos: { table: index } };
    this.blocks.push(table);
  }
}

/**
 * All the text of a cell. Block boundaries and `<br>` become line breaks (a space, or nothing
 * between CJK characters, after collapsing). Nested tables are flattened, cell by cell.
 */
function cellText(node: DomNode, nested: { found: boolean }): string {
  const out: string[] = [];
  const visit = (n: DomNode): void => {
    if (n.type === 'text') {
      out.push(n.data ?? '');
      return;
    }
    if (!isElement(n)) return;
    const name = nameOf(n);
    if (SKIP.has(name)) return;
    if (name === 'br') {
      out.push('\n');
      return;
    }
    if (name === 'table') nested.found = true;
    // Parts of a nested table always stay apart (a no-break space survives the CJK wrap rule);
    // other blocks are soft line breaks.
    const sep = TABLE_PARTS.has(name) ? '\u00a0' : BLOCK.has(name) ? '\n' : '';
    out.push(sep);
    for (const c of n.children ?? []) visit(c);
    out.push(sep);
  };
  for (const c of node.children ?? []) visit(c);
  return out.join('');
}

/** Reads an HTML document (bytes in any common Chinese encoding, or a decoded string). */
export function htmlToIr(input: Buffer | string): IrDocument {
  const decoded: Decoded =
    typeof input === 'string' ? { text: input, notes: [] } : decodeHtml(new Uint8Array(input));
  const html = decoded.text.replace(/^\uFEFF/, '');
  // htmlparser2 (HTML mode) is about twice as fast as parse5 here and reads Word exports as well
  const $ = cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true } });
  const root = $.root()[0] as unknown as DomNode;
  const walker = new HtmlWalker();
  walker.walk(root);
  return { source: 'html', blocks: walker.blocks, notes: [...decoded.notes, ...walker.notes] };
}
