/**
 * Group commit (store/groupCommit.ts) on an in-memory SQLite database: work asked for in the same
 * turn shares one BEGIN … COMMIT, each piece in its own savepoint.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { groupCommit } from '../../src/store/groupCommit.ts';
import type { Database } from '../../src/store/schema.ts';

function setup() {
  const sqlite = new SQLite(':memory:');
  sqlite.exec('create table t (id integer primary key, v text not null unique)');
  const statements: string[] = [];
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (e) => {
      statements.push(e.query.sql.toLowerCase());
    },
  });
  const rows = () => (sqlite.prepare('select v from t order by id').all() as { v: string }[]).map((r) => r.v);
  return { db, run: groupCommit(db), statements, rows };
}

const insert = (v: string) => async (trx: Kysely<Database>) => {
  await sql`insert into t (v) values (${v})`.execute(trx);
  return v;
};

describe('group commit', () => {
  it('runs work asked for in the same turn in one transaction, one commit for all', async () => {
    const { run, statements, rows } = setup();
    const results = await Promise.all([run(insert('a')), run(insert('b')), run(insert('c'))]);
    assert.deepEqual(results, ['a', 'b', 'c']);
    assert.deepEqual(rows(), ['a', 'b', 'c']);
    assert.equal(statements.filter((s) => s === 'begin').length, 1);
    assert.equal(statements.filter((s) => s === 'commit').length, 1);
  });

  it('rolls a failing piece back alone: its promise rejects, the others commit', async () => {
    const { run, rows } = setup();
    const [a, dup, c] = await Promise.allSettled([run(insert('a')), run(insert('a')), run(insert('c'))]);
    assert.equal(a.status, 'fulfilled');
    assert.equal(dup.status, 'rejected');
    assert.match(String((dup as PromiseRejectedResult).reason), /UNIQUE/);
    assert.equal(c.status, 'fulfilled');
    assert.deepEqual(rows(), ['a', 'c']);
  });

  it('settles nothing before the commit, and work asked for later gets a transaction of its own', async () => {
    const { run, statements, rows } = setup();
    let seenAtSettle: string[] = [];
    await run(insert('a')).then(() => {
      seenAtSettle = [...statements];
    });
    assert.equal(seenAtSettle.at(-1), 'commit');
    await run(insert('b'));
    assert.equal(statements.filter((s) => s === 'commit').length, 2);
    assert.deepEqual(rows(), ['a', 'b']);
  });
});
