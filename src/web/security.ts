/**
 * Security headers and CSRF protection for every route.
 *
 * Headers: a Content-Security-Policy with no inline script (scripts only from this site, none of
 * them needed for any task), no framing (frame-ancestors 'none' and X-Frame-Options DENY), nosniff,
 * a same-origin referrer policy, no caching of pages that may show personal data, HSTS over HTTPS.
 *
 * CSRF: every POST (and PUT/PATCH/DELETE) must
 *   1. come from this site: a cross-site `Origin` or `Sec-Fetch-Site: cross-site` is refused;
 *   2. carry the token in the form field `_csrf` (or the `X-CSRF-Token` header): the session's
 *      token (stored with the session in the database), or — for visitors without a staff
 *      session — the double-submit cookie `gk_csrf` that the form page set.
 * Bodies are size-limited before they are parsed (uploads on UPLOAD_PATHS get more room).
 *
 * The JSON API (/api/…) takes no forms: its unsafe requests must have a JSON body (415 otherwise),
 * which a cross-site page cannot send without a CORS preflight (never granted here); with a staff
 * session, the session's token must also come in the `X-CSRF-Token` header (a form field or the
 * visitors' cookie token does not count there). Origin and size checks are the same as for forms.
 */
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import type { AppContext, AppEnv } from './context.ts';
import { formBody, requestHost } from './http.ts';
import { newToken } from './session.ts';

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_COOKIE = 'gk_csrf';

/** The policy of every page: no inline script, nothing from other sites. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The CSP with extra sources for one response (e.g. a style hash of a self-contained page). */
export function cspWith(extra: { style?: string[] }): string {
  return CSP.replace("style-src 'self'", `style-src 'self' ${(extra.style ?? []).join(' ')}`.trim());
}

/** Sets the security headers on every response (keeps a route's own CSP and Cache-Control). */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    if (!h.has('Content-Security-Policy')) h.set('Content-Security-Policy', CSP);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('X-Frame-Options', 'DENY');
    h.set('Referrer-Policy', 'same-origin');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Cross-Origin-Resource-Policy', 'same-origin');
    h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    if (!h.has('Cache-Control')) h.set('Cache-Control', 'no-store');
    if (c.get('deps').config.secureCookies)
      h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  };
}

const csrfCookieName = (c: AppContext) =>
  c.get('deps').config.secureCookies ? `__Host-${CSRF_COOKIE}` : CSRF_COOKIE;

/**
 * The CSRF token for a form on this page: the session's, or for a visitor without a session the
 * double-submit cookie's (set now when missing). Call it in the handler, before rendering.
 */
export function csrfToken(c: AppContext): string {
  const session = c.get('session');
  if (session) return session.csrfToken;
  const name = csrfCookieName(c);
  let token = getCookie(c, name);
  if (!token || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) {
    token = newToken();
    setCookie(c, name, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: c.get('deps').config.secureCookies,
    });
  }
  return token;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Paths whose POST bodies may carry uploads (multipart), with the larger body limit. */
export const UPLOAD_PATHS: RegExp[] = [
  /^\/agencies\/\d+\/apply$/,
  /^\/status\/cases\/\d+\/correction$/,
  /^\/console\/disclosure\/(?:new|\d+\/edit)$/,
];

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Refusal page text; the app's error handler renders it. */
export class ForbiddenError extends HTTPException {
  constructor(message: string) {
    super(403, { message });
  }
}

export class PayloadTooLargeError extends HTTPException {
  constructor(message: string) {
    super(413, { message });
  }
}

const FORM_EXPIRED = '表单已过期或来源无法确认，请返回上一页，刷新后重新提交。';

/** Body limit, Origin check and token check on every unsafe request. */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!UNSAFE.has(c.req.method)) return next();
    const deps = c.get('deps');

    // 1. size, before anything reads the body
    const upload = UPLOAD_PATHS.some((p) => p.test(c.req.path));
    const max = upload
      ? deps.config.uploads.maxFileBytes * deps.config.uploads.maxFiles + 1024 * 1024
      : 1024 * 1024;
    const tooLarge = () =>
      new PayloadTooLargeError(
        upload
          ? `提交的内容过大：每个附件不超过${Math.round(deps.config.uploads.maxFileBytes / 1048576)}MB，最多${deps.config.uploads.maxFiles}个。`
          : '提交的内容过大。',
      );
    const declared = c.req.header('content-length');
    if (Number(declared ?? '0') > max) throw tooLarge();
    // (the header first: asking for `raw.body` makes the Node adapter build a web stream)
    if (declared === undefined && c.req.raw.body) {
      const buf = new Uint8Array(await c.req.raw.arrayBuffer());
      if (buf.byteLength > max) throw tooLarge();
      c.req.raw = new Request(c.req.raw, { body: buf });
    }

    // 2. same origin
    const origin = c.req.header('origin');
    if (origin && origin !== 'null') {
      let host = '';
      try {
        host = new URL(origin).host;
      } catch {
        host = '';
      }
      if (host !== requestHost(c)) throw new ForbiddenError(FORM_EXPIRED);
    } else if (origin === 'null' || c.req.header('sec-fetch-site') === 'cross-site') {
      throw new ForbiddenError(FORM_EXPIRED);
    }

    // 3. token
    const type = c.req.header('content-type') ?? '';
    const session = c.get('session');
    if (c.req.path.startsWith('/api/')) {
      // JSON API: the body must be JSON (a cross-site page cannot send JSON without a CORS preflight,
      // which this server never grants), and a staff session's token must come in X-CSRF-Token
      if (!/^application\/json\s*(;|$)/i.test(type))
        throw new HTTPException(415, { message: '请求正文须为JSON（Content-Type: application/json）。' });
      if (c.get('user') !== null) {
        const sent = c.req.header(CSRF_HEADER) ?? '';
        if (!(session && sent !== '' && same(sent, session.csrfToken)))
          throw new ForbiddenError(
            '缺少或者无效的CSRF令牌：请在请求头 X-CSRF-Token 中携带 GET /api/session 返回的令牌。',
          );
      }
      return next();
    }
    let sent = c.req.header(CSRF_HEADER) ?? '';
    if (
      !sent &&
      (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data'))
    ) {
      const body = await formBody(c);
      const v = body[CSRF_FIELD];
      sent = typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
    }
    const cookie = getCookie(c, csrfCookieName(c));
    const ok =
      sent !== '' &&
      ((session !== null && same(sent, session.csrfToken)) ||
        // visitors (no staff session) may use the double-submit cookie set by the form page
        (c.get('user') === null && cookie !== undefined && same(sent, cookie)));
    if (!ok) throw new ForbiddenError(FORM_EXPIRED);
    await next();
  };
}
