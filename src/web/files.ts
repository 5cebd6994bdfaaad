/**
 * Uploaded attachments: a size limit per file and a number limit per form; the type is decided by
 * the file's first bytes (PDF, JPEG, PNG, or a Word DOCX package — not the name or the browser's
 * claim); the bytes go to DATA/attachments/<2 hex>/<32 hex> under a random name, written with mode
 * 0600 and synced before the database row that names them is written. They are never served from
 * a static directory: downloads go through routes that check access and send them as
 * `Content-Disposition: attachment` with the stored type.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import { ZipError, ZipReader } from '../report/parse/zip.ts';
import type { Database } from '../store/schema.ts';
import type { AppContext, AppDeps } from './context.ts';
import { attachmentDisposition } from './http.ts';

export const FILE_TYPES = {
  pdf: { mediaType: 'application/pdf', ext: 'pdf', label: 'PDF' },
  jpeg: { mediaType: 'image/jpeg', ext: 'jpg', label: 'JPEG图片' },
  png: { mediaType: 'image/png', ext: 'png', label: 'PNG图片' },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ext: 'docx',
    label: 'Word文档（DOCX）',
  },
} as const;
export type FileType = keyof typeof FILE_TYPES;

/** For <input accept>. */
export const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,application/pdf,image/jpeg,image/png';

export const acceptedTypesText = () =>
  Object.values(FILE_TYPES)
    .map((t) => t.label)
    .join('、');

const PNG_SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The type of a file from its content, or null when it is none of the accepted types. */
export function sniffType(bytes: Buffer): FileType | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIG)) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) {
    try {
      const zip = new ZipReader(bytes);
      const types = zip.text('[Content_Types].xml');
      // a Word document, not a macro-enabled one, not a spreadsheet or a presentation
      if (
        types &&
        zip.has('word/document.xml') &&
        /wordprocessingml\.document\.main\+xml/.test(types) &&
        !/macroEnabled/i.test(types)
      )
        return 'docx';
    } catch (e) {
      if (!(e instanceof ZipError)) throw e;
    }
  }
  return null;
}

export interface Upload {
  filename: string;
  type: FileType;
  bytes: Buffer;
}

/** A file name safe to show and to send back: no path, no control characters, at most 100 characters. */
export function cleanFilename(name: string, type: FileType): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .split('')
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && !'"<>|:*?'.includes(ch))
    .join('')
    .trim()
    .slice(-100);
  const ext = FILE_TYPES[type].ext;
  if (!base) return `附件.${ext}`;
  const hasExt = base.toLowerCase().endsWith(`.${ext}`) || (type === 'jpeg' && /\.jpe?g$/i.test(base));
  return hasExt ? base : `${base}.${ext}`;
}

/** Checks the files of a form: count, size and type. Errors are Chinese, one per problem. */
export async function checkUploads(
  deps: AppDeps,
  list: File[],
): Promise<{ uploads: Upload[]; errors: string[] }> {
  const { maxFileBytes, maxFiles } = deps.config.uploads;
  const errors: string[] = [];
  const uploads: Upload[] = [];
  if (list.length > maxFiles) errors.push(`附件：最多上传${maxFiles}个文件`);
  for (const f of list.slice(0, maxFiles)) {
    const name = f.name || '未命名文件';
    if (f.size > maxFileBytes) {
      errors.push(`附件“${name}”：超过${Math.round(maxFileBytes / 1048576)}MB，请压缩或拆分后上传`);
      continue;
    }
    const bytes = Buffer.from(await f.arrayBuffer());
    const type = sniffType(bytes);
    if (!type) {
      errors.push(`附件“${name}”：只能上传${acceptedTypesText()}文件`);
      continue;
    }
    uploads.push({ filename: cleanFilename(name, type), type, bytes });
  }
  return { uploads, errors };
}

export interface StoredFile {
  storageKey: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export const attachmentsDir = (deps: AppDeps) => join(deps.config.dataDir, 'attachments');

const KEY_RE = /^[0-9a-f]{2}\/[0-9a-f]{32}$/;

function pathOf(deps: AppDeps, key: string): string {
  if (!KEY_RE.test(key)) throw new Error(`附件存储名无效：${key}`);
  return join(attachmentsDir(deps), key);
}

/** Writes the files (synced) under random names; returns what the database row needs. */
export async function storeUploads(deps: AppDeps, uploads: Upload[]): Promise<StoredFile[]> {
  const out: StoredFile[] = [];
  try {
    for (const u of uploads) {
      const hex = randomBytes(16).toString('hex');
      const key = `${hex.slice(0, 2)}/${hex}`;
      const path = pathOf(deps, key);
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      const fh = await open(path, 'wx', 0o600);
      try {
        await fh.writeFile(u.bytes);
        await fh.sync();
      } finally {
        await fh.close();
      }
      out.push({
        storageKey: key,
        filename: u.filename,
        mediaType: FILE_TYPES[u.type].mediaType,
        size: u.bytes.length,
        sha256: createHash('sha256').update(u.bytes).digest('hex'),
      });
    }
  } catch (e) {
    await removeStored(deps, out);
    throw e;
  }
  return out;
}

/** Removes stored files (when the database write that would name them failed). */
export async function removeStored(deps: AppDeps, stored: StoredFile[]): Promise<void> {
  for (const s of stored) await rm(pathOf(deps, s.storageKey), { force: true });
}

export async function recordAttachments(
  db: Kysely<Database>,
  caseId: number,
  purpose: 'application' | 'correction' | 'internal',
  uploadedBy: string,
  stored: StoredFile[],
  at: string,
): Promise<void> {
  if (!stored.length) return;
  await db
    .insertInto('attachment')
    .values(
      stored.map((s) => ({
        case_id: caseId,
        purpose,
        storage_key: s.storageKey,
        filename: s.filename,
        media_type: s.mediaType,
        size: s.size,
        sha256: s.sha256,
        uploaded_at: at,
        uploaded_by: uploadedBy,
      })),
    )
    .execute();
}

export async function listAttachments(
  db: Kysely<Database>,
  caseId: number,
  purposes: string[] = ['application', 'correction'],
) {
  return db
    .selectFrom('attachment')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('purpose', 'in', purposes)
    .orderBy('id')
    .execute();
}

/** Sends a stored attachment as a download (the caller has checked access to its case). */
export async function sendAttachment(
  c: AppContext,
  row: { storage_key: string; filename: string; media_type: string },
): Promise<Response> {
  const bytes = await readFile(pathOf(c.get('deps'), row.storage_key));
  return c.body(new Uint8Array(bytes), 200, {
    'Content-Type': row.media_type,
    'Content-Disposition': attachmentDisposition(row.filename),
    'Cache-Control': 'private, no-store',
  });
}

/** '1.2 MB', '35 KB' */
export function formatSize(bytes: number): string {
  if (bytes >= 1048576) return `${(bytes / 1048576).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
