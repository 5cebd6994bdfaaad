import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../migrations.ts';

/** Makes a table append-only: UPDATE and DELETE are refused by triggers, on both databases. */
export async function makeAppendOnly(db: Kysely<unknown>, dialect: Dialect, table: string): Promise<void> {
  if (dialect === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table}
           BEGIN SELECT RAISE(ABORT, '${table} 只能追加，不能修改或删除'); END`,
        )
        .execute(db);
    }
    return;
  }
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION gongkai_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION '% 只能追加，不能修改或删除', TG_TABLE_NAME; END $$ LANGUAGE plpgsql`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
       FOR EACH ROW EXECUTE FUNCTION gongkai_append_only()`,
    )
    .execute(db);
}
