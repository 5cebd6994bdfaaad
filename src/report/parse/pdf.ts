/**
 * PDF front end: the text layer of a PDF, with positions (pdfjs-dist), rebuilt into the
 * intermediate form of ir.ts. No OCR and no LLM: a scan without a text layer is refused with a
 * message saying so.
 *
 * Extraction (`extractPdf`) runs pdfjs in a worker thread under three bounds: a time budget (the
 * worker is terminated when it is over), a memory bound (the V8 heap limit of the worker) and a
 * page cap (later pages are skipped with a note). The layout analysis (`pdfPagesToIr`) is
 * synchronous and pure, so it can be tested on recorded pages.
 *
 * Layout:
 * 1. Text items → lines (items whose vertical centres agree) → chunks (runs of items with no gap
 *    wider than about a character; two numbers split at a smaller gap). A text item drawn twice at
 *    almost the same place (simulated bold) counts once. Spaces between CJK characters are
 *    typographic (justification) and are dropped.
 * 2. Page furniture: page numbers ("-4-", "第4页", "4/6") in the top or bottom margin, and lines
 *    repeated in the top or bottom margin of most pages, are dropped.
 * 3. Tables: runs of lines with two or more cells (chunks a character's width or more apart),
 *    together with the smaller-type single-chunk lines around and between them (titles such as "第二十条第（一）项", stacked header text, the
 *    other lines of multi-line cells). A run that reaches the foot of a page continues at the head
 *    of the next page, so a table over a page break stays one table.
 * 4. In a table, rows come from the text lines: a line that carries a value (a number) is a row.
 *    Label text on other lines joins a row when it is a line of a multi-line cell centred on that
 *    row (lines at the same distance above and below), or continues a full line of the row's label
 *    (not when it starts with an enumerator such as "2."), or is a merged group label (e.g.
 *    "（三）不予公开", or a vertical "三、本年度办理结果") set beside rows whose own labels are further
 *    right. A group label becomes one cell in the first row of its group, spanning its rows: the
 *    rows numbered from "1." (or "（一）") after it, else the rows it is centred on. Label text that
 *    is none of these is a row of its own (a row whose value cells are all blank). Lines before the
 *    first row, and runs of lines between rows that reach into the value columns (e.g.
 *    "第二十条第（五）项" and the header "信息内容 | 本年处理决定数量"), are header rows: stacked text
 *    in one column is one header cell ("结果\n维持" → "结果维持"), and text over several columns is
 *    a merged header cell.
 * 5. Columns: the label columns from the left edges of the rows' own labels; the value columns
 *    from the positions of the header cells, together with the values below them (so a column
 *    that is blank in every row still exists when its header does; values set left or right in
 *    their cells are matched in order to centred headers). Each header band (table 二 has one per
 *    item) has its own columns; cells get the column span that the band's column covers in the
 *    whole table.
 * 6. Paragraphs: a line joins the paragraph before it when the line before reaches the right
 *    margin and does not end with 。；：！？ (in a document whose paragraphs begin indented, whatever
 *    it ends with), and this line starts at the left margin and is not a heading ("一、…", "（一）…",
 *    "1.…"). Centred title lines of the same size are joined too ("洪泽区人民政府" + "2023年政府信息
 *    公开工作年度报告"). A paragraph continues over a page break.
 *
 * Pages are turned upright first: by their /Rotate, then by the direction most of their text runs
 * in (a sideways page reads like any other); text at an angle to the rest is set as vertical text.
 *
 * Not handled: the drawn cell borders (not read: rows and columns come from the text alone),
 * tables set in type as large as the body text (their one-piece lines, e.g. a label's second
 * line, are then read as paragraphs), multi-column page layouts, a cell whose lines are split by a
 * page break, and text inside images (no OCR).
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ReportReadError } from './errors.ts';
import type { IrBlock, IrCell, IrDocument, IrTable } from './ir.ts';

// ---------------------------------------------------------------------------------------------
// Extraction (pdfjs in a worker thread)

/** A text item as pdfjs reports it (`getTextContent`). */
export interface PdfRawItem {
  str: string;
  /** Text-space → page-space matrix. */
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

export interface PdfFontStyle {
  ascent: number;
  descent: number;
  vertical: boolean;
}

export interface PdfRawPage {
  width: number;
  height: number;
  /** Page space → display space (y down, origin top left; the page's rotation applied). */
  viewTransform: number[];
  items: PdfRawItem[];
  styles: Record<string, PdfFontStyle>;
  /** Set when pdfjs could not read this page. */
  error?: string;
  /** For a page without text: how many images it paints (a scan has one). */
  images?: number;
  /** Text items left out over the per-page cap. */
  dropped?: number;
}

export interface PdfRaw {
  numPages: number;
  /** The pages read (at most the page cap). */
  pages: PdfRawPage[];
  /** Recoverable damage pdfjs warned about while reading. */
  warnings?: number;
}

export interface PdfOptions {
  /** Time budget for reading the whole file, in milliseconds (default 60 000). */
  timeoutMs?: number;
  /** Pages after this many are not read (default 300); a note says so. */
  maxPages?: number;
  /** Heap limit of the worker that runs pdfjs, in MB (default 512). */
  maxMemoryMb?: number;
  /** Aborts the reading (the worker is terminated). */
  signal?: AbortSignal;
}

export const PDF_DEFAULTS = { timeoutMs: 60_000, maxPages: 300, maxMemoryMb: 512 } as const;

/** Text items read per page (a page of a report has a few thousand at most). */
const MAX_ITEMS_PER_PAGE = 20_000;
/** Pieces of text in one table (tables 二, 三 and 四 have a few hundred). */
const MAX_TABLE_PIECES = 5_000;

const PDFJS_URL = import.meta.resolve('pdfjs-dist/legacy/build/pdf.mjs');
/** Predefined CMaps (e.g. UniGB-UCS2-H for fonts that are not embedded) and the standard fonts. */
const PDFJS_DATA = {
  cMapUrl: fileURLToPath(new URL('../../cmaps/', PDFJS_URL)),
  standardFontDataUrl: fileURLToPath(new URL('../../standard_fonts/', PDFJS_URL)),
};

/** The worker: plain JavaScript (no TypeScript loader in the worker), pdfjs only. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
let lib;
// pdfjs reports recoverable damage as warnings on the console: count them instead
let warnings = 0;
console.warn = console.log = (...args) => { if (String(args[0]).startsWith('Warning:')) warnings++; };
parentPort.on('message', async (req) => {
  let doc;
  warnings = 0;
  try {
    lib ??= await import(${JSON.stringify(PDFJS_URL)});
    const IMAGE_OPS = new Set([lib.OPS.paintImageXObject, lib.OPS.paintInlineImageXObject,
      lib.OPS.paintImageMaskXObject, lib.OPS.paintImageXObjectRepeat]);
    let imageSeen = false;
    doc = await lib.getDocument({
      data: req.data, verbosity: 1, isEvalSupported: false, disableFontFace: true,
      useSystemFonts: false, stopAtErrors: false, cMapPacked: true,
      cMapUrl: ${JSON.stringify(PDFJS_DATA.cMapUrl)},
      standardFontDataUrl: ${JSON.stringify(PDFJS_DATA.standardFontDataUrl)},
    }).promise;
    const numPages = doc.numPages;
    const pages = [];
    for (let p = 1; p <= Math.min(numPages, req.maxPages); p++) {
      try {
        const page = await doc.getPage(p);
        const vp = page.getViewport({ scale: 1 });
        const tc = await page.getTextContent();
        const items = [];
        let dropped = 0;
        for (const it of tc.items) {
          if (typeof it.str !== 'string' || it.str.trim() === '') continue;
          if (items.length >= ${MAX_ITEMS_PER_PAGE}) { dropped++; continue; }
          items.push({ str: it.str, transform: it.transform, width: it.width, height: it.height, fontName: it.fontName });
        }
        const styles = {};
        for (const [k, s] of Object.entries(tc.styles)) {
          styles[k] = { ascent: s.ascent || 0, descent: s.descent || 0, vertical: !!s.vertical };
        }
        // a page without text: does it hold an image (a scan)? Looked at until one is found.
        let images;
        if (!items.length && !imageSeen) {
          try {
            const ops = await page.getOperatorList();
            images = ops.fnArray.filter((f) => IMAGE_OPS.has(f)).length;
            imageSeen = images > 0;
          } catch { images = 0; }
        }
        pages.push({ width: vp.width, height: vp.height, viewTransform: vp.transform, items, styles, images,
          ...(dropped ? { dropped } : {}) });
        page.cleanup();
      } catch (e) {
        pages.push({ width: 0, height: 0, viewTransform: [1, 0, 0, 1, 0, 0], items: [], styles: {},
          error: String((e && e.message) || e) });
      }
    }
    parentPort.postMessage({ id: req.id, ok: true, numPages, pages, warnings });
  } catch (e) {
    parentPort.postMessage({ id: req.id, ok: false, name: (e && e.name) || 'Error', code: e && e.code,
      message: String((e && e.message) || e) });
  } finally {
    if (doc) await doc.destroy().catch(() => {});
  }
});
`;

interface WorkerReply {
  id: number;
  ok: boolean;
  numPages?: number;
  pages?: PdfRawPage[];
  warnings?: number;
  name?: string;
  message?: string;
}

/** One worker per memory limit, reused between files; idle workers do not keep the process alive. */
class PdfWorker {
  private worker: Worker | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;

  constructor(private readonly maxMemoryMb: number) {}

  run(data: Uint8Array, maxPages: number, timeoutMs: number, signal?: AbortSignal): Promise<PdfRaw> {
    const job = this.queue.then(() => this.runNow(data, maxPages, timeoutMs, signal));
    this.queue = job.catch(() => undefined);
    return job;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private spawn(): Worker {
    const w = new Worker(WORKER_SOURCE, {
      eval: true,
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.maxMemoryMb },
    });
    w.unref();
    return w;
  }

  private runNow(
    data: Uint8Array,
    maxPages: number,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<PdfRaw> {
    if (signal?.aborted) return Promise.reject(abortError());
    this.worker ??= this.spawn();
    const w = this.worker;
    const id = this.nextId++;
    return new Promise<PdfRaw>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void, kill: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        if (kill) {
          if (this.worker === w) this.worker = null;
          void w.terminate();
        } else w.unref();
        fn();
      };
      const onMessage = (m: WorkerReply) => {
        if (m.id !== id) return;
        if (m.ok)
          finish(() => resolve({ numPages: m.numPages!, pages: m.pages!, warnings: m.warnings ?? 0 }), false);
        else finish(() => reject(pdfjsError(m.name ?? '', m.message ?? '')), false);
      };
      const onError = (e: Error & { code?: string }) => {
        finish(
          () =>
            reject(
              e.code === 'ERR_WORKER_OUT_OF_MEMORY'
                ? new ReportReadError(
                    'too-large',
                    `PDF文件读取时所需内存超过上限（${this.maxMemoryMb}MB），已停止读取：文件过大或结构异常`,
                  )
                : new ReportReadError('corrupt', `PDF文件无法读取（${e.message}），文件可能已损坏`),
            ),
          true,
        );
      };
      const onExit = () =>
        finish(() => reject(new ReportReadError('corrupt', 'PDF文件无法读取：读取进程意外退出')), true);
      const onAbort = () => finish(() => reject(abortError()), true);
      const timer = setTimeout(
        () =>
          finish(
            () =>
              reject(
                new ReportReadError(
                  'timeout',
                  `PDF文件在${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)}秒` : `${timeoutMs}毫秒`}内未能读取完毕，已停止：文件过大或结构异常`,
                ),
              ),
            true,
          ),
        timeoutMs,
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.ref();
      w.postMessage({ id, data, maxPages }, [data.buffer as ArrayBuffer]);
    });
  }
}

function abortError(): ReportReadError {
  return new ReportReadError('timeout', 'PDF文件的读取已被取消');
}

function pdfjsError(name: string, message: string): ReportReadError {
  if (name === 'PasswordException')
    return new ReportReadError(
      'encrypted',
      'PDF文件有打开密码（已加密），无法读取：请提供未加密的PDF，或在PDF阅读器中输入密码后另存为无密码的文件',
    );
  if (name === 'InvalidPDFException')
    return new ReportReadError('corrupt', 'PDF文件已损坏或不是有效的PDF（找不到PDF的文件结构），无法读取');
  return new ReportReadError('corrupt', `PDF文件已损坏，无法读取（${message}）`);
}

const workers = new Map<number, PdfWorker>();

/** Terminates the pdfjs workers (they are idle between files and do not keep the process alive). */
export async function closePdfWorkers(): Promise<void> {
  const all = [...workers.values()];
  workers.clear();
  await Promise.all(all.map((w) => w.close()));
}

/** Reads the text items of every page (up to the page cap) in a bounded worker. */
export async function extractPdf(input: Uint8Array, opts: PdfOptions = {}): Promise<PdfRaw> {
  const mb = opts.maxMemoryMb ?? PDF_DEFAULTS.maxMemoryMb;
  let w = workers.get(mb);
  if (!w) {
    w = new PdfWorker(mb);
    workers.set(mb, w);
  }
  // a copy: the worker takes ownership of the bytes
  const data = new Uint8Array(input.byteLength);
  data.set(input);
  return w.run(
    data,
    opts.maxPages ?? PDF_DEFAULTS.maxPages,
    opts.timeoutMs ?? PDF_DEFAULTS.timeoutMs,
    opts.signal,
  );
}

/** Reads a PDF into the intermediate form. Throws ReportReadError for what cannot be read. */
export async function pdfToIr(input: Uint8Array, opts: PdfOptions = {}): Promise<IrDocument> {
  if (input.byteLength === 0) throw new ReportReadError('empty', 'PDF文件为空（0字节），没有可读取的内容');
  const raw = await extractPdf(input, opts);
  return pdfPagesToIr(raw);
}

// ---------------------------------------------------------------------------------------------
// Text items → pieces → lines → chunks

interface Piece {
  text: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  size: number;
  vertical: boolean;
  page: number;
}

interface Chunk extends Piece {
  /** A value cell: a number (or a dash), not label text. */
  value: boolean;
}

interface Line {
  page: number;
  chunks: Chunk[];
  top: number;
  bottom: number;
  /** Vertical centre (reference for grouping). */
  cy: number;
  /** Type size of the line's text (of its Han characters when it has any). */
  size: number;
  x0: number;
  x1: number;
  vertical: boolean;
  /** Position in the flow of the document: page-major, then y. */
  flow: number;
}

/** Flow positions: page-major, then y (no page is this tall). */
const PAGE_FLOW = 100_000;
const cy = (p: { top: number; bottom: number }) => (p.top + p.bottom) / 2;
/** The first item of a numbered list: "1." / "1、", "（一）", "一、". */
const FIRST_ITEM = /^(?:1[、.．](?!\d)|[（(][一1][）)]|一[、.．])/;
/** An enumerator at the start: "一、", "（一）", "1." / "1、" (not "2024.5"). */
const ENUMERATOR = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．](?!\d))/;
/** Horizontal centre. */
const cx = (p: { x0: number; x1: number }) => (p.x0 + p.x1) / 2;
const HAN_RE = /\p{Script=Han}/u;
/** Private-use characters, U+FFFD and controls: what a font without a Unicode mapping yields. */
const GARBLED = /[\p{Co}\ufffd\p{Cc}]/u;
const CJK = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef\\u2018\\u2019\\u201c\\u201d\\u2014\\u2026';
const SPACE_NEAR_CJK = new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}\\w])|(?<=[${CJK}\\w])\\s+(?=[${CJK}])`, 'gu');
const VALUE_RE = /^[+-]?[\d.,]*\d[\d.,]*\s*(?:%|元|万元|件|个|条|项)?$|^[-—–―/\\]+$/u;

function cleanText(s: string): string {
  if (/[\u2e80-\u2fdf]/.test(s)) s = s.replace(/[\u2e80-\u2fdf]/g, (c) => c.normalize('NFKC')); // radicals
  if (!/[\s\u00a0\u3000]/.test(s)) return s;
  return s
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .trim()
    .replace(SPACE_NEAR_CJK, '');
}

function isValueText(s: string): boolean {
  return /[\d\uff10-\uff19\-—–―/\\]/.test(s) && VALUE_RE.test(s.normalize('NFKC'));
}

function mul(m: number[], n: number[]): number[] {
  return [
    m[0]! * n[0]! + m[2]! * n[1]!,
    m[1]! * n[0]! + m[3]! * n[1]!,
    m[0]! * n[2]! + m[2]! * n[3]!,
    m[1]! * n[2]! + m[3]! * n[3]!,
    m[0]! * n[4]! + m[2]! * n[5]! + m[4]!,
    m[1]! * n[4]! + m[3]! * n[5]! + m[5]!,
  ];
}

/** Character weight for splitting an item's width among its characters. */
const charWeight = (ch: string) => (/[\u2e80-\uffff]/u.test(ch) ? 1 : 0.5);

/** A page turned so that most of its text runs left to right: matrix and size of the frame. */
interface PageFrame {
  /** Page space → upright display space. */
  m: number[];
  width: number;
  height: number;
}

/**
 * The upright frame of a page: its display space (the page's /Rotate applied), turned by the
 * direction most of its text runs in — a page whose text is sideways (a rotated page, or a
 * landscape table set sideways) reads like any other.
 */
function pageFrame(page: PdfRawPage): PageFrame {
  const weight = new Map<number, number>();
  for (const it of page.items) {
    if (page.styles[it.fontName]?.vertical) continue;
    const m = mul(page.viewTransform, it.transform);
    const deg = (Math.round((Math.atan2(m[1]!, m[0]!) * 180) / Math.PI / 90) * 90 + 360) % 360;
    weight.set(deg, (weight.get(deg) ?? 0) + it.str.length);
  }
  const turn = [...weight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  const { width: w, height: h } = page;
  // rotations by -turn (display y points down), moved back onto the page
  const r: Record<number, { m: number[]; width: number; height: number }> = {
    0: { m: [1, 0, 0, 1, 0, 0], width: w, height: h },
    90: { m: [0, -1, 1, 0, 0, w], width: h, height: w },
    180: { m: [-1, 0, 0, -1, w, h], width: w, height: h },
    270: { m: [0, 1, -1, 0, h, 0], width: h, height: w },
  };
  const t = r[turn]!;
  return { m: mul(t.m, page.viewTransform), width: t.width, height: t.height };
}

function itemPieces(item: PdfRawItem, page: PdfRawPage, frame: PageFrame, pageNo: number): Piece[] {
  const m = mul(frame.m, item.transform);
  const style = page.styles[item.fontName];
  const size = Math.hypot(m[2]!, m[3]!) || Math.hypot(m[0]!, m[1]!) || 10;
  const ascent = Math.min(1.1, Math.max(0.5, style?.ascent || 0.85));
  const descent = Math.max(-0.5, Math.min(0, style?.descent ?? -0.15));
  const x = m[4]!;
  const y = m[5]!;
  if (style?.vertical) {
    const text = cleanText(item.str);
    if (!text) return [];
    const h = item.height || size * [...text].length;
    return [{ text, x0: x, x1: x + size, top: y, bottom: y + h, size, vertical: true, page: pageNo }];
  }
  if (Math.abs(m[1]!) > 0.2 * Math.abs(m[0]!)) {
    // text at an angle to the page's text (e.g. a cell's text turned to run downwards): its box
    const text = cleanText(item.str);
    if (!text) return [];
    const u = (item.width || size * [...text].length) / size;
    const corners = [
      [0, descent],
      [u, descent],
      [0, ascent],
      [u, ascent],
    ].map(([a, b]) => [m[0]! * a! + m[2]! * b! + x, m[1]! * a! + m[3]! * b! + y]);
    const xs = corners.map((c) => c[0]!);
    const ys = corners.map((c) => c[1]!);
    const [x0, x1, top, bottom] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    return [{ text, x0, x1, top, bottom, size, vertical: bottom - top > x1 - x0, page: pageNo }];
  }
  const top = y - ascent * size;
  const bottom = y - descent * size;
  const width = item.width || size * [...item.str].length * 0.5;
  // split an item that holds several cells: runs of 3+ spaces, or numbers separated by spaces
  const str = item.str;
  if (!/\S[\s\u3000]+\S/.test(str)) {
    const text = cleanText(str);
    return text ? [{ text, x0: x, x1: x + width, top, bottom, size, vertical: false, page: pageNo }] : [];
  }
  const tokens = str.trim().split(/\s+/);
  const splitAll = tokens.length > 1 && tokens.every((t) => isValueText(t));
  const splitter = splitAll ? /\s+/g : /[\s\u3000]{3,}/g;
  const chars = [...str];
  const total = chars.reduce((n, c) => n + charWeight(c), 0) || 1;
  const pieces: Piece[] = [];
  let start = 0;
  const push = (from: number, to: number) => {
    const seg = str.slice(from, to);
    const text = cleanText(seg);
    if (!text) return;
    const before = [...str.slice(0, from)].reduce((n, c) => n + charWeight(c), 0);
    const w = [...seg].reduce((n, c) => n + charWeight(c), 0);
    pieces.push({
      text,
      x0: x + (before / total) * width,
      x1: x + ((before + w) / total) * width,
      top,
      bottom,
      size,
      vertical: false,
      page: pageNo,
    });
  };
  for (const mt of str.matchAll(splitter)) {
    push(start, mt.index);
    start = mt.index + mt[0].length;
  }
  push(start, str.length);
  if (pieces.length > 1) {
    // trim the split pieces to their text (leading/trailing spaces took part of the width)
    return pieces;
  }
  return pieces.length ? [{ ...pieces[0]!, x0: x, x1: x + width }] : [];
}

function joinText(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return /[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b;
}

function makeLine(pieces: Piece[]): Line {
  pieces.sort((a, b) => a.x0 - b.x0);
  // simulated bold: the same text drawn twice at almost the same place
  const kept: Piece[] = [];
  for (const p of pieces) {
    const dup = kept.find((k) => k.text === p.text && Math.abs(k.x0 - p.x0) < 0.25 * p.size);
    if (!dup) kept.push(p);
  }
  // chunks: runs of pieces without a gap wider than ~0.4 em (numbers split at 0.2 em)
  const runs: Piece[] = [];
  for (const p of kept) {
    const cur: Piece | undefined = runs[runs.length - 1];
    if (cur) {
      const gap: number = p.x0 - cur.x1;
      const s = Math.min(p.size, cur.size);
      const numbers = isValueText(cur.text) && isValueText(p.text);
      if (gap <= 0.4 * s && !(numbers && gap > 0.2 * s)) {
        runs[runs.length - 1] = {
          ...cur,
          text: cleanText(gap > 0.15 * s ? joinText(cur.text, p.text) : cur.text + p.text),
          x1: Math.max(cur.x1, p.x1),
          top: Math.min(cur.top, p.top),
          bottom: Math.max(cur.bottom, p.bottom),
          size: Math.max(cur.size, p.size),
        };
        continue;
      }
    }
    runs.push({ ...p });
  }
  const chunks: Chunk[] = runs.map((r) => ({ ...r, value: isValueText(r.text) }));
  const han = chunks.filter((c) => HAN_RE.test(c.text));
  const size = Math.max(...(han.length ? han : chunks).map((c) => c.size));
  const top = Math.min(...chunks.map((c) => c.top));
  const bottom = Math.max(...chunks.map((c) => c.bottom));
  return {
    page: chunks[0]!.page,
    chunks,
    top,
    bottom,
    cy: (top + bottom) / 2,
    size,
    x0: chunks[0]!.x0,
    x1: Math.max(...chunks.map((c) => c.x1)),
    vertical: chunks.some((c) => c.vertical),
    flow: 0,
  };
}

function pageLines(page: PdfRawPage, frame: PageFrame, pageNo: number): Line[] {
  const pieces = page.items.flatMap((it) => itemPieces(it, page, frame, pageNo));
  const lines: Line[] = [];
  for (const v of pieces.filter((p) => p.vertical)) lines.push(makeLine([v]));
  const flat = pieces.filter((p) => !p.vertical).sort((a, b) => cy(a) - cy(b) || a.x0 - b.x0);
  // single linkage on the vertical centre: a label and the values of its row can sit a little
  // apart, linked by the text between them
  let group: Piece[] = [];
  let prev: Piece | null = null;
  for (const p of flat) {
    if (prev && cy(p) - cy(prev) <= 0.45 * Math.min(p.size, prev.size)) {
      group.push(p);
      prev = p;
      continue;
    }
    if (group.length) lines.push(makeLine(group));
    group = [p];
    prev = p;
  }
  if (group.length) lines.push(makeLine(group));
  lines.sort((a, b) => a.cy - b.cy || a.x0 - b.x0);
  for (const l of lines) l.flow = pageNo * PAGE_FLOW + l.cy;
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Page furniture

const PAGE_NUMBER =
  /^(?:[-—–－_~·•\s]*\d{1,4}[-—–－_~·•\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+|page\s*\d+(?:\s*of\s*\d+)?)$/i;

const lineText = (l: Line) => l.chunks.reduce((s, c) => joinText(s, c.text), '');

function dropFurniture(pages: Line[][], frames: PageFrame[]): Line[][] {
  const zone = (l: Line, p: number): 'top' | 'bottom' | null => {
    const h = frames[p - 1]!.height || 842;
    if (l.bottom < 0.1 * h) return 'top';
    if (l.top > 0.86 * h) return 'bottom';
    return null;
  };
  const key = (l: Line) => lineText(l).replace(/\d+/g, '#').replace(/\s+/g, '');
  const counts = new Map<string, number>();
  pages.forEach((lines, i) => {
    const seen = new Set<string>();
    for (const l of lines) {
      const z = zone(l, i + 1);
      if (z) seen.add(`${z}:${key(l)}`);
    }
    for (const k of seen) counts.set(k, (counts.get(k) ?? 0) + 1);
  });
  const n = pages.filter((l) => l.length).length;
  return pages.map((lines, i) =>
    lines.filter((l) => {
      const z = zone(l, i + 1);
      if (!z) return true;
      if (PAGE_NUMBER.test(lineText(l).trim())) return false;
      // running heads and feet are short
      const c = counts.get(`${z}:${key(l)}`) ?? 0;
      return !(n >= 2 && c >= 2 && c >= n / 2 && key(l).length <= 30);
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Tables

interface Interval {
  x0: number;
  x1: number;
}

/** A row of the table body: a line with values, or label text on its own (blank values). */
interface BodyRow {
  flow: number;
  page: number;
  /** Vertical centre of the row's values (its anchor), or of its label for a row without values. */
  a: number;
  /** Label text per label column. */
  parts: Piece[][];
  values: Chunk[];
  band: number;
  anchored: boolean;
  /** Label columns holding a merged group label in this row: how many rows it spans. */
  rowSpan?: Map<number, number>;
  /** Label columns covered by a group label of a row above. */
  covered?: Set<number>;
}

/** Lines of header text before the rows they head; each starts a band with its own columns. */
interface HeaderZone {
  lines: Line[];
  band: number;
}

interface BandColumns {
  /** Value columns of the band: their extent and the leaf header cells over them. */
  cols: { x0: number; x1: number; leaves: Piece[] }[];
  /** Header cells over several columns, or above other header cells. */
  spanning: Piece[];
  /** Header text over the label columns. */
  labelSide: Piece[];
  /** Full-width title rows (e.g. "第二十条第（一）项"). */
  titles: Piece[];
  /** All header cells over the value columns (spanning cells and leaves). */
  headerCells: Piece[];
  /** The table's value columns [first, last] under each band column. */
  range: [number, number][];
}

/** The table's value columns: x-edges of each (the first starts at the label/value boundary). */
type ValueEdges = (c: number) => Interval;

type OutCell = Omit<IrCell, 'pos'>;
type OutRow = { flow: number; page: number; cells: OutCell[] };

const cell = (text: string, colSpan = 1, rowSpan = 1): OutCell => ({ text, rowSpan, colSpan });
const overlaps = (a: Interval, b: Interval, eps = 0.5) => a.x0 < b.x1 - eps && b.x0 < a.x1 - eps;
const flowOf = (p: Piece) => p.page * PAGE_FLOW + cy(p);
const rowFlow = (r: BodyRow) => r.page * PAGE_FLOW + r.a;

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Merges intervals that overlap into columns (sorted by x). */
function mergeIntervals<T extends Interval>(items: T[]): { x0: number; x1: number; members: T[] }[] {
  const sorted = [...items].sort((a, b) => a.x0 - b.x0);
  const out: { x0: number; x1: number; members: T[] }[] = [];
  for (const it of sorted) {
    const last = out[out.length - 1];
    if (last && it.x0 < last.x1 - 0.5) {
      last.x1 = Math.max(last.x1, it.x1);
      last.members.push(it);
    } else out.push({ x0: it.x0, x1: it.x1, members: [it] });
  }
  return out;
}

function joinPieces(pieces: Piece[]): string {
  const sorted = [...pieces].sort((a, b) => a.page - b.page || a.top - b.top || a.x0 - b.x0);
  return cleanText(sorted.reduce((s, p) => joinText(s, p.text), ''));
}

/**
 * Where label columns end and value columns begin: between the right edge of the label text and
 * the left edge of the values of the rows (-∞ for a table without labels, e.g. table 四). Numbers
 * left of it are label text (an enumerator "1." set apart).
 */
function labelValueBoundary(lines: Line[]): number {
  let labelEnd = Number.NEGATIVE_INFINITY;
  let valueStart = Number.POSITIVE_INFINITY;
  const rows = lines.filter(hasValue);
  for (const l of rows) for (const c of l.chunks) if (!c.value) labelEnd = Math.max(labelEnd, c.x1);
  for (const l of rows)
    for (const c of l.chunks) if (c.value && c.x0 >= labelEnd - 0.5) valueStart = Math.min(valueStart, c.x0);
  const boundary =
    labelEnd === Number.NEGATIVE_INFINITY
      ? Number.NEGATIVE_INFINITY
      : valueStart === Number.POSITIVE_INFINITY
        ? labelEnd + 0.5
        : (labelEnd + valueStart) / 2;
  for (const l of lines) for (const c of l.chunks) if (c.value && cx(c) < boundary) c.value = false;
  return boundary;
}

const hasValue = (l: Line) => !l.vertical && l.chunks.some((c) => c.value);

/**
 * Splits the lines of a table into rows with values, header zones and loose label text. Lines
 * before the first row, and runs of lines between rows that reach into the value columns, are
 * header zones; label lines right above a row stay loose (they may be the first line of its label).
 */
function splitZones(lines: Line[], boundary: number) {
  const kind = (l: Line): 'anchor' | 'header' | 'label' =>
    hasValue(l) ? 'anchor' : !l.vertical && l.chunks.some((c) => cx(c) > boundary) ? 'header' : 'label';
  const zones: HeaderZone[] = [];
  const anchored: { line: Line; band: number }[] = [];
  const floating: { piece: Piece; band: number }[] = [];
  let band = -1;
  const loose = (ls: Line[]) => {
    for (const l of ls) for (const c of l.chunks) floating.push({ piece: c, band: Math.max(band, 0) });
  };
  for (let i = 0; i < lines.length; ) {
    if (kind(lines[i]!) === 'anchor') {
      anchored.push({ line: lines[i]!, band: Math.max(band, 0) });
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && kind(lines[j]!) !== 'anchor') j++;
    const run = lines.slice(i, j);
    if (!anchored.length || run.some((l) => kind(l) === 'header')) {
      let k = run.length;
      const next = lines[j];
      while (
        next &&
        k > 0 &&
        kind(run[k - 1]!) === 'label' &&
        (k === run.length ? next : run[k]!).top - run[k - 1]!.bottom <= 1.2 * run[k - 1]!.size
      )
        k--;
      if (k > 0) zones.push({ lines: run.slice(0, k), band: ++band });
      loose(run.slice(k));
    } else loose(run);
    i = j;
  }
  return { zones, anchored, floating, nBands: Math.max(band + 1, 1) };
}

/** Left edges of the label columns: x0 values seen at least twice (all of them if none is). */
function labelColumnStarts(pieces: Piece[]): number[] {
  if (!pieces.length) return [];
  const tol = 0.5 * median(pieces.map((p) => p.size));
  const xs = pieces.map((p) => p.x0).sort((a, b) => a - b);
  const groups: number[][] = [];
  for (const x of xs) {
    const g = groups[groups.length - 1];
    if (g && x - g[0]! <= tol) g.push(x);
    else groups.push([x]);
  }
  const supported = groups.filter((g) => g.length >= 2);
  return (supported.length ? supported : groups).map((g) => g[0]!);
}

/**
 * The rows of the table body: a row per line with values; loose label text joins a row as a group
 * label, as the other lines of a multi-line cell centred on the row, or as text stacked right on
 * its label; what is left makes rows of its own (rows whose values are all blank).
 */
function assembleRows(
  anchored: { line: Line; band: number }[],
  floating: { piece: Piece; band: number }[],
  nL: number,
  col: (p: Piece) => number,
  full: (p: Piece) => boolean,
): BodyRow[] {
  // `below` continues the cell of `above`: `above` fills its width and `below` does not start
  // with an enumerator ("2.", "（三）", "四、"), which begins a row of its own
  const continues = (above: Piece, below: Piece) => full(above) && !ENUMERATOR.test(below.text);
  const newParts = (): Piece[][] => Array.from({ length: nL }, () => []);
  const rows: BodyRow[] = anchored.map(({ line, band }) => {
    const values = line.chunks.filter((c) => c.value);
    const parts = newParts();
    for (const c of line.chunks) if (!c.value) parts[col(c)]!.push(c);
    return {
      flow: line.flow,
      page: line.page,
      a: median(values.map(cy)),
      parts,
      values,
      band,
      anchored: true,
    };
  });
  const nearest = (p: Piece): BodyRow | null => {
    let best: BodyRow | null = null;
    for (const r of rows) {
      if (r.page !== p.page) continue;
      if (!best || Math.abs(rowFlow(r) - flowOf(p)) < Math.abs(rowFlow(best) - flowOf(p))) best = r;
    }
    return best;
  };
  const lastPart = (r: BodyRow) => {
    for (let k = nL - 1; k >= 0; k--) if (r.parts[k]!.length) return k;
    return -1;
  };

  // 1. group labels ("（三）不予公开", a vertical "三、本年度办理结果"): beside rows whose own labels
  //    are further right; stacked lines of one group label are one cell, placed in one row
  const isGroup = (p: Piece) => {
    const r = nearest(p);
    return !!r && lastPart(r) > col(p);
  };
  const rest = floating.filter((f) => !isGroup(f.piece));
  const groupish: { piece: Piece; row: BodyRow | null; band: number }[] = floating
    .filter((f) => isGroup(f.piece))
    .map((f) => ({ piece: f.piece, row: null, band: f.band }));
  for (const r of rows) {
    for (let k = 0; k < lastPart(r); k++) {
      for (const p of r.parts[k]!) groupish.push({ piece: p, row: r, band: r.band });
      r.parts[k] = [];
    }
  }
  groupish.sort((a, b) => col(a.piece) - col(b.piece) || flowOf(a.piece) - flowOf(b.piece));
  const stacks: (typeof groupish)[] = [];
  for (const g of groupish) {
    const prev = stacks[stacks.length - 1]?.at(-1);
    const stacked =
      prev &&
      col(prev.piece) === col(g.piece) &&
      prev.piece.page === g.piece.page &&
      g.piece.top - prev.piece.bottom <= 1.5 * Math.max(g.piece.size, prev.piece.size);
    if (stacked) stacks[stacks.length - 1]!.push(g);
    else stacks.push([g]);
  }
  for (const s of stacks) {
    const first = s[0]!.piece;
    const span: Piece = { ...first, bottom: s[s.length - 1]!.piece.bottom };
    const target = s.find((g) => g.row)?.row ?? nearest(span);
    if (target) target.parts[col(first)]!.push(...s.map((g) => g.piece));
    else rest.push(...s.map((g) => ({ piece: g.piece, band: g.band })));
  }

  // 2. the other lines of a multi-line cell centred on its row: pairs at the same distance above
  //    and below the row's values
  const byRowCol = new Map<BodyRow, Map<number, Piece[]>>();
  for (const f of rest) {
    const r = nearest(f.piece);
    if (!r) continue;
    const m = byRowCol.get(r) ?? new Map<number, Piece[]>();
    byRowCol.set(r, m);
    m.set(col(f.piece), [...(m.get(col(f.piece)) ?? []), f.piece]);
  }
  const placed = new Set<Piece>();
  for (const [r, m] of byRowCol) {
    for (const [c, ps] of m) {
      const up = ps.filter((p) => cy(p) < r.a).sort((a, b) => cy(b) - cy(a));
      const down = ps.filter((p) => cy(p) >= r.a).sort((a, b) => cy(a) - cy(b));
      let reach = 0;
      const onLine = r.parts[c]!.find((p) => !up.includes(p) && !down.includes(p));
      for (let i = 0; i < Math.min(up.length, down.length); i++) {
        const du = r.a - cy(up[i]!);
        const dd = cy(down[i]!) - r.a;
        const s = Math.max(up[i]!.size, down[i]!.size);
        if (Math.abs(du - dd) > Math.max(s, 3) || Math.min(du, dd) - reach > 2.5 * s) break;
        // the lines read on: up → (the line on the row's own line) → down
        const chain = i === 0 ? [up[0]!, ...(onLine ? [onLine] : []), down[0]!] : [up[i]!, up[i - 1]!];
        if (i > 0 && !(continues(down[i - 1]!, down[i]!) && continues(up[i]!, up[i - 1]!))) break;
        if (i === 0 && !chain.slice(1).every((p, k) => continues(chain[k]!, p))) break;
        reach = Math.max(du, dd);
        r.parts[c]!.push(up[i]!, down[i]!);
        placed.add(up[i]!).add(down[i]!);
      }
    }
  }

  // 3. text stacked right on a row's label in the same column continues it; the rest are rows of
  //    their own (label lines of one such row are joined)
  const unplaced: { piece: Piece; band: number }[] = [];
  for (const f of rest) {
    if (placed.has(f.piece)) continue;
    const r = nearest(f.piece);
    const p = f.piece;
    const touching = (r?.parts[col(p)] ?? []).some((q) => {
      const gap = Math.max(q.top - p.bottom, p.top - q.bottom);
      if (gap > 0.7 * Math.max(q.size, p.size) || !overlaps(q, p, -2)) return false;
      return cy(q) < cy(p) ? continues(q, p) : continues(p, q);
    });
    if (r && touching) r.parts[col(p)]!.push(p);
    else unplaced.push(f);
  }
  unplaced.sort((a, b) => flowOf(a.piece) - flowOf(b.piece) || a.piece.x0 - b.piece.x0);
  const own: BodyRow[] = [];
  for (const { piece: p, band } of unplaced) {
    const last = own[own.length - 1];
    const sameLine = last && last.page === p.page && Math.abs(last.a - cy(p)) <= 0.45 * p.size;
    const stacked =
      last &&
      last.page === p.page &&
      last.parts[col(p)]!.some(
        (q) =>
          p.top - q.bottom <= 0.7 * Math.max(p.size, q.size) &&
          p.top - q.bottom > -0.5 * p.size &&
          continues(q, p),
      );
    if (last && (sameLine || stacked)) {
      last.parts[col(p)]!.push(p);
      continue;
    }
    const parts = newParts();
    parts[col(p)]!.push(p);
    own.push({ flow: flowOf(p), page: p.page, a: cy(p), parts, values: [], band, anchored: false });
  }
  return [...rows, ...own].sort((a, b) => a.flow - b.flow);
}

/**
 * Gives each merged group label (a label beside rows whose own labels are further right) the rows
 * it spans and moves it to the first of them. The rows of a group are in a run of rows whose own
 * labels are right of its column. Where the rows under a group are numbered, a group starts at the
 * row numbered 1 ("1.", "1、", "（一）", "一、"), and the parts of a label split by a page break
 * ("（四）无" / "法提供") are one label. Otherwise a group label is centred on its rows: its rows are
 * the widest span around it whose middle is at the label. Rows left over join the group above them
 * (the rest of a group continued on the next page), or the one below.
 */
function spanGroupLabels(rows: BodyRow[], nL: number): void {
  const own = (r: BodyRow) => {
    for (let k = nL - 1; k >= 0; k--) if (r.parts[k]!.length) return k;
    return -1;
  };
  const ownCol = new Map(rows.map((r) => [r, own(r)]));
  const gaps: number[] = [];
  for (let i = 1; i < rows.length; i++)
    if (rows[i]!.page === rows[i - 1]!.page) gaps.push(rows[i]!.a - rows[i - 1]!.a);
  const pitch = median(gaps) || 12;
  // a row's extent: its own label and its values
  const extent = (r: BodyRow) => {
    const ps = [...(r.parts[ownCol.get(r)!] ?? []), ...r.values];
    return ps.length
      ? { top: Math.min(...ps.map((p) => p.top)), bottom: Math.max(...ps.map((p) => p.bottom)) }
      : { top: r.a, bottom: r.a };
  };

  for (let c = 0; c < nL - 1; c++) {
    for (let i = 0; i < rows.length; ) {
      if (ownCol.get(rows[i]!)! <= c) {
        i++;
        continue;
      }
      let j = i;
      while (j < rows.length && ownCol.get(rows[j]!)! > c) j++;
      const run = rows.slice(i, j);
      i = j;
      const holders = run.filter((r) => r.parts[c]!.length);
      if (!holders.length) continue;
      const labelY = new Map(holders.map((h) => [h, median(h.parts[c]!.map(cy))]));
      const labelPage = (h: BodyRow) => h.parts[c]![0]!.page;
      const nearestRow = new Map(
        holders.map((h) => {
          const onPage = run.filter((r) => r.page === labelPage(h));
          const y = labelY.get(h)!;
          return [h, onPage.reduce((a, b) => (Math.abs(b.a - y) < Math.abs(a.a - y) ? b : a))];
        }),
      );
      const owner = byNumbers(run, holders, c, nearestRow) ?? byCentre(run, holders, c, labelY, nearestRow);
      // each group's label moves to its first row and spans the group's rows
      for (const h of holders) {
        const mine = run.filter((r) => owner.get(r) === h);
        const pieces = h.parts[c]!;
        if (!mine.length || !pieces.length) continue;
        h.parts[c] = [];
        const first = mine[0]!;
        first.parts[c] = pieces;
        first.rowSpan ??= new Map();
        first.rowSpan.set(c, mine.length);
        for (const r of mine.slice(1)) {
          r.covered ??= new Set();
          r.covered.add(c);
        }
      }
    }
  }

  /** Groups by numbered rows; null when the numbering does not fit (two labels in a block on one page). */
  function byNumbers(
    run: BodyRow[],
    holders: BodyRow[],
    c: number,
    nearestRow: Map<BodyRow, BodyRow>,
  ): Map<BodyRow, BodyRow> | null {
    const level = Math.min(...run.map((r) => ownCol.get(r)!));
    const blocks: BodyRow[][] = [];
    for (const r of run) {
      const first = ownCol.get(r) === level && FIRST_ITEM.test(joinPieces(r.parts[level]!));
      if (first || !blocks.length) blocks.push([r]);
      else blocks[blocks.length - 1]!.push(r);
    }
    const labelsIn = new Map<BodyRow[], BodyRow[]>();
    for (const h of holders) {
      const b = blocks.find((bl) => bl.includes(nearestRow.get(h)!))!;
      labelsIn.set(b, [...(labelsIn.get(b) ?? []), h]);
    }
    for (const hs of labelsIn.values()) {
      const pages = hs.map((h) => h.parts[c]![0]!.page);
      if (new Set(pages).size !== pages.length) return null;
    }
    const owner = new Map<BodyRow, BodyRow>();
    for (const [b, [first, ...more]] of labelsIn) {
      // a label split by a page break: its parts join the first
      for (const h of more) {
        first!.parts[c]!.push(...h.parts[c]!);
        h.parts[c] = [];
      }
      for (const r of b) owner.set(r, first!);
    }
    return owner;
  }

  /** Groups by centring: the widest span of rows on the label's page whose middle is at the label. */
  function byCentre(
    run: BodyRow[],
    holders: BodyRow[],
    c: number,
    labelY: Map<BodyRow, number>,
    nearestRow: Map<BodyRow, BodyRow>,
  ): Map<BodyRow, BodyRow> {
    const owner = new Map<BodyRow, BodyRow>();
    for (const h of holders) {
      const y = labelY.get(h)!;
      const onPage = run.filter((r) => r.page === h.parts[c]![0]!.page);
      // another group's rows never reach the row nearest its label
      const others = holders.filter((o) => o !== h).map((o) => nearestRow.get(o));
      let best: [number, number] | null = null;
      for (let a = 0; a < onPage.length; a++)
        for (let b = a; b < onPage.length; b++) {
          const centre = (extent(onPage[a]!).top + extent(onPage[b]!).bottom) / 2;
          if (Math.abs(centre - y) > 0.35 * pitch) continue;
          if (onPage.slice(a, b + 1).some((r) => owner.has(r) || others.includes(r))) continue;
          if (!best || b - a > best[1] - best[0]) best = [a, b];
        }
      if (best) for (const r of onPage.slice(best[0], best[1] + 1)) owner.set(r, h);
    }
    let last: BodyRow | undefined;
    for (const r of run) {
      if (owner.has(r)) last = owner.get(r);
      else if (last) owner.set(r, last);
    }
    let next: BodyRow | undefined;
    for (const r of [...run].reverse()) {
      if (owner.has(r)) next = owner.get(r);
      else if (next) owner.set(r, next);
    }
    return owner;
  }
}

/**
 * Stacks header text into cells: a line right below another, overlapping it and no wider (the
 * lines of one wrapped cell, e.g. "结果" over "维持"), joins it. Text of another header level is
 * usually wider than the text above it or further away.
 */
function stackCells(pieces: Piece[]): Piece[] {
  const cells: { piece: Piece; last: Piece; parts: Piece[] }[] = [];
  for (const p of [...pieces].sort((a, b) => a.top - b.top || a.x0 - b.x0)) {
    let best: (typeof cells)[number] | null = null;
    for (const c of cells) {
      if (p.top - c.last.bottom < -0.3 * p.size || !overlaps(c.last, p)) continue;
      if (!best || c.last.bottom > best.last.bottom) best = c;
    }
    if (
      best &&
      p.top - best.last.bottom <= 3 * p.size &&
      p.x1 - p.x0 <= best.last.x1 - best.last.x0 + 0.5 * p.size
    ) {
      best.parts.push(p);
      best.last = p;
      best.piece = {
        ...best.piece,
        text: joinPieces(best.parts),
        x0: Math.min(best.piece.x0, p.x0),
        x1: Math.max(best.piece.x1, p.x1),
        bottom: Math.max(best.piece.bottom, p.bottom),
      };
      continue;
    }
    cells.push({ piece: p, last: p, parts: [p] });
  }
  return cells.map((c) => c.piece);
}

/**
 * Values set left or right in their cells do not overlap a centred header: a column of values
 * only and a column of header text only are then one column. Between two columns that hold both,
 * the value-only columns are matched in order to header-only columns, nearest centres first
 * (header-only columns left over are columns blank in every row).
 */
function pairValuesWithHeaders<M extends Interval & { leaf?: Piece }>(
  cols: { x0: number; x1: number; members: M[] }[],
): { x0: number; x1: number; members: M[] }[] {
  const kind = (c: (typeof cols)[number]) =>
    c.members.every((m) => m.leaf) ? 'header' : c.members.some((m) => m.leaf) ? 'both' : 'values';
  const out: typeof cols = [];
  let segment: typeof cols = [];
  const flush = () => {
    const heads = segment.filter((c) => kind(c) === 'header');
    const vals = segment.filter((c) => kind(c) === 'values');
    if (!heads.length || !vals.length || vals.length > heads.length) {
      out.push(...segment);
      segment = [];
      return;
    }
    // monotone matching of every value column to a header column, least total distance
    const d = (v: Interval, h: Interval) => Math.abs(cx(v) - cx(h));
    const n = vals.length;
    const m = heads.length;
    const cost: number[][] = Array.from({ length: n + 1 }, () => Array(m + 1).fill(Number.POSITIVE_INFINITY));
    for (let j = 0; j <= m; j++) cost[0]![j] = 0;
    for (let i = 1; i <= n; i++)
      for (let j = i; j <= m; j++)
        cost[i]![j] = Math.min(cost[i]![j - 1]!, cost[i - 1]![j - 1]! + d(vals[i - 1]!, heads[j - 1]!));
    const match = new Map<(typeof cols)[number], (typeof cols)[number]>();
    for (let i = n, j = m; i > 0; j--) {
      if (cost[i]![j] === cost[i]![j - 1]) continue;
      match.set(heads[j - 1]!, vals[i - 1]!);
      i--;
    }
    for (const c of segment) {
      if (kind(c) === 'values') continue;
      const v = match.get(c);
      out.push(
        v ? { x0: Math.min(c.x0, v.x0), x1: Math.max(c.x1, v.x1), members: [...c.members, ...v.members] } : c,
      );
    }
    segment = [];
  };
  for (const c of cols) {
    if (kind(c) === 'both') {
      flush();
      out.push(c);
    } else segment.push(c);
  }
  flush();
  return out;
}

/**
 * The columns of one band: its header cells (a title row first, if any), split into spanning cells
 * and leaves, and value columns from the leaves together with the values below them.
 */
function bandColumns(zoneLines: Line[], bandRows: BodyRow[], boundary: number, table: Interval): BandColumns {
  const values = bandRows.flatMap((r) => r.values);
  // a single piece of text first, centred over the table or at its left edge, is a title row
  const titles: Piece[] = [];
  const first = zoneLines[0];
  if (first && first.chunks.length === 1 && !first.vertical) {
    const c = first.chunks[0]!;
    const width = table.x1 - table.x0;
    if (Math.abs(cx(c) - cx(table)) <= 0.1 * width || c.x0 - table.x0 <= 2 * c.size) {
      titles.push(c);
      zoneLines = zoneLines.slice(1);
    }
  }
  const header = zoneLines.flatMap((l) => l.chunks);
  const labelSide = header.filter((p) => cx(p) <= boundary);
  const rawValueSide = header.filter((p) => cx(p) > boundary);
  // the values' columns, widened to the middle of the gaps between them
  // the values' columns (values may sit left, centred or right in their cells)
  const dataCols = mergeIntervals(values);
  // header text over two separate pieces of header text, or over the values of two columns
  const isSpanning = (p: Piece) => {
    const lower = rawValueSide.filter((q) => q !== p && q.top >= p.bottom - 0.5 && overlaps(p, q));
    const disjoint = lower.some((q) => lower.some((r) => q !== r && !overlaps(q, r)));
    return disjoint || dataCols.filter((c) => overlaps(c, p, 0)).length >= 2;
  };
  const spanningRaw = rawValueSide.filter(isSpanning);
  // beside a spanning cell on its line, text with header text below it is a spanning cell too
  // ("行政复议" beside "行政诉讼", even when centred right over one column: "其他结果")
  for (const p of rawValueSide) {
    if (spanningRaw.includes(p)) continue;
    const beside = spanningRaw.some((q) => Math.abs(cy(q) - cy(p)) <= 0.45 * Math.min(p.size, q.size));
    const above = rawValueSide.some((q) => q !== p && q.top >= p.bottom - 0.5 && overlaps(p, q));
    if (beside && above) spanningRaw.push(p);
  }
  const spanning = new Set<Piece>(stackCells(spanningRaw));
  const headerCells = [...spanning, ...stackCells(rawValueSide.filter((p) => !spanningRaw.includes(p)))];
  // a header cell well above the rest of its column is a header of a higher level
  for (const p of headerCells) {
    if (spanning.has(p)) continue;
    const below = headerCells.filter(
      (q) => q !== p && !spanning.has(q) && overlaps(p, q) && q.top >= p.bottom - 0.5,
    );
    if (below.length && Math.min(...below.map((q) => q.top)) - p.bottom > 3 * p.size) spanning.add(p);
  }
  const leaves = headerCells.filter((p) => !spanning.has(p));
  type Member = Interval & { leaf?: Piece };
  const asMember = (p: Piece): Member => ({ x0: p.x0, x1: p.x1, leaf: p });
  let cols = pairValuesWithHeaders(mergeIntervals<Member>([...leaves.map(asMember), ...values]));
  const conflict = bandRows.some((r) => {
    const hit = r.values.map((v) => cols.findIndex((c) => c.members.includes(v)));
    return new Set(hit).size !== hit.length;
  });
  if (conflict) {
    // the header text does not fit the values: columns from the values, blank headed columns added
    cols = mergeIntervals<Member>(values);
    for (const p of leaves) {
      const over = cols.filter((c) => overlaps(c, p));
      if (!over.length) cols.push({ x0: p.x0, x1: p.x1, members: [asMember(p)] });
      else if (over.length === 1) over[0]!.members.push(asMember(p));
      else spanning.add(p);
    }
    cols.sort((a, b) => a.x0 - b.x0);
  }
  return {
    cols: cols.map((c) => ({
      x0: c.x0,
      x1: c.x1,
      leaves: c.members.flatMap((m) => (m.leaf ? [m.leaf] : [])),
    })),
    spanning: [...spanning],
    headerCells,
    labelSide,
    titles,
    range: [],
  };
}

/**
 * The value columns of the whole table: a boundary between two columns of a band is shared with
 * another band where the gaps between their columns overlap (table 二: the one column of item
 * (五) spans the three of item (一)). Sets each band column's range; returns the column count and
 * the columns' edges.
 */
function tableColumns(bands: BandColumns[], boundary: number): { nV: number; edges: ValueEdges } {
  interface Gap {
    lo: number;
    hi: number;
    key: string;
  }
  const gaps: Gap[] = [];
  bands.forEach((bc, b) => {
    for (let i = 0; i + 1 < bc.cols.length; i++) {
      const lo = bc.cols[i]!.x1;
      const hi = bc.cols[i + 1]!.x0;
      const mid = (lo + hi) / 2;
      gaps.push(lo <= hi ? { lo, hi, key: `${b}:${i}` } : { lo: mid, hi: mid, key: `${b}:${i}` });
    }
  });
  gaps.sort((a, b) => a.lo - b.lo);
  const merged: { lo: number; hi: number; keys: string[] }[] = [];
  for (const g of gaps) {
    const last = merged[merged.length - 1];
    if (last && g.lo <= last.hi) {
      last.lo = Math.max(last.lo, g.lo);
      last.hi = Math.min(last.hi, g.hi);
      last.keys.push(g.key);
    } else merged.push({ lo: g.lo, hi: g.hi, keys: [g.key] });
  }
  const gapIndex = new Map<string, number>();
  merged.forEach((m, i) => {
    for (const k of m.keys) gapIndex.set(k, i);
  });
  const nV = bands.some((bc) => bc.cols.length) ? merged.length + 1 : 0;
  bands.forEach((bc, b) => {
    bc.range = bc.cols.map((_, i) => [
      i === 0 ? 0 : gapIndex.get(`${b}:${i - 1}`)! + 1,
      i === bc.cols.length - 1 ? nV - 1 : gapIndex.get(`${b}:${i}`)!,
    ]);
  });
  const edge = (m: { lo: number; hi: number }) => (m.lo + m.hi) / 2;
  return {
    nV,
    edges: (c) => ({
      x0: c === 0 ? boundary : edge(merged[c - 1]!),
      x1: c === nV - 1 ? Number.POSITIVE_INFINITY : edge(merged[c]!),
    }),
  };
}

/** The cells of a body row: label cells (each spanning to the next), then one cell per band column. */
function bodyRowCells(r: BodyRow, bc: BandColumns, nL: number): OutCell[] {
  const cells: OutCell[] = [];
  const filled = r.parts.flatMap((p, k) => (p.length ? [k] : []));
  const covered = (k: number) => r.covered?.has(k) ?? false;
  if (nL && !filled.length && !r.covered?.size) cells.push(cell('', nL));
  else if (nL) {
    for (let k = 0; k < nL; k++) {
      if (covered(k)) continue;
      if (!r.parts[k]!.length) {
        if (k < (filled[0] ?? nL)) cells.push(cell(''));
        continue;
      }
      // a label cell reaches the next label cell (or a covered column), else the value columns
      let end = k + 1;
      while (end < nL && !r.parts[end]!.length && !covered(end)) end++;
      cells.push(cell(joinPieces(r.parts[k]!), end - k, r.rowSpan?.get(k) ?? 1));
    }
  }
  const inCol = (v: Chunk, c: Interval) => overlaps(v, c, 0) || (v.x0 >= c.x0 && v.x1 <= c.x1);
  bc.cols.forEach((c, i) => {
    const [f, l] = bc.range[i]!;
    const vs = r.values.filter((v) => inCol(v, c));
    cells.push(cell(vs.map((v) => v.text).join(' '), l - f + 1));
  });
  // values outside every column of the band (should not happen) are kept in a last cell
  const stray = r.values.filter((v) => !bc.cols.some((c) => inCol(v, c)));
  if (stray.length) cells.push(cell(stray.map((v) => v.text).join(' ')));
  return cells;
}

/**
 * The header rows of a band: a title row, then rows of header cells. Spanning cells are placed by
 * level (from the top); a leaf cell starts at the row it is centred under and reaches the last
 * header row. A spanning cell covers the columns under its text and the ranges of the spanning
 * cells below it, and grows outwards over columns whose headers start lower (text set at the left
 * of its cell grows rightwards only; a column two cells claim goes to the nearer one).
 */
function headerRows(z: HeaderZone, bc: BandColumns, nL: number, nV: number, edges: ValueEdges): OutRow[] {
  const out: OutRow[] = [];
  const total = nL + nV;
  // header rows sort before the body rows that follow them, in their own order
  let flow = z.lines[0]!.flow - 0.5;
  const nextFlow = () => {
    flow += 0.001;
    return flow;
  };
  for (const t of bc.titles) out.push({ flow: nextFlow(), page: t.page, cells: [cell(t.text, total)] });
  const spanning = bc.spanning;
  if (!spanning.length && !bc.labelSide.length && !bc.cols.some((c) => c.leaves.length)) return out;

  // levels of the spanning cells, from the top
  const level = new Map<Piece, number>();
  const levelBottom: number[] = [];
  for (const s of [...spanning].sort((a, b) => a.top - b.top)) {
    const last = levelBottom.length - 1;
    if (last >= 0 && s.top < levelBottom[last]! - 0.5) {
      level.set(s, last);
      levelBottom[last] = Math.max(levelBottom[last]!, s.bottom);
    } else {
      level.set(s, last + 1);
      levelBottom.push(s.bottom);
    }
  }
  const nSpan = levelBottom.length;
  const nRows = nSpan + 1;

  // the row where each leaf cell starts: a cell over several rows is centred on them
  const levelCentre = (k: number) => median(spanning.filter((s) => level.get(s) === k).map(cy));
  const leafCentre = bc.cols.map((c) =>
    c.leaves.length
      ? (Math.min(...c.leaves.map((p) => p.top)) + Math.max(...c.leaves.map((p) => p.bottom))) / 2
      : null,
  );
  const lowest = Math.max(...leafCentre.map((c) => c ?? Number.NEGATIVE_INFINITY));
  const step = nSpan ? lowest - levelCentre(nSpan - 1) : 1;
  const leafRow = leafCentre.map((c) =>
    c === null || step <= 0
      ? nRows - 1
      : Math.max(0, Math.min(nRows - 1, nRows - 1 - Math.floor((2 * (lowest - c)) / step + 0.6))),
  );
  const leafRowOf = new Map<number, number>();
  bc.cols.forEach((_, i) => {
    for (let c = bc.range[i]![0]; c <= bc.range[i]![1]; c++) leafRowOf.set(c, leafRow[i]!);
  });

  // the columns of each spanning cell, from the lowest level up
  const colCentre = (c: number) => {
    const e = edges(c);
    return Number.isFinite(e.x1) ? (e.x0 + e.x1) / 2 : e.x0;
  };
  const span = new Map<Piece, [number, number]>();
  for (let k = nSpan - 1; k >= 0; k--) {
    const here = spanning.filter((s) => level.get(s) === k).sort((a, b) => a.x0 - b.x0);
    const owner = new Map<number, Piece>();
    const childRanges = spanning
      .filter((s) => level.get(s) === k + 1)
      .map((s) => span.get(s))
      .filter((r): r is [number, number] => r !== undefined);
    const widen = (a: number, b: number): [number, number] => {
      for (const [c0, c1] of childRanges)
        if (c0 <= b && c1 >= a) {
          a = Math.min(a, c0);
          b = Math.max(b, c1);
        }
      return [a, b];
    };
    for (const s of here) {
      const hit: number[] = [];
      for (let c = 0; c < nV; c++) if (overlaps(edges(c), s, 0)) hit.push(c);
      if (!hit.length) continue;
      const r = widen(hit[0]!, hit[hit.length - 1]!);
      span.set(s, r);
      for (let c = r[0]; c <= r[1]; c++) if (!owner.has(c)) owner.set(c, s);
    }
    const free = (c: number) => c >= 0 && c < nV && !owner.has(c) && (leafRowOf.get(c) ?? nRows - 1) > k;
    const leftAligned = (s: Piece) =>
      bc.headerCells.some(
        (q) => q !== s && q.top >= s.bottom - 0.5 && overlaps(q, s) && Math.abs(q.x0 - s.x0) <= 1,
      );
    for (let grown = true; grown; ) {
      grown = false;
      const claims = new Map<number, Piece[]>();
      for (const s of here) {
        const r = span.get(s);
        if (!r) continue;
        for (const c of leftAligned(s) ? [r[1] + 1] : [r[0] - 1, r[1] + 1])
          if (free(c)) claims.set(c, [...(claims.get(c) ?? []), s]);
      }
      for (const [c, claimants] of claims) {
        if (owner.has(c)) continue;
        const s = claimants.reduce((a, b) =>
          Math.abs(colCentre(c) - cx(b)) < Math.abs(colCentre(c) - cx(a)) ? b : a,
        );
        const r = span.get(s)!;
        const [a, b] = widen(Math.min(r[0], c), Math.max(r[1], c));
        let clash = false;
        for (let i = a; i <= b; i++) if (owner.has(i) && owner.get(i) !== s) clash = true;
        if (clash) continue;
        span.set(s, [a, b]);
        for (let i = a; i <= b; i++) owner.set(i, s);
        grown = true;
      }
    }
  }

  // lay the cells out on a grid (a cell is clipped to the slots still free)
  const grid: (null | { origin: boolean })[][] = Array.from({ length: nRows }, () => Array(total).fill(null));
  const origins: { row: number; col: number; c: OutCell; page: number }[] = [];
  const place = (row: number, c0: number, c1: number, rowSpan: number, from: Piece[]) => {
    while (c0 <= c1 && grid[row]![c0]) c0++;
    let end = c0;
    while (end <= c1 && !grid[row]![end]) end++;
    if (end === c0) return;
    let rs = 1;
    while (rs < rowSpan && row + rs < nRows && grid[row + rs]!.slice(c0, end).every((x) => !x)) rs++;
    for (let dr = 0; dr < rs; dr++)
      for (let c = c0; c < end; c++) grid[row + dr]![c] = { origin: dr === 0 && c === c0 };
    origins.push({ row, col: c0, c: cell(joinPieces(from), end - c0, rs), page: from[0]!.page });
  };
  if (nL && bc.labelSide.length) place(0, 0, nL - 1, nRows, bc.labelSide);
  for (const s of [...spanning].sort((a, b) => level.get(a)! - level.get(b)! || a.x0 - b.x0)) {
    const r = span.get(s);
    if (r) place(level.get(s)!, nL + r[0], nL + r[1], 1, [s]);
  }
  bc.cols.forEach((c, i) => {
    if (c.leaves.length)
      place(leafRow[i]!, nL + bc.range[i]![0], nL + bc.range[i]![1], nRows - leafRow[i]!, c.leaves);
  });
  for (let row = 0; row < nRows; row++) {
    const cells: OutCell[] = [];
    for (let c = 0; c < total; c++) {
      const slot = grid[row]![c];
      if (!slot) cells.push(cell(''));
      else if (slot.origin) cells.push(origins.find((o) => o.row === row && o.col === c)!.c);
    }
    const first = origins.find((o) => o.row === row);
    out.push({ flow: nextFlow(), page: first?.page ?? z.lines[0]!.page, cells });
  }
  return out;
}

/** Rebuilds a table from its lines (see the file comment). */
function buildTable(lines: Line[], tableNo: number): IrTable {
  const chunks = lines.flatMap((l) => l.chunks);
  const extent: Interval = {
    x0: Math.min(...chunks.map((c) => c.x0)),
    x1: Math.max(...chunks.map((c) => c.x1)),
  };
  const boundary = labelValueBoundary(lines);
  const { zones, anchored, floating, nBands } = splitZones(lines, boundary);

  // label columns, from the left edges of the rows' own labels (the last label on a line with
  // values; centred group labels would make columns of their own), and a column for label text
  // left of all of them (e.g. a vertical group label)
  const labelPieces = [
    ...anchored.flatMap(({ line }) => line.chunks.filter((c) => !c.value)),
    ...floating.map((f) => f.piece),
  ];
  const ownLabels = anchored.flatMap(({ line }) => line.chunks.filter((c) => !c.value).slice(-1));
  let starts = labelColumnStarts(ownLabels.length ? ownLabels : labelPieces);
  const leftOf = labelPieces.filter((p) => starts.length && p.x1 <= starts[0]!);
  if (leftOf.length) starts = [Math.min(...leftOf.map((p) => p.x0)), ...starts];
  const labelHeader = zones.some((z) => z.lines.some((l) => l.chunks.some((c) => cx(c) <= boundary)));
  if (!starts.length && labelHeader) starts = [extent.x0];
  const nL = starts.length;
  const tol = 0.5 * median([...labelPieces.map((p) => p.size), 10]);
  const col = (p: Piece) => {
    let k = 0;
    for (let i = 0; i < starts.length; i++) if (starts[i]! <= p.x0 + tol) k = i;
    return k;
  };

  // a line of label text fills its cell when the next word could not have followed on it
  const full = (p: Piece) => {
    const edge = starts.find((x) => x > p.x1 - 0.5) ?? boundary;
    return p.x1 >= edge - 2.2 * p.size;
  };
  const rows = assembleRows(anchored, floating, nL, col, full);
  spanGroupLabels(rows, nL);
  const bands = Array.from({ length: nBands }, (_, b) =>
    bandColumns(
      zones.find((z) => z.band === b)?.lines ?? [],
      rows.filter((r) => r.band === b),
      boundary,
      extent,
    ),
  );
  const { nV, edges } = tableColumns(bands, boundary);

  const out: OutRow[] = [
    ...rows.map((r) => ({ flow: r.flow, page: r.page, cells: bodyRowCells(r, bands[r.band]!, nL) })),
    ...zones.flatMap((z) => headerRows(z, bands[z.band]!, nL, nV, edges)),
  ].sort((a, b) => a.flow - b.flow);
  return {
    type: 'table',
    rows: out.map((r, i) =>
      r.cells.map((c, j) => ({ ...c, pos: { page: r.page, table: tableNo, row: i + 1, cell: j + 1 } })),
    ),
    pos: { page: lines[0]!.page, table: tableNo },
  };
}

// ---------------------------------------------------------------------------------------------
// Paragraphs

const HEADING_START = new RegExp(`${ENUMERATOR.source}|^第[一二三四五六七八九十]+[章节部分条]`);
const ENDS_SENTENCE = /[。；：！？!?;:]$/;

function mode(xs: number[]): number {
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(Math.round(x), (counts.get(Math.round(x)) ?? 0) + 1);
  let best = 0;
  let n = -1;
  for (const [x, c] of counts) if (c > n || (c === n && x < best)) [best, n] = [x, c];
  return best;
}

// ---------------------------------------------------------------------------------------------
// Document

type Segment = { kind: 'table'; lines: Line[] } | { kind: 'line'; line: Line };

/** Builds the intermediate form from the text items of the pages (pure; see the file comment). */
export function pdfPagesToIr(raw: PdfRaw): IrDocument {
  const notes: string[] = [];
  if (raw.pages.length < raw.numPages)
    notes.push(`PDF共${raw.numPages}页，超过读取上限，只读取了前${raw.pages.length}页`);
  const broken = raw.pages.flatMap((p, i) => (p.error ? [i + 1] : []));
  if (broken.length)
    notes.push(`PDF第${broken.join('、')}页无法读取（文件可能部分损坏），这些页的内容未读取`);

  // text layer present and decodable?
  let chars = 0;
  let garbled = 0;
  for (const p of raw.pages)
    for (const it of p.items)
      for (const ch of it.str) {
        if (/\s/.test(ch)) continue;
        chars++;
        if (GARBLED.test(ch)) garbled++;
      }
  if (chars === 0) {
    if (broken.length === raw.pages.length && raw.pages.length)
      throw new ReportReadError('corrupt', 'PDF文件已损坏：没有一页能够读取');
    const scanned = raw.pages.some((p) => (p.images ?? 0) > 0);
    if (!scanned && (raw.warnings ?? 0) > 0)
      throw new ReportReadError('corrupt', 'PDF文件已损坏：页面内容无法解码，读不出文字');
    throw new ReportReadError(
      'no-text-layer',
      scanned
        ? 'PDF中没有文字层（是扫描件或图片），无法读取：本工具不做文字识别（OCR），请提供带文字的PDF，或年度报告的网页、文本、DOCX版本'
        : 'PDF中没有文字（没有文字层，可能是空白页或文字已转为曲线），无法读取：请提供带文字的PDF，或年度报告的网页、文本、DOCX版本',
    );
  }
  if (garbled / chars > 0.3)
    throw new ReportReadError(
      'no-text-layer',
      'PDF的文字层无法解码（字体缺少字符映射，提取出的是乱码），无法读取：请提供年度报告的网页、文本或DOCX版本',
    );
  const crowded = raw.pages.flatMap((p, i) => (p.dropped ? [i + 1] : []));
  if (crowded.length)
    notes.push(`PDF第${crowded.join('、')}页的文字片段超过${MAX_ITEMS_PER_PAGE}个，超出部分未读取`);
  const blank = raw.pages.flatMap((p, i) => (!p.error && !p.items.length ? [i + 1] : []));
  if (blank.length && blank.length < raw.pages.length)
    notes.push(`PDF第${blank.join('、')}页没有文字层（可能是扫描图片或空白页），这些页的内容未读取`);

  const frames = raw.pages.map(pageFrame);
  const pages = dropFurniture(
    raw.pages.map((p, i) => pageLines(p, frames[i]!, i + 1)),
    frames,
  );
  const all = pages.flat();
  if (!all.length) return { source: 'pdf', blocks: [], notes };

  // body type size: the size of most characters of the lines that are not table rows
  const weight = new Map<number, number>();
  const single = all.filter((l) => l.chunks.length === 1);
  for (const l of single.length ? single : all) {
    const s = Math.round(l.size * 2) / 2;
    weight.set(s, (weight.get(s) ?? 0) + lineText(l).length);
  }
  const bodySize = [...weight.entries()].sort((a, b) => b[1] - a[1])[0]![0];

  // tables: runs of table-like lines
  // cells are set apart by more than a character's width (letter-spaced text is not a table)
  const isTabular = (l: Line) => l.chunks.some((c, i) => i > 0 && c.x0 - l.chunks[i - 1]!.x1 >= l.size);
  const compatible = (l: Line) => isTabular(l) || l.vertical || l.size < bodySize * 0.92;
  const lastOnPage = new Set(pages.map((ls) => ls[ls.length - 1]).filter(Boolean));
  const firstOnPage = new Set(pages.map((ls) => ls[0]).filter(Boolean));
  const connected = (a: Line, b: Line) => {
    if (a.page === b.page) return b.top - a.bottom <= Math.max(4 * Math.max(a.size, b.size), 24);
    return b.page === a.page + 1 && lastOnPage.has(a) && firstOnPage.has(b);
  };
  const segments: Segment[] = [];
  let run: Line[] = [];
  const flush = () => {
    // a table needs two lines of cells; a lone one (e.g. a signature and a date) is text. A "table"
    // of thousands of pieces is not a report's table: read as text (keeps the layout bounded).
    const pieces = run.reduce((n, l) => n + l.chunks.length, 0);
    if (run.filter(isTabular).length >= 2 && pieces <= MAX_TABLE_PIECES)
      segments.push({ kind: 'table', lines: run });
    else {
      if (pieces > MAX_TABLE_PIECES)
        notes.push(`PDF第${run[0]!.page}页起有一个由${pieces}个文字片段组成的表格，过大，已按文字读取`);
      for (const l of run) segments.push({ kind: 'line', line: l });
    }
    run = [];
  };
  for (const l of all) {
    if (compatible(l)) {
      // vertical text (placed by its centre among the lines) belongs to the table around it
      if (run.length && !connected(run[run.length - 1]!, l) && !l.vertical) flush();
      run.push(l);
      continue;
    }
    flush();
    segments.push({ kind: 'line', line: l });
  }
  flush();

  // paragraph geometry: left and right margins of body text
  const body = all.filter((l) => Math.abs(l.size - bodySize) <= 0.1 * bodySize && !l.vertical);
  const leftMargin = mode(body.map((l) => l.x0));
  const longLines = body.filter(
    (l) => l.x1 - l.x0 > 0.5 * ((frames[l.page - 1]?.width || 595) - 2 * leftMargin),
  );
  const rightMargin = longLines.length
    ? mode(longLines.map((l) => l.x1))
    : Math.max(...body.map((l) => l.x1), 0);
  const indentedLines = body.filter((l) => {
    const d = l.x0 - leftMargin;
    return d >= 1.5 * l.size && d <= 2.6 * l.size;
  }).length;
  const indented = indentedLines >= 3 && indentedLines >= 0.05 * body.length;
  const pageCentre = (l: Line) => (frames[l.page - 1]?.width || 595) / 2;
  const centred = (l: Line) =>
    Math.abs((l.x0 + l.x1) / 2 - pageCentre(l)) <= 0.04 * 2 * pageCentre(l) && l.x0 > leftMargin + 2 * l.size;

  const blocks: IrBlock[] = [];
  let tableNo = 0;
  let para: { text: string; page: number; last: Line } | null = null;
  const closePara = () => {
    if (para) blocks.push({ type: 'paragraph', text: para.text, pos: { page: para.page } });
    para = null;
  };
  const continues = (p: Line, n: Line): boolean => {
    const text = lineText(n);
    if (HEADING_START.test(text)) return false;
    if (Math.abs(n.size - p.size) > 0.15 * Math.max(n.size, p.size)) return false;
    const samePage = p.page === n.page;
    if (samePage && n.top - p.bottom > 1.2 * Math.max(p.size, n.size)) return false;
    if (!samePage && !(n.page === p.page + 1 && lastOnPage.has(p) && firstOnPage.has(n))) return false;
    const prevText = lineText(p);
    if (centred(p) && centred(n)) return !ENDS_SENTENCE.test(prevText);
    const atLeft = Math.abs(n.x0 - leftMargin) <= 0.6 * n.size;
    const full = p.x1 >= rightMargin - 2 * p.size;
    // where paragraphs begin indented, a full line followed by one at the margin is one paragraph
    // even after a full stop
    return atLeft && full && (indented || !ENDS_SENTENCE.test(prevText));
  };
  for (const seg of segments) {
    if (seg.kind === 'table') {
      closePara();
      blocks.push(buildTable(seg.lines, ++tableNo));
      continue;
    }
    const l = seg.line;
    const text = seg.line.chunks.length > 1 ? seg.line.chunks.map((c) => c.text).join(' ') : lineText(l);
    if (para && continues(para.last, l)) {
      para.text = joinText(para.text, text);
      para.last = l;
      continue;
    }
    closePara();
    para = { text, page: l.page, last: l };
  }
  closePara();
  return { source: 'pdf', blocks, notes };
}
