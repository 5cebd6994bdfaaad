/**
 * Opening the database: the embedded default (SQLite file under a data directory, WAL) or
 * PostgreSQL when a URL is given (DATABASE_URL). The rest of the app sees only Kysely.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, type Driver, Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { startCheckpointer } from './checkpointer.ts';
import { groupCommit, type Work } from './groupCommit.ts';
import { type Dialect, Migrations } from './migrations.ts';
import type { Database } from './schema.ts';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The SQLite handle (embedded default only), for online backups. */
  sqlite?: SQLite.Database;
  /**
   * A write transaction that may share its commit with others asked for in the same turn (SQLite:
   * group commit, see groupCommit.ts; PostgreSQL: a transaction of its own). Settles after the commit.
   */
  grouped<T>(work: Work<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL URL; default process.env.DATABASE_URL; when absent, SQLite under dataDir. */
  url?: string;
  /** Data directory of the embedded default (created on first start). Default ./data */
  dataDir?: string;
  /** SQLite file name inside dataDir, or ':memory:'. */
  file?: string;
  /** SQLite: WAL checkpoints in a worker thread, not inside commits (long-running servers; see checkpointer.ts). */
  backgroundCheckpoints?: boolean;
}

// PG returns bigint (count, bigserial) as string; our ids and counts fit in a JS number
pg.types.setTypeParser(20, (v) => Number(v));

export function openStore(opts: OpenOptions = {}): Store {
  const url = opts.url ?? process.env.DATABASE_URL;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // an idle connection closed by the server (restart, failover) must not crash the process
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      grouped: (work) => db.transaction().execute(work),
      close: () => db.destroy(),
    };
  }
  let path = ':memory:';
  if (opts.file !== ':memory:') {
    const dir = opts.dataDir ?? 'data';
    mkdirSync(dir, { recursive: true });
    path = join(dir, opts.file ?? 'gongkai.sqlite');
  }
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // NORMAL (default): a commit survives a crash of the process; FULL: also a power loss (an fsync
  // per commit). GONGKAI_SQLITE_SYNCHRONOUS=FULL chooses the latter.
  sqlite.pragma(`synchronous = ${sqliteSynchronous()}`);
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536'); // 64 MiB page cache
  sqlite.pragma('temp_store = MEMORY');
  const checkpointer = opts.backgroundCheckpoints ? startCheckpointer(sqlite) : undefined;
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    grouped: groupCommit(db),
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

function sqliteSynchronous(): 'NORMAL' | 'FULL' {
  const v = (process.env.GONGKAI_SQLITE_SYNCHRONOUS ?? 'NORMAL').toUpperCase();
  if (v !== 'NORMAL' && v !== 'FULL')
    throw new Error(`GONGKAI_SQLITE_SYNCHRONOUS 应为 NORMAL 或 FULL，不是“${v}”`);
  return v;
}

/**
 * Kysely's SQLite driver prepares every query anew; compiling the SQL is a large share of a small
 * query's time (a page runs a dozen). Prepared statements are kept by their SQL text (bounded).
 * Safe because Kysely runs one query at a time on the single connection (its mutex), and SQLite
 * re-prepares a statement by itself after a schema change.
 */
function withStatementCache(sqlite: SQLite.Database, max = 1000) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string): SQLite.Statement {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = sqlite.prepare(sql);
        if (cache.size >= max) cache.clear();
        cache.set(sql, stmt);
      }
      return stmt;
    },
    close(): void {
      cache.clear();
      sqlite.close();
    },
  };
}

/**
 * Transactions start with BEGIN IMMEDIATE (Kysely's driver says BEGIN): a deferred transaction that
 * reads first and writes later fails at once with SQLITE_BUSY when another process committed in
 * between (the busy timeout does not apply to that upgrade); an immediate one takes the write lock
 * up front and waits its turn. That is what lets several server processes (`serve --workers`) share
 * the file. Our transactions are all for writing.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/** Brings the schema up to date; returns the names of the migrations applied now. */
export async function migrate(store: Store): Promise<string[]> {
  const migrator = new Migrator({ db: store.db, provider: new Migrations(store.dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export const nowIso = () => new Date().toISOString();
