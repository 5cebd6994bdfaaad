/**
 * The JSON API, mounted at /api (src/web/app.ts). Every route is declared once with its zod
 * schemas (src/web/api/openapi.ts) and described in the OpenAPI 3.1 document at
 * GET /api/openapi.json. Requests are checked by the same code as the pages.
 *
 * Security: the app's middleware applies as for the pages (sessions, security headers, body limit,
 * Origin check). For unsafe methods under /api the CSRF rule is (src/web/security.ts): the body must
 * be JSON — a cross-site page cannot send JSON without a CORS preflight, which this server never
 * grants — and a request with a staff session must carry the session's token in `X-CSRF-Token`
 * (GET /api/session returns it). Errors are JSON: `{ "error": "中文消息" }`.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context.ts';
import { apiErrorResponse, apiNotFound } from './http.ts';
import { ApiRegistry, type ApiRouteDef, named, openApiDocument } from './openapi.ts';
import { publicApiRoutes } from './public.ts';
import { staffApiRoutes } from './staff.ts';

const OpenApiDocumentSchema = named(
  'OpenApiDocument',
  z.record(z.string(), z.unknown()).describe('本文档（OpenAPI 3.1）'),
);

const INFO = {
  title: 'gongkai 政府信息公开平台 API',
  version: '1',
  description:
    '依申请公开（提交申请、查询办理进度）、已发布的主动公开信息、机关列表（无需账号），以及工作人员的待办申请、案件、办理事项和年度报告编制（须先在 /login 登录）。' +
    '所有请求和返回都是JSON；错误返回 {"error": "中文消息"}，输入错误返回 {"errors": [{"field", "message"}]}（400）。' +
    '工作人员的POST请求须携带请求头 X-CSRF-Token（GET /api/session 返回）。提交申请的接口不接收附件，附件请通过网上申请表单上传。',
};

/** The API's routes (for the app and for tests: `routes` lists what is served). */
export function apiRoutes(): { app: Hono<AppEnv>; routes: ApiRouteDef[] } {
  const app = new Hono<AppEnv>();
  const api = new ApiRegistry(app);
  app.onError((err, c) => apiErrorResponse(c, err));
  app.notFound(apiNotFound);

  let doc: Record<string, unknown> | null = null;
  api.add(
    {
      method: 'get',
      path: '/api/openapi.json',
      operationId: 'getOpenApiDocument',
      summary: '本API的OpenAPI 3.1描述',
      tags: ['机关'],
      responses: { 200: { description: 'OpenAPI文档', schema: OpenApiDocumentSchema } },
    },
    (c) => {
      doc ??= openApiDocument(api.routes, INFO);
      c.header('Cache-Control', 'public, max-age=300');
      return c.json(doc);
    },
  );
  publicApiRoutes(api);
  staffApiRoutes(api, app);
  return { app, routes: api.routes };
}
