/**
 * Sessions in the database (table web_session), so that any server process can serve any request.
 * The cookie holds 32 random bytes (base64url); the table holds only their SHA-256, so a copy of
 * the database does not let anyone take over a session. Sessions expire after a period without use
 * (sliding, refreshed at most once a minute) and at the latest a fixed time after they started.
 * Cookies are HttpOnly, SameSite=Lax, Path=/, and Secure with the `__Host-` prefix over HTTPS.
 *
 * A visitor gets a session only when one is needed (after submitting an application, looking up a
 * case, signing in, or for a flash message); reading public pages creates nothing.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { type Kysely, type Selectable, sql } from 'kysely';
import { ROLES, type Role } from '../store/agencies.ts';
import type { Database, WebSessionTable } from '../store/schema.ts';
import type { AppContext, AppDeps, AppEnv, Flash, Session, SessionData, SessionUser } from './context.ts';
import { clientIp } from './http.ts';

export const SESSION_COOKIE = 'gk_session';

export const sessionCookieName = (deps: AppDeps) =>
  deps.config.secureCookies ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;

export const newToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const minutes = (n: number) => n * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

function parseData(text: string): SessionData {
  try {
    const v = JSON.parse(text) as SessionData;
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}

function expiryFor(deps: AppDeps, createdAt: string, nowMs: number): string {
  const idle = nowMs + minutes(deps.config.sessions.idleMinutes);
  const hardStop = Date.parse(createdAt) + minutes(deps.config.sessions.maxHours * 60);
  return iso(Math.min(idle, hardStop));
}

/** The agencies a staff user may see (SessionUser.scope). */
async function scopeOf(deps: AppDeps, role: Role, agencyId: number): Promise<'all' | number[]> {
  if (role === 'admin') return 'all';
  if (role !== 'supervisor') return [agencyId];
  const rows = await deps.store.db.selectFrom('agency').select(['id', 'parent_id']).execute();
  const children = new Map<number, number[]>();
  for (const r of rows) {
    if (r.parent_id === null) continue;
    const p = Number(r.parent_id);
    children.set(p, [...(children.get(p) ?? []), Number(r.id)]);
  }
  const out: number[] = [];
  const stack = [agencyId];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.includes(id)) continue;
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out.sort((a, b) => a - b);
}

/** Loads the staff user of a session (null when the account no longer exists). */
export async function loadStaffUser(deps: AppDeps, userId: number): Promise<SessionUser | null> {
  const row = await deps.store.db
    .selectFrom('staff_user')
    .innerJoin('agency', 'agency.id', 'staff_user.agency_id')
    .select([
      'staff_user.id as id',
      'staff_user.username as username',
      'staff_user.display_name as displayName',
      'staff_user.role as role',
      'staff_user.agency_id as agencyId',
      'agency.name as agencyName',
    ])
    .where('staff_user.id', '=', userId)
    .executeTakeFirst();
  if (!row) return null;
  const role = row.role as Role;
  const agencyId = Number(row.agencyId);
  return {
    id: Number(row.id),
    username: row.username,
    displayName: row.displayName,
    role,
    roleLabel: ROLES[role] ?? row.role,
    agencyId,
    agencyName: row.agencyName,
    scope: await scopeOf(deps, role, agencyId),
  };
}

/** Middleware: reads the session cookie, loads the session and its staff user into the context. */
export function sessionMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('session', null);
    c.set('user', null);
    const deps = c.get('deps');
    const name = sessionCookieName(deps);
    const token = getCookie(c, name);
    if (token && token.length <= 100) {
      const nowMs = deps.config.now().getTime();
      // every request with a cookie runs this: one statement written out (no query-builder work)
      const row = (
        await sql<
          Selectable<WebSessionTable>
        >`select * from web_session where id_hash = ${hashToken(token)}`.execute(deps.store.db)
      ).rows[0];
      if (row && Date.parse(row.expires_at) > nowMs) {
        const session: Session = {
          idHash: row.id_hash,
          csrfToken: row.csrf_token,
          staffUserId: row.staff_user_id === null ? null : Number(row.staff_user_id),
          data: parseData(row.data),
          createdAt: row.created_at,
          lastSeenAt: row.last_seen_at,
          expiresAt: row.expires_at,
        };
        // sliding expiry, written at most once a minute
        if (nowMs - Date.parse(row.last_seen_at) > 60_000) {
          session.lastSeenAt = iso(nowMs);
          session.expiresAt = expiryFor(deps, row.created_at, nowMs);
          await deps.store.db
            .updateTable('web_session')
            .set({ last_seen_at: session.lastSeenAt, expires_at: session.expiresAt })
            .where('id_hash', '=', row.id_hash)
            .execute();
        }
        c.set('session', session);
        if (session.staffUserId !== null) {
          const user = await loadStaffUser(deps, session.staffUserId);
          if (user) c.set('user', user);
        }
      } else {
        if (row) await deps.store.db.deleteFrom('web_session').where('id_hash', '=', row.id_hash).execute();
        clearSessionCookie(c);
      }
    }
    await next();
  };
}

function writeCookie(c: AppContext, token: string): void {
  const deps = c.get('deps');
  setCookie(c, sessionCookieName(deps), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: deps.config.secureCookies,
    // a session cookie (no Max-Age): gone when the browser closes; the server's expiry also applies
  });
}

function clearSessionCookie(c: AppContext): void {
  const deps = c.get('deps');
  deleteCookie(c, sessionCookieName(deps), { path: '/', secure: deps.config.secureCookies });
}

async function insertSession(
  c: AppContext,
  staffUserId: number | null,
  data: SessionData,
  db: Kysely<Database> = c.get('deps').store.db,
): Promise<Session> {
  const deps = c.get('deps');
  const token = newToken();
  const nowMs = deps.config.now().getTime();
  const createdAt = iso(nowMs);
  const session: Session = {
    idHash: hashToken(token),
    csrfToken: newToken(),
    staffUserId,
    data,
    createdAt,
    lastSeenAt: createdAt,
    expiresAt: expiryFor(deps, createdAt, nowMs),
  };
  await purgeExpiredSessionsNow(deps, db);
  // written out, like the lookup: every first visit to a form and every application writes one
  await sql`insert into web_session
    (id_hash, staff_user_id, csrf_token, data, created_at, last_seen_at, expires_at, ip, user_agent)
    values (${session.idHash}, ${staffUserId}, ${session.csrfToken}, ${JSON.stringify(data)},
      ${session.createdAt}, ${session.lastSeenAt}, ${session.expiresAt}, ${clientIp(c).slice(0, 100)},
      ${(c.req.header('user-agent') ?? '').slice(0, 300) || null})`.execute(db);
  writeCookie(c, token);
  c.set('session', session);
  return session;
}

/** The request's session, created (for a visitor) when there is none. */
export async function ensureSession(c: AppContext): Promise<Session> {
  return c.get('session') ?? insertSession(c, null, {});
}

/**
 * Signs a staff user in: a new session id (the old session, if any, is deleted: no fixation), a
 * new CSRF token. (Expired sessions are purged whenever a session is created.)
 */
export async function startStaffSession(c: AppContext, userId: number): Promise<Session> {
  const deps = c.get('deps');
  const old = c.get('session');
  if (old) await deps.store.db.deleteFrom('web_session').where('id_hash', '=', old.idHash).execute();
  const session = await insertSession(c, userId, {});
  c.set('user', await loadStaffUser(deps, userId));
  return session;
}

/** Ends the session (sign-out): the row is deleted and the cookie cleared. */
export async function endSession(c: AppContext): Promise<void> {
  const session = c.get('session');
  if (session)
    await c.get('deps').store.db.deleteFrom('web_session').where('id_hash', '=', session.idHash).execute();
  clearSessionCookie(c);
  c.set('session', null);
  c.set('user', null);
}

/** When each server's last purge ran (by its configured clock): at most one purge a minute. */
const lastPurge = new WeakMap<AppDeps, number>();

/** Purges expired sessions unless this server did so within the last minute (expired rows are refused anyway). */
async function purgeExpiredSessionsNow(deps: AppDeps, db: Kysely<Database>): Promise<void> {
  const now = deps.config.now().getTime();
  const last = lastPurge.get(deps);
  if (last !== undefined && now - last < 60_000 && now >= last) return;
  lastPurge.set(deps, now);
  await purgeExpiredSessions(deps, db);
}

export async function purgeExpiredSessions(deps: AppDeps, db = deps.store.db): Promise<void> {
  await db.deleteFrom('web_session').where('expires_at', '<=', deps.config.now().toISOString()).execute();
}

/**
 * Changes the session's data (read-modify-write of the row), creating a visitor session if needed.
 * `db`: a transaction to write in (default: the store).
 */
export async function updateSessionData(
  c: AppContext,
  change: (data: SessionData) => SessionData,
  db: Kysely<Database> = c.get('deps').store.db,
): Promise<Session> {
  // a visitor without a session: one row with the data, not an insert and an update
  if (!c.get('session')) return insertSession(c, null, change({}), db);
  const session = c.get('session')!;
  session.data = change({ ...session.data });
  await db
    .updateTable('web_session')
    .set({ data: JSON.stringify(session.data) })
    .where('id_hash', '=', session.idHash)
    .execute();
  return session;
}

/** A message shown once on the next page (after a redirect). */
export async function addFlash(c: AppContext, text: string, kind: Flash['kind'] = 'success'): Promise<void> {
  await updateSessionData(c, (d) => ({ ...d, flash: [...(d.flash ?? []), { kind, text }] }));
}

/** Takes the pending flash messages (the page that shows them calls this). */
export async function takeFlash(c: AppContext): Promise<Flash[]> {
  const session = c.get('session');
  const flash = session?.data.flash ?? [];
  if (!flash.length) return [];
  await updateSessionData(c, ({ flash: _, ...rest }) => rest);
  return flash;
}

/** Lets this session see a case (after its number and query code were given, or it was submitted). */
/** `db`: a transaction to write in (the portal grants access in the transaction that files the case). */
export async function grantCaseAccess(
  c: AppContext,
  caseId: number,
  opts: { receipt?: boolean } = {},
  db?: Kysely<Database>,
) {
  await updateSessionData(
    c,
    (d) => {
      const cases = [caseId, ...(d.cases ?? []).filter((x) => x !== caseId)].slice(0, 20);
      return { ...d, cases, ...(opts.receipt ? { receipt: caseId } : {}) };
    },
    db,
  );
}

export function hasCaseAccess(c: AppContext, caseId: number): boolean {
  return c.get('session')?.data.cases?.includes(caseId) ?? false;
}

/** Forgets every case this session had access to. */
export async function dropCaseAccess(c: AppContext): Promise<void> {
  if (!c.get('session')) return;
  await updateSessionData(c, ({ cases: _, receipt: __, ...rest }) => rest);
}
