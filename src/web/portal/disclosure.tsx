/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The public 政府信息公开 column (主动公开): the guide, the column page of an agency, its categories,
 * the 政策文件库, item pages, the 政府信息公开目录, search, the Atom feed and the sitemap. Every page
 * reads only the public projection (store/disclosurePublic.ts, store/disclosureSearch.ts): nothing
 * that has not passed the whole review chain and been published can appear.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { guideRoute } from './disclosureGuide.tsx';

export function disclosureRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/agencies/:agencyId/guide', guideRoute);
  return app;
}
