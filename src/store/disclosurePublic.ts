/**
 * Public queries of proactive disclosure: the 政府信息公开目录 (Art. 12: 索引、名称、内容概述、生成日期),
 * an item's public page, the policy library and its table 二 (一) numbers. Every function here reads
 * only `disclosure_public`, the projection of what passed the whole review chain and was published
 * (and was not taken down since), so nothing unapproved can leak through them.
 */
import { type Kysely, sql } from 'kysely';
import { CATEGORIES, categoryLabel } from '../disclosure/categories.ts';
import {
  DEFAULT_LIBRARY_OPTIONS,
  type LibraryDoc,
  type LibraryOptions,
  T2_LIBRARY_CELLS,
  T2_ROW_OF_KIND,
} from '../disclosure/library.ts';
import { formatForYear } from '../report/formats/index.ts';
import type { Store } from './db.ts';
import { type AttachmentInfo, attachmentsByIds } from './disclosure.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

export interface CatalogueEntry {
  id: number;
  agencyId: number;
  /** 索引 */
  indexNumber: string;
  /** 名称 */
  title: string;
  /** 内容概述 */
  summary: string;
  /** 生成日期: the date the information was formed or changed. */
  generatedOn: string;
  publishedOn: string;
  writtenOn: string | null;
  documentNumber: string | null;
  issuer: string;
  category: string;
  categoryLabel: string;
  topic: string | null;
  policyKind: string | null;
  validity: string | null;
  validityOn: string | null;
  interpretsId: number | null;
}

const CATALOGUE_COLUMNS = [
  'id',
  'agency_id',
  'index_number',
  'title',
  'summary',
  'formed_on',
  'published_on',
  'written_on',
  'document_number',
  'issuer',
  'category',
  'topic',
  'policy_kind',
  'validity',
  'validity_on',
  'interprets_id',
] as const;

type CatalogueRow = Pick<Database['disclosure_public'], (typeof CATALOGUE_COLUMNS)[number]>;

export function catalogueEntry(r: CatalogueRow): CatalogueEntry {
  return {
    id: Number(r.id),
    agencyId: Number(r.agency_id),
    indexNumber: r.index_number,
    title: r.title,
    summary: r.summary,
    generatedOn: r.formed_on,
    publishedOn: r.published_on,
    writtenOn: r.written_on,
    documentNumber: r.document_number,
    issuer: r.issuer,
    category: r.category,
    categoryLabel: categoryLabel(r.category),
    topic: r.topic,
    policyKind: r.policy_kind,
    validity: r.validity,
    validityOn: r.validity_on,
    interpretsId: r.interprets_id === null ? null : Number(r.interprets_id),
  };
}

export interface CatalogueQuery {
  agencyId?: number;
  category?: string;
  topic?: string;
  /** Published in this year. */
  year?: number;
  policyKind?: string;
  validity?: string;
  page?: number;
  pageSize?: number;
}

export const pageOf = (q: { page?: number; pageSize?: number }, max = 100) => {
  const pageSize = Math.min(Math.max(1, Math.floor(q.pageSize ?? 20)), max);
  const page = Math.max(1, Math.floor(q.page ?? 1));
  return { page, pageSize, offset: (page - 1) * pageSize };
};

/** The 政府信息公开目录: published items, newest 发布日期 first. */
export async function catalogue(
  store: Store,
  query: CatalogueQuery = {},
): Promise<{ total: number; page: number; pageSize: number; items: CatalogueEntry[] }> {
  const { page, pageSize, offset } = pageOf(query);
  let q = store.db.selectFrom('disclosure_public');
  if (query.agencyId !== undefined) q = q.where('agency_id', '=', query.agencyId);
  if (query.category) q = q.where('category', '=', query.category);
  if (query.topic) q = q.where('topic', '=', query.topic);
  if (query.policyKind) q = q.where('policy_kind', '=', query.policyKind);
  if (query.validity) q = q.where('validity', '=', query.validity);
  if (query.year)
    q = q
      .where('published_on', '>=', `${query.year}-01-01`)
      .where('published_on', '<=', `${query.year}-12-31`);
  const [total, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    q.select(CATALOGUE_COLUMNS).orderBy('sort_key', 'desc').limit(pageSize).offset(offset).execute(),
  ]);
  return { total: Number(total.n), page, pageSize, items: rows.map(catalogueEntry) };
}

/** The catalogue's tree: each category with published items and how many. */
export async function catalogueCategories(
  store: Store,
  agencyId?: number,
): Promise<{ category: string; label: string; basis: string; count: number }[]> {
  let q = store.db
    .selectFrom('disclosure_public')
    .select((eb) => ['category', eb.fn.countAll<number>().as('n')]);
  if (agencyId !== undefined) q = q.where('agency_id', '=', agencyId);
  const rows = await q.groupBy('category').execute();
  const counts = new Map(rows.map((r) => [r.category, Number(r.n)]));
  return Object.entries(CATEGORIES)
    .filter(([code]) => counts.has(code))
    .map(([code, c]) => ({ category: code, label: c.label, basis: c.basis, count: counts.get(code)! }));
}

/** The agency's 主题分类 with published items and how many. */
export async function catalogueTopics(
  store: Store,
  agencyId: number,
): Promise<{ topic: string; count: number }[]> {
  const rows = await store.db
    .selectFrom('disclosure_public')
    .select((eb) => ['topic', eb.fn.countAll<number>().as('n')])
    .where('agency_id', '=', agencyId)
    .where('topic', 'is not', null)
    .groupBy('topic')
    .orderBy('topic')
    .execute();
  return rows.map((r) => ({ topic: r.topic!, count: Number(r.n) }));
}

export interface PublicItem extends CatalogueEntry {
  /** Sanitised HTML. */
  bodyHtml: string;
  effectiveOn: string | null;
  amendments: { on: string; documentNumber?: string; note?: string }[];
  attachments: AttachmentInfo[];
  /** The published document this interprets. */
  interprets: { id: number; indexNumber: string; title: string } | null;
  /** Published interpretations of this document (政策解读). */
  interpretations: { id: number; indexNumber: string; title: string; publishedOn: string }[];
}

/** One published item by id, or by 索引号 (optionally within an agency); null if not public. */
export async function publicItem(
  store: Store,
  ref: { id: number } | { indexNumber: string; agencyId?: number },
): Promise<PublicItem | null> {
  let q = store.db.selectFrom('disclosure_public').selectAll();
  if ('id' in ref) q = q.where('id', '=', ref.id);
  else {
    q = q.where('index_number', '=', ref.indexNumber);
    if (ref.agencyId !== undefined) q = q.where('agency_id', '=', ref.agencyId);
  }
  const r = await q.orderBy('sort_key', 'desc').executeTakeFirst();
  if (!r) return null;
  const id = Number(r.id);
  const [target, interps, attachments] = await Promise.all([
    r.interprets_id
      ? store.db
          .selectFrom('disclosure_public')
          .select(['id', 'index_number', 'title'])
          .where('id', '=', Number(r.interprets_id))
          .executeTakeFirst()
      : Promise.resolve(undefined),
    store.db
      .selectFrom('disclosure_public')
      .select(['id', 'index_number', 'title', 'published_on'])
      .where('interprets_id', '=', id)
      .orderBy('sort_key', 'desc')
      .execute(),
    attachmentsByIds(store.db, JSON.parse(r.attachments) as number[]),
  ]);
  return {
    ...catalogueEntry(r),
    bodyHtml: r.body_html,
    effectiveOn: r.effective_on,
    amendments: JSON.parse(r.amendments),
    attachments,
    interprets: target
      ? { id: Number(target.id), indexNumber: target.index_number, title: target.title }
      : null,
    interpretations: interps.map((i) => ({
      id: Number(i.id),
      indexNumber: i.index_number,
      title: i.title,
      publishedOn: i.published_on,
    })),
  };
}

/** An attachment of a published item (only those of its public version); null otherwise. */
export async function publicAttachment(
  store: Store,
  itemId: number,
  attachmentId: number,
): Promise<AttachmentInfo | null> {
  const r = await store.db
    .selectFrom('disclosure_public')
    .select('attachments')
    .where('id', '=', itemId)
    .executeTakeFirst();
  if (!r || !(JSON.parse(r.attachments) as number[]).includes(attachmentId)) return null;
  return (await attachmentsByIds(store.db, [attachmentId]))[0] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Policy library → table 二 (一)

export interface LibraryQuery {
  agencyId?: number;
  kind?: string;
  validity?: string;
  /** 成文 in this year. */
  year?: number;
  /** 发布机构 (the item's issuer). */
  issuer?: string;
  page?: number;
  pageSize?: number;
}

/** The 政策文件库: published 规章 and 行政规范性文件, newest 成文日期 first. */
export async function policyLibrary(
  store: Store,
  query: LibraryQuery = {},
): Promise<{ total: number; page: number; pageSize: number; items: CatalogueEntry[] }> {
  const { page, pageSize, offset } = pageOf(query);
  let q = store.db.selectFrom('disclosure_public').where('policy_kind', 'is not', null);
  if (query.agencyId !== undefined) q = q.where('agency_id', '=', query.agencyId);
  if (query.kind) q = q.where('policy_kind', '=', query.kind);
  if (query.validity) q = q.where('validity', '=', query.validity);
  if (query.issuer) q = q.where('issuer', '=', query.issuer);
  if (query.year)
    q = q.where('written_on', '>=', `${query.year}-01-01`).where('written_on', '<=', `${query.year}-12-31`);
  const [total, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    q
      .select(CATALOGUE_COLUMNS)
      .orderBy('written_on', 'desc')
      .orderBy('sort_key', 'desc')
      .limit(pageSize)
      .offset(offset)
      .execute(),
  ]);
  return { total: Number(total.n), page, pageSize, items: rows.map(catalogueEntry) };
}

/** Whether an agency has documents in its policy library (then table 二 (一) comes from it). */
export async function hasPolicyLibrary(db: Db, agencyId: number): Promise<boolean> {
  const r = await db
    .selectFrom('disclosure_public')
    .select('id')
    .where('policy_kind', 'is not', null)
    .where('agency_id', '=', agencyId)
    .limit(1)
    .executeTakeFirst();
  return !!r;
}

const endedIn = (opts: LibraryOptions) =>
  opts.expiredCountsAsRepealed ? ['repealed', 'expired'] : ['repealed'];

/**
 * Table 二 (一) for a year from the library (same counts as `aggregateLibrary`, library.ts), as
 * report input text by cell key; null when the agency has no library documents or the year's
 * format has no such columns (the 2019 format: then report_input is used).
 */
export async function libraryTable2(
  db: Db,
  agencyId: number,
  year: number,
  opts: LibraryOptions = DEFAULT_LIBRARY_OPTIONS,
): Promise<Record<string, string> | null> {
  const block = formatForYear(year)?.table2.blocks.find((b) => b.key === 'a20_1');
  const cols = block?.columns.map((c) => c.key) ?? [];
  if (!['issued', 'repealed', 'valid'].every((c) => cols.includes(c))) return null;
  if (!(await hasPolicyLibrary(db, agencyId))) return null;
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const ended = endedIn(opts);
  const rows = await db
    .selectFrom('disclosure_public')
    .select([
      'policy_kind',
      sql<number>`sum(case when written_on >= ${start} and written_on <= ${end} then 1 else 0 end)`.as(
        'issued',
      ),
      sql<number>`sum(case when validity in (${sql.join(ended)}) and validity_on >= ${start} and validity_on <= ${end} then 1 else 0 end)`.as(
        'repealed',
      ),
      sql<number>`sum(case when written_on <= ${end} and (validity = 'valid' or validity_on is null or validity_on > ${end}) then 1 else 0 end)`.as(
        'valid',
      ),
    ])
    .where('agency_id', '=', agencyId)
    .where('policy_kind', 'is not', null)
    .groupBy('policy_kind')
    .execute();
  const out: Record<string, string> = Object.fromEntries(T2_LIBRARY_CELLS.map((k) => [k, '0']));
  for (const r of rows) {
    const row = T2_ROW_OF_KIND[r.policy_kind as keyof typeof T2_ROW_OF_KIND];
    if (!row) continue;
    out[`a20_1.${row}.issued`] = String(Number(r.issued ?? 0));
    out[`a20_1.${row}.repealed`] = String(Number(r.repealed ?? 0));
    out[`a20_1.${row}.valid`] = String(Number(r.valid ?? 0));
  }
  return out;
}

/**
 * The documents behind one table 二 (一) cell, e.g. 'a20_1.normativeDocs.valid' (ordered by 成文日期,
 * then 索引号). Refuses a cell the library does not fill.
 */
export async function documentsForT2Cell(
  db: Db,
  agencyId: number,
  year: number,
  cell: string,
  opts: LibraryOptions = DEFAULT_LIBRARY_OPTIONS,
): Promise<LibraryDoc[]> {
  const [block, rowKey, col] = cell.split('.');
  const kind = Object.entries(T2_ROW_OF_KIND).find(([, r]) => r === rowKey)?.[0];
  if (block !== 'a20_1' || !kind || !['issued', 'repealed', 'valid'].includes(col ?? ''))
    throw new Error(`政策文件库不提供表二这个单元格：${cell}`);
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  let q = db
    .selectFrom('disclosure_public')
    .select([
      'id',
      'index_number',
      'title',
      'document_number',
      'policy_kind',
      'written_on',
      'validity',
      'validity_on',
    ])
    .where('agency_id', '=', agencyId)
    .where('policy_kind', '=', kind);
  if (col === 'issued') q = q.where('written_on', '>=', start).where('written_on', '<=', end);
  else if (col === 'repealed')
    q = q
      .where('validity', 'in', endedIn(opts))
      .where('validity_on', '>=', start)
      .where('validity_on', '<=', end);
  else
    q = q
      .where('written_on', '<=', end)
      .where((eb) =>
        eb.or([eb('validity', '=', 'valid'), eb('validity_on', 'is', null), eb('validity_on', '>', end)]),
      );
  const rows = await q.orderBy('written_on').orderBy('index_number').execute();
  return rows.map((r) => ({
    id: Number(r.id),
    indexNumber: r.index_number,
    title: r.title,
    documentNumber: r.document_number,
    policyKind: r.policy_kind as LibraryDoc['policyKind'],
    writtenOn: r.written_on!,
    validity: r.validity as LibraryDoc['validity'],
    validityOn: r.validity_on,
  }));
}
