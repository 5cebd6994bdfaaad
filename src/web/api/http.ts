/**
 * JSON plumbing of the API: every error under /api is `{ "error": "中文消息" }` with its status
 * (never an HTML page), input errors are `{ "errors": [{ "field", "message" }] }` (400), and staff
 * routes answer 401/403/404 in JSON instead of redirecting to the login page.
 */
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Role } from '../../store/agencies.ts';
import type { AppContext, AppEnv } from '../context.ts';
import type { FieldErrors } from '../forms.tsx';
import { UnauthorizedRoleError } from '../guard.ts';

export const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

const DEFAULT_MESSAGES: Record<number, string> = {
  400: '请求无效。',
  401: '请先登录。',
  403: '无权进行此项操作。',
  404: '您要找的资源不存在，或者您无权查看。',
  409: '无法完成操作。',
  413: '提交的内容过大。',
  415: '请求正文须为JSON（Content-Type: application/json）。',
  429: '操作过于频繁，请稍后再试。',
  500: '服务器暂时无法完成您的请求，请稍后再试。',
};

/** An error answered as `{ error }` (with `rule` when a case rule refused an event). */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    message: string,
    public readonly rule?: string,
  ) {
    super(status, { message });
  }
}

/** The JSON answer of any error under /api. */
export function apiErrorResponse(c: AppContext, err: unknown): Response {
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const message = err.message || DEFAULT_MESSAGES[status] || '请求无法完成。';
    const retry = err.res?.headers.get('Retry-After');
    if (retry) c.header('Retry-After', retry);
    return c.json(
      { error: message, ...(err instanceof ApiError && err.rule ? { rule: err.rule } : {}) },
      status,
    );
  }
  console.error(err);
  return c.json({ error: DEFAULT_MESSAGES[500]! }, 500);
}

export const apiNotFound = (c: AppContext) => c.json({ error: DEFAULT_MESSAGES[404]! }, 404);

/** 400 with the field errors (FieldErrors of the form helpers, flattened in order). */
export function validationErrors(c: AppContext, errors: FieldErrors): Response {
  const list = Object.entries(errors).flatMap(([field, messages]) =>
    messages.map((message) => ({ field, message })),
  );
  return c.json({ errors: list }, 400);
}

/** Staff only, in JSON: no session → 401; a role outside `roles` → 403. */
export function apiStaff(roles?: readonly Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (!user) throw new ApiError(401, '请先登录（/login），再携带会话Cookie访问此接口。');
    if (roles && !roles.includes(user.role)) throw new UnauthorizedRoleError();
    await next();
  };
}

/** The JSON body (an object), or a 400. */
export async function jsonObject(c: AppContext): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiError(400, '请求正文不是有效的JSON。');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApiError(400, '请求正文须为JSON对象。');
  return body as Record<string, unknown>;
}

/** A positive integer id from a path parameter, or a 404 (like a record that does not exist). */
export function idParam(c: AppContext, name: string): number {
  const p = c.req.param(name) ?? '';
  const id = /^\d{1,12}$/.test(p) ? Number(p) : Number.NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw new ApiError(404, DEFAULT_MESSAGES[404]!);
  return id;
}
