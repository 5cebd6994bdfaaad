/**
 * Persisting information items (主动公开): the item row with its 索引号, the append-only events, the
 * projection columns the console reads, and the public projection (disclosure_public) that every
 * public query reads. Each event is validated by the pure state machine (src/disclosure/machine.ts)
 * in a transaction that holds the item row (SELECT … FOR UPDATE on PostgreSQL; SQLite serialises
 * writers); the public row is written in the same transaction, so an item is in the public table
 * exactly when its events say a version passed the whole review chain and was published.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { IsoDate, WorkingCalendar } from '../calendar/types.ts';
import {
  ATTACHMENT_TYPES,
  type AttachmentKind,
  cleanFilename,
  sniffAttachment,
} from '../disclosure/attachments.ts';
import { clockState, DEFAULT_RISK_WORKING_DAYS } from '../disclosure/clock.ts';
import {
  DEFAULT_REVIEW_CHAIN,
  type ItemActor,
  type ItemEvent,
  joinItemEvent,
  ReviewChainSchema,
  type ReviewStep,
  splitItemEvent,
} from '../disclosure/events.ts';
import type { FieldError, ItemFields } from '../disclosure/fields.ts';
import {
  DEFAULT_INDEX_SCHEME,
  formatIndexNumber,
  IndexSchemeError,
  parseIndexNumber,
  parseIndexScheme,
  serialScope,
} from '../disclosure/indexNumber.ts';
import {
  appendItemEvent as appendPure,
  describeItemEvent,
  ITEM_STATUS,
  type ItemContext,
  type ItemState,
  type ItemStatus,
  type ItemView,
  replayItem,
  viewOf,
} from '../disclosure/machine.ts';
import { htmlToText } from '../disclosure/sanitize.ts';
import { foldText, summaryOf } from '../disclosure/searchText.ts';
import { audit } from './audit.ts';
import type { Store } from './db.ts';
import { nowIso } from './db.ts';
import type { Database } from './schema.ts';

/** A refused change: the rule (DIS-xx, or SCHEMA for field errors) and the Chinese message. */
export class DisclosureRuleError extends Error {
  constructor(
    public readonly rule: string,
    message: string,
    public readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'DisclosureRuleError';
  }
}

export interface DisclosureDeps {
  calendar: WorkingCalendar;
}

type Db = Kysely<Database>;

// ---------------------------------------------------------------------------------------------
// Settings

export interface DisclosureSettings {
  indexScheme: string;
  orgCode: string | null;
  reviewChain: ReviewStep[];
  /** The agency's 主题分类; null when free text is allowed. */
  topics: string[] | null;
  /** The 统一社会信用代码 from the agency record (used by {code} before orgCode). */
  creditCode: string | null;
  agencyName: string;
}

export async function getDisclosureSettings(db: Db, agencyId: number): Promise<DisclosureSettings> {
  const agency = await db
    .selectFrom('agency')
    .select(['name', 'credit_code'])
    .where('id', '=', agencyId)
    .executeTakeFirst();
  if (!agency) throw new DisclosureRuleError('NOT_FOUND', `机关不存在：${agencyId}`);
  const row = await db
    .selectFrom('disclosure_settings')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  return {
    indexScheme: row?.index_scheme ?? DEFAULT_INDEX_SCHEME,
    orgCode: row?.org_code ?? null,
    reviewChain: row?.review_chain ? (JSON.parse(row.review_chain) as ReviewStep[]) : DEFAULT_REVIEW_CHAIN,
    topics: row?.topics ? (JSON.parse(row.topics) as string[]) : null,
    creditCode: agency.credit_code,
    agencyName: agency.name,
  };
}

export interface SettingsPatch {
  indexScheme?: string;
  orgCode?: string | null;
  /** null restores the default chain. */
  reviewChain?: ReviewStep[] | null;
  topics?: string[] | null;
}

/** Changes an agency's settings (validated, audited). Items already in review keep their chain. */
export async function saveDisclosureSettings(
  store: Store,
  agencyId: number,
  patch: SettingsPatch,
  actor: string,
): Promise<DisclosureSettings> {
  const current = await getDisclosureSettings(store.db, agencyId);
  const next = { ...current };
  if (patch.indexScheme !== undefined) {
    try {
      next.indexScheme = parseIndexScheme(patch.indexScheme).text;
    } catch (e) {
      if (e instanceof IndexSchemeError) throw new DisclosureRuleError('SCHEMA', e.message);
      throw e;
    }
  }
  if (patch.orgCode !== undefined) {
    const c = patch.orgCode?.trim() || null;
    if (c && !/^[0-9A-Z-]{8,20}$/.test(c))
      throw new DisclosureRuleError('SCHEMA', '组织机构代码：应为8到20位数字、大写字母或连字符');
    next.orgCode = c;
  }
  if (patch.reviewChain !== undefined) {
    if (patch.reviewChain === null) next.reviewChain = DEFAULT_REVIEW_CHAIN;
    else {
      const r = ReviewChainSchema.safeParse(patch.reviewChain);
      if (!r.success)
        throw new DisclosureRuleError('SCHEMA', r.error.issues.map((i) => i.message).join('；'));
      next.reviewChain = r.data;
    }
  }
  if (patch.topics !== undefined) {
    if (patch.topics === null) next.topics = null;
    else {
      const t = [...new Set(patch.topics.map((x) => x.trim()).filter(Boolean))];
      if (t.some((x) => x.length > 50)) throw new DisclosureRuleError('SCHEMA', '主题分类：每项不超过50个字');
      next.topics = t.length ? t : null;
    }
  }
  const values = {
    index_scheme: next.indexScheme,
    org_code: next.orgCode,
    review_chain: JSON.stringify(next.reviewChain),
    topics: next.topics ? JSON.stringify(next.topics) : null,
    updated_at: nowIso(),
    updated_by: actor,
  };
  await store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('disclosure_settings')
      .values({ agency_id: agencyId, ...values })
      .onConflict((oc) => oc.column('agency_id').doUpdateSet(values))
      .execute();
    await audit(trx, {
      actor,
      entity: 'disclosure_settings',
      entityId: agencyId,
      action: 'saved',
      detail: patch,
    });
  });
  return next;
}

// ---------------------------------------------------------------------------------------------
// Events and projections

async function loadEvents(db: Db, itemId: number): Promise<ItemEvent[]> {
  const rows = await db
    .selectFrom('disclosure_event')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => {
    const payload = JSON.parse(r.payload) as Record<string, unknown>;
    const { actorName, ...rest } = payload;
    const actor: ItemActor = { id: r.actor_id ?? '', role: r.actor_role as ItemActor['role'] };
    if (typeof actorName === 'string') actor.name = actorName;
    return joinItemEvent({ type: r.type, on: r.occurred_on, at: r.recorded_at, actor, payload: rest });
  });
}

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1900, 0, 1);
/** Public order: 发布日期 (newest first), then item id; unique, fits a JS number and a bigint. */
export const sortKeyOf = (publishedOn: IsoDate, itemId: number) =>
  Math.round((Date.parse(`${publishedOn}T00:00:00Z`) - EPOCH_1900) / DAY_MS) * 100_000_000 + itemId;

/** The agency's token in the SQLite full-text index (see disclosureSearch.ts). */
export const agencyToken = (agencyId: number) => `#${agencyId}#`;

function publicRow(itemId: number, agencyId: number, indexNumber: string, s: ItemState) {
  const f = s.live!;
  const bodyText = htmlToText(f.bodyHtml);
  return {
    sort_key: sortKeyOf(s.publishedOn!, itemId),
    id: itemId,
    agency_id: agencyId,
    index_number: indexNumber,
    title: f.title,
    document_number: f.documentNumber,
    issuer: f.issuer,
    category: f.category,
    topic: f.topic,
    policy_kind: f.policyKind,
    written_on: f.writtenOn,
    formed_on: f.formedOn,
    published_on: s.publishedOn!,
    effective_on: f.effectiveOn,
    validity: f.validity,
    validity_on: f.validityOn,
    summary: f.summary ?? (bodyText ? summaryOf(bodyText) : f.title),
    interprets_id: f.interpretsItemId,
    attachments: JSON.stringify(f.attachmentIds),
    amendments: JSON.stringify(s.amendments),
    title_n: foldText(f.title),
    docno_n: foldText(f.documentNumber ?? ''),
    agency_n: agencyToken(agencyId),
    body_html: f.bodyHtml,
    body_text: bodyText,
    body_n: foldText(bodyText),
  };
}

/** Writes the public row from the state: present exactly when a version is public. */
async function syncPublic(db: Db, itemId: number, agencyId: number, indexNumber: string, s: ItemState) {
  await db.deleteFrom('disclosure_public').where('id', '=', itemId).execute();
  if (s.live && s.publishedOn)
    await db
      .insertInto('disclosure_public')
      .values(publicRow(itemId, agencyId, indexNumber, s))
      .execute();
}

async function writeProjection(db: Db, itemId: number, s: ItemState, view: ItemView) {
  const f = s.fields!;
  await db
    .updateTable('disclosure_item')
    .set({
      status: s.status,
      review_step: view.waitingFor?.step ?? null,
      waiting_role: view.waitingFor?.role ?? null,
      live: s.live ? 1 : 0,
      published_on: s.publishedOn,
      first_published_on: s.firstPublishedOn,
      title: f.title,
      document_number: f.documentNumber,
      category: f.category,
      topic: f.topic,
      attribute: f.attribute,
      policy_kind: f.policyKind,
      formed_on: f.formedOn,
      written_on: f.writtenOn,
      due_on: view.clock?.dueOn ?? null,
      validity: f.validity,
      validity_on: f.validityOn,
      interprets_id: f.interpretsItemId,
      fields: JSON.stringify(f),
      event_count: s.seq,
      updated_at: nowIso(),
    })
    .where('id', '=', itemId)
    .execute();
}

/** Checks references in the fields: attachments and the interpreted document belong to the agency; topic. */
async function checkReferences(db: Db, agencyId: number, itemId: number | null, f: ItemFields) {
  if (f.attachmentIds.length) {
    const rows = await db
      .selectFrom('disclosure_attachment')
      .select('id')
      .where('agency_id', '=', agencyId)
      .where('id', 'in', f.attachmentIds)
      .execute();
    if (rows.length !== f.attachmentIds.length)
      throw new DisclosureRuleError('SCHEMA', '附件：有附件不存在或不属于本机关', [
        { path: 'attachmentIds', message: '附件：有附件不存在或不属于本机关' },
      ]);
  }
  if (f.interpretsItemId) {
    const target = await db
      .selectFrom('disclosure_item')
      .select(['id', 'agency_id', 'interprets_id'])
      .where('id', '=', f.interpretsItemId)
      .executeTakeFirst();
    const msg =
      !target || Number(target.agency_id) !== agencyId
        ? '所解读的文件：不存在或不属于本机关'
        : Number(target.id) === itemId
          ? '所解读的文件：不能解读自己'
          : target.interprets_id
            ? '所解读的文件：不能是另一篇政策解读'
            : null;
    if (msg) throw new DisclosureRuleError('SCHEMA', msg, [{ path: 'interpretsItemId', message: msg }]);
  }
  if (f.topic) {
    const s = await db
      .selectFrom('disclosure_settings')
      .select('topics')
      .where('agency_id', '=', agencyId)
      .executeTakeFirst();
    const topics = s?.topics ? (JSON.parse(s.topics) as string[]) : null;
    if (topics && !topics.includes(f.topic)) {
      const msg = `主题分类：应为${topics.join('、')}之一`;
      throw new DisclosureRuleError('SCHEMA', msg, [{ path: 'topic', message: msg }]);
    }
  }
}

async function contextFor(db: Db, s: ItemState): Promise<ItemContext> {
  const target = s.fields?.interpretsItemId;
  if (!target) return {};
  const row = await db
    .selectFrom('disclosure_item')
    .select('live')
    .where('id', '=', target)
    .executeTakeFirst();
  return { interpretedLive: Number(row?.live ?? 0) === 1 };
}

interface ItemRow {
  id: number;
  agency_id: number;
  index_number: string;
}

async function appendInTrx(
  trx: Db,
  item: ItemRow,
  events: ItemEvent[],
  input: unknown,
  deps: DisclosureDeps,
  chain: ReviewStep[],
): Promise<{ events: ItemEvent[]; state: ItemState; view: ItemView }> {
  const before = replayItem(events);
  const ctx = await contextFor(trx, before);
  const r = appendPure(events, input, { ...ctx, defaultChain: chain });
  if (!r.ok) throw new DisclosureRuleError(r.rule, r.message, r.errors ?? []);
  const e = r.event;
  if (e.type === 'drafted' || e.type === 'imported' || e.type === 'edited')
    await checkReferences(trx, item.agency_id, item.id, r.state.fields!);
  const parts = splitItemEvent(e);
  await trx
    .insertInto('disclosure_event')
    .values({
      item_id: item.id,
      seq: events.length + 1,
      type: parts.type,
      occurred_on: parts.on,
      recorded_at: parts.at,
      actor_id: parts.actor.id,
      actor_role: parts.actor.role,
      payload: JSON.stringify({
        ...parts.payload,
        ...(parts.actor.name ? { actorName: parts.actor.name } : {}),
      }),
    })
    .execute();
  const view = viewOf(r.state, deps.calendar);
  await writeProjection(trx, item.id, r.state, view);
  if (r.state.publicSeq === r.state.seq)
    await syncPublic(trx, item.id, item.agency_id, item.index_number, r.state);
  await audit(trx, {
    actor: `${parts.actor.role}:${parts.actor.id}`,
    entity: 'disclosure_item',
    entityId: item.id,
    action: parts.type,
    detail: { seq: events.length + 1, indexNumber: item.index_number, on: parts.on },
  });
  return { events: [...events, e], state: r.state, view };
}

// ---------------------------------------------------------------------------------------------
// Creating items

async function settingsRowForUpdate(trx: Db, store: Store, agencyId: number) {
  const now = nowIso();
  await trx
    .insertInto('disclosure_settings')
    .values({
      agency_id: agencyId,
      index_scheme: DEFAULT_INDEX_SCHEME,
      org_code: null,
      review_chain: null,
      topics: null,
      updated_at: now,
      updated_by: 'system',
    })
    .onConflict((oc) => oc.column('agency_id').doNothing())
    .execute();
  const q = trx.selectFrom('disclosure_settings').select('id').where('agency_id', '=', agencyId);
  await (store.dialect === 'postgres' ? q.forUpdate() : q).execute();
}

/** A new 索引号 for an item formed in `year`, or the given one (import) checked for uniqueness. */
async function assignIndexNumber(
  trx: Db,
  agencyId: number,
  settings: DisclosureSettings,
  f: ItemFields,
  given?: string,
): Promise<{ indexNumber: string; year: number; serial: number | null }> {
  let scheme: ReturnType<typeof parseIndexScheme>;
  try {
    scheme = parseIndexScheme(settings.indexScheme);
  } catch (e) {
    if (e instanceof IndexSchemeError) throw new DisclosureRuleError('SCHEMA', e.message);
    throw e;
  }
  const code = settings.creditCode ?? settings.orgCode;
  const formedYear = Number(f.formedOn.slice(0, 4));
  const exists = async (n: string) =>
    !!(await trx
      .selectFrom('disclosure_item')
      .select('id')
      .where('agency_id', '=', agencyId)
      .where('index_number', '=', n)
      .executeTakeFirst());
  if (given) {
    const n = given.trim();
    if (!n || n.length > 100 || /\s/.test(n))
      throw new DisclosureRuleError('SCHEMA', '索引号：不能为空、含空格或超过100个字符');
    if (await exists(n)) throw new DisclosureRuleError('SCHEMA', `索引号：“${n}”已被本机关的其他信息使用`);
    const parsed = parseIndexNumber(scheme, code, n);
    const year = parsed ? serialScope(scheme, parsed.year ?? formedYear) : -1;
    if (parsed) {
      const taken = await trx
        .selectFrom('disclosure_item')
        .select('id')
        .where('agency_id', '=', agencyId)
        .where('index_year', '=', year)
        .where('index_serial', '=', parsed.serial)
        .executeTakeFirst();
      if (!taken) return { indexNumber: n, year, serial: parsed.serial };
    }
    return { indexNumber: n, year: -1, serial: null };
  }
  const year = serialScope(scheme, formedYear);
  const max = await trx
    .selectFrom('disclosure_item')
    .select((eb) => eb.fn.max('index_serial').as('m'))
    .where('agency_id', '=', agencyId)
    .where('index_year', '=', year)
    .executeTakeFirst();
  let serial = Number(max?.m ?? 0) + 1;
  for (;;) {
    let n: string;
    try {
      n = formatIndexNumber(scheme, { code, year: formedYear, serial, category: f.category });
    } catch (e) {
      if (e instanceof IndexSchemeError) throw new DisclosureRuleError('SCHEMA', e.message);
      throw e;
    }
    if (!(await exists(n))) return { indexNumber: n, year, serial };
    serial++;
  }
}

export interface DraftInput {
  on: IsoDate;
  at: string;
  actor: ItemActor;
  /** Item fields (fields.ts); `issuer` defaults to the agency's name. */
  fields: Record<string, unknown>;
}

export interface CreatedItem {
  id: number;
  indexNumber: string;
  view: ItemView;
}

async function createInTrx(
  trx: Db,
  store: Store,
  agencyId: number,
  first: Record<string, unknown> & { type: 'drafted' | 'imported'; fields: Record<string, unknown> },
  deps: DisclosureDeps,
  opts: { indexNumber?: string; settings?: DisclosureSettings } = {},
): Promise<CreatedItem & { state: ItemState }> {
  const settings = opts.settings ?? (await getDisclosureSettings(trx, agencyId));
  const input = { ...first, fields: { issuer: settings.agencyName, ...first.fields } };
  // validate the first event before taking a number
  const pre = appendPure([], input, {});
  if (!pre.ok) throw new DisclosureRuleError(pre.rule, pre.message, pre.errors ?? []);
  await settingsRowForUpdate(trx, store, agencyId);
  const num = await assignIndexNumber(trx, agencyId, settings, pre.state.fields!, opts.indexNumber);
  const f = pre.state.fields!;
  const now = nowIso();
  const row = await trx
    .insertInto('disclosure_item')
    .values({
      agency_id: agencyId,
      index_number: num.indexNumber,
      index_year: num.year,
      index_serial: num.serial,
      status: 'draft',
      review_step: null,
      waiting_role: null,
      live: 0,
      published_on: null,
      first_published_on: null,
      title: f.title,
      document_number: f.documentNumber,
      category: f.category,
      topic: f.topic,
      attribute: f.attribute,
      policy_kind: f.policyKind,
      formed_on: f.formedOn,
      written_on: f.writtenOn,
      due_on: null,
      validity: f.validity,
      validity_on: f.validityOn,
      interprets_id: f.interpretsItemId,
      fields: JSON.stringify(f),
      event_count: 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const item = { id: Number(row.id), agency_id: agencyId, index_number: num.indexNumber };
  const r = await appendInTrx(trx, item, [], input, deps, settings.reviewChain);
  return { id: item.id, indexNumber: num.indexNumber, view: r.view, state: r.state };
}

/** Drafts a new item (its 索引号 is assigned now from the agency's scheme and the 形成日期's year). */
export async function createItem(
  store: Store,
  agencyId: number,
  draft: DraftInput,
  deps: DisclosureDeps,
): Promise<CreatedItem> {
  return store.db.transaction().execute(async (trx) => {
    const { state: _, ...created } = await createInTrx(
      trx,
      store,
      agencyId,
      { type: 'drafted', ...draft },
      deps,
    );
    return created;
  });
}

/** For the import: creates an item from an `imported` event inside the caller's transaction. */
export async function importItemInTrx(
  trx: Db,
  store: Store,
  agencyId: number,
  event: Record<string, unknown> & { fields: Record<string, unknown> },
  deps: DisclosureDeps,
  opts: { indexNumber?: string; settings?: DisclosureSettings },
): Promise<CreatedItem> {
  const { state: _, ...created } = await createInTrx(
    trx,
    store,
    agencyId,
    { ...event, type: 'imported' },
    deps,
    opts,
  );
  return created;
}

async function lockItem(trx: Db, store: Store, itemId: number): Promise<ItemRow> {
  const q = trx
    .selectFrom('disclosure_item')
    .select(['id', 'agency_id', 'index_number'])
    .where('id', '=', itemId);
  const row = await (store.dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
  if (!row) throw new DisclosureRuleError('NOT_FOUND', `信息不存在：${itemId}`);
  return { id: Number(row.id), agency_id: Number(row.agency_id), index_number: row.index_number };
}

/**
 * Appends events to an item in one transaction (all or none). Each input is an event without
 * nothing filled in: { type, on, at, actor, …payload }; `submitted` takes the agency's chain.
 * Refusals throw DisclosureRuleError naming the rule.
 */
export async function appendItemEvents(
  store: Store,
  itemId: number,
  inputs: unknown[],
  deps: DisclosureDeps,
): Promise<ItemView> {
  return store.db.transaction().execute(async (trx) => {
    const item = await lockItem(trx, store, itemId);
    const settings = await getDisclosureSettings(trx, item.agency_id);
    let events = await loadEvents(trx, itemId);
    let view: ItemView | null = null;
    for (const input of inputs) {
      const r = await appendInTrx(trx, item, events, input, deps, settings.reviewChain);
      events = r.events;
      view = r.view;
    }
    return view ?? viewOf(replayItem(events), deps.calendar);
  });
}

/** Appends one event (see appendItemEvents). */
export async function appendItemEvent(
  store: Store,
  itemId: number,
  input: unknown,
  deps: DisclosureDeps,
): Promise<ItemView> {
  return appendItemEvents(store, itemId, [input], deps);
}

// ---------------------------------------------------------------------------------------------
// Reading (console)

export interface ItemSummary {
  id: number;
  agencyId: number;
  indexNumber: string;
  title: string;
  documentNumber: string | null;
  status: ItemStatus;
  statusLabel: string;
  waitingRole: string | null;
  live: boolean;
  publishedOn: string | null;
  formedOn: string;
  dueOn: string | null;
  category: string;
  attribute: string;
  policyKind: string | null;
  validity: string | null;
  updatedAt: string;
}

function summaryOfRow(r: Record<string, unknown>): ItemSummary {
  return {
    id: Number(r.id),
    agencyId: Number(r.agency_id),
    indexNumber: r.index_number as string,
    title: r.title as string,
    documentNumber: (r.document_number as string | null) ?? null,
    status: r.status as ItemStatus,
    statusLabel: ITEM_STATUS[r.status as ItemStatus],
    waitingRole: (r.waiting_role as string | null) ?? null,
    live: Number(r.live) === 1,
    publishedOn: (r.published_on as string | null) ?? null,
    formedOn: r.formed_on as string,
    dueOn: (r.due_on as string | null) ?? null,
    category: r.category as string,
    attribute: r.attribute as string,
    policyKind: (r.policy_kind as string | null) ?? null,
    validity: (r.validity as string | null) ?? null,
    updatedAt: r.updated_at as string,
  };
}

export interface ItemListQuery {
  agencyId: number;
  status?: ItemStatus | ItemStatus[];
  /** Items waiting for a decision of this role (the reviewer's inbox). */
  waitingRole?: string;
  policyKind?: string;
  /** Catalogue category code (categories.ts). */
  category?: string;
  /** Substring of the title, 文号 or 索引号 (console search over every item, not only public ones). */
  q?: string;
  page?: number;
  pageSize?: number;
}

/** The console's list of items (all statuses), newest change first. */
export async function listItems(
  store: Store,
  query: ItemListQuery,
): Promise<{ total: number; items: ItemSummary[] }> {
  const pageSize = Math.min(Math.max(1, query.pageSize ?? 20), 200);
  const page = Math.max(1, query.page ?? 1);
  let q = store.db.selectFrom('disclosure_item').where('agency_id', '=', query.agencyId);
  if (query.status) q = q.where('status', 'in', Array.isArray(query.status) ? query.status : [query.status]);
  if (query.waitingRole) q = q.where('waiting_role', '=', query.waitingRole);
  if (query.policyKind) q = q.where('policy_kind', '=', query.policyKind);
  if (query.category) q = q.where('category', '=', query.category);
  const term = query.q?.trim();
  if (term) {
    const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // an explicit ESCAPE: SQLite has no default escape character
    const has = (col: 'title' | 'document_number' | 'index_number') =>
      sql<boolean>`${sql.ref(col)} like ${like} escape '\\'`;
    q = q.where((eb) => eb.or([has('title'), has('document_number'), has('index_number')]));
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => summaryOfRow(r as unknown as Record<string, unknown>)),
  };
}

export interface AttachmentInfo {
  id: number;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  storageKey: string;
}

const attachmentInfo = (r: Database['disclosure_attachment'] & { id: number }): AttachmentInfo => ({
  id: Number(r.id),
  filename: r.filename,
  mediaType: r.media_type,
  size: Number(r.size),
  sha256: r.sha256,
  storageKey: r.storage_key,
});

export async function attachmentsByIds(db: Db, ids: number[]): Promise<AttachmentInfo[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('disclosure_attachment').selectAll().where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [Number(r.id), attachmentInfo(r as never)]));
  return ids.map((id) => byId.get(id)).filter((x): x is AttachmentInfo => !!x);
}

export interface ItemDetail {
  id: number;
  agencyId: number;
  indexNumber: string;
  view: ItemView;
  /** The history, oldest first, each with one Chinese line. */
  history: { seq: number; event: ItemEvent; text: string }[];
  attachments: AttachmentInfo[];
  /** The document this item interprets, and the interpretations of this item. */
  interprets: { id: number; indexNumber: string; title: string; live: boolean } | null;
  interpretations: { id: number; indexNumber: string; title: string; status: ItemStatus; live: boolean }[];
}

/** Everything the console shows about one item (its events are the truth). */
export async function itemDetail(
  store: Store,
  itemId: number,
  deps: DisclosureDeps,
): Promise<ItemDetail | null> {
  const row = await store.db
    .selectFrom('disclosure_item')
    .select(['id', 'agency_id', 'index_number'])
    .where('id', '=', itemId)
    .executeTakeFirst();
  if (!row) return null;
  const events = await loadEvents(store.db, itemId);
  const view = viewOf(replayItem(events), deps.calendar);
  let chain: ReviewStep[] | null = null;
  const history = events.map((e, i) => {
    if (e.type === 'submitted') chain = e.chain;
    return { seq: i + 1, event: e, text: describeItemEvent(e, chain) };
  });
  const target = view.fields.interpretsItemId
    ? await store.db
        .selectFrom('disclosure_item')
        .select(['id', 'index_number', 'title', 'live'])
        .where('id', '=', view.fields.interpretsItemId)
        .executeTakeFirst()
    : undefined;
  const interps = await store.db
    .selectFrom('disclosure_item')
    .select(['id', 'index_number', 'title', 'status', 'live'])
    .where('interprets_id', '=', itemId)
    .orderBy('id')
    .execute();
  return {
    id: Number(row.id),
    agencyId: Number(row.agency_id),
    indexNumber: row.index_number,
    view,
    history,
    attachments: await attachmentsByIds(store.db, view.fields.attachmentIds),
    interprets: target
      ? {
          id: Number(target.id),
          indexNumber: target.index_number,
          title: target.title,
          live: Number(target.live) === 1,
        }
      : null,
    interpretations: interps.map((r) => ({
      id: Number(r.id),
      indexNumber: r.index_number,
      title: r.title,
      status: r.status as ItemStatus,
      live: Number(r.live) === 1,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Art. 26 (PRO-01): items at risk and overdue

export interface ItemAtRisk {
  id: number;
  indexNumber: string;
  title: string;
  status: ItemStatus;
  statusLabel: string;
  formedOn: string;
  dueOn: string;
  /** Working days left (0 on the due date); for overdue items 0. */
  workingDaysLeft: number | null;
  /** Working days past the due date (overdue items only). */
  workingDaysOverdue: number | null;
}

/**
 * Items whose Art. 26 clock runs (proactive, not yet public in their current formation) and that
 * are overdue on `today`, or at risk (≤ riskDays working days left, default 5). Sorted by due date.
 */
export async function itemsAtRisk(
  db: Db,
  agencyId: number,
  today: IsoDate,
  calendar: WorkingCalendar,
  opts: { riskDays?: number } = {},
): Promise<{ overdue: ItemAtRisk[]; atRisk: ItemAtRisk[] }> {
  const riskDays = opts.riskDays ?? DEFAULT_RISK_WORKING_DAYS;
  let horizon = '9999-12-31';
  try {
    horizon = calendar.addWorkingDays(today, riskDays);
  } catch {
    // beyond the calendar: take every running clock and let clockState decide
  }
  const rows = await db
    .selectFrom('disclosure_item')
    .select(['id', 'index_number', 'title', 'status', 'formed_on', 'due_on'])
    .where('agency_id', '=', agencyId)
    .where('due_on', 'is not', null)
    .where('due_on', '<=', horizon)
    .orderBy('due_on')
    .orderBy('id')
    .execute();
  const overdue: ItemAtRisk[] = [];
  const atRisk: ItemAtRisk[] = [];
  for (const r of rows) {
    const c = clockState(r.due_on!, today, calendar, riskDays);
    const item: ItemAtRisk = {
      id: Number(r.id),
      indexNumber: r.index_number,
      title: r.title,
      status: r.status as ItemStatus,
      statusLabel: ITEM_STATUS[r.status as ItemStatus],
      formedOn: r.formed_on,
      dueOn: r.due_on!,
      workingDaysLeft: c.workingDaysLeft,
      workingDaysOverdue: c.workingDaysOverdue,
    };
    if (c.overdue) overdue.push(item);
    else if (c.atRisk) atRisk.push(item);
  }
  return { overdue, atRisk };
}

// ---------------------------------------------------------------------------------------------
// Attachments

/**
 * Stores an uploaded attachment: checks it is a PDF, DOCX or XLSX by content, writes the bytes
 * under `dir` (a random key, never the uploader's name) and records it. Add its id to the item's
 * `attachmentIds` with an `edited` event.
 */
export async function saveDisclosureAttachment(
  store: Store,
  agencyId: number,
  file: { filename: string; bytes: Uint8Array },
  opts: { dir: string; actor: string },
): Promise<AttachmentInfo & { kind: AttachmentKind }> {
  const kind = sniffAttachment(file.filename, file.bytes);
  const type = ATTACHMENT_TYPES[kind];
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const now = nowIso();
  const storageKey = `disclosure/${now.slice(0, 7)}/${randomBytes(16).toString('hex')}${type.ext}`;
  const path = join(opts.dir, storageKey);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, file.bytes, { flag: 'wx' });
  try {
    const filename = cleanFilename(file.filename, kind);
    const row = await store.db.transaction().execute(async (trx) => {
      const r = await trx
        .insertInto('disclosure_attachment')
        .values({
          agency_id: agencyId,
          storage_key: storageKey,
          filename,
          media_type: type.mediaType,
          size: file.bytes.length,
          sha256,
          uploaded_at: now,
          uploaded_by: opts.actor,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(trx, {
        actor: opts.actor,
        entity: 'disclosure_attachment',
        entityId: r.id,
        action: 'uploaded',
        detail: { filename, sha256, size: file.bytes.length },
      });
      return r;
    });
    return {
      id: Number(row.id),
      filename,
      mediaType: type.mediaType,
      size: file.bytes.length,
      sha256,
      storageKey,
      kind,
    };
  } catch (e) {
    rmSync(path, { force: true });
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------

/** Rebuilds every item's projection and public row from its events (after a calendar change, or to verify). */
export async function rebuildDisclosureProjections(store: Store, deps: DisclosureDeps): Promise<number> {
  const rows = await store.db
    .selectFrom('disclosure_item')
    .select(['id', 'agency_id', 'index_number'])
    .execute();
  for (const r of rows) {
    const id = Number(r.id);
    await store.db.transaction().execute(async (trx) => {
      const s = replayItem(await loadEvents(trx, id));
      await writeProjection(trx, id, s, viewOf(s, deps.calendar));
      await syncPublic(trx, id, Number(r.agency_id), r.index_number, s);
    });
  }
  return rows.length;
}

export { loadEvents as loadItemEvents };
