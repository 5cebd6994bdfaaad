/** Parsing an annual report from a file's bytes: pick the front end, then recognise. */
import { isUtf8 } from 'node:buffer';
import type { Report } from '../model.ts';
import { docxToIr, isCfb, isZip } from './docx.ts';
import { ReportReadError } from './errors.ts';
import { htmlToIr } from './html.ts';
import type { IrDocument } from './ir.ts';
import { type PdfOptions, pdfToIr } from './pdf.ts';
import { recognise } from './recognise.ts';
import { textToIr } from './text.ts';

export { ReportReadError } from './errors.ts';

export interface ParseOptions {
  /** File name, used to choose the front end by extension. */
  filename?: string;
  /** Bounds for reading a PDF (time, pages, memory); see pdf.ts. */
  pdf?: PdfOptions;
}

/** A PDF: the `%PDF-` signature at the start, or within the first 1 KB (readers accept junk before it). */
function isPdf(buf: Buffer, name: string): boolean {
  const at = buf.subarray(0, 1024).indexOf('%PDF-', 0, 'latin1');
  return at === 0 || (at > 0 && !/\.(txt|html?|xhtml|docx)$/.test(name));
}

function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 4096);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control / Math.max(1, n) > 0.05;
}

/** Decodes text: UTF-8 (with or without BOM), else GB18030 (GBK) with a note. */
function decodeText(buf: Buffer): { text: string; note?: string } {
  // isUtf8 + toString is several times faster than a fatal TextDecoder
  if (isUtf8(buf)) return { text: buf.toString('utf8') };
  return {
    text: new TextDecoder('gb18030').decode(buf),
    note: '文件不是UTF-8编码，已按GBK（GB18030）读取',
  };
}

/** Chooses the front end for a file. */
export function toIr(input: Buffer | string, opts: ParseOptions = {}): IrDocument {
  const name = (opts.filename ?? '').toLowerCase();
  if (typeof input !== 'string') {
    if (input.length === 0) throw new ReportReadError('empty', '文件为空（0字节），没有可读取的内容');
    const head = input.subarray(0, 8).toString('latin1');
    if (head.startsWith('%PDF') || name.endsWith('.pdf'))
      throw new ReportReadError('unsupported', 'PDF文件需要异步读取：请使用 parseReportFile');
    // DOCX (a ZIP), and Compound Files: encrypted DOCX, legacy .doc (the DOCX front end names them)
    if (isZip(input) || isCfb(input)) return docxToIr(input);
    if (/\.(docx|docm|dotx)$/.test(name) && looksBinary(input)) return docxToIr(input);
    if (looksBinary(input))
      throw new ReportReadError(
        'binary',
        '文件不是文本或网页（HTML），看起来是二进制数据，无法作为年度报告读取',
      );
  }
  const isHtml =
    /\.(html?|xhtml)$/.test(name) ||
    /^\s*(<!doctype html|<html|<\?xml|<meta|<p[\s>]|<div|<table|<body|<head)/i.test(
      typeof input === 'string' ? input.slice(0, 512) : input.subarray(0, 512).toString('latin1'),
    );
  if (isHtml) return htmlToIr(input);
  const decoded = typeof input === 'string' ? { text: input } : decodeText(input);
  const doc = textToIr(decoded.text);
  if (decoded.note) doc.notes.push(decoded.note);
  return doc;
}

/**
 * Parses an annual report. Throws ReportReadError (with a Chinese message naming what is
 * missing) when the input cannot be read as a report at all; anything less is a diagnostic.
 */
export function parseReport(input: Buffer | string, opts: ParseOptions = {}): Report {
  return fromIr(toIr(input, opts));
}

/**
 * Parses an annual report from a file's bytes, PDF included (read asynchronously, within the
 * bounds of `opts.pdf`); every other format goes through `parseReport`.
 */
export async function parseReportFile(input: Buffer, opts: ParseOptions = {}): Promise<Report> {
  if (input.length === 0) throw new ReportReadError('empty', '文件为空（0字节），没有可读取的内容');
  const name = (opts.filename ?? '').toLowerCase();
  if (isPdf(input, name)) return fromIr(await pdfToIr(input, opts.pdf));
  if (name.endsWith('.pdf'))
    throw new ReportReadError('corrupt', '文件扩展名是.pdf，但内容不是PDF（没有%PDF文件头），文件可能已损坏');
  return parseReport(input, opts);
}

function fromIr(doc: IrDocument): Report {
  const hasText = doc.blocks.some((b) =>
    b.type === 'paragraph' ? b.text.trim() !== '' : b.rows.some((r) => r.some((c) => c.text !== '')),
  );
  if (!hasText) throw new ReportReadError('empty', '文件中没有文字内容，无法作为年度报告读取');
  const report = recognise(doc);
  const tablesFound = (['table2', 'table3', 'table4'] as const).some((t) => report[t].status !== 'missing');
  if (!report.sections.length && !tablesFound) {
    throw new ReportReadError(
      'not-a-report',
      '未识别为政府信息公开工作年度报告：没有找到“一、总体情况”等章节标题，也没有找到表二、表三、表四',
    );
  }
  return report;
}
