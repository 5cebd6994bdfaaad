/**
 * A small synchronous ZIP reader (central directory + stored/deflate entries) for the OOXML front
 * ends. Synchronous so that `parseReport` stays synchronous; bounded so that a zip bomb or a
 * damaged archive is an error, never a hang or a crash.
 */
import { inflateRawSync } from 'node:zlib';

/** Thrown for anything that is not a readable ZIP archive; `reason` is Chinese. */
export class ZipError extends Error {
  constructor(
    public readonly kind: 'not-zip' | 'corrupt' | 'encrypted' | 'too-large' | 'unsupported',
    reason: string,
  ) {
    super(reason);
    this.name = 'ZipError';
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

/** Largest uncompressed entry read (a report's document.xml is a few MB at most). */
export const MAX_ENTRY_BYTES = 256 * 1024 * 1024;

export class ZipReader {
  readonly entries = new Map<string, ZipEntry>();

  constructor(private readonly buf: Buffer) {
    const eocd = this.findEocd();
    const count = buf.readUInt16LE(eocd + 10);
    const cdSize = buf.readUInt32LE(eocd + 12);
    const cdOffset = buf.readUInt32LE(eocd + 16);
    if (cdOffset === 0xffffffff || count === 0xffff)
      throw new ZipError('unsupported', '压缩包使用了ZIP64格式（超过4GB或条目过多），不像是年度报告文档');
    if (cdOffset + cdSize > buf.length)
      throw new ZipError('corrupt', '压缩包的目录超出了文件末尾（文件不完整）');
    let p = cdOffset;
    for (let i = 0; i < count; i++) {
      if (p + 46 > buf.length || buf.readUInt32LE(p) !== CEN_SIG)
        throw new ZipError('corrupt', '压缩包的目录已损坏');
      const flags = buf.readUInt16LE(p + 8);
      const method = buf.readUInt16LE(p + 10);
      const compressedSize = buf.readUInt32LE(p + 20);
      const size = buf.readUInt32LE(p + 24);
      const nameLen = buf.readUInt16LE(p + 28);
      const extraLen = buf.readUInt16LE(p + 30);
      const commentLen = buf.readUInt16LE(p + 32);
      const localOffset = buf.readUInt32LE(p + 42);
      const nameBytes = buf.subarray(p + 46, p + 46 + nameLen);
      // bit 11: UTF-8 names; OOXML part names are ASCII anyway
      const name = (flags & 0x800 ? nameBytes.toString('utf8') : nameBytes.toString('latin1')).replace(
        /^\/+/,
        '',
      );
      this.entries.set(name, { name, method, flags, compressedSize, size, localOffset });
      p += 46 + nameLen + extraLen + commentLen;
    }
  }

  private findEocd(): number {
    const buf = this.buf;
    if (buf.length < 22) throw new ZipError('not-zip', '文件太短，不是完整的ZIP压缩包');
    const stop = Math.max(0, buf.length - 22 - 0xffff);
    for (let i = buf.length - 22; i >= stop; i--) {
      if (buf.readUInt32LE(i) === EOCD_SIG) return i;
    }
    throw new ZipError('corrupt', '找不到压缩包的目录（文件可能不完整或已损坏）');
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** An entry's bytes, or null when the archive has no such entry. Names are case-insensitive as a fallback. */
  read(name: string): Buffer | null {
    let e = this.entries.get(name);
    if (!e) {
      const lower = name.toLowerCase();
      for (const [k, v] of this.entries) if (k.toLowerCase() === lower) e = v;
    }
    if (!e) return null;
    const buf = this.buf;
    if (e.flags & 0x1) throw new ZipError('encrypted', `压缩包中的“${e.name}”已加密`);
    if (e.size > MAX_ENTRY_BYTES) throw new ZipError('too-large', `压缩包中的“${e.name}”解压后过大`);
    const p = e.localOffset;
    if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOC_SIG)
      throw new ZipError('corrupt', `压缩包中的“${e.name}”已损坏`);
    const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
    const end = start + e.compressedSize;
    if (end > buf.length) throw new ZipError('corrupt', `压缩包中的“${e.name}”不完整（文件被截断）`);
    const data = buf.subarray(start, end);
    if (e.method === 0) return Buffer.from(data);
    if (e.method !== 8)
      throw new ZipError('unsupported', `压缩包中的“${e.name}”使用了不支持的压缩方法（${e.method}）`);
    try {
      return inflateRawSync(data, { maxOutputLength: MAX_ENTRY_BYTES });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
        throw new ZipError('too-large', `压缩包中的“${e.name}”解压后过大`);
      throw new ZipError('corrupt', `压缩包中的“${e.name}”无法解压（数据已损坏）`);
    }
  }

  /** An entry decoded as UTF-8 (BOM dropped; UTF-16 with BOM honoured), or null when absent. */
  text(name: string): string | null {
    const b = this.read(name);
    if (!b) return null;
    if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b.subarray(2));
    if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
    return new TextDecoder('utf-8').decode(b).replace(/^\uFEFF/, '');
  }
}
