/**
 * Runs a test suite on both databases: the embedded SQLite (in memory) and PostgreSQL when PG_URL
 * is set (CI starts a throwaway server and sets it; REQUIRE_PG=1 makes its absence a failure).
 * Each suite gets a fresh PostgreSQL database created from template0 with a C.UTF-8 ctype.
 */
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { migrate, openStore, type Store } from '../../src/store/db.ts';

export interface StoreFactory {
  name: 'sqlite' | 'postgres';
  /** A new, migrated, empty store. */
  open(): Promise<Store>;
}

const created: { admin: string; name: string }[] = [];
const opened: Store[] = [];

/** Stores are closed at the end even when a test fails before closing its own. */
function track(s: Store): Store {
  const close = s.close.bind(s);
  let closed = false;
  s.close = async () => {
    if (closed) return;
    closed = true;
    await close();
  };
  opened.push(s);
  return s;
}

async function freshPgUrl(base: string): Promise<string> {
  const name = `gk_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  await client.query(
    `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
  );
  await client.end();
  created.push({ admin: base, name });
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

after(async () => {
  for (const s of opened.splice(0)) await s.close().catch(() => {});
  for (const { admin, name } of created.splice(0)) {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  }
});

export function storeFactories(): StoreFactory[] {
  const list: StoreFactory[] = [
    {
      name: 'sqlite',
      async open() {
        const s = track(openStore({ file: ':memory:', url: '' }));
        await migrate(s);
        return s;
      },
    },
  ];
  const base = process.env.PG_URL;
  if (base) {
    list.push({
      name: 'postgres',
      async open() {
        const s = track(openStore({ url: await freshPgUrl(base) }));
        await migrate(s);
        return s;
      },
    });
  } else if (process.env.REQUIRE_PG === '1') {
    throw new Error('REQUIRE_PG=1 but PG_URL is not set');
  }
  return list;
}

/** describe() once per database. */
export function describeStores(title: string, fn: (f: StoreFactory) => void): void {
  for (const f of storeFactories()) describe(`${title} [${f.name}]`, () => fn(f));
  if (!process.env.PG_URL) it(`${title} [postgres] skipped: PG_URL not set`, { skip: true }, () => {});
}
