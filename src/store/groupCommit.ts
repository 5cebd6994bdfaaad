/**
 * Group commit for the embedded SQLite default: write transactions asked for in the same turn of
 * the event loop share one database transaction — one commit, one WAL append and (with
 * synchronous=FULL) one fsync for all of them — each inside its own savepoint, so one that fails is
 * rolled back alone and the others still commit. Every caller's promise settles only after the
 * shared COMMIT: what it wrote is durable when it answers.
 *
 * Used for filing applications (the portal's write under load). PostgreSQL needs none of this: it
 * runs transactions concurrently and groups commits itself.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

export type Work<T> = (trx: Transaction<Database>) => Promise<T>;

interface Queued {
  work: Work<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/** Returns `run(work)`: `work` runs in a transaction shared with the other work queued in this turn. */
export function groupCommit(db: Kysely<Database>): <T>(work: Work<T>) => Promise<T> {
  let queue: Queued[] = [];

  async function flush(): Promise<void> {
    const batch = queue;
    queue = [];
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      const trx = await db.startTransaction().execute();
      try {
        for (const item of batch) {
          const sp = await trx.savepoint('work').execute();
          try {
            const value = await item.work(sp);
            await sp.releaseSavepoint('work').execute();
            outcomes.push({ ok: true, value });
          } catch (error) {
            await sp.rollbackToSavepoint('work').execute();
            outcomes.push({ ok: false, error });
          }
        }
        await trx.commit().execute();
      } catch (e) {
        await trx
          .rollback()
          .execute()
          .catch(() => {});
        throw e;
      }
    } catch (e) {
      // BEGIN or COMMIT failed: nothing of the batch was written
      for (const item of batch) item.reject(e);
      return;
    }
    batch.forEach((item, i) => {
      const o = outcomes[i]!;
      if (o.ok) item.resolve(o.value);
      else item.reject(o.error);
    });
  }

  return <T>(work: Work<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work: work as Work<unknown>, resolve: resolve as (v: unknown) => void, reject });
      // after the requests already read in this turn have queued theirs
      if (queue.length === 1) setImmediate(() => void flush());
    });
}
