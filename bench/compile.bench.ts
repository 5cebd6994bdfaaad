/**
 * Benchmark: compile the annual report for one agency from 1,000,000 cases, on SQLite and (when
 * PG_URL is set) on PostgreSQL, against the floor measured in the same run: one hand-written
 * GROUP BY over the same rows.
 *
 *   node --import tsx bench/compile.bench.ts [--cases N]      (PG_URL=postgres://… for PostgreSQL)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { APPLICANT_TYPES } from '../src/cases/outcomes.ts';
import { createAgency } from '../src/store/agencies.ts';
import { compileReportFromDb } from '../src/store/compile.ts';
import { migrate, openStore, type Store } from '../src/store/db.ts';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '1000000' } } });
const N = Number(values.cases);
const TYPES = Object.keys(APPLICANT_TYPES);
const ROWS = ['R3_1', 'R3_2', 'R3_3_4', 'R3_3_6', 'R3_4_1', 'R3_4_2', 'R3_5_1', 'R3_6_1'];
const YEAR = 2025;

async function best(fn: () => Promise<unknown>, runs = 5): Promise<number> {
  await fn();
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

async function measure(name: string, store: Store, fill: (agencyId: number) => Promise<void>) {
  await migrate(store);
  const agencyId = await createAgency(store.db, { name: '基准测试局', kind: 'department' });
  const t0 = performance.now();
  await fill(agencyId);
  const load = performance.now() - t0;
  const floor = await best(() =>
    sql`select applicant_type, table_row, count(*) as n from application_case where agency_id = ${agencyId} group by applicant_type, table_row`.execute(
      store.db,
    ),
  );
  const compile = await best(() => compileReportFromDb(store.db, '基准测试局', YEAR));
  console.log(
    `${name}: ${N.toLocaleString()} cases (loaded in ${(load / 1000).toFixed(1)} s) — compile ${compile.toFixed(0)} ms, floor (one GROUP BY) ${floor.toFixed(0)} ms, ratio ${(compile / floor).toFixed(2)}×`,
  );
}

// SQLite: a file database, rows inserted with one prepared statement in one transaction
{
  const dir = mkdtempSync(join(tmpdir(), 'gk-bench-'));
  const store = openStore({ dataDir: dir, url: '' });
  await measure('SQLite', store, async (agencyId) => {
    const db = store.sqlite!;
    const ins = db.prepare(
      `insert into application_case (agency_id, number, query_code, applicant_type, applicant_name, channel, intake, status,
        received_on, due_on, concluded_on, outcome, table_row, created_at, updated_at)
       values (?, ?, 'Q', ?, 'x', 'online', '{}', ?, ?, null, ?, null, ?, 'now', 'now')`,
    );
    db.transaction(() => {
      for (let i = 0; i < N; i++) {
        const y = 2022 + (i % 4);
        const d = `${y}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
        const open = i % 17 === 0 && y === 2025;
        ins.run(
          agencyId,
          `B-${i}`,
          TYPES[i % 6],
          open ? 'open' : 'replied',
          d,
          open ? null : d,
          open ? null : ROWS[i % 8],
        );
      }
    })();
  });
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

// PostgreSQL: a fresh database, rows generated server-side
if (process.env.PG_URL) {
  const name = `gk_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: process.env.PG_URL });
  await admin.connect();
  await admin.query(
    `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
  );
  const url = new URL(process.env.PG_URL);
  url.pathname = `/${name}`;
  const store = openStore({ url: url.toString() });
  try {
    await measure('PostgreSQL', store, async (agencyId) => {
      await sql`insert into application_case (agency_id, number, query_code, applicant_type, applicant_name, channel, intake, status,
          received_on, due_on, concluded_on, outcome, table_row, created_at, updated_at)
        select ${agencyId}, 'B-' || i, 'Q', (array[${sql.join(TYPES)}])[1 + i % 6], 'x', 'online', '{}',
          case when i % 17 = 0 and i % 4 = 3 then 'open' else 'replied' end,
          to_char(make_date(2022 + i % 4, 1 + i % 12, 1 + i % 28), 'YYYY-MM-DD'), null,
          case when i % 17 = 0 and i % 4 = 3 then null else to_char(make_date(2022 + i % 4, 1 + i % 12, 1 + i % 28), 'YYYY-MM-DD') end,
          null,
          case when i % 17 = 0 and i % 4 = 3 then null else (array[${sql.join(ROWS)}])[1 + i % 8] end,
          'now', 'now'
        from generate_series(0, ${N - 1}) as i`.execute(store.db);
      await sql`analyze application_case`.execute(store.db);
    });
  } finally {
    await store.close();
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
  }
} else {
  console.log('PostgreSQL: skipped (set PG_URL)');
}
