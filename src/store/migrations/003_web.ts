/**
 * 003_web: what the web platform stores besides cases (additive only).
 *   - web_session: server-side sessions shared by every server process (the cookie holds a random
 *     token, the table only its SHA-256), with the CSRF token and small JSON data (flash messages,
 *     the cases an applicant proved access to with number + query code);
 *   - throttle_event: failed logins and status look-ups counted in the database (rate limits that
 *     hold across processes);
 *   - agency_profile: an agency's contact data for its disclosure guide and letters;
 *   - attachment: uploaded files (the bytes are under DATA/attachments, never in a static dir);
 *   - case_letter: letters issued on a case, as rendered (JSON of RenderedLetter), downloadable.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../migrations.ts';
import { withIdColumn } from './idColumn.ts';

export function m003Web(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const pk = withIdColumn(dialect);
      await db.schema
        .createTable('web_session')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('staff_user_id', 'integer', (c) => c.references('staff_user.id'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .execute();
      await db.schema.createIndex('web_session_expires').on('web_session').column('expires_at').execute();
      await db.schema.createIndex('web_session_user').on('web_session').column('staff_user_id').execute();

      await pk(db.schema.createTable('throttle_event'))
        .addColumn('bucket', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('throttle_event_key')
        .on('throttle_event')
        .columns(['bucket', 'key', 'at'])
        .execute();
      await db.schema.createIndex('throttle_event_at').on('throttle_event').column('at').execute();

      await db.schema
        .createTable('agency_profile')
        .addColumn('agency_id', 'integer', (c) => c.primaryKey().references('agency.id'))
        .addColumn('office', 'text')
        .addColumn('address', 'text')
        .addColumn('postcode', 'text')
        .addColumn('phone', 'text')
        .addColumn('fax', 'text')
        .addColumn('email', 'text')
        .addColumn('office_hours', 'text')
        .addColumn('website', 'text')
        .addColumn('doc_abbr', 'text')
        .addColumn('guide_note', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await pk(db.schema.createTable('attachment'))
        .addColumn('case_id', 'integer', (c) => c.notNull().references('application_case.id'))
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('storage_key', 'text', (c) => c.notNull().unique())
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', 'text', (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .execute();
      // the status page looks cases up by number and query code across agencies
      await db.schema
        .createIndex('application_case_lookup')
        .on('application_case')
        .columns(['number', 'query_code'])
        .execute();

      await db.schema.createIndex('attachment_case').on('attachment').column('case_id').execute();

      await pk(db.schema.createTable('case_letter'))
        .addColumn('case_id', 'integer', (c) => c.notNull().references('application_case.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('doc_number', 'text')
        .addColumn('issued_on', 'text', (c) => c.notNull())
        .addColumn('rendered', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('issued_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('case_letter_case').on('case_letter').column('case_id').execute();
    },
  };
}
