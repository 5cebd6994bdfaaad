/** Small request/response helpers shared by the portal and the console. */
import type { AppContext } from './context.ts';

/** POST-redirect-GET: a 303 to a path of this site. */
export function seeOther(c: AppContext, path: string): Response {
  return c.redirect(safeLocalPath(path) ?? '/', 303);
}

/** A path on this site ('/x?y'), or null for anything that could leave it ('//evil', 'https:', '\\'). */
export function safeLocalPath(path: string | undefined | null): string | null {
  if (!path || typeof path !== 'string') return null;
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return null;
  for (const ch of path) if (ch.charCodeAt(0) < 0x20 || ch === '\\') return null;
  return path;
}

export type FormValue = string | File;
export type FormBody = Record<string, FormValue | FormValue[]>;

/**
 * The parsed form body (urlencoded or multipart), every field as sent; repeated fields are arrays.
 * Always use this (not `c.req.parseBody()` with other options): the CSRF check parsed it already.
 */
export function formBody(c: AppContext): Promise<FormBody> {
  let parsed = parsedForms.get(c.req);
  if (!parsed) {
    parsed = parseForm(c);
    parsedForms.set(c.req, parsed);
  }
  return parsed;
}

const parsedForms = new WeakMap<object, Promise<FormBody>>();
const utf8 = new TextDecoder();

/**
 * Urlencoded bodies (every form without a file field) are decoded here from the raw bytes — the
 * same decoding as the WHATWG FormData parser (UTF-8, '+' as space), without building a Response
 * and a FormData for them; multipart bodies go through Hono's parser.
 */
async function parseForm(c: AppContext): Promise<FormBody> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type))
    return (await c.req.parseBody({ all: true })) as FormBody;
  const body: FormBody = Object.create(null);
  for (const [name, value] of new URLSearchParams(utf8.decode(await c.req.arrayBuffer()))) {
    const had = body[name];
    if (had === undefined) body[name] = value;
    else if (Array.isArray(had)) had.push(value);
    else body[name] = [had, value];
  }
  return body;
}

/** A text field ('' when absent; the first value when repeated; files are ignored). */
export function text(body: FormBody, name: string): string {
  const v = body[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : '';
}

/** The non-empty files of a file field. */
export function files(body: FormBody, name: string): File[] {
  const v = body[name];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((f): f is File => typeof f !== 'string' && f.size > 0);
}

/** The client's address: the socket's, or the last X-Forwarded-For hop when behind a trusted proxy. */
export function clientIp(c: AppContext): string {
  const deps = c.get('deps');
  if (deps.config.trustProxy) {
    const fwd = c.req.header('x-forwarded-for');
    const last = fwd
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .pop();
    if (last) return last;
  }
  return c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** The host the browser addressed (for the Origin check). */
export function requestHost(c: AppContext): string {
  const deps = c.get('deps');
  if (deps.config.trustProxy) {
    const fwd = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
    if (fwd) return fwd;
  }
  return c.req.header('host') ?? new URL(c.req.url).host;
}

/** `Content-Disposition: attachment` with a UTF-8 file name (RFC 6266/5987) and an ASCII fallback. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
