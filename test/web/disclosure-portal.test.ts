/**
 * The public 政府信息公开 column on both databases: nothing unpublished appears anywhere (column,
 * category lists, policy library, catalogue, item page, search, Atom feed, sitemap) until the
 * item has passed the whole review chain and been published, and it disappears when taken down;
 * the library's filters; search highlighting with escaping; the Atom feed and the sitemap as XML;
 * paging; the item page's metadata, validity and 政策解读 links; the guide from its sections.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';
import { load } from 'cheerio';
import {
  appendItemEvent,
  appendItemEvents,
  createItem,
  type DraftInput,
  saveDisclosureAttachment,
} from '../../src/store/disclosure.ts';
import { saveGuideSection } from '../../src/store/disclosureGuide.ts';
import { saveAgencyProfile } from '../../src/web/agencies.ts';
import { sitemap, sitemapPart } from '../../src/web/portal/disclosureFeeds.ts';
import { actors, approveAndPublish, deps, ev, fields } from '../disclosure/helpers.ts';
import { describeStores } from '../helpers/stores.ts';
import { Client, openApp, type TestApp } from './helpers.ts';

const CODE = '11341702486344515H';

async function withCode(t: TestApp) {
  await t.store.db.updateTable('agency').set({ credit_code: CODE }).where('id', '=', t.agencyId).execute();
  await t.store.db
    .updateTable('agency')
    .set({ credit_code: '11341702486344516X' })
    .where('id', '=', t.otherAgencyId)
    .execute();
}

const draft = (on: string, over: Record<string, unknown> = {}): DraftInput =>
  ev('drafted', on, actors.clerk, { fields: fields({ formedOn: on, ...over }) }) as unknown as DraftInput;

async function published(t: TestApp, on: string, over: Record<string, unknown> = {}, agencyId = t.agencyId) {
  const c = await createItem(t.store, agencyId, draft(on, over), deps);
  await appendItemEvents(t.store, c.id, approveAndPublish(on), deps);
  return c;
}

const policy = (over: Record<string, unknown> = {}) => ({
  category: 'art20.1',
  policyKind: 'normativeDoc',
  validity: 'valid',
  ...over,
});

/** Strict XML: any well-formedness error throws. */
function parseXml(xml: string) {
  return new DOMParser({
    errorHandler: {
      warning: () => {},
      error: (m: string) => {
        throw new Error(`XML error: ${m}`);
      },
      fatalError: (m: string) => {
        throw new Error(`XML fatal error: ${m}`);
      },
    },
  }).parseFromString(xml, 'application/xml');
}

const textOf = (html: string) => load(html)('main').text().replace(/\s+/g, ' ');

describeStores('public 政府信息公开 column', (f) => {
  /** Where the item can be seen by the public, as one comparable value. */
  async function seen(t: TestApp, id: number, title: string, term: string) {
    const c = new Client(t.app);
    const a = t.agencyId;
    const path = `/agencies/${a}/disclosure/items/${id}`;
    const [column, category, library, siteLibrary, catalogue, item, search, feed, map] = await Promise.all([
      c.get(`/agencies/${a}/disclosure`),
      c.get(`/agencies/${a}/disclosure/category/art20.1`),
      c.get(`/agencies/${a}/policies`),
      c.get('/policies'),
      c.get(`/agencies/${a}/catalogue`),
      t.app.request(path),
      c.get(`/search?q=${encodeURIComponent(term)}`),
      t.app.request(`/agencies/${a}/feed.atom`),
      t.app.request('/sitemap.xml'),
    ]);
    const feedXml = await feed.text();
    const mapXml = await map.text();
    parseXml(feedXml);
    parseXml(mapXml);
    return {
      column: column.html.includes(title),
      category: category.html.includes(title),
      library: library.html.includes(title),
      siteLibrary: siteLibrary.html.includes(title),
      catalogue: catalogue.html.includes(title),
      item: item.status,
      search: search.html.includes(path),
      feed: feedXml.includes(path),
      sitemap: mapXml.includes(path),
    };
  }

  const HIDDEN = {
    column: false,
    category: false,
    library: false,
    siteLibrary: false,
    catalogue: false,
    item: 404,
    search: false,
    feed: false,
    sitemap: false,
  };
  const SHOWN = {
    column: true,
    category: true,
    library: true,
    siteLibrary: true,
    catalogue: true,
    item: 200,
    search: true,
    feed: true,
    sitemap: true,
  };

  it('shows nothing drafted, in review, returned, approved-but-unpublished or taken down — anywhere', async () => {
    const t = await openApp(f);
    await withCode(t);
    const title = '某区住房租赁补贴管理办法';
    const term = '租赁补贴';
    const c = await createItem(
      t.store,
      t.agencyId,
      draft('2026-03-02', policy({ title, documentNumber: '某建规〔2026〕1号' })),
      deps,
    );
    assert.deepEqual(await seen(t, c.id, title, term), HIDDEN, 'drafted');
    await appendItemEvent(t.store, c.id, ev('submitted', '2026-03-02', actors.clerk), deps);
    assert.deepEqual(await seen(t, c.id, title, term), HIDDEN, 'in review');
    await appendItemEvent(t.store, c.id, ev('approved', '2026-03-02', actors.sectionHead, { step: 0 }), deps);
    assert.deepEqual(await seen(t, c.id, title, term), HIDDEN, 'first approval');
    await appendItemEvent(
      t.store,
      c.id,
      ev('returned', '2026-03-03', actors.leader, { step: 1, comment: '补充依据' }),
      deps,
    );
    assert.deepEqual(await seen(t, c.id, title, term), HIDDEN, 'returned');
    const chain = approveAndPublish('2026-03-04');
    await appendItemEvents(t.store, c.id, chain.slice(0, -1), deps);
    assert.deepEqual(await seen(t, c.id, title, term), HIDDEN, 'every approval given, not yet published');
    await appendItemEvent(t.store, c.id, chain.at(-1), deps);
    assert.deepEqual(await seen(t, c.id, title, term), SHOWN, 'published');
    await appendItemEvent(
      t.store,
      c.id,
      ev('unpublished', '2026-03-05', actors.officeHead, { reason: '内容有误，需重新审核' }),
      deps,
    );
    assert.deepEqual(await seen(t, c.id, title, term), HIDDEN, 'taken down');
  });

  it('filters the policy library by type, year, validity and issuing agency with a plain GET form', async () => {
    const t = await openApp(f);
    await withCode(t);
    await published(
      t,
      '2026-01-05',
      policy({ title: '甲规章', policyKind: 'regulation', documentNumber: '令1号', writtenOn: '2025-06-01' }),
    );
    await published(
      t,
      '2026-01-06',
      policy({ title: '乙规范性文件', documentNumber: '某建规〔2026〕2号', writtenOn: '2026-01-06' }),
    );
    await published(
      t,
      '2026-01-07',
      policy({
        title: '丙已废止文件',
        documentNumber: '某建规〔2024〕9号',
        writtenOn: '2024-02-01',
        validity: 'repealed',
        validityOn: '2025-12-31',
        issuer: '某区住房和城乡建设局、某区财政局',
      }),
    );
    await published(t, '2026-01-08', { title: '丁工作动态', category: 'art20.13', documentNumber: null });
    const c = new Client(t.app);
    const titles = async (qs: string) => {
      const { res, html } = await c.get(`/agencies/${t.agencyId}/policies${qs}`);
      assert.equal(res.status, 200);
      return load(html)('table.library tbody a')
        .map((_, e) => load(e).text())
        .get()
        .sort();
    };
    assert.deepEqual(
      await titles(''),
      ['丙已废止文件', '乙规范性文件', '甲规章'].sort(),
      'only policy documents',
    );
    assert.deepEqual(await titles('?kind=regulation'), ['甲规章']);
    assert.deepEqual(await titles('?kind=normativeDoc'), ['丙已废止文件', '乙规范性文件'].sort());
    assert.deepEqual(await titles('?year=2026'), ['乙规范性文件']);
    assert.deepEqual(await titles('?validity=repealed'), ['丙已废止文件']);
    assert.deepEqual(await titles('?validity=valid&kind=normativeDoc'), ['乙规范性文件']);
    assert.deepEqual(await titles(`?issuer=${encodeURIComponent('某区住房和城乡建设局、某区财政局')}`), [
      '丙已废止文件',
    ]);
    // the form: GET, every select labelled, the chosen values kept, the years and issuers offered
    const { html } = await c.get(`/agencies/${t.agencyId}/policies?kind=regulation&year=2025`);
    const $ = load(html);
    assert.equal($('form.filters').attr('method'), 'get');
    for (const id of ['f-kind', 'f-year', 'f-validity', 'f-issuer'])
      assert.equal($(`label[for="${id}"]`).length, 1);
    assert.equal($('#f-kind option[selected]').attr('value'), 'regulation');
    assert.equal($('#f-year option[selected]').attr('value'), '2025');
    assert.deepEqual(
      $('#f-year option')
        .map((_, e) => $(e).attr('value'))
        .get(),
      ['', '2026', '2025', '2024'],
    );
    assert.match($('#f-issuer').text(), /某区财政局/);
    assert.match(textOf(html), /共1件/);
    // a bad filter is named and ignored, not an error page
    const bad = await c.get(`/agencies/${t.agencyId}/policies?kind=xyz`);
    assert.equal(bad.res.status, 200);
    assert.match(textOf(bad.html), /筛选条件“类型”无效，已忽略/);
    assert.match(textOf(bad.html), /共3件/);
    // repealed documents say so in the list
    const repealed = load((await c.get(`/agencies/${t.agencyId}/policies?validity=repealed`)).html);
    assert.match(repealed('table.library tbody td').last().text(), /废止（2025年12月31日）/);
  });

  it('escapes item text in search results and highlights the terms; explains empty and too-long queries', async () => {
    const t = await openApp(f);
    await withCode(t);
    const item = await published(t, '2026-03-02', {
      title: '关于<script>alert(1)</script>校园安全检查的通知',
      bodyHtml:
        '<p>各学校：请于3月底前完成校园安全检查&amp;整改，报送&lt;img src=x onerror=alert(2)&gt;材料。</p>',
    });
    const c = new Client(t.app);
    const { res, html } = await c.get(`/search?q=${encodeURIComponent('校园安全')}`);
    assert.equal(res.status, 200);
    assert.doesNotMatch(html, /<script>alert/);
    assert.doesNotMatch(html, /<img src=x/);
    const $ = load(html);
    const hit = $('.search-results li');
    assert.equal(hit.length, 1);
    assert.equal(hit.find('h2 a').attr('href'), `/agencies/${t.agencyId}/disclosure/items/${item.id}`);
    assert.equal(hit.find('h2 a').text(), '关于<script>alert(1)</script>校园安全检查的通知');
    assert.deepEqual(
      hit
        .find('mark')
        .map((_, e) => $(e).text())
        .get(),
      ['校园安全', '校园安全'],
    );
    assert.equal(hit.find('script, img').length, 0);
    assert.match(hit.find('.snippet').text(), /<img src=x onerror=alert\(2\)>/, 'shown as text');
    assert.match($('[role=status]').text(), /找到1条/);
    // the item page shows the title as text too
    const page = await c.get(`/agencies/${t.agencyId}/disclosure/items/${item.id}`);
    assert.doesNotMatch(page.html, /<script>alert/);
    assert.equal(load(page.html)('#item-title').text(), '关于<script>alert(1)</script>校园安全检查的通知');
    // nothing found, empty, too long, agency filter
    assert.match(
      textOf((await c.get('/search?q=%E4%B8%8D%E5%AD%98%E5%9C%A8%E7%9A%84%E8%AF%8D')).html),
      /没有找到与“不存在的词”相关的信息/,
    );
    assert.match(textOf((await c.get('/search')).html), /请输入检索词/);
    const long = await c.get(`/search?q=${encodeURIComponent('安'.repeat(101))}`);
    assert.equal(long.res.status, 400);
    assert.match(load(long.html)('#f-q-error').text(), /检索词不能超过100个字/);
    assert.equal(load(long.html)('#f-q').attr('aria-invalid'), 'true');
    const other = await c.get(`/search?q=${encodeURIComponent('校园安全')}&agency=${t.otherAgencyId}`);
    assert.equal(load(other.html)('.search-results li').length, 0);
    const own = await c.get(`/search?q=${encodeURIComponent('校园安全')}&agency=${t.agencyId}`);
    assert.equal(load(own.html)('.search-results li').length, 1);
    assert.equal(load(own.html)('#f-agency option[selected]').attr('value'), String(t.agencyId));
  });

  it('pages category lists, the catalogue and search results', async () => {
    const t = await openApp(f);
    await withCode(t);
    for (let n = 1; n <= 23; n++)
      await published(t, `2026-02-${String(n).padStart(2, '0')}`, {
        title: `第${n}号工作简报（政务动态）`,
        category: 'art20.13',
        documentNumber: null,
      });
    const c = new Client(t.app);
    const titles = (html: string, sel: string) =>
      load(html)(sel)
        .map((_, e) => load(e).text())
        .get();
    const p1 = await c.get(`/agencies/${t.agencyId}/disclosure/category/art20.13`);
    const p2 = await c.get(`/agencies/${t.agencyId}/disclosure/category/art20.13?page=2`);
    const l1 = titles(p1.html, '.item-list li > a');
    const l2 = titles(p2.html, '.item-list li > a');
    assert.equal(l1.length, 20);
    assert.equal(l2.length, 3);
    assert.equal(l1[0], '第23号工作简报（政务动态）', 'newest first');
    assert.deepEqual(l2, [
      '第3号工作简报（政务动态）',
      '第2号工作简报（政务动态）',
      '第1号工作简报（政务动态）',
    ]);
    assert.equal(new Set([...l1, ...l2]).size, 23);
    assert.match(p1.html, /href="\/agencies\/\d+\/disclosure\/category\/art20\.13\?page=2" rel="next"/);
    assert.match(textOf(p1.html), /共23条/);
    assert.match(textOf(p2.html), /第2页，共2页/);
    assert.equal((await c.get(`/agencies/${t.agencyId}/disclosure/category/art99`)).res.status, 404);
    // the catalogue: Art. 12 columns, paged
    const cat = await c.get(`/agencies/${t.agencyId}/catalogue?page=2`);
    const $ = load(cat.html);
    assert.deepEqual(
      $('table.catalogue thead th')
        .map((_, e) => $(e).text())
        .get(),
      ['索引号', '名称', '内容概述', '生成日期'],
    );
    assert.equal($('table.catalogue tbody tr').length, 3);
    assert.match($('table.catalogue tbody td').first().text(), new RegExp(`^${CODE}/2026-\\d{5}$`));
    // search pages keep the query and the agency
    const s1 = await c.get(`/search?q=${encodeURIComponent('工作简报')}&agency=${t.agencyId}`);
    assert.equal(load(s1.html)('.search-results > li').length, 20);
    assert.match(
      s1.html,
      new RegExp(
        `href="/search\\?q=%E5%B7%A5%E4%BD%9C%E7%AE%80%E6%8A%A5&amp;agency=${t.agencyId}&amp;page=2"`,
      ),
    );
    const s2 = await c.get(`/search?q=${encodeURIComponent('工作简报')}&agency=${t.agencyId}&page=2`);
    assert.equal(load(s2.html)('.search-results > li').length, 3);
    assert.equal(load(s2.html)('.search-results').attr('start'), '21');
    // the column page: counts by category, latest items
    const col = await c.get(`/agencies/${t.agencyId}/disclosure`);
    const row = load(col.html)('table.data tbody tr').first();
    assert.equal(row.find('td').last().text(), '23');
    assert.equal(load(col.html)('.item-list li').length, 10);
  });

  it('shows the metadata table, the body, 失效/废止 clearly, and 政策解读 linked both ways', async () => {
    const t = await openApp(f);
    await withCode(t);
    const pdf = new TextEncoder().encode('%PDF-1.4\n% 附件\n%%EOF\n');
    const att = await saveDisclosureAttachment(
      t.store,
      t.agencyId,
      { filename: '资金管理办法全文.pdf', bytes: pdf },
      { dir: join(t.dataDir, 'attachments'), actor: 'test' },
    );
    const unlisted = await saveDisclosureAttachment(
      t.store,
      t.agencyId,
      { filename: '内部底稿.pdf', bytes: pdf },
      { dir: join(t.dataDir, 'attachments'), actor: 'test' },
    );
    const doc = await published(
      t,
      '2026-03-02',
      policy({
        attachmentIds: [att.id],
        title: '某区老旧小区改造资金管理办法',
        documentNumber: '某建规〔2023〕4号',
        writtenOn: '2023-05-10',
        validity: 'expired',
        validityOn: '2026-01-01',
        topic: '城乡建设',
        bodyHtml: '<h2>第一章 总则</h2><p>第一条 为规范资金管理……</p>',
      }),
    );
    const interp = await published(t, '2026-03-03', {
      title: '《某区老旧小区改造资金管理办法》政策解读',
      category: 'art20.1',
      documentNumber: null,
      interpretsItemId: doc.id,
    });
    const c = new Client(t.app);
    const { res, html } = await c.get(`/agencies/${t.agencyId}/disclosure/items/${doc.id}`);
    assert.equal(res.status, 200);
    const $ = load(html);
    const meta = Object.fromEntries(
      $('table.meta-table tr')
        .map((_, r) => [[$(r).find('th').text(), $(r).find('td').text()]])
        .get() as [string, string][],
    );
    assert.equal(meta.索引号, doc.indexNumber);
    assert.equal(meta.主题分类, '城乡建设');
    assert.equal(meta.发布机构, '某区住房和城乡建设局');
    assert.equal(meta.成文日期, '2023年5月10日');
    assert.equal(meta.发布日期, '2026年3月2日');
    assert.equal(meta.文号, '某建规〔2023〕4号');
    assert.match(meta.有效性!, /失效（2026年1月1日）/);
    assert.equal(meta.名称, '某区老旧小区改造资金管理办法');
    assert.match($('.notice.ended').text(), /本文件已失效/);
    assert.equal($('.item-body .body h2').text(), '第一章 总则', 'the sanitised body is rendered as HTML');
    assert.equal($(`a[href="/agencies/${t.agencyId}/disclosure/items/${interp.id}"]`).length, 1);
    const back = load((await c.get(`/agencies/${t.agencyId}/disclosure/items/${interp.id}`)).html);
    assert.equal(
      back(`a[href="/agencies/${t.agencyId}/disclosure/items/${doc.id}"]`).text(),
      '某区老旧小区改造资金管理办法',
    );
    // the item belongs to its agency's column only; 索引号 addresses redirect to the page
    assert.equal(
      (await t.app.request(`/agencies/${t.otherAgencyId}/disclosure/items/${doc.id}`)).status,
      404,
    );
    const r = await t.app.request(`/disclosure/${doc.indexNumber}`);
    assert.equal(r.status, 301);
    assert.equal(r.headers.get('location'), `/agencies/${t.agencyId}/disclosure/items/${doc.id}`);
    assert.equal((await t.app.request('/disclosure/NOPE/2026-00001')).status, 404);
    // the attachment: listed, downloadable; one not on the published version is not
    const link = $(`a[href="/agencies/${t.agencyId}/disclosure/items/${doc.id}/attachments/${att.id}"]`);
    assert.equal(link.text(), '资金管理办法全文.pdf');
    const dl = await t.app.request(link.attr('href')!);
    assert.equal(dl.status, 200);
    assert.equal(dl.headers.get('content-type'), 'application/pdf');
    assert.deepEqual(new Uint8Array(await dl.arrayBuffer()), pdf);
    assert.match(dl.headers.get('content-disposition')!, /^attachment;/);
    const base = `/agencies/${t.agencyId}/disclosure/items/${doc.id}/attachments`;
    assert.equal((await t.app.request(`${base}/${unlisted.id}`)).status, 404);
    assert.equal(
      (await t.app.request(`/agencies/${t.otherAgencyId}/disclosure/items/${doc.id}/attachments/${att.id}`))
        .status,
      404,
    );
  });

  it('serves an Atom 1.0 feed of the newest published items with absolute URLs', async () => {
    const t = await openApp(f);
    await withCode(t);
    const a = await published(t, '2026-03-02', { title: '第一条通知 & <说明>' });
    const b = await published(t, '2026-03-04', { title: '第二条通知' });
    const hidden = await createItem(t.store, t.agencyId, draft('2026-03-05', { title: '草稿通知' }), deps);
    await published(t, '2026-03-06', { title: '别的机关的通知' }, t.otherAgencyId);
    const res = await t.app.request(`/agencies/${t.agencyId}/feed.atom`, {
      headers: { host: 'gk.example.gov.cn', 'x-forwarded-proto': 'https' },
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^application\/atom\+xml/);
    const doc = parseXml(await res.text());
    const feed = doc.documentElement;
    assert.equal(feed.localName, 'feed');
    assert.equal(feed.namespaceURI, 'http://www.w3.org/2005/Atom');
    const entries = Array.from(feed.getElementsByTagName('entry'));
    const child = (e: Element, name: string) => e.getElementsByTagName(name)[0]!;
    assert.deepEqual(
      entries.map((e) => child(e, 'title').textContent),
      ['第二条通知', '第一条通知 & <说明>'],
    );
    const base = 'https://gk.example.gov.cn';
    assert.deepEqual(
      entries.map((e) => child(e, 'link').getAttribute('href')),
      [b, a].map((i) => `${base}/agencies/${t.agencyId}/disclosure/items/${i.id}`),
    );
    assert.equal(child(entries[0]!, 'updated').textContent, '2026-03-04T00:00:00+08:00');
    assert.equal(
      Array.from(feed.childNodes).find((n) => (n as Element).localName === 'updated')?.textContent,
      '2026-03-04T00:00:00+08:00',
    );
    const self = Array.from(feed.getElementsByTagName('link')).find((l) => l.getAttribute('rel') === 'self');
    assert.equal(self?.getAttribute('href'), `${base}/agencies/${t.agencyId}/feed.atom`);
    // neither the draft nor the other agency's item (the entries above are exactly these two)
    assert.equal(entries.length, 2);
    assert.ok(hidden.id > b.id);
    assert.equal((await t.app.request('/agencies/999/feed.atom')).status, 404);
    // a configured public address wins over the request's
    const t2 = await openApp(f, { baseUrl: 'https://www.example.gov.cn/' });
    await withCode(t2);
    await published(t2, '2026-03-02', { title: '配置地址的通知' });
    const xml = await (await t2.app.request(`/agencies/${t2.agencyId}/feed.atom`)).text();
    assert.match(
      xml,
      /<link rel="alternate" type="text\/html" href="https:\/\/www\.example\.gov\.cn\/agencies\/\d+\/disclosure\/items\/\d+"\/>/,
    );
  });

  it('lists every public page and published item in sitemap.xml, as a sitemap index beyond the limit', async () => {
    const t = await openApp(f);
    await withCode(t);
    const items = [];
    for (let n = 1; n <= 5; n++)
      items.push(await published(t, `2026-03-0${n + 1}`, { title: `地图测试${n}` }));
    const draftOnly = await createItem(t.store, t.agencyId, draft('2026-03-09', { title: '未发布' }), deps);
    const res = await t.app.request('/sitemap.xml', { headers: { host: 'gk.example.gov.cn' } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /xml/);
    const doc = parseXml(await res.text());
    assert.equal(doc.documentElement.localName, 'urlset');
    const locs = Array.from(doc.getElementsByTagName('loc')).map((l) => l.textContent!);
    const base = 'http://gk.example.gov.cn';
    for (const i of items)
      assert.ok(locs.includes(`${base}/agencies/${t.agencyId}/disclosure/items/${i.id}`));
    assert.ok(!locs.some((l) => l.endsWith(`/items/${draftOnly.id}`)));
    for (const p of [
      '/',
      '/search',
      `/agencies/${t.agencyId}/disclosure`,
      `/agencies/${t.agencyId}/guide`,
      `/agencies/${t.agencyId}/catalogue`,
    ])
      assert.ok(locs.includes(base + p), p);
    assert.equal(new Set(locs).size, locs.length, 'no URL twice');
    // beyond the limit: an index of files, each within the limit, together every URL once
    const pagesCount = locs.length - items.length;
    const max = 2;
    const index = parseXml(await sitemap(t.store, base, max));
    assert.equal(index.documentElement.localName, 'sitemapindex');
    const parts = Array.from(index.getElementsByTagName('loc')).map((l) => l.textContent!);
    assert.deepEqual(parts, [
      `${base}/sitemaps/pages.xml`,
      `${base}/sitemaps/items-1.xml`,
      `${base}/sitemaps/items-2.xml`,
      `${base}/sitemaps/items-3.xml`,
    ]);
    const itemLocs: string[] = [];
    for (const k of [1, 2, 3]) {
      const part = parseXml((await sitemapPart(t.store, base, `items-${k}.xml`, max))!);
      const l = Array.from(part.getElementsByTagName('loc')).map((x) => x.textContent!);
      assert.ok(l.length <= max);
      itemLocs.push(...l);
    }
    assert.deepEqual(itemLocs.sort(), locs.filter((l) => l.includes('/items/')).sort());
    assert.equal(await sitemapPart(t.store, base, 'items-4.xml', max), null);
    assert.ok(pagesCount > max, 'the pages file itself is capped');
    const pages = parseXml((await sitemapPart(t.store, base, 'pages.xml', 1000))!);
    assert.equal(pages.getElementsByTagName('loc').length, pagesCount);
    // the routes of the index's files
    assert.equal((await t.app.request('/sitemaps/items-1.xml')).status, 200);
    assert.equal((await t.app.request('/sitemaps/items-9.xml')).status, 404);
    assert.equal((await t.app.request('/sitemaps/other.xml')).status, 404);
  });

  it('renders the guide from its editable sections, with the contact profile until the office section is written', async () => {
    const t = await openApp(f);
    await saveAgencyProfile(
      t.store.db,
      t.agencyId,
      { office: '某区住房和城乡建设局办公室', phone: '0512-66800001' },
      'test',
    );
    const c = new Client(t.app);
    const g1 = textOf((await c.get(`/agencies/${t.agencyId}/guide`)).html);
    assert.match(g1, /某区住房和城乡建设局政府信息公开指南/);
    assert.match(g1, /0512-66800001/, 'contact data from the profile');
    assert.match(g1, /20个工作日内予以答复/);
    assert.match(g1, /本机关的行政复议机关为示范区人民政府/);
    await saveGuideSection(
      t.store,
      t.agencyId,
      'office',
      '办公地址：示范区政务服务中心3楼\n联系电话：0512-66899999',
      'test',
    );
    await saveGuideSection(
      t.store,
      t.agencyId,
      'fees',
      '本机关依申请提供政府信息，不收取费用（自定义文字）。',
      'test',
    );
    const html = (await c.get(`/agencies/${t.agencyId}/guide`)).html;
    const g2 = textOf(html);
    assert.match(g2, /示范区政务服务中心3楼/);
    assert.match(g2, /0512-66899999/);
    assert.doesNotMatch(g2, /0512-66800001/, 'the written section replaces the profile');
    assert.match(g2, /不收取费用（自定义文字）/);
    assert.match(html, new RegExp(`href="/agencies/${t.agencyId}/apply"`));
  });

  it('links the column from the home page and the agency page', async () => {
    const t = await openApp(f);
    const c = new Client(t.app);
    assert.match((await c.get('/')).html, new RegExp(`href="/agencies/${t.agencyId}/disclosure"`));
    assert.match((await c.get('/')).html, /href="\/search"/);
    assert.match(
      (await c.get(`/agencies/${t.agencyId}`)).html,
      new RegExp(`href="/agencies/${t.agencyId}/disclosure"`),
    );
    assert.equal((await c.get('/agencies/999/disclosure')).res.status, 404);
  });
});
