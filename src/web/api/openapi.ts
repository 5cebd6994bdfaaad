/**
 * The API's routes are declared once (`ApiRouteDef`: method, path, parameters, body and responses as
 * zod schemas) and both registered on Hono and described in the OpenAPI 3.1 document from the same
 * declaration, so nothing is served under /api that the document does not describe.
 *
 * Bodies and responses are named zod schemas (a zod registry → `components.schemas`, JSON Schema
 * 2020-12, which is OpenAPI 3.1's dialect, via `z.toJSONSchema`); query and path parameters are
 * objects of scalars, one OpenAPI parameter per property.
 */
import type { Handler, Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context.ts';
import { SESSION_COOKIE } from '../session.ts';

/** The registry of the document's named schemas (`components.schemas`). */
export const apiSchemas = z.registry<{ id: string }>();

/** A named schema: registered under `id`, referenced as `#/components/schemas/<id>`. */
export function named<T extends z.ZodType>(id: string, schema: T): T {
  apiSchemas.add(schema, { id });
  return schema;
}

export interface ApiResponseDef {
  description: string;
  /** A named schema (see `named`). */
  schema?: z.ZodType;
  headers?: Record<string, { description: string; schema: Record<string, unknown> }>;
}

export interface ApiRouteDef {
  method: 'get' | 'post';
  /** OpenAPI form, under /api: '/api/cases/{id}'. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** Staff routes need the session cookie from /login (and X-CSRF-Token on POST). */
  staff?: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** A named schema. */
  body?: z.ZodType;
  responses: Record<number, ApiResponseDef>;
}

/** The routes declared so far, in order (the document lists them in this order). */
export class ApiRegistry {
  readonly routes: ApiRouteDef[] = [];

  constructor(private readonly app: Hono<AppEnv>) {}

  /** Registers the handler on the app (path relative to /api) and the route in the document. */
  add(def: ApiRouteDef, handler: Handler<AppEnv>): void {
    if (!def.path.startsWith('/api/')) throw new Error(`API path must start with /api/: ${def.path}`);
    this.routes.push(def);
    const honoPath = def.path.slice('/api'.length).replace(/\{(\w+)\}/g, ':$1');
    this.app.on(def.method.toUpperCase(), honoPath, handler);
  }
}

type Json = Record<string, unknown>;

/** Removes what each component does not need inside the document ($schema, $id). */
function cleanComponent(s: Json): Json {
  const { $schema: _s, $id: _i, ...rest } = s;
  return rest;
}

function scalarSchema(s: z.ZodType): Json {
  const { $schema: _s, ...rest } = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
}

function parameters(where: 'path' | 'query', obj: z.ZodObject | undefined): Json[] {
  if (!obj) return [];
  return Object.entries(obj.shape).map(([name, s]) => {
    const schema = s as z.ZodType;
    const json = scalarSchema(schema);
    const { description, ...rest } = json;
    return {
      name,
      in: where,
      required: where === 'path' || !schema.safeParse(undefined).success,
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

function schemaRef(s: z.ZodType): Json {
  const meta = apiSchemas.get(s);
  if (!meta) throw new Error('API bodies and responses must be named schemas (see named())');
  return { $ref: `#/components/schemas/${meta.id}` };
}

export interface DocumentInfo {
  title: string;
  version: string;
  description: string;
}

/** The OpenAPI 3.1 document of the declared routes. */
export function openApiDocument(routes: ApiRouteDef[], info: DocumentInfo): Json {
  const { schemas } = z.toJSONSchema(apiSchemas, {
    uri: (id) => `#/components/schemas/${id}`,
    io: 'output',
    unrepresentable: 'any',
  }) as { schemas: Record<string, Json> };
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) {
    const responses: Record<string, Json> = {};
    for (const [status, res] of Object.entries(r.responses)) {
      responses[status] = {
        description: res.description,
        ...(res.headers
          ? {
              headers: Object.fromEntries(
                Object.entries(res.headers).map(([k, h]) => [
                  k,
                  { description: h.description, schema: h.schema },
                ]),
              ),
            }
          : {}),
        ...(res.schema ? { content: { 'application/json': { schema: schemaRef(res.schema) } } } : {}),
      };
    }
    const params = [...parameters('path', r.params), ...parameters('query', r.query)];
    const op: Json = {
      operationId: r.operationId,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: r.tags,
      ...(params.length ? { parameters: params } : {}),
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: schemaRef(r.body) } } } }
        : {}),
      ...(r.staff
        ? { security: r.method === 'get' ? [{ session: [] }] : [{ session: [], csrf: [] }] }
        : { security: [] }),
      responses,
    };
    paths[r.path] ??= {};
    paths[r.path]![r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    tags: [
      { name: '依申请公开', description: '公众提交申请、查询办理进度（无需账号）' },
      { name: '主动公开', description: '已发布的主动公开信息（只含经全部审核并发布的信息）' },
      { name: '机关', description: '机关列表' },
      { name: '工作人员', description: '工作人员接口：须先在 /login 登录（会话Cookie）' },
    ],
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).map(([k, v]) => [k, cleanComponent(v)])),
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: `工作人员在 /login 登录后得到的会话Cookie（HTTPS部署时名为 __Host-${SESSION_COOKIE}）。`,
        },
        csrf: {
          type: 'apiKey',
          in: 'header',
          name: 'X-CSRF-Token',
          description: '会话的CSRF令牌（GET /api/session 返回 csrfToken）：工作人员的每个POST请求都须携带。',
        },
      },
    },
  };
}
