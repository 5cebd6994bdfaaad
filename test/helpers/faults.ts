/** Database faults for tests: a table that refuses every new row, as a full disk or a lost connection would. */
import { sql } from 'kysely';
import type { Store } from '../../src/store/db.ts';

/** Every INSERT into `table` fails from now on ('disk full'), on SQLite and PostgreSQL. */
export async function refuseInserts(store: Store, table: string): Promise<void> {
  const name = sql.raw(`refuse_${table}`);
  const target = sql.table(table);
  if (store.dialect === 'sqlite')
    await sql`create trigger ${name} before insert on ${target} begin select raise(abort, 'disk full'); end`.execute(
      store.db,
    );
  else {
    await sql`create function ${name}() returns trigger language plpgsql as $$ begin raise exception 'disk full'; end $$`.execute(
      store.db,
    );
    await sql`create trigger ${name} before insert on ${target} for each row execute function ${name}()`.execute(
      store.db,
    );
  }
}
