/**
 * DOCX front end: reads the main document part of a Word (OOXML) file into the intermediate form
 * of ir.ts, as the text and HTML front ends do.
 *
 * - Paragraphs (`w:p`) become paragraphs; the text of runs, tabs, symbols, hyperlinks, content
 *   controls, inserted text and field results is read, while deleted text, field codes, hidden
 *   (`w:vanish`) runs and ruby annotations are not. Automatic list numbers (numbering.xml, also
 *   through paragraph styles) are written out, so a heading numbered by Word reads “一、总体情况”.
 *   A table of contents (paragraph styles “toc N”) is left out: it would repeat the headings.
 * - A line break (`w:br`) inside a paragraph separates two paragraphs when the line before ends a
 *   sentence, or the next line is indented or starts with an enumerator (text pasted from a web
 *   page); otherwise it is a wrap inside one paragraph (a title set on two lines) and is dropped
 *   between Chinese characters, as in the HTML front end.
 * - Tables (`w:tbl`): each `w:tr` is a row, each `w:tc` a cell; `w:gridSpan` (and the legacy
 *   `w:hMerge`) become column spans and `w:vMerge` restart/continue become row spans, so merged
 *   cells appear once, with their spans, exactly as the HTML front end gives `rowspan`/`colspan`.
 *   A table nested in a cell is flattened into the cell's text (with a note); a one-column table
 *   wrapping several blocks is read as ordinary flow (with a note).
 * - Text boxes are read as paragraphs after the paragraph that anchors them; an `w:altChunk`
 *   holding HTML is read with the HTML front end.
 *
 * Inputs that are not DOCX get a ReportReadError with a Chinese message: an encrypted
 * (password-protected) file, which is a Compound File rather than a ZIP; a legacy .doc; another
 * OOXML or ZIP file; a damaged or truncated archive.
 */
import * as cheerio from 'cheerio';
import { ReportReadError } from './errors.ts';
import { collapseText, htmlToIr } from './html.ts';
import type { IrBlock, IrCell, IrDocument, IrTable } from './ir.ts';
import { ZipError, ZipReader } from './zip.ts';

/** The few fields of a parsed XML node (domhandler) that this front end reads. */
interface XNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: XNode[];
}

const W_NAMESPACES = new Set([
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
]);

/** Marks a line break (`w:br`, `w:cr`) in collected paragraph text until lines are decided. */
const BREAK = '\u2028';

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

// ---------------------------------------------------------------------------------------------
// XML helpers

/** A parsed XML part whose WordprocessingML names are read without their prefix. */
class Part {
  readonly root: XNode;
  private readonly prefix: string;

  constructor(xml: string) {
    const $ = cheerio.load(xml, { xml: { xmlMode: true, decodeEntities: true } });
    this.root = $.root()[0] as unknown as XNode;
    const top = (this.root.children ?? []).find((n) => n.type === 'tag');
    let prefix = 'w';
    for (const [k, v] of Object.entries(top?.attribs ?? {})) {
      if (!W_NAMESPACES.has(v)) continue;
      prefix = k === 'xmlns' ? '' : k.replace(/^xmlns:/, '');
      break;
    }
    this.prefix = prefix;
  }

  /** The element's name without the WordprocessingML prefix (other prefixes are kept). */
  ln(n: XNode): string {
    const name = n.name ?? '';
    if (!this.prefix) return name;
    return name.startsWith(`${this.prefix}:`) ? name.slice(this.prefix.length + 1) : name;
  }

  /** A WordprocessingML attribute (`w:val` …). */
  attr(n: XNode | undefined, name: string): string | undefined {
    if (!n?.attribs) return undefined;
    return n.attribs[this.prefix ? `${this.prefix}:${name}` : name] ?? n.attribs[name];
  }

  kids(n: XNode | undefined): XNode[] {
    return (n?.children ?? []).filter((c) => c.type === 'tag');
  }

  child(n: XNode | undefined, name: string): XNode | undefined {
    return this.kids(n).find((c) => this.ln(c) === name);
  }

  /** Descendant by a path of local names, e.g. `tcPr/gridSpan`. */
  path(n: XNode | undefined, path: string): XNode | undefined {
    let cur = n;
    for (const step of path.split('/')) {
      cur = this.child(cur, step);
      if (!cur) return undefined;
    }
    return cur;
  }

  /** `w:val` read as an on/off property: present and not 0/false/off. */
  on(n: XNode | undefined): boolean {
    if (!n) return false;
    const v = this.attr(n, 'val');
    return v === undefined || !/^(0|false|off)$/i.test(v);
  }

  top(name: string): XNode | undefined {
    return this.kids(this.root).find((n) => this.ln(n) === name);
  }
}

const intAttr = (v: string | undefined, dflt: number): number => {
  const n = v === undefined ? Number.NaN : Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : dflt;
};

// ---------------------------------------------------------------------------------------------
// Relationships, styles, numbering

/** Target part paths of a part's relationships, by id, and the first target of each type. */
function readRels(
  zip: ZipReader,
  partPath: string,
): { byId: Map<string, string>; byType: Map<string, string> } {
  const dir = partPath.includes('/') ? partPath.slice(0, partPath.lastIndexOf('/') + 1) : '';
  const file = partPath.slice(dir.length);
  const xml = zip.text(`${dir}_rels/${file}.rels`);
  const byId = new Map<string, string>();
  const byType = new Map<string, string>();
  if (!xml) return { byId, byType };
  const $ = cheerio.load(xml, { xml: { xmlMode: true } });
  $('Relationship').each((_, el) => {
    const a = (el as unknown as XNode).attribs ?? {};
    if (!a.Target || a.TargetMode === 'External') return;
    const target = resolvePath(dir, a.Target);
    if (a.Id) byId.set(a.Id, target);
    const type = (a.Type ?? '').replace(/^.*\//, '');
    if (type && !byType.has(type)) byType.set(type, target);
  });
  return { byId, byType };
}

function resolvePath(dir: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = `${dir}${target}`.split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

interface StyleInfo {
  name: string;
  basedOn?: string;
  numId?: string;
  ilvl?: number;
}

function readStyles(xml: string | null): Map<string, StyleInfo> {
  const styles = new Map<string, StyleInfo>();
  if (!xml) return styles;
  const part = new Part(xml);
  for (const s of part.kids(part.top('styles'))) {
    if (part.ln(s) !== 'style' || part.attr(s, 'type') !== 'paragraph') continue;
    const id = part.attr(s, 'styleId');
    if (!id) continue;
    const numPr = part.path(s, 'pPr/numPr');
    const numId = part.attr(part.child(numPr, 'numId'), 'val');
    const ilvl = part.attr(part.child(numPr, 'ilvl'), 'val');
    const basedOn = part.attr(part.child(s, 'basedOn'), 'val');
    styles.set(id, {
      name: part.attr(part.child(s, 'name'), 'val') ?? id,
      ...(basedOn ? { basedOn } : {}),
      ...(numId !== undefined ? { numId } : {}),
      ...(ilvl !== undefined ? { ilvl: intAttr(ilvl, 0) } : {}),
    });
  }
  return styles;
}

interface Level {
  start: number;
  fmt: string;
  text: string;
  suffix: string;
}

interface NumDef {
  abstractId: string;
  levels: Map<number, Level>;
  /** startOverride by level, applied the first time the instance is used. */
  overrides: Map<number, number>;
}

function readLevel(part: Part, lvl: XNode): Level {
  const suff = part.attr(part.child(lvl, 'suff'), 'val') ?? 'tab';
  return {
    start: intAttr(part.attr(part.child(lvl, 'start'), 'val'), 1),
    fmt: part.attr(part.child(lvl, 'numFmt'), 'val') ?? 'decimal',
    text: part.attr(part.child(lvl, 'lvlText'), 'val') ?? '',
    suffix: suff === 'space' ? ' ' : suff === 'nothing' ? '' : '\t',
  };
}

function readNumbering(xml: string | null): Map<string, NumDef> {
  const nums = new Map<string, NumDef>();
  if (!xml) return nums;
  const part = new Part(xml);
  const abstracts = new Map<string, Map<number, Level>>();
  const root = part.top('numbering');
  for (const a of part.kids(root)) {
    if (part.ln(a) !== 'abstractNum') continue;
    const levels = new Map<number, Level>();
    for (const lvl of part.kids(a)) {
      if (part.ln(lvl) === 'lvl') levels.set(intAttr(part.attr(lvl, 'ilvl'), 0), readLevel(part, lvl));
    }
    abstracts.set(part.attr(a, 'abstractNumId') ?? '', levels);
  }
  for (const n of part.kids(root)) {
    if (part.ln(n) !== 'num') continue;
    const abstractId = part.attr(part.child(n, 'abstractNumId'), 'val') ?? '';
    const levels = new Map(abstracts.get(abstractId) ?? []);
    const overrides = new Map<number, number>();
    for (const o of part.kids(n)) {
      if (part.ln(o) !== 'lvlOverride') continue;
      const ilvl = intAttr(part.attr(o, 'ilvl'), 0);
      const start = part.child(o, 'startOverride');
      if (start) overrides.set(ilvl, intAttr(part.attr(start, 'val'), 1));
      const lvl = part.child(o, 'lvl');
      if (lvl) levels.set(ilvl, readLevel(part, lvl));
    }
    nums.set(part.attr(n, 'numId') ?? '', { abstractId, levels, overrides });
  }
  return nums;
}

const CN_DIGITS = '〇一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (up to 9999). */
function chineseCounting(n: number): string {
  if (n <= 0 || n > 9999) return String(n);
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i]!;
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += (d === 1 && unit === '十' && out === '' ? '' : CN_DIGITS[d]) + unit;
  });
  return out;
}

const letters = (n: number, upper: boolean): string => {
  const ch = String.fromCharCode((upper ? 65 : 97) + ((n - 1) % 26));
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
};

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

/** A list number in one of Word's number formats (ST_NumberFormat); unknown formats read as decimal. */
export function formatListNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'ideographDigital':
      return fmt === 'ideographDigital'
        ? String(n)
            .split('')
            .map((d) => CN_DIGITS[Number(d)])
            .join('')
        : chineseCounting(n);
    case 'ideographTraditional':
      return '甲乙丙丁戊己庚辛壬癸'[(n - 1) % 10] ?? String(n);
    case 'ideographZodiac':
      return '子丑寅卯辰巳午未申酉戌亥'[(n - 1) % 12] ?? String(n);
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case 'decimalEnclosedParen':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2474 + n - 1) : `(${n})`;
    case 'decimalEnclosedFullstop':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2488 + n - 1) : `${n}.`;
    case 'upperLetter':
      return letters(n, true);
    case 'lowerLetter':
      return letters(n, false);
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'none':
    case 'bullet':
      return '';
    default:
      return String(n);
  }
}

/** Counts list items as Word does and writes out their numbers. */
class Numbering {
  /** Counters by abstract numbering (instances of one abstract list continue each other). */
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly used = new Set<string>();

  constructor(
    private readonly nums: Map<string, NumDef>,
    private readonly styles: Map<string, StyleInfo>,
  ) {}

  /** The numbering of a paragraph: direct `w:numPr`, else through its style chain. */
  resolve(numId: string | undefined, ilvl: number | undefined, styleId: string | undefined) {
    let id = numId;
    let lvl = ilvl;
    let style = styleId ? this.styles.get(styleId) : undefined;
    const seen = new Set<string>();
    while ((id === undefined || lvl === undefined) && style && !seen.has(style.name)) {
      seen.add(style.name);
      id ??= style.numId;
      lvl ??= style.ilvl;
      style = style.basedOn ? this.styles.get(style.basedOn) : undefined;
    }
    return id === undefined ? null : { numId: id, ilvl: lvl ?? 0 };
  }

  /** The list label of the next item at (numId, ilvl), with its suffix; '' when none. */
  next(numId: string, ilvl: number): string {
    const def = this.nums.get(numId);
    if (!def || numId === '0') return '';
    const level = def.levels.get(ilvl);
    if (!level) return '';
    const counters = this.counters.get(def.abstractId) ?? [];
    this.counters.set(def.abstractId, counters);
    if (!this.used.has(numId)) {
      this.used.add(numId);
      for (const [l, start] of def.overrides) {
        counters[l] = start - 1;
        counters.length = Math.max(counters.length, l + 1);
      }
    }
    counters[ilvl] = (counters[ilvl] ?? (def.levels.get(ilvl)?.start ?? 1) - 1) + 1;
    for (let l = ilvl + 1; l < counters.length; l++) counters[l] = undefined;
    if (level.fmt === 'bullet' || level.fmt === 'none') return '';
    const label = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const l = Number(d) - 1;
      const lv = def.levels.get(l);
      const value = counters[l] ?? lv?.start ?? 1;
      return formatListNumber(value, lv?.fmt ?? 'decimal');
    });
    return label ? label + level.suffix : '';
  }
}

// ---------------------------------------------------------------------------------------------
// Body

/** Containers whose content is read as if it stood in their place. */
const TRANSPARENT = new Set([
  'ins',
  'moveTo',
  'hyperlink',
  'smartTag',
  'customXml',
  'fldSimple',
  'bdo',
  'dir',
  'sdtContent',
]);
/** Never document text. */
const SKIPPED = new Set([
  'pPr',
  'rPr',
  'del',
  'moveFrom',
  'delText',
  'instrText',
  'sectPr',
  'tblPr',
  'tblGrid',
  'trPr',
  'tcPr',
  'tblPrEx',
  'sdtPr',
  'sdtEndPr',
  'footnoteReference',
  'endnoteReference',
  'commentReference',
  'annotationRef',
  'rt',
]);

/** Chinese characters, CJK punctuation and full-width forms. */
const WIDE = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026]/u;

/** Whether a break in a paragraph separates two paragraphs (see the file comment). */
function breaksParagraph(before: string, after: string): boolean {
  const b = before.replace(/[\s\u3000]+$/, '');
  if (b === '' || after.trim() === '') return true;
  if (/[。！？；：!?;:]$/.test(b)) return true;
  if (/^[ \t\u3000]{2,}|^\u3000/.test(after)) return true;
  return /^[\s\u3000]*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．](?!\d))/.test(
    after,
  );
}

/** Splits collected paragraph text at its breaks into the paragraphs a reader sees. */
export function splitLines(raw: string): string[] {
  const lines = raw.split(BREAK);
  const out: string[] = [];
  let cur = lines[0] ?? '';
  for (const line of lines.slice(1)) {
    if (breaksParagraph(cur, line)) {
      out.push(cur);
      cur = line;
    } else {
      // a wrap: nothing between Chinese text (also next to digits), a space between Latin words
      const a = cur.replace(/\s+$/, '');
      const b = line.replace(/^\s+/, '');
      cur = `${a}${WIDE.test(a.slice(-1)) || WIDE.test(b.slice(0, 1)) ? '' : ' '}${b}`;
    }
  }
  out.push(cur);
  return out.map(collapseText).filter((t) => t !== '');
}

class DocxWalker {
  readonly blocks: IrBlock[] = [];
  readonly notes: string[] = [];
  private tableCount = 0;
  private paraCount = 0;

  constructor(
    private readonly part: Part,
    private readonly numbering: Numbering,
    private readonly styles: Map<string, StyleInfo>,
    private readonly chunk: (rid: string) => IrBlock[] | null,
  ) {}

  /** Block-level content (body, cell, text box, content control) into `out`. */
  blocksOf(nodes: XNode[], out: IrBlock[], nested: boolean): void {
    const p = this.part;
    for (const n of nodes) {
      const name = p.ln(n);
      if (name === 'p') this.paragraph(n, out);
      else if (name === 'tbl') this.table(n, out, nested);
      else if (name === 'sdt') {
        const gallery = p.attr(p.path(n, 'sdtPr/docPartObj/docPartGallery'), 'val') ?? '';
        if (/table of contents/i.test(gallery)) continue;
        this.blocksOf(p.kids(p.child(n, 'sdtContent')), out, nested);
      } else if (name === 'customXml' || name === 'ins' || name === 'moveTo')
        this.blocksOf(p.kids(n), out, nested);
      else if (name === 'altChunk') {
        const rid = n.attribs?.['r:id'] ?? Object.entries(n.attribs ?? {}).find(([k]) => /:id$/.test(k))?.[1];
        const blocks = rid ? this.chunk(rid) : null;
        if (blocks) out.push(...blocks);
      }
    }
  }

  private paragraph(n: XNode, out: IrBlock[]): void {
    const p = this.part;
    this.paraCount++;
    const pPr = p.child(n, 'pPr');
    const styleId = p.attr(p.child(pPr, 'pStyle'), 'val');
    const style = styleId ? this.styles.get(styleId) : undefined;
    if (style && /^toc\s*\d/i.test(style.name)) return;
    const numPr = p.child(pPr, 'numPr');
    const numId = p.attr(p.child(numPr, 'numId'), 'val');
    const ilvlRaw = p.attr(p.child(numPr, 'ilvl'), 'val');
    const floats: IrBlock[] = [];
    const text = this.inline(p.kids(n), floats);
    const num = this.numbering.resolve(
      numId,
      ilvlRaw === undefined ? undefined : intAttr(ilvlRaw, 0),
      styleId,
    );
    const label = num ? this.numbering.next(num.numId, num.ilvl) : '';
    const pos = { line: this.paraCount };
    for (const t of splitLines(label + text)) out.push({ type: 'paragraph', text: t, pos });
    out.push(...floats);
  }

  /** The text of inline content; text boxes met on the way go to `floats`. */
  private inline(nodes: XNode[], floats: IrBlock[]): string {
    const p = this.part;
    let s = '';
    for (const n of nodes) {
      if (n.type !== 'tag') continue;
      const name = p.ln(n);
      if (SKIPPED.has(name)) continue;
      switch (name) {
        case 'r': {
          if (p.on(p.path(n, 'rPr/vanish'))) continue;
          s += this.inline(p.kids(n), floats);
          break;
        }
        case 't':
        case 'm:t':
          s += textOf(n);
          break;
        case 'tab':
        case 'ptab':
          s += '\t';
          break;
        case 'br': {
          s += BREAK;
          break;
        }
        case 'cr':
          s += BREAK;
          break;
        case 'noBreakHyphen':
          s += '-';
          break;
        case 'sym': {
          const code = Number.parseInt(p.attr(n, 'char') ?? '', 16);
          // symbol-font code points (F0xx) have no Unicode meaning
          if (Number.isFinite(code) && (code < 0xe000 || code > 0xf8ff)) s += String.fromCodePoint(code);
          break;
        }
        case 'txbxContent': {
          const inner: IrBlock[] = [];
          this.blocksOf(p.kids(n), inner, false);
          floats.push(...inner);
          break;
        }
        case 'mc:AlternateContent': {
          const pick =
            p.kids(n).find((c) => c.name === 'mc:Choice') ?? p.kids(n).find((c) => c.name === 'mc:Fallback');
          if (pick) s += this.inline(p.kids(pick), floats);
          break;
        }
        case 'ruby':
          s += this.inline(p.kids(p.child(n, 'rubyBase')), floats);
          break;
        case 'p': // a paragraph nested inline (malformed); keep its text on its own line
          s += BREAK + this.inline(p.kids(n), floats) + BREAK;
          break;
        default:
          if (TRANSPARENT.has(name) || name === 'sdt' || n.children?.length)
            s += this.inline(p.kids(n), floats);
      }
    }
    return s;
  }

  /** Plain text of block content, for a table cell: paragraphs on their own lines; nested tables flattened. */
  private cellText(nodes: XNode[], nested: { found: boolean }): string {
    const inner: IrBlock[] = [];
    this.blocksOf(nodes, inner, true);
    const lines: string[] = [];
    for (const b of inner) {
      if (b.type === 'paragraph') lines.push(b.text);
      else {
        nested.found = true;
        lines.push(b.rows.map((r) => r.map((c) => c.text).join('\u00a0')).join('\u00a0'));
      }
    }
    return collapseText(lines.join('\n'));
  }

  private table(n: XNode, out: IrBlock[], nested: boolean): void {
    const p = this.part;
    // rows and cells, also inside content controls and custom XML
    const unwrap = (nodes: XNode[], want: string): XNode[] =>
      nodes.flatMap((c) => {
        const name = p.ln(c);
        if (name === want) return [c];
        if (name === 'sdt') return unwrap(p.kids(p.child(c, 'sdtContent')), want);
        if (name === 'customXml' || name === 'ins' || name === 'moveTo') return unwrap(p.kids(c), want);
        return [];
      });
    const trs = unwrap(p.kids(n), 'tr');

    // A one-column table wrapping several blocks or another table is layout: read it as flow.
    const tcsByRow = trs.map((tr) => unwrap(p.kids(tr), 'tc'));
    if (!nested && trs.length > 0 && tcsByRow.every((tcs) => tcs.length <= 1)) {
      const contents = tcsByRow.flatMap((tcs) =>
        tcs.flatMap((tc) => p.kids(tc).filter((c) => p.ln(c) !== 'tcPr')),
      );
      const blockCount = contents.filter((c) => p.ln(c) === 'p' && textOf(c).trim() !== '').length;
      if (contents.some((c) => p.ln(c) === 'tbl') || blockCount >= 2) {
        this.notes.push('发现只有一列的排版用表格，已将其内容按正文读取。');
        this.blocksOf(contents, out, false);
        return;
      }
    }
    if (trs.length === 0) return;

    const index = nested ? 0 : ++this.tableCount;
    interface Slot {
      cell: IrCell;
      gridCol: number;
    }
    const rows: IrCell[][] = [];
    /** Cells open for a vertical merge, by the grid column they start at. */
    let open = new Map<number, IrCell>();
    let droppedText = false;
    tcsByRow.forEach((tcs, r) => {
      const trPr = p.child(trs[r], 'trPr');
      let gridCol = intAttr(p.attr(p.child(trPr, 'gridBefore'), 'val'), 0);
      const slots: Slot[] = [];
      const next = new Map<number, IrCell>();
      const row: IrCell[] = [];
      tcs.forEach((tc, c) => {
        const tcPr = p.child(tc, 'tcPr');
        const span = Math.max(1, Math.min(intAttr(p.attr(p.child(tcPr, 'gridSpan'), 'val'), 1), 1000));
        const hMerge = p.child(tcPr, 'hMerge');
        const vMergeNode = p.child(tcPr, 'vMerge');
        const vMerge = vMergeNode ? (p.attr(vMergeNode, 'val') === 'restart' ? 'restart' : 'continue') : null;
        const flag = { found: false };
        const text = this.cellText(
          p.kids(tc).filter((k) => p.ln(k) !== 'tcPr'),
          flag,
        );
        if (flag.found && index) {
          this.notes.push(`第${index}个表格第${r + 1}行第${c + 1}格内嵌套了表格，已将其文字并入该单元格。`);
        }
        const start = gridCol;
        gridCol += span;
        // legacy horizontal merge: a continuation widens the cell before it
        const prev = slots[slots.length - 1];
        if (
          hMerge &&
          p.attr(hMerge, 'val') !== 'restart' &&
          prev &&
          prev.gridCol + prev.cell.colSpan === start
        ) {
          prev.cell.colSpan += span;
          if (text) droppedText = true;
          return;
        }
        if (vMerge === 'continue') {
          const above = open.get(start);
          if (above && above.colSpan === span) {
            above.rowSpan++;
            next.set(start, above);
            if (text) droppedText = true;
            return;
          }
        }
        const cell: IrCell = {
          text,
          rowSpan: 1,
          colSpan: span,
          pos: index ? { table: index, row: r + 1, cell: c + 1 } : {},
        };
        slots.push({ cell, gridCol: start });
        row.push(cell);
        if (vMerge) next.set(start, cell);
      });
      open = next;
      rows.push(row);
    });
    if (droppedText && index) {
      this.notes.push(`第${index}个表格中有被合并单元格遮住的文字，已按Word的显示忽略。`);
    }
    const table: IrTable = { type: 'table', rows, pos: index ? { table: index } : {} };
    out.push(table);
  }
}

/** The text of `w:t` / `m:t` descendants of a node. */
function textOf(n: XNode): string {
  let s = '';
  const visit = (x: XNode): void => {
    if (x.type === 'text') s += x.data ?? '';
    else for (const c of x.children ?? []) visit(c);
  };
  const name = n.name ?? '';
  if (/(^|:)t$/.test(name)) {
    visit(n);
    return s;
  }
  const collect = (x: XNode): void => {
    for (const c of x.children ?? []) {
      if (c.type !== 'tag') continue;
      if (/(^|:)(delText|instrText)$/.test(c.name ?? '')) continue;
      if (/(^|:)t$/.test(c.name ?? '')) visit(c);
      else collect(c);
    }
  };
  collect(n);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Entry

/** Names of the streams of a Compound File (OLE2) found in its bytes: enough to tell what it is. */
function cfbKind(buf: Buffer): 'encrypted' | 'doc' | 'xls' | 'other' {
  const has = (name: string) => buf.includes(Buffer.from(name, 'utf16le'));
  if (has('EncryptedPackage') || has('EncryptionInfo')) return 'encrypted';
  if (has('WordDocument')) return 'doc';
  if (has('Workbook') || has('Book')) return 'xls';
  return 'other';
}

export const isCfb = (buf: Buffer): boolean => buf.length >= 8 && buf.subarray(0, 8).equals(CFB_MAGIC);
export const isZip = (buf: Buffer): boolean => buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50;

function notDocx(buf: Buffer): never {
  if (isCfb(buf)) {
    switch (cfbKind(buf)) {
      case 'encrypted':
        throw new ReportReadError(
          'encrypted',
          'DOCX文件已加密（设置了打开密码），无法读取：请在Word或WPS中取消密码后另存为DOCX，再检查',
        );
      case 'doc':
        throw new ReportReadError(
          'unsupported',
          '这是旧版Word文档（.doc，Word 97–2003格式），暂不支持：请在Word或WPS中另存为DOCX后再检查',
        );
      case 'xls':
        throw new ReportReadError(
          'unsupported',
          '这是旧版Excel表格（.xls），不是年度报告文档：请提供DOCX、PDF、网页或文本',
        );
      default:
        throw new ReportReadError('unsupported', '这是微软复合文档格式（OLE）的文件，不是DOCX，无法读取');
    }
  }
  throw new ReportReadError(
    'corrupt',
    'DOCX文件已损坏：内容不是ZIP压缩包格式，请重新下载或在Word中重新保存后再试',
  );
}

function zipFailure(e: ZipError): ReportReadError {
  switch (e.kind) {
    case 'encrypted':
      return new ReportReadError('encrypted', `DOCX文件中的内容已加密（${e.message}），无法读取`);
    case 'too-large':
      return new ReportReadError('too-large', `DOCX文件过大：${e.message}，无法读取`);
    default:
      return new ReportReadError('corrupt', `DOCX文件已损坏：${e.message}，无法读取`);
  }
}

/** Reads a DOCX file. Throws ReportReadError (Chinese message) for anything that is not a readable DOCX. */
export function docxToIr(buf: Buffer): IrDocument {
  if (buf.length === 0) throw new ReportReadError('empty', 'DOCX文件为空（0字节），没有可读取的内容');
  if (!isZip(buf)) notDocx(buf);
  let zip: ZipReader;
  try {
    zip = new ZipReader(buf);
  } catch (e) {
    if (e instanceof ZipError) throw zipFailure(e);
    throw e;
  }
  try {
    return readPackage(zip);
  } catch (e) {
    if (e instanceof ZipError) throw zipFailure(e);
    throw e;
  }
}

function readPackage(zip: ZipReader): IrDocument {
  const main =
    readRels(zip, '').byType.get('officeDocument') ??
    (zip.has('word/document.xml') ? 'word/document.xml' : null);
  const xml = main && !/^(xl|ppt)\//.test(main) ? zip.text(main) : null;
  if (!main || xml === null) {
    if (zip.has('xl/workbook.xml'))
      throw new ReportReadError(
        'unsupported',
        '这是Excel表格（XLSX），不是Word文档：请提供年度报告的DOCX、PDF、网页或文本',
      );
    if (zip.has('ppt/presentation.xml'))
      throw new ReportReadError(
        'unsupported',
        '这是PowerPoint演示文稿（PPTX），不是Word文档，无法作为年度报告读取',
      );
    if (zip.has('content.xml') && zip.has('mimetype'))
      throw new ReportReadError(
        'unsupported',
        '这是OpenDocument文档（如ODT），暂不支持：请另存为DOCX后再检查',
      );
    throw new ReportReadError(
      'corrupt',
      'DOCX文件已损坏或不是Word文档：压缩包中没有正文（word/document.xml）',
    );
  }
  const rels = readRels(zip, main);
  const styles = readStyles(rels.byType.has('styles') ? zip.text(rels.byType.get('styles')!) : null);
  const nums = readNumbering(rels.byType.has('numbering') ? zip.text(rels.byType.get('numbering')!) : null);
  const part = new Part(xml);
  const notes: string[] = [];
  const chunk = (rid: string): IrBlock[] | null => {
    const target = rels.byId.get(rid);
    const data = target ? zip.read(target) : null;
    if (!data) return null;
    if (/\.(x?html?)$/i.test(target!) || /^\s*</.test(data.subarray(0, 64).toString('latin1'))) {
      const doc = htmlToIr(data);
      notes.push(...doc.notes);
      return doc.blocks;
    }
    notes.push(`文档中嵌入了无法读取的内容（${target}），已跳过。`);
    return null;
  };
  const walker = new DocxWalker(part, new Numbering(nums, styles), styles, chunk);
  const body = part.child(part.top('document'), 'body');
  if (!body) throw new ReportReadError('corrupt', 'DOCX文件已损坏：正文（word/document.xml）中没有 w:body');
  walker.blocksOf(part.kids(body), walker.blocks, false);
  return { source: 'docx', blocks: walker.blocks, notes: [...walker.notes, ...notes] };
}
