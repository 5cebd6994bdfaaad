/**
 * Forward-only migrations, the same on SQLite and PostgreSQL. Never edit a released migration:
 * add a new one.
 */
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { m003Web } from './migrations/003_web.ts';
import { m005AnnualReport } from './migrations/005_annual_report.ts';
import { makeAppendOnly } from './migrations/appendOnly.ts';
import { m004Disclosure } from './migrations/disclosure.ts';
import { withIdColumn } from './migrations/idColumn.ts';

export type Dialect = 'sqlite' | 'postgres';

function m001(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const pk = withIdColumn(dialect);
      await pk(db.schema.createTable('agency'))
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'integer', (c) => c.references('agency.id'))
        .addColumn('credit_code', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await pk(db.schema.createTable('staff_user'))
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id'))
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('calendar_year')
        .addColumn('year', 'integer', (c) => c.primaryKey())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('calendar_day')
        .addColumn('date', 'text', (c) => c.primaryKey())
        .addColumn('year', 'integer', (c) => c.notNull().references('calendar_year.year'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .execute();
      await pk(db.schema.createTable('application_case'))
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id'))
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('query_code', 'text', (c) => c.notNull())
        .addColumn('applicant_type', 'text', (c) => c.notNull())
        .addColumn('applicant_name', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('intake', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('received_on', 'text')
        .addColumn('due_on', 'text')
        .addColumn('concluded_on', 'text')
        .addColumn('outcome', 'text')
        .addColumn('table_row', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('application_case_number', ['agency_id', 'number'])
        .execute();
      await db.schema
        .createIndex('application_case_received')
        .on('application_case')
        .columns(['agency_id', 'received_on'])
        .execute();
      await db.schema
        .createIndex('application_case_concluded')
        .on('application_case')
        .columns(['agency_id', 'concluded_on'])
        .execute();
      await pk(db.schema.createTable('case_event'))
        .addColumn('case_id', 'integer', (c) => c.notNull().references('application_case.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('occurred_on', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_role', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addUniqueConstraint('case_event_seq', ['case_id', 'seq'])
        .execute();
      await pk(db.schema.createTable('review_record'))
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id'))
        .addColumn('case_id', 'integer', (c) => c.references('application_case.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('received_on', 'text', (c) => c.notNull())
        .addColumn('decided_on', 'text')
        .addColumn('result', 'text')
        .addColumn('note', 'text')
        .execute();
      await db.schema
        .createTable('report_input')
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('cell', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('entered_by', 'text', (c) => c.notNull())
        .addColumn('entered_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('report_input_pk', ['agency_id', 'year', 'cell'])
        .execute();
      await pk(db.schema.createTable('audit_log'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute();
      // append-only: case events and the audit log refuse UPDATE and DELETE
      for (const table of ['case_event', 'audit_log']) await makeAppendOnly(db, dialect, table);
    },
  };
}

/** A covering index for compiling table 三: the GROUP BY reads only the index. */
function m002(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('application_case_stats')
        .on('application_case')
        .columns(['agency_id', 'applicant_type', 'table_row', 'received_on', 'concluded_on'])
        .execute();
    },
  };
}

export class Migrations implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '001_initial': m001(this.dialect),
      '002_case_stats_index': m002(),
      '003_web': m003Web(this.dialect),
      '004_disclosure': m004Disclosure(this.dialect),
      '005_annual_report': m005AnnualReport(this.dialect),
    };
  }
}
