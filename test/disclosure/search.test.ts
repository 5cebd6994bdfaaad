/**
 * Full-text search: the same results on SQLite (FTS5 trigram + instr for 1–2 characters) and
 * PostgreSQL (pg_trgm), and both equal to a plain JavaScript reference (substring match of every
 * folded term in title, 文号 or body; title/文号 matches first; newest 发布日期, then id). Only
 * published items are found; snippets are escaped and highlighted.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { htmlToText, sanitizeHtml } from '../../src/disclosure/sanitize.ts';
import { foldText, queryTerms, snippet } from '../../src/disclosure/searchText.ts';
import type { Store } from '../../src/store/db.ts';
import { appendItemEvents, createItem, sortKeyOf } from '../../src/store/disclosure.ts';
import { type SearchResult, searchDisclosures } from '../../src/store/disclosureSearch.ts';
import { storeFactories } from '../helpers/stores.ts';
import { actors, agency, approveAndPublish, deps, ev } from './helpers.ts';

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TITLE_PARTS = [
  '关于',
  '做好',
  '义务教育',
  '招生入学',
  '信息公开',
  '学校',
  '安全',
  '税费',
  '工作',
  '通知',
  '公告',
  '名单',
  '（2025）',
  '(2026)',
  'ABC',
  'abc系统',
];
const BODY_PARTS = [
  '各学校：',
  '为做好政府信息公开工作，',
  '根据《中华人民共和国政府信息公开条例》，',
  '现将义务教育阶段招生入学有关事项通知如下。',
  '请各单位高度重视安全生产。',
  '税务部门依法征收税费。',
  '联系电话：0512-66881234。',
  'ＡＢＣ平台已上线，',
  '本通知自发布之日起施行。',
  '<b>加粗</b>与&lt;尖括号&gt;',
  '公',
];

interface Doc {
  agency: 0 | 1;
  title: string;
  documentNumber: string | null;
  bodyHtml: string;
  publishedOn: string;
  published: boolean;
}

function corpus(n: number): Doc[] {
  const r = prng(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const docs: Doc[] = [];
  for (let i = 0; i < n; i++) {
    const title = Array.from({ length: 2 + Math.floor(r() * 4) }, () => pick(TITLE_PARTS)).join('');
    const body = Array.from({ length: 1 + Math.floor(r() * 6) }, () => `<p>${pick(BODY_PARTS)}</p>`).join('');
    docs.push({
      agency: (i % 3 === 0 ? 1 : 0) as 0 | 1,
      title,
      documentNumber: r() < 0.5 ? `某教发〔${pick(['2025', '2026'])}〕${1 + Math.floor(r() * 12)}号` : null,
      bodyHtml: body,
      // few distinct dates: plenty of ties, broken by id
      publishedOn: `2026-03-${String(2 + Math.floor(r() * 4)).padStart(2, '0')}`,
      published: r() < 0.85,
    });
  }
  return docs;
}

const DOCS = corpus(90);

async function load(s: Store): Promise<{ ids: number[]; agencies: number[] }> {
  const agencies = [await agency(s), await agency(s, '某区税务局', '11341702486344523C')];
  const ids: number[] = [];
  for (const d of DOCS) {
    const c = await createItem(
      s,
      agencies[d.agency]!,
      ev('drafted', '2026-03-02', actors.clerk, {
        fields: {
          title: d.title,
          documentNumber: d.documentNumber,
          formedOn: '2026-03-02',
          category: 'art20.11',
          bodyHtml: d.bodyHtml,
        },
      }) as never,
      deps,
    );
    ids.push(c.id);
    if (d.published) await appendItemEvents(s, c.id, approveAndPublish(d.publishedOn), deps);
  }
  return { ids, agencies };
}

/** The reference: the semantics written out plainly. */
function reference(ids: number[], agencies: number[], q: string, agencyId?: number) {
  const terms = queryTerms(q);
  const hits = DOCS.map((d, i) => ({ d, id: ids[i]! }))
    .filter(({ d }) => d.published && (agencyId === undefined || agencies[d.agency] === agencyId))
    .map(({ d, id }) => {
      const head = `${foldText(d.title)}\n${foldText(d.documentNumber ?? '')}`;
      const all = `${head}\n${foldText(htmlToText(sanitizeHtml(d.bodyHtml)))}`;
      return {
        id,
        key: sortKeyOf(d.publishedOn, id),
        match: terms.every((t) => all.includes(t)),
        g: terms.every((t) => head.includes(t)) ? 0 : 1,
      };
    })
    .filter((h) => terms.length && h.match)
    .sort((a, b) => a.g - b.g || b.key - a.key);
  return hits.map((h) => h.id);
}

const QUERIES = [
  '公', // 1 character
  '税',
  '公开', // 2 characters
  '学校',
  'ab',
  '信息公开', // 4 characters
  '义务教育',
  '招生入学',
  '政府信', // 3 characters
  '安全生',
  'abc', // folds ＡＢＣ and ABC
  '(2025)', // folds （2025）
  '教发〔2026〕3号', // 文号
  '〔2025〕',
  '学校 公开', // several terms
  '公 义务教育 通知',
  '<b>',
  '尖括号',
  '没有这个词',
];

it('finds the same items in the same order on SQLite and PostgreSQL, equal to the reference', async () => {
  const results: Record<string, Record<string, SearchResult>> = {};
  for (const f of storeFactories()) {
    const s = await f.open();
    const { ids, agencies } = await load(s);
    const out: Record<string, SearchResult> = {};
    for (const q of QUERIES) {
      const all = await searchDisclosures(s, { q, pageSize: 100 });
      const expected = reference(ids, agencies, q);
      assert.deepEqual(
        all.items.map((i) => i.id),
        expected,
        `${f.name} “${q}”`,
      );
      assert.equal(all.total, expected.length, `${f.name} “${q}” total`);
      out[q] = all;
      // paging: page 2 of 7 is the slice
      const p2 = await searchDisclosures(s, { q, page: 2, pageSize: 7 });
      assert.deepEqual(
        p2.items.map((i) => i.id),
        expected.slice(7, 14),
        `${f.name} “${q}” page 2`,
      );
      assert.equal(p2.total, expected.length);
      out[`${q} p2`] = p2;
      // a capped total: exact up to maxTotal, pages end there
      const capped = await searchDisclosures(s, { q, page: 2, pageSize: 3, maxTotal: 5 });
      assert.deepEqual(
        capped.items.map((i) => i.id),
        expected.slice(3, 5),
        `${f.name} “${q}” capped`,
      );
      assert.deepEqual(
        [capped.total, capped.totalCapped],
        [Math.min(expected.length, 5), expected.length > 5],
      );
      out[`${q} capped`] = capped;
      // one agency
      const one = await searchDisclosures(s, { q, agencyId: agencies[1]!, pageSize: 100 });
      assert.deepEqual(
        one.items.map((i) => i.id),
        reference(ids, agencies, q, agencies[1]),
        `${f.name} “${q}” agency`,
      );
      out[`${q} agency`] = one;
    }
    // the queries exercise every path: 1-, 2-, 3- and 4-character terms each find something
    for (const q of ['公', '公开', '政府信', '信息公开', '教发〔2026〕3号']) assert.ok(out[q]!.total > 0, q);
    results[f.name] = out;
    await s.close();
  }
  if (results.postgres) assert.deepEqual(results.postgres, results.sqlite);
});

it('agrees with the reference on random substrings of the corpus (trigram and short-term paths)', async () => {
  const texts = DOCS.flatMap((d) => [
    d.title,
    htmlToText(sanitizeHtml(d.bodyHtml)),
    d.documentNumber ?? '',
  ]).filter((t) => t.length > 4);
  for (const f of storeFactories()) {
    const s = await f.open();
    const { ids, agencies } = await load(s);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: texts.length - 1 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 6 }),
        async (ti, start, len) => {
          const t = [...texts[ti]!];
          const q = t
            .slice(start % t.length, (start % t.length) + len)
            .join('')
            .trim();
          const r = await searchDisclosures(s, { q, pageSize: 100 });
          assert.deepEqual(
            r.items.map((i) => i.id),
            reference(ids, agencies, q),
            `${f.name} “${q}”`,
          );
        },
      ),
      { numRuns: 60 },
    );
    await s.close();
  }
});

it('escapes and highlights snippets and titles; never finds drafts', async () => {
  const s = await storeFactories()[0]!.open();
  const a = await agency(s);
  const c = await createItem(
    s,
    a,
    ev('drafted', '2026-03-02', actors.clerk, {
      fields: {
        title: '关于<script>的通知',
        formedOn: '2026-03-02',
        category: 'art20.11',
        bodyHtml: `<p>${'前文'.repeat(30)}</p><p>检索词&lt;b&gt;在这里 &amp; “引号”</p><p>${'后文'.repeat(40)}</p>`,
      },
    }) as never,
    deps,
  );
  assert.equal((await searchDisclosures(s, { q: '检索词' })).total, 0, 'a draft is never found');
  await appendItemEvents(s, c.id, approveAndPublish('2026-03-03'), deps);
  const r = await searchDisclosures(s, { q: '检索词 script' });
  assert.equal(r.total, 1);
  assert.equal(r.items[0]!.titleHtml, '关于&lt;<mark>script</mark>&gt;的通知');
  assert.equal(
    r.items[0]!.snippet,
    // 20 characters before the first match, 80 in all, cut with '…'
    '…文前文前文前文前文前文前文前文前文前文 <mark>检索词</mark>&lt;b&gt;在这里 &amp; “引号” 后文后文后文后文后文后文后文后文后文后文后文后文后文后文后文后文后文后文后文后文后文后…',
  );
  assert.equal(snippet('短文', ['x']), '短文');
  assert.deepEqual((await searchDisclosures(s, { q: '   ' })).items, []);
  await s.close();
});
