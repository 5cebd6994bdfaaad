/**
 * Machine-readable views of the public column: an Atom 1.0 feed per agency (the newest published
 * items) and the sitemap (sitemaps.org 0.9) of every public page, every published item included.
 * A sitemap holds at most 50,000 URLs: beyond that /sitemap.xml is a sitemap index pointing to
 * /sitemaps/pages.xml and /sitemaps/items-N.xml. URLs are absolute: from the `baseUrl` option, or
 * from the request. Only the public projection is read, so nothing unpublished is listed.
 */
import { sql } from 'kysely';
import { CATEGORIES } from '../../disclosure/categories.ts';
import type { Store } from '../../store/db.ts';
import { catalogue } from '../../store/disclosurePublic.ts';
import { getAgency } from '../agencies.ts';
import type { AppContext } from '../context.ts';
import { NotFoundError } from '../guard.ts';
import { requestHost } from '../http.ts';

/** sitemaps.org: at most 50,000 URLs per file. */
export const SITEMAP_MAX_URLS = 50_000;
/** Entries in an agency's feed. */
export const FEED_ENTRIES = 50;

const itemPath = (agencyId: number, id: number) => `/agencies/${agencyId}/disclosure/items/${id}`;

// biome-ignore lint/suspicious/noControlCharactersInRegex: characters XML 1.0 cannot hold
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text for XML element content and attribute values. */
export const xmlText = (s: string) =>
  s
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

/** The site's absolute base URL (no trailing slash). */
export function baseUrlOf(c: AppContext): string {
  const deps = c.get('deps');
  if (deps.config.baseUrl) return deps.config.baseUrl;
  let proto = new URL(c.req.url).protocol.replace(':', '');
  if (deps.config.trustProxy) {
    const fwd = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
    if (fwd === 'http' || fwd === 'https') proto = fwd;
  } else if (deps.config.secureCookies) proto = 'https';
  const host = requestHost(c).replace(/[^A-Za-z0-9.:[\]-]/g, '');
  return `${proto}://${host}`;
}

/** A date of the Beijing calendar as an RFC 3339 time (midnight in Beijing). */
const rfc3339 = (date: string) => `${date}T00:00:00+08:00`;

// ---------------------------------------------------------------------------------------------
// Atom

export interface FeedEntry {
  id: number;
  agencyId: number;
  title: string;
  summary: string;
  publishedOn: string;
  documentNumber: string | null;
  indexNumber: string;
  categoryLabel: string;
  issuer: string;
}

export function atomFeed(
  agency: { id: number; name: string },
  entries: FeedEntry[],
  base: string,
  now: Date,
): string {
  const self = `${base}/agencies/${agency.id}/feed.atom`;
  const updated = entries[0] ? rfc3339(entries[0].publishedOn) : now.toISOString().replace(/\.\d+Z$/, 'Z');
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>${xmlText(self)}</id>`,
    `  <title>${xmlText(`${agency.name}政府信息公开`)}</title>`,
    `  <subtitle>${xmlText(`${agency.name}最新主动公开的政府信息`)}</subtitle>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(`${base}/agencies/${agency.id}/disclosure`)}"/>`,
    `  <author><name>${xmlText(agency.name)}</name></author>`,
  ];
  for (const e of entries) {
    const url = `${base}${itemPath(e.agencyId, e.id)}`;
    const summary = [e.documentNumber, `索引号：${e.indexNumber}`, e.summary].filter(Boolean).join('　');
    out.push(
      '  <entry>',
      `    <id>${xmlText(url)}</id>`,
      `    <title type="text">${xmlText(e.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(url)}"/>`,
      `    <published>${rfc3339(e.publishedOn)}</published>`,
      `    <updated>${rfc3339(e.publishedOn)}</updated>`,
      `    <author><name>${xmlText(e.issuer)}</name></author>`,
      `    <category term="${xmlText(e.categoryLabel)}"/>`,
      `    <summary type="text">${xmlText(summary)}</summary>`,
      '  </entry>',
    );
  }
  out.push('</feed>', '');
  return out.join('\n');
}

export async function feedRoute(c: AppContext) {
  const deps = c.get('deps');
  const p = c.req.param('agencyId') ?? '';
  const agency = /^\d{1,12}$/.test(p) ? await getAgency(deps.store.db, Number(p)) : null;
  if (!agency) throw new NotFoundError('没有找到这个机关。');
  const r = await catalogue(deps.store, { agencyId: agency.id, pageSize: FEED_ENTRIES });
  const xml = atomFeed(agency, r.items, baseUrlOf(c), deps.config.now());
  return c.body(xml, 200, {
    'Content-Type': 'application/atom+xml; charset=utf-8',
    'Cache-Control': 'public, max-age=300',
  });
}

// ---------------------------------------------------------------------------------------------
// Sitemap

interface SitemapUrl {
  path: string;
  lastmod?: string;
}

/** The public pages that are not items: home, search, library, and each agency's pages. */
async function pageUrls(store: Store): Promise<SitemapUrl[]> {
  const [agencies, cats, latest] = await Promise.all([
    store.db.selectFrom('agency').select('id').orderBy('id').execute(),
    store.db
      .selectFrom('disclosure_public')
      .select((eb) => ['agency_id', 'category', eb.fn.max('published_on').as('last')])
      .groupBy(['agency_id', 'category'])
      .execute(),
    store.db
      .selectFrom('disclosure_public')
      .select((eb) => ['agency_id', eb.fn.max('published_on').as('last')])
      .groupBy('agency_id')
      .execute(),
  ]);
  const lastOf = new Map(latest.map((r) => [Number(r.agency_id), String(r.last)]));
  const urls: SitemapUrl[] = [{ path: '/' }, { path: '/search' }, { path: '/policies' }, { path: '/status' }];
  for (const { id: raw } of agencies) {
    const id = Number(raw);
    const last = lastOf.get(id);
    urls.push(
      { path: `/agencies/${id}` },
      { path: `/agencies/${id}/disclosure`, lastmod: last },
      { path: `/agencies/${id}/guide` },
      { path: `/agencies/${id}/catalogue`, lastmod: last },
      { path: `/agencies/${id}/policies` },
      { path: `/agencies/${id}/apply` },
      { path: `/agencies/${id}/reports` },
    );
    for (const k of cats)
      if (Number(k.agency_id) === id && CATEGORIES[k.category])
        urls.push({ path: `/agencies/${id}/disclosure/category/${k.category}`, lastmod: String(k.last) });
  }
  return urls;
}

async function itemUrls(store: Store, limit: number, offset: number): Promise<SitemapUrl[]> {
  const rows = await store.db
    .selectFrom('disclosure_public')
    .select(['id', 'agency_id', 'published_on'])
    .orderBy('sort_key')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({ path: itemPath(Number(r.agency_id), Number(r.id)), lastmod: r.published_on }));
}

async function itemCount(store: Store): Promise<number> {
  const r = await store.db
    .selectFrom('disclosure_public')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const urlset = (base: string, urls: SitemapUrl[]) =>
  [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls.map(
      (u) =>
        `<url><loc>${xmlText(base + u.path)}</loc>${u.lastmod ? `<lastmod>${xmlText(u.lastmod)}</lastmod>` : ''}</url>`,
    ),
    '</urlset>',
    '',
  ].join('\n');

/**
 * /sitemap.xml: every URL in one file when they fit in `maxUrls`, else a sitemap index of
 * /sitemaps/pages.xml and /sitemaps/items-1.xml … (each at most `maxUrls` URLs).
 */
export async function sitemap(store: Store, base: string, maxUrls = SITEMAP_MAX_URLS): Promise<string> {
  const [pages, n] = await Promise.all([pageUrls(store), itemCount(store)]);
  if (pages.length + n <= maxUrls) return urlset(base, [...pages, ...(await itemUrls(store, n, 0))]);
  const parts = ['pages.xml'];
  for (let k = 1; k <= Math.ceil(n / maxUrls); k++) parts.push(`items-${k}.xml`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...parts.map((p) => `<sitemap><loc>${xmlText(`${base}/sitemaps/${p}`)}</loc></sitemap>`),
    '</sitemapindex>',
    '',
  ].join('\n');
}

/** One file of the sitemap index ('pages.xml', 'items-N.xml'); null when there is no such file. */
export async function sitemapPart(
  store: Store,
  base: string,
  name: string,
  maxUrls = SITEMAP_MAX_URLS,
): Promise<string | null> {
  if (name === 'pages.xml') return urlset(base, (await pageUrls(store)).slice(0, maxUrls));
  const m = /^items-([1-9]\d{0,5})\.xml$/.exec(name);
  if (!m) return null;
  const k = Number(m[1]);
  const n = await itemCount(store);
  if ((k - 1) * maxUrls >= n) return null;
  return urlset(base, await itemUrls(store, maxUrls, (k - 1) * maxUrls));
}

const XML_HEADERS = {
  'Content-Type': 'application/xml; charset=utf-8',
  'Cache-Control': 'public, max-age=600',
};

export async function sitemapRoute(c: AppContext) {
  return c.body(await sitemap(c.get('deps').store, baseUrlOf(c)), 200, XML_HEADERS);
}

export async function sitemapIndexRoute(c: AppContext) {
  const xml = await sitemapPart(c.get('deps').store, baseUrlOf(c), c.req.param('name') ?? '');
  if (xml === null) throw new NotFoundError('没有这个网站地图文件。');
  return c.body(xml, 200, XML_HEADERS);
}
