/**
 * Staff sign-in: argon2id password hashes (@node-rs/argon2 defaults: m=19456 KiB, t=2, p=1) and a
 * rate limit counted in the database — failures per username+address and per address within a
 * window — checked before the password, so a blocked key is refused even with the right password.
 * An unknown username costs the same verification as a known one.
 */
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { audit } from '../store/audit.ts';
import type { Database } from '../store/schema.ts';
import type { AppDeps } from './context.ts';
import { blockedBy, clearFailures, recordFailure, type ThrottleRule } from './throttle.ts';

/** Where staff land after signing in (the console replaces this page). */
export const STAFF_HOME = '/console';

export const MIN_PASSWORD_LENGTH = 8;

export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;
/** A hash to verify against when the user does not exist (same cost, always false). */
const dummy = () => {
  dummyHash ??= hash('gongkai-no-such-user');
  return dummyHash;
};

/** Sets a staff user's password (audited; the hash is never logged). */
export async function setPassword(
  db: Kysely<Database>,
  userId: number,
  password: string,
  actor: string,
): Promise<void> {
  if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`密码：至少${MIN_PASSWORD_LENGTH}个字符`);
  await db
    .updateTable('staff_user')
    .set({ password_hash: await hashPassword(password) })
    .where('id', '=', userId)
    .execute();
  await audit(db, { actor, entity: 'staff_user', entityId: userId, action: 'passwordSet' });
}

export const loginRules = (deps: AppDeps, username: string, ip: string): ThrottleRule[] => [
  { bucket: 'login', key: `${username.toLowerCase()}|${ip}`, limit: deps.config.limits.loginPerUser },
  { bucket: 'login-ip', key: ip, limit: deps.config.limits.loginPerAddress },
];

export type LoginResult =
  | { ok: true; userId: number }
  | { ok: false; reason: 'blocked'; minutes: number }
  | { ok: false; reason: 'invalid' };

/** Checks the rate limit, then the password; records the outcome (throttle rows, audit log). */
export async function authenticate(
  deps: AppDeps,
  username: string,
  password: string,
  ip: string,
): Promise<LoginResult> {
  const rules = loginRules(deps, username, ip);
  if (await blockedBy(deps, rules))
    return { ok: false, reason: 'blocked', minutes: deps.config.limits.windowMinutes };
  const user = username
    ? await deps.store.db
        .selectFrom('staff_user')
        .select(['id', 'password_hash'])
        .where('username', '=', username)
        .executeTakeFirst()
    : undefined;
  const ok = user?.password_hash
    ? await verifyPassword(user.password_hash, password)
    : (await verifyPassword(await dummy(), password)) && false;
  const at = deps.config.now().toISOString();
  if (!ok || !user) {
    await recordFailure(deps, rules);
    await deps.store.db
      .insertInto('audit_log')
      .values({
        at,
        actor: `web:${ip}`,
        entity: 'login',
        entity_id: username.slice(0, 100),
        action: 'failed',
        detail: '{}',
      })
      .execute();
    return { ok: false, reason: 'invalid' };
  }
  await clearFailures(deps, 'login', rules[0]!.key);
  await audit(deps.store.db, {
    actor: `staff:${user.id}`,
    entity: 'login',
    entityId: user.id,
    action: 'succeeded',
    detail: { ip },
  });
  return { ok: true, userId: Number(user.id) };
}
