/**
 * Access rules for staff routes. Every staff route runs behind `requireStaff()`; every route that
 * touches an agency's data checks `scopeToAgency(user, agencyId)` (or `requireAgency`), and every
 * query over many agencies filters with `agencyFilter(user)`. A clerk of agency A never sees agency
 * B's data: out-of-scope records answer 404, exactly like records that do not exist.
 */
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Role } from '../store/agencies.ts';
import type { AppContext, AppEnv, SessionUser } from './context.ts';
import { safeLocalPath } from './http.ts';

export class NotFoundError extends HTTPException {
  constructor(message = '您要找的页面不存在，或者您无权查看。') {
    super(404, { message });
  }
}

export class UnauthorizedRoleError extends HTTPException {
  constructor(message = '您的角色无权进行此项操作。') {
    super(403, { message });
  }
}

/**
 * Staff only: without a staff session a GET goes to the login page (and comes back afterwards),
 * anything else is refused; with `roles`, other roles are refused (403).
 */
export function requireStaff(roles?: readonly Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (!user) {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') {
        const url = new URL(c.req.url);
        const back = safeLocalPath(url.pathname + url.search) ?? '/';
        return c.redirect(`/login?next=${encodeURIComponent(back)}`, 303);
      }
      throw new HTTPException(401, { message: '请先登录。' });
    }
    if (roles && !roles.includes(user.role)) throw new UnauthorizedRoleError();
    await next();
  };
}

/** The signed-in staff user (throws 401 when there is none: use behind requireStaff). */
export function staffUser(c: AppContext): SessionUser {
  const user = c.get('user');
  if (!user) throw new HTTPException(401, { message: '请先登录。' });
  return user;
}

/** Whether the user may see the data of an agency. */
export function scopeToAgency(user: SessionUser, agencyId: number): boolean {
  return user.scope === 'all' || user.scope.includes(Number(agencyId));
}

/** Whether the user may record events on the agency's cases (supervisors only read). */
export function canActForAgency(user: SessionUser, agencyId: number): boolean {
  return user.role !== 'supervisor' && scopeToAgency(user, agencyId);
}

/** Throws 404 unless the user may see the agency's data. */
export function requireAgency(c: AppContext, agencyId: number): SessionUser {
  const user = staffUser(c);
  if (!scopeToAgency(user, agencyId)) throw new NotFoundError();
  return user;
}

/** For queries: null (no restriction, admin) or the agency ids to filter `agency_id in (…)` by. */
export function agencyFilter(user: SessionUser): number[] | null {
  return user.scope === 'all' ? null : user.scope;
}
