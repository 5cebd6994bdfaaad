/**
 * The web application: `createApp({ store, calendar, config })` returns a Hono app (tests call
 * `app.request()`; `gongkai serve` hands `app.fetch` to @hono/node-server).
 *
 * Middleware order: dependencies → security headers (on every response, errors included) → static
 * assets and /healthz (no session) → page renderer → session → CSRF (body limit, Origin, token) →
 * routes. Errors become Chinese pages with the right status.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { sql } from 'kysely';
import type { WorkingCalendar } from '../calendar/types.ts';
import type { Store } from '../store/db.ts';
import { apiErrorResponse, apiNotFound, isApiPath } from './api/http.ts';
import { apiRoutes } from './api/index.ts';
import { ASSETS } from './assets.ts';
import { authRoutes } from './auth-routes.tsx';
import { disclosureConsoleRoutes } from './console/disclosure.tsx';
import { consoleRoutes } from './console/index.tsx';
import { reportRoutes } from './console/reports.tsx';
import { type AppDeps, type AppEnv, resolveConfig, type WebConfig } from './context.ts';
import { errorPage } from './errors.tsx';
import { layout } from './layout.tsx';
import { agencyRoutes } from './portal/agency.tsx';
import { applyRoutes } from './portal/apply.tsx';
import { disclosureRoutes } from './portal/disclosure.tsx';
import { statusRoutes } from './portal/status.tsx';
import { csrfProtection, securityHeaders } from './security.ts';
import { sessionMiddleware } from './session.ts';

export interface CreateAppOptions {
  store: Store;
  calendar: WorkingCalendar;
  config: WebConfig;
}

export function createApp(opts: CreateAppOptions): Hono<AppEnv> {
  const deps: AppDeps = { store: opts.store, calendar: opts.calendar, config: resolveConfig(opts.config) };
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('session', null);
    c.set('user', null);
    await next();
  });
  app.use('*', securityHeaders());

  for (const [path, asset] of Object.entries(ASSETS))
    app.get(path, (c) =>
      c.body(asset.body, 200, {
        'Content-Type': asset.type,
        'Cache-Control': 'public, max-age=31536000, immutable',
      }),
    );
  app.get('/favicon.ico', (c) => c.body(null, 204, { 'Cache-Control': 'public, max-age=86400' }));

  /** Ready when the database answers. */
  app.get('/healthz', async (c) => {
    try {
      await sql`select 1`.execute(deps.store.db);
      return c.json({ status: 'ok' });
    } catch {
      return c.json({ status: 'unavailable' }, 503);
    }
  });

  app.use('*', layout());
  app.use('*', sessionMiddleware());
  app.use('*', csrfProtection());

  app.route('/', agencyRoutes());
  app.route('/', disclosureRoutes());
  app.route('/', applyRoutes());
  app.route('/', statusRoutes());
  app.route('/', authRoutes());
  app.route('/console/disclosure', disclosureConsoleRoutes());
  app.route('/console/reports', reportRoutes());
  app.route('/console', consoleRoutes());
  app.route('/api', apiRoutes().app);

  app.notFound((c) =>
    isApiPath(c.req.path)
      ? apiNotFound(c)
      : errorPage(c, 404, '页面不存在', '您要找的页面不存在，或者您无权查看。'),
  );
  app.onError((err, c) => {
    if (isApiPath(c.req.path)) return apiErrorResponse(c, err);
    if (err instanceof HTTPException) {
      const status = err.status;
      const titles: Record<number, string> = {
        400: '请求无效',
        401: '需要登录',
        403: '无法完成操作',
        404: '页面不存在',
        409: '无法完成操作',
        413: '提交的内容过大',
        429: '操作过于频繁',
      };
      return errorPage(
        c,
        status,
        titles[status] ?? '出错了',
        err.message || titles[status] || '请求无法完成。',
      );
    }
    console.error(err);
    return errorPage(
      c,
      500,
      '服务器内部错误',
      '服务器暂时无法完成您的请求，请稍后再试。您提交的内容如未显示成功，可以重新提交。',
    );
  });

  return app;
}
