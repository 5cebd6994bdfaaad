/**
 * Backup and restore as JSON lines, the same on both databases (a backup of the embedded SQLite
 * database restores into PostgreSQL and back). Line 1 is a header; then one line per row, tables in
 * dependency order. Restore requires an empty, migrated database and runs in one transaction.
 */

import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import type { Store } from './db.ts';
import { type Database, TABLES } from './schema.ts';

const HEADER = 'gongkai-backup';

export async function backup(store: Store, file: string): Promise<Record<string, number>> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  await write(
    JSON.stringify({ format: HEADER, version: 1, dialect: store.dialect, at: new Date().toISOString() }),
  );
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    counts[table] = 0;
    const pageSize = 5000;
    for (let offset = 0; ; offset += pageSize) {
      // biome-ignore lint/suspicious/noExplicitAny: generic over every table
      const rows = await (store.db.selectFrom(table) as any)
        .selectAll()
        .limit(pageSize)
        .offset(offset)
        .execute();
      for (const row of rows) await write(JSON.stringify({ t: table, r: row }));
      counts[table] += rows.length;
      if (rows.length < pageSize) break;
    }
  }
  out.end();
  await once(out, 'finish');
  return counts;
}

export class RestoreError extends Error {}

export async function restore(store: Store, file: string): Promise<Record<string, number>> {
  for (const table of TABLES) {
    const n = await store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(n.n) > 0)
      throw new RestoreError(`恢复失败：目标数据库不是空的（表 ${table} 已有数据），不会覆盖现有数据`);
  }
  const counts: Record<string, number> = {};
  await store.db.transaction().execute(async (trx) => {
    let first = true;
    let lineNo = 0;
    let current = '';
    const batch: Record<string, unknown[]> = {};
    const flush = async (table: string) => {
      const rows = batch[table];
      if (!rows?.length) return;
      // biome-ignore lint/suspicious/noExplicitAny: generic over every table
      await (trx.insertInto(table as keyof Database) as any).values(rows).execute();
      batch[table] = [];
    };
    // created right before the loop: readline drops lines emitted before iteration starts
    const lines = createInterface({
      input: createReadStream(file, { encoding: 'utf8' }),
      crlfDelay: Infinity,
    });
    for await (const line of lines) {
      lineNo++;
      if (!line.trim()) continue;
      let obj: { format?: string; t?: string; r?: Record<string, unknown> };
      try {
        obj = JSON.parse(line);
      } catch {
        throw new RestoreError(`恢复失败：备份文件第${lineNo}行不是有效的JSON（文件可能已损坏）`);
      }
      if (first) {
        if (obj.format !== HEADER) throw new RestoreError('恢复失败：这不是 gongkai 的备份文件');
        first = false;
        continue;
      }
      if (!obj.t || !TABLES.includes(obj.t as keyof Database) || !obj.r)
        throw new RestoreError(`恢复失败：备份文件第${lineNo}行的内容无法识别`);
      if (current && obj.t !== current) await flush(current); // keep dependency order
      current = obj.t;
      batch[obj.t] ??= [];
      batch[obj.t]!.push(obj.r);
      counts[obj.t] = (counts[obj.t] ?? 0) + 1;
      if (batch[obj.t]!.length >= 200) await flush(obj.t);
    }
    if (first) throw new RestoreError('恢复失败：备份文件是空的');
    for (const table of TABLES) await flush(table);
    if (store.dialect === 'postgres') {
      for (const table of TABLES) {
        const hasId = !['calendar_year', 'calendar_day', 'report_input', 'agency_profile'].includes(table);
        if (hasId)
          await sql
            .raw(
              `SELECT setval(pg_get_serial_sequence('${table}', 'id'), coalesce((SELECT max(id) FROM ${table}), 0) + 1, false)`,
            )
            .execute(trx);
      }
    }
  });
  return counts;
}
