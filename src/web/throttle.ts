/**
 * Rate limits counted in the database (table throttle_event), so they hold across server
 * processes: each failed attempt is a row; a key is blocked while its failures in the window reach
 * the limit. Rows older than a day are purged when new ones are written.
 */
import type { AppDeps } from './context.ts';

const DAY_MS = 24 * 3600_000;

export interface ThrottleRule {
  bucket: string;
  key: string;
  limit: number;
}

function windowStart(deps: AppDeps): string {
  return new Date(deps.config.now().getTime() - deps.config.limits.windowMinutes * 60_000).toISOString();
}

export async function failuresInWindow(deps: AppDeps, bucket: string, key: string): Promise<number> {
  const row = await deps.store.db
    .selectFrom('throttle_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('bucket', '=', bucket)
    .where('key', '=', key)
    .where('at', '>', windowStart(deps))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The first rule whose key has reached its limit, or null. */
export async function blockedBy(deps: AppDeps, rules: ThrottleRule[]): Promise<ThrottleRule | null> {
  for (const r of rules) if ((await failuresInWindow(deps, r.bucket, r.key)) >= r.limit) return r;
  return null;
}

/** Records one failure under each rule's key. */
export async function recordFailure(deps: AppDeps, rules: ThrottleRule[]): Promise<void> {
  const now = deps.config.now();
  const at = now.toISOString();
  await deps.store.db
    .insertInto('throttle_event')
    .values(rules.map((r) => ({ bucket: r.bucket, key: r.key, at })))
    .execute();
  await deps.store.db
    .deleteFrom('throttle_event')
    .where('at', '<', new Date(now.getTime() - DAY_MS).toISOString())
    .execute();
}

/** Forgets the failures of a key (after a successful login). */
export async function clearFailures(deps: AppDeps, bucket: string, key: string): Promise<void> {
  await deps.store.db
    .deleteFrom('throttle_event')
    .where('bucket', '=', bucket)
    .where('key', '=', key)
    .execute();
}
