/**
 * Attachments of an information item: PDF, DOCX and XLSX only, recognised by their content (not by
 * the name the uploader gave), with a size limit. A legacy .doc/.xls or an encrypted Office file is
 * refused with a Chinese message.
 */
import { ZipError, ZipReader } from '../report/parse/zip.ts';

export const ATTACHMENT_TYPES = {
  pdf: { mediaType: 'application/pdf', ext: '.pdf', label: 'PDF' },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ext: '.docx',
    label: 'Word（DOCX）',
  },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ext: '.xlsx',
    label: 'Excel（XLSX）',
  },
} as const;
export type AttachmentKind = keyof typeof ATTACHMENT_TYPES;

export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;

export class AttachmentError extends Error {}

/** The kind of a file from its bytes; throws AttachmentError (Chinese) for anything else. */
export function sniffAttachment(filename: string, bytes: Uint8Array): AttachmentKind {
  const name = `附件“${filename}”`;
  if (bytes.length === 0) throw new AttachmentError(`${name}是空文件`);
  if (bytes.length > MAX_ATTACHMENT_BYTES)
    throw new AttachmentError(`${name}超过${MAX_ATTACHMENT_BYTES / 1024 / 1024}MB`);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (buf.readUInt32BE(0) === 0xd0cf11e0)
    throw new AttachmentError(
      `${name}是旧版Office文件（.doc/.xls）或加密的文档；请另存为DOCX、XLSX或PDF后上传，并去掉密码`,
    );
  if (buf.subarray(0, 2).toString('latin1') === 'PK') {
    let zip: ZipReader;
    try {
      zip = new ZipReader(buf);
    } catch (e) {
      if (e instanceof ZipError) throw new AttachmentError(`${name}无法读取：${e.message}`);
      throw e;
    }
    if (zip.entries.has('word/document.xml')) return 'docx';
    if (zip.entries.has('xl/workbook.xml')) return 'xlsx';
  }
  throw new AttachmentError(`${name}不是PDF、Word（DOCX）或Excel（XLSX）文件`);
}

/** A file name safe to show and to send in Content-Disposition (no path, no control characters). */
export function cleanFilename(filename: string, kind: AttachmentKind): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters
  let n = (filename.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  if (!n) n = '附件';
  if (n.length > 150) n = n.slice(0, 150);
  const ext = ATTACHMENT_TYPES[kind].ext;
  return n.toLowerCase().endsWith(ext) ? n : `${n.replace(/\.[A-Za-z0-9]{1,5}$/, '')}${ext}`;
}
