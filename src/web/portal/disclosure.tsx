/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The public 政府信息公开 column (主动公开): the guide, the column page of an agency, its categories,
 * the 政策文件库 with filters, item pages with the metadata table real portals show, the
 * 政府信息公开目录 (Art. 12), search with highlighted snippets, the Atom feed and the sitemap
 * (disclosureFeeds.ts). Every page reads only the public projection (store/disclosurePublic.ts,
 * store/disclosureSearch.ts): nothing that has not passed the whole review chain and been
 * published can appear. Every page works without JavaScript (filters and search are GET forms).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { sql } from 'kysely';
import { CATEGORIES, POLICY_KINDS, VALIDITY } from '../../disclosure/categories.ts';
import {
  type CatalogueEntry,
  catalogue,
  catalogueCategories,
  catalogueTopics,
  type PublicItem,
  policyLibrary,
  publicAttachment,
  publicItem,
} from '../../store/disclosurePublic.ts';
import { searchDisclosures } from '../../store/disclosureSearch.ts';
import { type AgencyWithProfile, listAgencies } from '../agencies.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { attachmentsDir, formatSize } from '../files.ts';
import { NotFoundError } from '../guard.ts';
import { attachmentDisposition } from '../http.ts';
import { agencyCrumbs, agencyOr404, DateText } from './common.tsx';
import { feedRoute, sitemapIndexRoute, sitemapRoute } from './disclosureFeeds.ts';
import { guideRoute } from './disclosureGuide.tsx';

export const PAGE_SIZE = 20;
/** Longest search query accepted (characters). */
export const MAX_QUERY_CHARS = 100;

/** The public address of an item. */
export const itemPath = (i: { agencyId: number; id: number }) =>
  `/agencies/${i.agencyId}/disclosure/items/${i.id}`;

const columnPath = (agencyId: number) => `/agencies/${agencyId}/disclosure`;

const columnCrumbs = (a: { id: number; name: string }) => [
  ...agencyCrumbs(a),
  { href: columnPath(a.id), label: '政府信息公开' },
];

/** A positive page number from the query (1 when absent or invalid). */
function pageParam(c: AppContext): number {
  const p = c.req.query('page') ?? '';
  return /^\d{1,6}$/.test(p) && Number(p) >= 1 ? Number(p) : 1;
}

/** A path with the given query parameters (empty ones left out). */
function withQuery(path: string, params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** HTML produced by our own escaping code (search highlights) or the input sanitiser (bodies). */
const Html: FC<{ html: string; tag?: 'span' | 'div'; class?: string }> = ({ html, tag, class: cls }) =>
  tag === 'div' ? (
    <div class={cls} dangerouslySetInnerHTML={{ __html: html }} />
  ) : (
    <span class={cls} dangerouslySetInnerHTML={{ __html: html }} />
  );

const Pager: FC<{
  page: number;
  total: number;
  pageSize: number;
  href: (page: number) => string;
}> = ({ page, total, pageSize, href }) => {
  const last = Math.max(1, Math.ceil(total / pageSize));
  if (last <= 1) return null;
  const pages = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, last])]
    .filter((p) => p >= 1 && p <= last)
    .sort((a, b) => a - b);
  return (
    <nav class="pager" aria-label="分页">
      <ul>
        {page > 1 ? (
          <li>
            <a href={href(page - 1)} rel="prev">
              上一页
            </a>
          </li>
        ) : null}
        {pages.map((p, i) => (
          <>
            {i > 0 && p - pages[i - 1]! > 1 ? (
              <li class="gap" aria-hidden="true">
                …
              </li>
            ) : null}
            <li>
              {p === page ? (
                <span aria-current="page">
                  <span class="visually-hidden">第</span>
                  {p}
                  <span class="visually-hidden">页</span>
                </span>
              ) : (
                <a href={href(p)}>
                  <span class="visually-hidden">第</span>
                  {p}
                  <span class="visually-hidden">页</span>
                </a>
              )}
            </li>
          </>
        ))}
        {page < last ? (
          <li>
            <a href={href(page + 1)} rel="next">
              下一页
            </a>
          </li>
        ) : null}
      </ul>
      <p class="muted">
        第{page}页，共{last}页
      </p>
    </nav>
  );
};

const ValidityBadge: FC<{ validity: string | null; on?: string | null }> = ({ validity, on }) => {
  if (!validity) return null;
  const label = VALIDITY[validity as keyof typeof VALIDITY] ?? validity;
  return (
    <span class={`badge validity-${validity}`}>
      {label}
      {on && validity !== 'valid' ? (
        <>
          （<DateText date={on} />）
        </>
      ) : null}
    </span>
  );
};

/** A list of published items (title, 索引号, 文号, 发布日期). */
const ItemList: FC<{ items: CatalogueEntry[] }> = ({ items }) => (
  <ul class="item-list">
    {items.map((i) => (
      <li>
        <a href={itemPath(i)}>{i.title}</a>
        {i.validity && i.validity !== 'valid' ? (
          <>
            {' '}
            <ValidityBadge validity={i.validity} />
          </>
        ) : null}
        <span class="meta">
          {i.documentNumber ? <span>{i.documentNumber}</span> : null}
          <span>
            发布日期：
            <DateText date={i.publishedOn} />
          </span>
        </span>
      </li>
    ))}
  </ul>
);

// ---------------------------------------------------------------------------------------------
// The column page of an agency

const ColumnNav: FC<{ a: { id: number; name: string } }> = ({ a }) => (
  <nav aria-label="政府信息公开栏目">
    <ul class="column-nav">
      <li>
        <a href={`/agencies/${a.id}/guide`}>政府信息公开指南</a>
      </li>
      <li>
        <a href={`/agencies/${a.id}/catalogue`}>政府信息公开目录</a>
      </li>
      <li>
        <a href={`/agencies/${a.id}/policies`}>政策文件库</a>
      </li>
      <li>
        <a href={`/agencies/${a.id}/apply`}>依申请公开</a>
      </li>
      <li>
        <a href={`/agencies/${a.id}/reports`}>政府信息公开年报</a>
      </li>
      <li>
        <a href={`/agencies/${a.id}/feed.atom`}>订阅更新（Atom）</a>
      </li>
    </ul>
  </nav>
);

const SearchBox: FC<{ q?: string; agencyId?: number; id?: string }> = ({ q, agencyId, id = 'q' }) => (
  <form method="get" action="/search" class="search-box">
    <label for={id}>检索政府信息</label>
    <div class="search-row">
      <input type="search" id={id} name="q" value={q ?? ''} maxlength={MAX_QUERY_CHARS} />
      {agencyId ? <input type="hidden" name="agency" value={String(agencyId)} /> : null}
      <button type="submit" class="button">
        检索
      </button>
    </div>
  </form>
);

async function columnPage(c: AppContext) {
  const store = c.get('deps').store;
  const a = await agencyOr404(c, c.req.param('agencyId'));
  const [cats, topics, latest] = await Promise.all([
    catalogueCategories(store, a.id),
    catalogueTopics(store, a.id),
    catalogue(store, { agencyId: a.id, pageSize: 10 }),
  ]);
  return c.render(
    <>
      <h1>{a.name}政府信息公开</h1>
      <ColumnNav a={a} />
      <SearchBox agencyId={a.id} />
      <h2>法定主动公开内容</h2>
      {cats.length ? (
        <div class="table-scroll">
          <table class="data">
            <caption>按《条例》规定的类别（共{latest.total}条）</caption>
            <thead>
              <tr>
                <th scope="col">类别</th>
                <th scope="col">依据</th>
                <th scope="col">条数</th>
              </tr>
            </thead>
            <tbody>
              {cats.map((k) => (
                <tr>
                  <th scope="row">
                    <a href={`${columnPath(a.id)}/category/${k.category}`}>{k.label}</a>
                  </th>
                  <td>{k.basis}</td>
                  <td>{k.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>本机关尚未主动公开政府信息。</p>
      )}
      {topics.length ? (
        <>
          <h2>主题分类</h2>
          <ul class="topic-list">
            {topics.map((t) => (
              <li>
                <a href={withQuery(`/agencies/${a.id}/catalogue`, { topic: t.topic })}>{t.topic}</a>（
                {t.count}）
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {latest.items.length ? (
        <>
          <h2>最新公开</h2>
          <ItemList items={latest.items} />
          <p>
            <a href={`/agencies/${a.id}/catalogue`}>查看全部（政府信息公开目录）</a>
          </p>
        </>
      ) : null}
    </>,
    { title: `政府信息公开 - ${a.name}`, crumbs: [...agencyCrumbs(a), { label: '政府信息公开' }] },
  );
}

async function categoryPage(c: AppContext) {
  const store = c.get('deps').store;
  const a = await agencyOr404(c, c.req.param('agencyId'));
  const code = c.req.param('code') ?? '';
  const def = CATEGORIES[code];
  if (!def) throw new NotFoundError('没有这个公开类别。');
  const page = pageParam(c);
  const r = await catalogue(store, { agencyId: a.id, category: code, page, pageSize: PAGE_SIZE });
  return c.render(
    <>
      <h1>{def.label}</h1>
      <p class="muted">
        {def.basis}　共{r.total}条
      </p>
      {r.items.length ? <ItemList items={r.items} /> : <p>{r.total ? '没有更多信息。' : '暂无信息。'}</p>}
      <Pager
        page={page}
        total={r.total}
        pageSize={PAGE_SIZE}
        href={(p) => withQuery(`${columnPath(a.id)}/category/${code}`, { page: p })}
      />
    </>,
    { title: `${def.label} - ${a.name}`, crumbs: [...columnCrumbs(a), { label: def.label }] },
  );
}

// ---------------------------------------------------------------------------------------------
// 政府信息公开目录 (Art. 12: 索引、名称、内容概述、生成日期)

async function cataloguePage(c: AppContext) {
  const store = c.get('deps').store;
  const a = await agencyOr404(c, c.req.param('agencyId'));
  const page = pageParam(c);
  const categoryQ = c.req.query('category') ?? '';
  const category = CATEGORIES[categoryQ] ? categoryQ : undefined;
  const topic = (c.req.query('topic') ?? '').trim().slice(0, 100) || undefined;
  const [r, cats] = await Promise.all([
    catalogue(store, { agencyId: a.id, category, topic, page, pageSize: PAGE_SIZE }),
    catalogueCategories(store, a.id),
  ]);
  return c.render(
    <>
      <h1>{a.name}政府信息公开目录</h1>
      <p>
        依照《中华人民共和国政府信息公开条例》第十二条编制，包括政府信息的索引、名称、内容概述、生成日期等内容。
      </p>
      <form method="get" class="filters" action={`/agencies/${a.id}/catalogue`}>
        <div class="field">
          <label for="f-category">类别</label>
          <select id="f-category" name="category">
            <option value="">全部类别</option>
            {cats.map((k) => (
              <option value={k.category} selected={k.category === category}>
                {k.label}（{k.count}）
              </option>
            ))}
          </select>
        </div>
        {topic ? <input type="hidden" name="topic" value={topic} /> : null}
        <button type="submit" class="button secondary">
          筛选
        </button>
      </form>
      {topic ? (
        <p>
          主题分类：{topic}（<a href={withQuery(`/agencies/${a.id}/catalogue`, { category })}>取消</a>）
        </p>
      ) : null}
      <p role="status">共{r.total}条</p>
      {r.items.length ? (
        <div class="table-scroll">
          <table class="data catalogue">
            <caption>政府信息公开目录</caption>
            <thead>
              <tr>
                <th scope="col">索引号</th>
                <th scope="col">名称</th>
                <th scope="col">内容概述</th>
                <th scope="col">生成日期</th>
              </tr>
            </thead>
            <tbody>
              {r.items.map((i) => (
                <tr>
                  <td class="nowrap">{i.indexNumber}</td>
                  <td>
                    <a href={itemPath(i)}>{i.title}</a>
                  </td>
                  <td>{i.summary}</td>
                  <td class="nowrap">
                    <DateText date={i.generatedOn} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>暂无信息。</p>
      )}
      <Pager
        page={page}
        total={r.total}
        pageSize={PAGE_SIZE}
        href={(p) => withQuery(`/agencies/${a.id}/catalogue`, { category, topic, page: p })}
      />
    </>,
    {
      title: `政府信息公开目录 - ${a.name}`,
      crumbs: [...columnCrumbs(a), { label: '政府信息公开目录' }],
    },
  );
}

// ---------------------------------------------------------------------------------------------
// 政策文件库

/** Years with 成文 documents and the issuers in the library (for the filter form). */
async function libraryFacets(c: AppContext, agencyId: number | undefined) {
  const db = c.get('deps').store.db;
  let base = db.selectFrom('disclosure_public').where('policy_kind', 'is not', null);
  if (agencyId !== undefined) base = base.where('agency_id', '=', agencyId);
  const [years, issuers] = await Promise.all([
    base
      .select(sql<string>`substr(written_on, 1, 4)`.as('y'))
      .where('written_on', 'is not', null)
      .distinct()
      .execute(),
    base.select('issuer').distinct().orderBy('issuer').execute(),
  ]);
  return {
    years: years
      .map((r) => Number(r.y))
      .filter(Number.isFinite)
      .sort((x, y) => y - x),
    issuers: issuers.map((r) => r.issuer),
  };
}

interface LibraryFilters {
  kind?: string;
  year?: number;
  validity?: string;
  issuer?: string;
}

async function libraryPage(c: AppContext, a: AgencyWithProfile | null) {
  const store = c.get('deps').store;
  const q = (k: string) => (c.req.query(k) ?? '').trim();
  const facets = await libraryFacets(c, a?.id);
  const ignored: string[] = [];
  const f: LibraryFilters = {};
  if (q('kind')) {
    if (q('kind') in POLICY_KINDS) f.kind = q('kind');
    else ignored.push('类型');
  }
  if (q('year')) {
    if (/^\d{4}$/.test(q('year'))) f.year = Number(q('year'));
    else ignored.push('成文年份');
  }
  if (q('validity')) {
    if (q('validity') in VALIDITY) f.validity = q('validity');
    else ignored.push('有效性');
  }
  if (q('issuer')) f.issuer = q('issuer').slice(0, 200);
  const page = pageParam(c);
  const r = await policyLibrary(store, { agencyId: a?.id, ...f, page, pageSize: PAGE_SIZE });
  const path = a ? `/agencies/${a.id}/policies` : '/policies';
  const title = a ? `${a.name}政策文件库` : '政策文件库';
  return c.render(
    <>
      <h1>{title}</h1>
      <p>本库收录已公开的规章和行政规范性文件（《条例》第二十条第（一）项），标明现行有效、失效或者废止。</p>
      {ignored.length ? (
        <div class="notice error" role="alert">
          <p>筛选条件“{ignored.join('、')}”无效，已忽略。</p>
        </div>
      ) : null}
      <form method="get" action={path} class="filters">
        <div class="field">
          <label for="f-kind">类型</label>
          <select id="f-kind" name="kind">
            <option value="">全部</option>
            {Object.entries(POLICY_KINDS).map(([k, v]) => (
              <option value={k} selected={f.kind === k}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-year">成文年份</label>
          <select id="f-year" name="year">
            <option value="">全部</option>
            {facets.years.map((y) => (
              <option value={String(y)} selected={f.year === y}>
                {y}年
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-validity">有效性</label>
          <select id="f-validity" name="validity">
            <option value="">全部</option>
            {Object.entries(VALIDITY).map(([k, v]) => (
              <option value={k} selected={f.validity === k}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-issuer">发布机构</label>
          <select id="f-issuer" name="issuer">
            <option value="">全部</option>
            {facets.issuers.map((i) => (
              <option value={i} selected={f.issuer === i}>
                {i}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button secondary">
          筛选
        </button>
      </form>
      <p role="status">共{r.total}件</p>
      {r.items.length ? (
        <div class="table-scroll">
          <table class="data library">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">名称</th>
                <th scope="col">文号</th>
                <th scope="col">发布机构</th>
                <th scope="col">类型</th>
                <th scope="col">成文日期</th>
                <th scope="col">有效性</th>
              </tr>
            </thead>
            <tbody>
              {r.items.map((i) => (
                <tr>
                  <td>
                    <a href={itemPath(i)}>{i.title}</a>
                  </td>
                  <td>{i.documentNumber ?? '—'}</td>
                  <td>{i.issuer}</td>
                  <td class="nowrap">{POLICY_KINDS[i.policyKind as keyof typeof POLICY_KINDS] ?? '—'}</td>
                  <td class="nowrap">
                    <DateText date={i.writtenOn} />
                  </td>
                  <td class="nowrap">
                    <ValidityBadge validity={i.validity} on={i.validityOn} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>没有符合条件的文件。</p>
      )}
      <Pager
        page={page}
        total={r.total}
        pageSize={PAGE_SIZE}
        href={(p) => withQuery(path, { ...f, page: p })}
      />
    </>,
    {
      title,
      crumbs: a
        ? [...columnCrumbs(a), { label: '政策文件库' }]
        : [{ href: '/', label: '首页' }, { label: '政策文件库' }],
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Item page

const MetaTable: FC<{ i: PublicItem }> = ({ i }) => {
  const rows: [string, unknown][] = [
    ['索引号', i.indexNumber],
    ['主题分类', i.topic ?? '—'],
    ['公开类别', i.categoryLabel],
    ['发布机构', i.issuer],
    ['成文日期', <DateText date={i.writtenOn} />],
    ['发布日期', <DateText date={i.publishedOn} />],
    ['文号', i.documentNumber ?? '—'],
  ];
  if (i.policyKind) rows.push(['文件类型', POLICY_KINDS[i.policyKind as keyof typeof POLICY_KINDS] ?? '—']);
  if (i.effectiveOn) rows.push(['施行日期', <DateText date={i.effectiveOn} />]);
  if (i.validity) rows.push(['有效性', <ValidityBadge validity={i.validity} on={i.validityOn} />]);
  rows.push(['名称', i.title]);
  return (
    <table class="data meta-table">
      <caption class="visually-hidden">信息属性</caption>
      <tbody>
        {rows.map(([k, v]) => (
          <tr>
            <th scope="row">{k}</th>
            <td>{v as string}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

async function itemPage(c: AppContext) {
  const store = c.get('deps').store;
  const a = await agencyOr404(c, c.req.param('agencyId'));
  const idParam = c.req.param('itemId') ?? '';
  const id = /^\d{1,12}$/.test(idParam) ? Number(idParam) : Number.NaN;
  const i = Number.isSafeInteger(id) ? await publicItem(store, { id }) : null;
  if (!i || i.agencyId !== a.id)
    throw new NotFoundError('没有找到这条公开信息，它可能尚未发布或者已经撤下。');
  const ended = i.validity === 'expired' || i.validity === 'repealed';
  return c.render(
    <>
      {ended ? (
        <div class={`notice ended validity-${i.validity}`} role="note">
          <p>
            <strong>本文件已{VALIDITY[i.validity as keyof typeof VALIDITY]}</strong>
            {i.validityOn ? (
              <>
                （<DateText date={i.validityOn} />
                起）
              </>
            ) : null}
            ，仅供查阅，不再作为执行依据。
          </p>
        </div>
      ) : null}
      <MetaTable i={i} />
      <article class="item-body" aria-labelledby="item-title">
        <h1 id="item-title">{i.title}</h1>
        {i.documentNumber ? <p class="docno">{i.documentNumber}</p> : null}
        <Html tag="div" class="body" html={i.bodyHtml} />
      </article>
      {i.amendments.length ? (
        <>
          <h2>修订情况</h2>
          <ul>
            {i.amendments.map((m) => (
              <li>
                <DateText date={m.on} />
                {m.documentNumber ? `　${m.documentNumber}` : ''}
                {m.note ? `　${m.note}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {i.attachments.length ? (
        <>
          <h2>附件</h2>
          <ul>
            {i.attachments.map((f) => (
              <li>
                <a href={`${itemPath(i)}/attachments/${f.id}`}>{f.filename}</a>（{formatSize(f.size)}）
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {i.interprets ? (
        <>
          <h2>解读的文件</h2>
          <p>
            <a href={itemPath({ agencyId: i.agencyId, id: i.interprets.id })}>{i.interprets.title}</a>
          </p>
        </>
      ) : null}
      {i.interpretations.length ? (
        <>
          <h2>政策解读</h2>
          <ul>
            {i.interpretations.map((r) => (
              <li>
                <a href={itemPath({ agencyId: i.agencyId, id: r.id })}>{r.title}</a>（
                <DateText date={r.publishedOn} />）
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>,
    {
      title: `${i.title} - ${a.name}`,
      crumbs: [
        ...columnCrumbs(a),
        {
          href: `${columnPath(a.id)}/category/${i.category}`,
          label: CATEGORIES[i.category]?.label ?? i.category,
        },
        { label: i.title },
      ],
    },
  );
}

const STORAGE_KEY = /^disclosure\/\d{4}-\d{2}\/[0-9a-f]{32}\.(pdf|docx|xlsx)$/;

async function attachmentDownload(c: AppContext) {
  const deps = c.get('deps');
  const num = (p: string | undefined) => (/^\d{1,12}$/.test(p ?? '') ? Number(p) : Number.NaN);
  const agencyId = num(c.req.param('agencyId'));
  const itemId = num(c.req.param('itemId'));
  const attId = num(c.req.param('attachmentId'));
  const notFound = new NotFoundError('没有找到这个附件。');
  if (![agencyId, itemId, attId].every(Number.isSafeInteger)) throw notFound;
  const item = await publicItem(deps.store, { id: itemId });
  if (!item || item.agencyId !== agencyId) throw notFound;
  const f = await publicAttachment(deps.store, itemId, attId);
  if (!f || !STORAGE_KEY.test(f.storageKey)) throw notFound;
  let bytes: Buffer;
  try {
    bytes = await readFile(join(attachmentsDir(deps), f.storageKey));
  } catch {
    throw notFound;
  }
  return c.body(new Uint8Array(bytes), 200, {
    'Content-Type': f.mediaType,
    'Content-Disposition': attachmentDisposition(f.filename),
    'Cache-Control': 'public, max-age=300',
    'X-Content-Type-Options': 'nosniff',
  });
}

/** `/disclosure/<索引号>`: the item's page (索引号 contain '/'). */
async function byIndexNumber(c: AppContext) {
  const raw = c.req.param('indexNumber') ?? '';
  let indexNumber = raw;
  try {
    indexNumber = decodeURIComponent(raw);
  } catch {
    throw new NotFoundError('没有找到这条公开信息。');
  }
  const i = indexNumber.length <= 100 ? await publicItem(c.get('deps').store, { indexNumber }) : null;
  if (!i) throw new NotFoundError('没有找到这条公开信息，它可能尚未发布或者已经撤下。');
  return c.redirect(itemPath(i), 301);
}

// ---------------------------------------------------------------------------------------------
// Search

async function searchPage(c: AppContext) {
  const deps = c.get('deps');
  const q = (c.req.query('q') ?? '').trim();
  const agencies = await listAgencies(deps.store.db);
  const agencyParam = c.req.query('agency') ?? '';
  const agency = agencies.find((x) => String(x.id) === agencyParam);
  const page = pageParam(c);
  let error: string | null = null;
  if (q && [...q].length > MAX_QUERY_CHARS) error = `检索词不能超过${MAX_QUERY_CHARS}个字，请缩短后重试。`;
  const r =
    q && !error
      ? await searchDisclosures(deps.store, { q, agencyId: agency?.id, page, pageSize: PAGE_SIZE })
      : null;
  if (q && !error && r && !r.terms.length) error = '请输入有效的检索词。';
  if (error) c.status(400);
  const names = new Map(agencies.map((x) => [x.id, x.name]));
  return c.render(
    <>
      <h1>检索政府信息</h1>
      <form method="get" action="/search" class="filters search-form">
        <div class={`field${error ? ' has-error' : ''}`}>
          <label for="f-q">检索词</label>
          <p class="hint" id="f-q-hint">
            在标题、正文和文号中检索；多个词用空格分开，须同时出现。
          </p>
          {error ? (
            <p class="error-message" id="f-q-error">
              <span class="visually-hidden">错误：</span>
              {error}
            </p>
          ) : null}
          <input
            type="search"
            id="f-q"
            name="q"
            value={q}
            aria-describedby={error ? 'f-q-hint f-q-error' : 'f-q-hint'}
            aria-invalid={error ? 'true' : undefined}
          />
        </div>
        <div class="field">
          <label for="f-agency">机关</label>
          <select id="f-agency" name="agency">
            <option value="">全部机关</option>
            {agencies.map((x) => (
              <option value={String(x.id)} selected={agency?.id === x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          检索
        </button>
      </form>
      {!q ? <p role="status">请输入检索词。</p> : null}
      {r && !error ? (
        <>
          <p role="status">
            {r.total ? (
              <>
                找到{r.totalCapped ? `${r.total}+` : r.total}条与“{q}”相关的信息
                {r.totalCapped ? `（仅显示前${r.total}条，请使用更具体的检索词）` : ''}
              </>
            ) : (
              <>没有找到与“{q}”相关的信息。请检查用字，或者换用其他检索词。</>
            )}
          </p>
          {r.items.length ? (
            <ol class="search-results" start={(page - 1) * PAGE_SIZE + 1}>
              {r.items.map((h) => (
                <li>
                  <h2>
                    <a href={itemPath(h)}>
                      <Html html={h.titleHtml} />
                    </a>
                  </h2>
                  <p class="snippet">
                    <Html html={h.snippet} />
                  </p>
                  <p class="meta">
                    <span>{names.get(h.agencyId) ?? ''}</span>
                    <span>索引号：{h.indexNumber}</span>
                    {h.documentNumber ? <span>文号：{h.documentNumber}</span> : null}
                    <span>
                      发布日期：
                      <DateText date={h.publishedOn} />
                    </span>
                  </p>
                </li>
              ))}
            </ol>
          ) : r.total ? (
            <p>没有更多结果。</p>
          ) : null}
          <Pager
            page={page}
            total={r.total}
            pageSize={PAGE_SIZE}
            href={(p) => withQuery('/search', { q, agency: agency?.id, page: p })}
          />
        </>
      ) : null}
    </>,
    {
      title: q ? `检索：${q.slice(0, 30)}` : '检索政府信息',
      crumbs: [{ href: '/', label: '首页' }, { label: '检索政府信息' }],
    },
  );
}

export function disclosureRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/agencies/:agencyId/guide', guideRoute);
  app.get('/agencies/:agencyId/disclosure', columnPage);
  app.get('/agencies/:agencyId/disclosure/category/:code', categoryPage);
  app.get('/agencies/:agencyId/disclosure/items/:itemId', itemPage);
  app.get('/agencies/:agencyId/disclosure/items/:itemId/attachments/:attachmentId', attachmentDownload);
  app.get('/agencies/:agencyId/catalogue', cataloguePage);
  app.get('/agencies/:agencyId/policies', async (c) =>
    libraryPage(c, await agencyOr404(c, c.req.param('agencyId'))),
  );
  app.get('/policies', (c) => libraryPage(c, null));
  app.get('/disclosure/:indexNumber{.+}', byIndexNumber);
  app.get('/search', searchPage);
  app.get('/agencies/:agencyId/feed.atom', feedRoute);
  app.get('/sitemap.xml', sitemapRoute);
  app.get('/sitemaps/:name', sitemapIndexRoute);
  return app;
}
