/**
 * 004_disclosure: proactive disclosure (主动公开), additive only.
 *   - disclosure_settings: per agency, the 索引号 scheme, an organisation code for agencies without a
 *     统一社会信用代码, the review chain and the agency's 主题分类;
 *   - disclosure_item: an information item: its number plus a projection of its events (status,
 *     review step, public state, dates, the current fields as JSON), rebuildable from the events;
 *   - disclosure_event: append-only (triggers refuse UPDATE and DELETE, like case_event);
 *   - disclosure_public: the public projection — one row per item that is public now, a copy of the
 *     version the last approval let out. Every public query reads this table and nothing else. It
 *     holds the folded search text (src/disclosure/searchText.ts); `sort_key` orders by 发布日期
 *     (newest first) then item id, and is the rowid of the SQLite full-text index;
 *   - disclosure_attachment: uploaded PDF/DOCX/XLSX files (bytes on disk);
 *   - disclosure_guide: the editable sections of the 政府信息公开指南.
 * Search: SQLite FTS5 with the trigram tokenizer (case-sensitive: the text is folded beforehand);
 * PostgreSQL pg_trgm GIN over the same folded text, which needs a database whose LC_CTYPE is not C
 * (with C, pg_trgm drops every Chinese character): the migration refuses such a database.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../migrations.ts';
import { makeAppendOnly } from './appendOnly.ts';
import { withIdColumn } from './idColumn.ts';

export class SearchLocaleError extends Error {}

export const CTYPE_MESSAGE = (ctype: string) =>
  `PostgreSQL 数据库的字符分类（LC_CTYPE）是“${ctype}”：pg_trgm 会丢弃所有汉字，中文全文检索无法工作。` +
  `请用 C.UTF-8（或 zh_CN.UTF-8）重新创建数据库，例如：CREATE DATABASE gongkai TEMPLATE template0 ENCODING 'UTF8' ` +
  `LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'；用 initdb 时加 --locale=C.UTF-8。`;

/** Refuses a PostgreSQL database in which pg_trgm cannot see Chinese characters. */
export async function assertPgSearchLocale(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ ctype: string }>`select current_setting('lc_ctype') as ctype`.execute(db);
  const ctype = rows[0]?.ctype ?? '';
  if (ctype === 'C' || ctype === 'POSIX' || ctype === '') throw new SearchLocaleError(CTYPE_MESSAGE(ctype));
}

/** The searched text on PostgreSQL (a term never holds a line break, so it cannot match across fields). */
export const PG_SEARCH_EXPR = `(title_n || E'\\n' || docno_n || E'\\n' || body_n)`;
/** Title and 文号: the results that rank first. */
export const PG_HEAD_EXPR = `(title_n || E'\\n' || docno_n)`;

export function m004Disclosure(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect === 'postgres') {
        await assertPgSearchLocale(db);
        await sql`create extension if not exists pg_trgm`.execute(db);
        const { rows } = await sql<{ n: number }>`select cardinality(show_trgm('信息公开')) as n`.execute(db);
        if (!Number(rows[0]?.n)) throw new SearchLocaleError(CTYPE_MESSAGE('不能识别汉字的设置'));
      }
      const pk = withIdColumn(dialect);

      await pk(db.schema.createTable('disclosure_settings'))
        .addColumn('agency_id', 'integer', (c) => c.notNull().unique().references('agency.id'))
        .addColumn('index_scheme', 'text', (c) => c.notNull())
        .addColumn('org_code', 'text')
        .addColumn('review_chain', 'text')
        .addColumn('topics', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();

      await pk(db.schema.createTable('disclosure_attachment'))
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id'))
        .addColumn('storage_key', 'text', (c) => c.notNull().unique())
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', 'text', (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .execute();

      await pk(db.schema.createTable('disclosure_item'))
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id'))
        .addColumn('index_number', 'text', (c) => c.notNull())
        .addColumn('index_year', 'integer', (c) => c.notNull())
        .addColumn('index_serial', 'integer')
        // projection
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('review_step', 'integer')
        .addColumn('waiting_role', 'text')
        .addColumn('live', 'integer', (c) => c.notNull())
        .addColumn('published_on', 'text')
        .addColumn('first_published_on', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('document_number', 'text')
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('topic', 'text')
        .addColumn('attribute', 'text', (c) => c.notNull())
        .addColumn('policy_kind', 'text')
        .addColumn('formed_on', 'text', (c) => c.notNull())
        .addColumn('written_on', 'text')
        .addColumn('due_on', 'text')
        .addColumn('validity', 'text')
        .addColumn('validity_on', 'text')
        .addColumn('interprets_id', 'integer')
        .addColumn('fields', 'text', (c) => c.notNull())
        .addColumn('event_count', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('disclosure_item_index_number', ['agency_id', 'index_number'])
        .addUniqueConstraint('disclosure_item_serial', ['agency_id', 'index_year', 'index_serial'])
        .execute();
      await db.schema
        .createIndex('disclosure_item_status')
        .on('disclosure_item')
        .columns(['agency_id', 'status', 'updated_at'])
        .execute();
      await db.schema
        .createIndex('disclosure_item_due')
        .on('disclosure_item')
        .columns(['agency_id', 'due_on'])
        .execute();
      await db.schema
        .createIndex('disclosure_item_waiting')
        .on('disclosure_item')
        .columns(['agency_id', 'waiting_role'])
        .execute();
      await db.schema
        .createIndex('disclosure_item_interprets')
        .on('disclosure_item')
        .column('interprets_id')
        .execute();

      await pk(db.schema.createTable('disclosure_event'))
        .addColumn('item_id', 'integer', (c) => c.notNull().references('disclosure_item.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('occurred_on', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_role', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addUniqueConstraint('disclosure_event_seq', ['item_id', 'seq'])
        .execute();
      await makeAppendOnly(db, dialect, 'disclosure_event');

      await db.schema
        .createTable('disclosure_public')
        .addColumn('sort_key', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.primaryKey())
        .addColumn('id', 'integer', (c) => c.notNull().unique().references('disclosure_item.id'))
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id'))
        .addColumn('index_number', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('document_number', 'text')
        .addColumn('issuer', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('topic', 'text')
        .addColumn('policy_kind', 'text')
        .addColumn('written_on', 'text')
        .addColumn('formed_on', 'text', (c) => c.notNull())
        .addColumn('published_on', 'text', (c) => c.notNull())
        .addColumn('effective_on', 'text')
        .addColumn('validity', 'text')
        .addColumn('validity_on', 'text')
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('interprets_id', 'integer')
        .addColumn('attachments', 'text', (c) => c.notNull())
        .addColumn('amendments', 'text', (c) => c.notNull())
        .addColumn('title_n', 'text', (c) => c.notNull())
        .addColumn('docno_n', 'text', (c) => c.notNull())
        // '#<agency id>#': lets the SQLite full-text index filter by agency without reading rows
        .addColumn('agency_n', 'text', (c) => c.notNull())
        // the long columns last, the searched one first among them: SQLite reads a column by
        // following the row's overflow pages up to it, so a scan of body_n skips the others
        .addColumn('body_n', 'text', (c) => c.notNull())
        .addColumn('body_text', 'text', (c) => c.notNull())
        .addColumn('body_html', 'text', (c) => c.notNull())
        .execute();
      for (const [name, cols] of [
        ['disclosure_public_agency', ['agency_id', 'sort_key']],
        ['disclosure_public_category', ['category', 'sort_key']],
        ['disclosure_public_agency_category', ['agency_id', 'category', 'sort_key']],
        ['disclosure_public_policy', ['policy_kind', 'agency_id', 'written_on']],
        ['disclosure_public_index_number', ['index_number']],
        ['disclosure_public_interprets', ['interprets_id']],
        // covering index: 1–2-character searches scan titles and 文号 newest first without the rows
        ['disclosure_public_head', ['sort_key', 'title_n', 'docno_n', 'agency_id']],
      ] as const)
        await db.schema
          .createIndex(name)
          .on('disclosure_public')
          .columns([...cols])
          .execute();

      if (dialect === 'sqlite') {
        // two external-content indexes over the public rows: everything searched, and the title
        // and 文号 alone (the results that rank first: a small index answers that group quickly)
        const indexes = [
          ['disclosure_fts', ['title_n', 'docno_n', 'body_n', 'agency_n']],
          ['disclosure_head_fts', ['title_n', 'docno_n', 'agency_n']],
        ] as const;
        for (const [name, cols] of indexes)
          await sql
            .raw(
              `CREATE VIRTUAL TABLE ${name} USING fts5(${cols.join(', ')},
                 content='disclosure_public', content_rowid='sort_key', tokenize='trigram case_sensitive 1')`,
            )
            .execute(db);
        const ins = (p: string) =>
          indexes
            .map(
              ([name, cols]) =>
                `INSERT INTO ${name}(rowid, ${cols.join(', ')}) VALUES (${p}.sort_key, ${cols.map((c) => `${p}.${c}`).join(', ')});`,
            )
            .join('\n');
        const del = indexes
          .map(
            ([name, cols]) =>
              `INSERT INTO ${name}(${name}, rowid, ${cols.join(', ')}) VALUES ('delete', old.sort_key, ${cols.map((c) => `old.${c}`).join(', ')});`,
          )
          .join('\n');
        await sql
          .raw(
            `CREATE TRIGGER disclosure_public_ai AFTER INSERT ON disclosure_public BEGIN ${ins('new')} END`,
          )
          .execute(db);
        await sql
          .raw(`CREATE TRIGGER disclosure_public_ad AFTER DELETE ON disclosure_public BEGIN ${del} END`)
          .execute(db);
        await sql
          .raw(
            `CREATE TRIGGER disclosure_public_au AFTER UPDATE OF sort_key, title_n, docno_n, body_n, agency_n
             ON disclosure_public BEGIN ${del} ${ins('new')} END`,
          )
          .execute(db);
      } else {
        await sql
          .raw(
            `CREATE INDEX disclosure_public_trgm ON disclosure_public USING gin (${PG_SEARCH_EXPR} gin_trgm_ops)`,
          )
          .execute(db);
        await sql
          .raw(
            `CREATE INDEX disclosure_public_trgm_head ON disclosure_public USING gin (${PG_HEAD_EXPR} gin_trgm_ops)`,
          )
          .execute(db);
        // LIKE rechecks read the text: lz4 decompresses several times faster than the default pglz
        const { rows: lz4 } = await sql<{ ok: boolean }>`select exists (select 1 from pg_settings
          where name = 'default_toast_compression' and 'lz4' = any(enumvals)) as ok`.execute(db);
        if (lz4[0]?.ok)
          for (const col of ['body_n', 'body_text', 'body_html'])
            await sql
              .raw(`ALTER TABLE disclosure_public ALTER COLUMN ${col} SET COMPRESSION lz4`)
              .execute(db);
      }

      await pk(db.schema.createTable('disclosure_guide'))
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id'))
        .addColumn('section', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addUniqueConstraint('disclosure_guide_section', ['agency_id', 'section'])
        .execute();
    },
  };
}
