/**
 * 005_annual_report: the annual report editor, additive only.
 *   - annual_report: one row per agency and reporting year: the narrative sections (JSON text by
 *     section key), the workflow state, a revision counter for optimistic concurrency, and the
 *     frozen snapshot of the last published report model (the public page shows only this);
 *   - annual_report_event: append-only (triggers refuse UPDATE and DELETE): every state change,
 *     section edit and table 二 input change, with who, when, what and the comment.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../migrations.ts';
import { makeAppendOnly } from './appendOnly.ts';
import { withIdColumn } from './idColumn.ts';

export function m005AnnualReport(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const pk = withIdColumn(dialect);
      await pk(db.schema.createTable('annual_report'))
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('sections', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('published_version', 'integer', (c) => c.notNull())
        .addColumn('published_on', 'text')
        .addColumn('published_at', 'text')
        .addColumn('published_by', 'text')
        .addColumn('snapshot', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addUniqueConstraint('annual_report_agency_year', ['agency_id', 'year'])
        .execute();
      await pk(db.schema.createTable('annual_report_event'))
        .addColumn('report_id', 'integer', (c) => c.notNull().references('annual_report.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('actor_role', 'text', (c) => c.notNull())
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('payload', 'text', (c) => c.notNull())
        .addUniqueConstraint('annual_report_event_seq', ['report_id', 'seq'])
        .execute();
      await makeAppendOnly(db, dialect, 'annual_report_event');
    },
  };
}
