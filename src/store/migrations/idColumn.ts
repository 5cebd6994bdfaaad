/**
 * The surrogate key every table of the migrations starts with: `id` as an auto-incrementing
 * primary key — `integer primary key autoincrement` on SQLite, `bigserial primary key` on
 * PostgreSQL.
 */
import type { CreateTableBuilder, Kysely } from 'kysely';
import type { Dialect } from '../migrations.ts';

type Table = ReturnType<Kysely<unknown>['schema']['createTable']>;

/** A function adding the `id` column to a `createTable` builder for the dialect. */
export function withIdColumn(dialect: Dialect): (t: Table) => CreateTableBuilder<string, 'id'> {
  const type = (dialect === 'postgres' ? 'bigserial' : 'integer') as 'integer';
  return (t) =>
    t.addColumn('id', type, (c) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    );
}
