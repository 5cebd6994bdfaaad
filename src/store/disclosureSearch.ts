/**
 * Chinese full-text search over the published items (title, body, 文号), with the same results on
 * both databases:
 *   - terms are folded and split in JavaScript (src/disclosure/searchText.ts); every term must occur
 *     as a substring of the title, the 文号 or the body;
 *   - SQLite: FTS5 trigram (case-sensitive over folded text) for terms of 3+ characters, with a
 *     second small index over title and 文号 for the first group; 1–2-character terms (trigrams
 *     cannot match them) by LIKE over the same folded text (a scan);
 *   - PostgreSQL: LIKE over the folded text, served by pg_trgm GIN indexes for 3+ characters;
 *   - order: items whose title or 文号 holds every term first, then the others; within each group by
 *     发布日期 (newest first), then item id (the public row's sort_key) — deterministic, identical on
 *     both databases. The two groups are read as two queries ordered by sort_key, so a page never
 *     needs to sort every match (common terms stay fast);
 *   - the total is exact up to `maxTotal` (default 2,000; `totalCapped` says there are more: show
 *     “2000+”) and pages end there: counting every match of a term found in most items costs
 *     PostgreSQL a recheck of every such row;
 *   - snippets and highlighted titles are cut in JavaScript from the stored text (HTML-escaped,
 *     matches in <mark>…</mark>).
 * Only `disclosure_public` is read: drafts, items in review and withdrawn items are never found.
 */
import { type RawBuilder, sql } from 'kysely';
import { codePoints, highlight, queryTerms, snippet } from '../disclosure/searchText.ts';
import type { Store } from './db.ts';
import { agencyToken } from './disclosure.ts';
import { pageOf } from './disclosurePublic.ts';
import { assertPgSearchLocale, PG_HEAD_EXPR, PG_SEARCH_EXPR } from './migrations/disclosure.ts';

/**
 * Totals are exact up to this many results: counting every match of a term found in most items
 * costs PostgreSQL a recheck of each row (about 5 µs each), so the cap bounds the slowest searches.
 */
export const DEFAULT_MAX_TOTAL = 2_000;
/** Below this many matches the rest of a page is collected through the index and sorted. */
const SPARSE_ROWS = 1000;

export interface SearchQuery {
  q: string;
  agencyId?: number;
  page?: number;
  /** Default 20, at most 100. */
  pageSize?: number;
  /** Count exactly up to this many results (default 2,000); pages end there. */
  maxTotal?: number;
}

export interface SearchHit {
  id: number;
  agencyId: number;
  indexNumber: string;
  title: string;
  /** The title, HTML-escaped, with the terms in <mark>…</mark>. */
  titleHtml: string;
  documentNumber: string | null;
  publishedOn: string;
  category: string;
  /** About 80 characters of the body around the first match, HTML-escaped, terms in <mark>. */
  snippet: string;
}

export interface SearchResult {
  /** Matches, exact up to maxTotal. */
  total: number;
  /** More than maxTotal match (show “2000+”). */
  totalCapped: boolean;
  page: number;
  pageSize: number;
  /** The terms searched for (folded: full-width → half-width, lower case). */
  terms: string[];
  items: SearchHit[];
}

/** The four questions the ranking needs, answered by either database. */
interface Backend {
  /** Matches of every term (capped at `limit`). */
  countAll(limit: number): RawBuilder<{ n: number }>;
  /** Matches with every term in the title or 文号 (capped). */
  countHead(limit: number): RawBuilder<{ n: number }>;
  /** sort_keys of the title/文号 group, newest first. */
  pageHead(limit: number, offset: number): RawBuilder<{ k: number }>;
  /**
   * sort_keys of the other matches, newest first; `sparse` when few rows match (PostgreSQL then
   * collects them through the trigram index and sorts, rather than walking the table newest first).
   */
  pageRest(limit: number, offset: number, sparse: boolean): RawBuilder<{ k: number }>;
  /** Matches outside the title/文号 group (capped), when the plan depends on it (PostgreSQL). */
  countRest?(limit: number): RawBuilder<{ n: number }>;
}

const and = (xs: RawBuilder<unknown>[]) => (xs.length ? sql.join(xs, sql` and `) : sql`1 = 1`);
const ftsPhrase = (t: string) => `"${t.replaceAll('"', '""')}"`;

const likePattern = (t: string) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function sqliteBackend(terms: string[], agencyId: number | undefined): Backend {
  const long = terms.filter((t) => codePoints(t) >= 3);
  const short = terms.filter((t) => codePoints(t) < 3);
  const agency = agencyId !== undefined ? `{agency_n}: ${ftsPhrase(agencyToken(agencyId))}` : null;
  const ftsAll = [...long.map(ftsPhrase), agency].filter(Boolean).join(' AND ');
  if (ftsAll && !short.length) {
    // everything inside the full-text indexes: no row is read until the page is known
    const inHead = long.map((t) => `{title_n docno_n}: ${ftsPhrase(t)}`).join(' AND ');
    const head = [...long.map(ftsPhrase), agency].filter(Boolean).join(' AND ');
    const count = (table: string, m: string, limit: number) =>
      sql<{ n: number }>`select count(*) as n from (select rowid from ${sql.table(table)}
        where ${sql.table(table)} match ${m} limit ${limit})`;
    const page = (table: string, m: string, limit: number, offset: number) =>
      sql<{ k: number }>`select rowid as k from ${sql.table(table)} where ${sql.table(table)} match ${m}
        order by rowid desc limit ${limit} offset ${offset}`;
    return {
      countAll: (l) => count('disclosure_fts', ftsAll, l),
      countHead: (l) => count('disclosure_head_fts', head, l),
      pageHead: (l, o) => page('disclosure_head_fts', head, l, o),
      pageRest: (l, o) => page('disclosure_fts', `(${ftsAll}) NOT (${inHead})`, l, o),
    };
  }
  // 1–2-character terms: LIKE over the folded text of the rows (all lower case, so SQLite's ASCII
  // case folding in LIKE changes nothing; LIKE reads faster than instr())
  const has = (col: 'title_n' | 'docno_n' | 'body_n', t: string) =>
    sql`p.${sql.ref(col)} like ${likePattern(t)} escape '\\'`;
  const inHead = (t: string) => sql`(${has('title_n', t)} or ${has('docno_n', t)})`;
  const inAny = (t: string) => sql`(${inHead(t)} or ${has('body_n', t)})`;
  const head = and(terms.map(inHead));
  let from: RawBuilder<unknown>;
  let all: RawBuilder<unknown>;
  let key: RawBuilder<unknown>;
  if (ftsAll) {
    from = sql`disclosure_fts join disclosure_public p on p.sort_key = disclosure_fts.rowid`;
    all = sql`disclosure_fts match ${ftsAll} and ${and(short.map(inAny))}`;
    key = sql`disclosure_fts.rowid`;
  } else {
    from = sql`disclosure_public p`;
    all = and(short.map(inAny));
    key = sql`p.sort_key`;
  }
  const count = (where: RawBuilder<unknown>, limit: number) =>
    sql<{ n: number }>`select count(*) as n from (select 1 from ${from} where ${where} limit ${limit})`;
  const page = (where: RawBuilder<unknown>, limit: number, offset: number) =>
    sql<{
      k: number;
    }>`select ${key} as k from ${from} where ${where} order by ${key} desc limit ${limit} offset ${offset}`;
  return {
    countAll: (l) => count(all, l),
    // without the index, every term in the title or 文号 implies a match: only the (covering
    // index of) titles is read
    countHead: (l) => count(ftsAll ? sql`${all} and ${head}` : head, l),
    pageHead: (l, o) => page(ftsAll ? sql`${all} and ${head}` : head, l, o),
    pageRest: (l, o) => page(sql`${all} and not (${head})`, l, o),
  };
}

function postgresBackend(terms: string[], agencyId: number | undefined): Backend {
  const doc = sql.raw(PG_SEARCH_EXPR);
  const headExpr = sql.raw(PG_HEAD_EXPR);
  const agency = agencyId !== undefined ? [sql`agency_id = ${agencyId}`] : [];
  const all = and([...terms.map((t) => sql`${doc} like ${likePattern(t)}`), ...agency]);
  const head = and(terms.map((t) => sql`${headExpr} like ${likePattern(t)}`));
  const headOnly = and([...terms.map((t) => sql`${headExpr} like ${likePattern(t)}`), ...agency]);
  const count = (where: RawBuilder<unknown>, limit: number) =>
    sql<{
      n: number;
    }>`select count(*) as n from (select 1 from disclosure_public where ${where} limit ${limit}) x`;
  // sort_key + 0 keeps the planner off the primary key's order: collect through the GIN index, sort
  const page = (where: RawBuilder<unknown>, limit: number, offset: number, sparse = false) =>
    sql<{ k: number }>`select sort_key as k from disclosure_public where ${where}
      order by ${sparse ? sql`sort_key + 0` : sql`sort_key`} desc limit ${limit} offset ${offset}`;
  return {
    countAll: (l) => count(all, l),
    countHead: (l) => count(headOnly, l),
    pageHead: (l, o) => page(headOnly, l, o),
    pageRest: (l, o, sparse) => page(sql`${all} and not (${head})`, l, o, sparse),
    countRest: (l) => count(sql`${all} and not (${head})`, l),
  };
}

/** Searches the published items; see the module comment for the semantics. */
export async function searchDisclosures(store: Store, query: SearchQuery): Promise<SearchResult> {
  const { page, pageSize, offset } = pageOf(query);
  const cap = Math.max(1, Math.floor(query.maxTotal ?? DEFAULT_MAX_TOTAL));
  const terms = queryTerms(query.q ?? '');
  const empty = { total: 0, totalCapped: false, page, pageSize, terms, items: [] };
  if (!terms.length) return empty;
  const b =
    store.dialect === 'postgres'
      ? postgresBackend(terms, query.agencyId)
      : sqliteBackend(terms, query.agencyId);
  const run = async <T>(q: RawBuilder<T>) => (await q.execute(store.db)).rows;
  const n = Math.max(0, Math.min(pageSize, cap - offset));
  // PostgreSQL runs these on pooled connections at once
  const [countRows, headRows] = await Promise.all([
    run(b.countAll(cap + 1)),
    n ? run(b.pageHead(n, offset)) : [],
  ]);
  const counted = Number(countRows[0]?.n ?? 0);
  const keys = headRows.map((r) => Number(r.k));
  if (n && keys.length < n && keys.length < counted - offset) {
    // the title/文号 group ends on this page (or before it): continue with the others
    const headCount =
      keys.length || offset === 0
        ? offset + keys.length
        : Number((await run(b.countHead(offset + 1)))[0]?.n ?? 0);
    let restCount = counted - headCount; // exact unless the total is capped
    if (counted > cap && b.countRest)
      restCount = Number((await run(b.countRest(SPARSE_ROWS + 1)))[0]?.n ?? 0);
    if (restCount > 0) {
      const rest = await run(
        b.pageRest(n - keys.length, Math.max(0, offset - headCount), restCount <= SPARSE_ROWS),
      );
      keys.push(...rest.map((r) => Number(r.k)));
    }
  }
  const result: SearchResult = { ...empty, total: Math.min(counted, cap), totalCapped: counted > cap };
  if (!keys.length) return result;
  const rows = await store.db
    .selectFrom('disclosure_public')
    .select([
      'sort_key',
      'id',
      'agency_id',
      'index_number',
      'title',
      'document_number',
      'published_on',
      'category',
      'body_text',
    ])
    .where('sort_key', 'in', keys)
    .execute();
  const byKey = new Map(rows.map((r) => [Number(r.sort_key), r]));
  for (const k of keys) {
    const r = byKey.get(k);
    if (!r) continue; // withdrawn between the queries
    result.items.push({
      id: Number(r.id),
      agencyId: Number(r.agency_id),
      indexNumber: r.index_number,
      title: r.title,
      titleHtml: highlight(r.title, terms),
      documentNumber: r.document_number,
      publishedOn: r.published_on,
      category: r.category,
      snippet: snippet(r.body_text, terms),
    });
  }
  return result;
}

/**
 * For startup checks: refuses a PostgreSQL database whose LC_CTYPE would make pg_trgm drop Chinese
 * characters (the migration checks it too); a no-op on SQLite.
 */
export async function assertSearchReady(store: Store): Promise<void> {
  if (store.dialect !== 'postgres') return;
  await assertPgSearchLocale(store.db as never);
}
