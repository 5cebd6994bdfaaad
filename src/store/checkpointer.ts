/**
 * WAL checkpoints off the request path (the embedded SQLite default, for the server).
 *
 * In WAL mode a commit appends to the -wal file; every so often the pages are copied back into the
 * database file (a checkpoint), with fsyncs. SQLite's automatic checkpoint runs inside the commit
 * that crosses the threshold (1000 pages), on the connection that committed — for the server that
 * is the event loop, blocked 10–20 ms on this machine's disk every ~100 submissions (that was 70% of
 * all commit time in the submission profile, and most of the p99).
 *
 * Here a worker thread with its own connection runs `wal_checkpoint(PASSIVE)` every `intervalMs`
 * (PASSIVE never waits for readers or writers and never holds up a commit), and the server's
 * connection keeps an automatic checkpoint only as a safety net at `fallbackPages` (should the
 * worker fall behind or die, the WAL still cannot grow without bound). Durability is unchanged:
 * what is committed is in the WAL either way; a checkpoint only moves it.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

export interface CheckpointerOptions {
  /** How often the worker checkpoints. Default 200 ms. */
  intervalMs?: number;
  /** The server connection's own automatic checkpoint threshold (pages), the safety net. Default 10,000 (~40 MB). */
  fallbackPages?: number;
}

export interface Checkpointer {
  /** Stops the worker (before the database is closed). */
  stop(): Promise<void>;
}

// CommonJS source for an eval worker: no TypeScript loader is needed in the thread
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
let timer;
const tick = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (e) {
    parentPort.postMessage({ error: String(e && e.message || e) });
  }
  timer = setTimeout(tick, workerData.intervalMs);
};
timer = setTimeout(tick, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearTimeout(timer);
  db.close();
  parentPort.postMessage({ stopped: true });
  parentPort.close();
});
`;

export function startCheckpointer(sqlite: SQLite.Database, opts: CheckpointerOptions = {}): Checkpointer {
  if (sqlite.memory) return { stop: async () => {} };
  sqlite.pragma(`wal_autocheckpoint = ${opts.fallbackPages ?? 10_000}`);
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      file: sqlite.name,
      intervalMs: opts.intervalMs ?? 200,
    },
  });
  worker.unref();
  let failed = false;
  worker.on('message', (m: { error?: string }) => {
    // a failed checkpoint is retried on the next tick; the fallback threshold covers a persistent one
    if (m.error && !failed) {
      failed = true;
      process.stderr.write(`WAL checkpoint failed (will retry): ${m.error}\n`);
    }
  });
  worker.on('error', (e) => {
    process.stderr.write(`WAL checkpoint worker stopped: ${e.message}\n`);
    sqlite.pragma('wal_autocheckpoint = 1000');
  });
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        // referenced again: the process must wait for the worker's exit (unref'd it would not)
        worker.ref();
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      });
      return stopping;
    },
  };
}
