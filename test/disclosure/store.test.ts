/**
 * The disclosure store on both databases: nothing is public before the last approval (through the
 * catalogue, search, item page, policy library and attachments), revisions and unpublication,
 * 索引号 generation, the Art. 26 worklist, settings, append-only events, rebuilds, attachments, the
 * guide, and backup/restore of it all.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { backup, restore } from '../../src/store/backup.ts';
import type { Store } from '../../src/store/db.ts';
import {
  appendItemEvent,
  appendItemEvents,
  createItem,
  DisclosureRuleError,
  type DraftInput,
  itemDetail,
  itemsAtRisk,
  listItems,
  rebuildDisclosureProjections,
  saveDisclosureAttachment,
  saveDisclosureSettings,
} from '../../src/store/disclosure.ts';
import { getGuide, saveGuideSection } from '../../src/store/disclosureGuide.ts';
import {
  catalogue,
  catalogueCategories,
  policyLibrary,
  publicAttachment,
  publicItem,
} from '../../src/store/disclosurePublic.ts';
import { searchDisclosures } from '../../src/store/disclosureSearch.ts';
import { describeStores, storeFactories } from '../helpers/stores.ts';
import { actors, agency, approveAndPublish, at, deps, ev, fields } from './helpers.ts';

const draft = (on: string, over: Record<string, unknown> = {}): DraftInput =>
  ev('drafted', on, actors.clerk, { fields: fields({ formedOn: on, ...over }) }) as unknown as DraftInput;

/** Everything the public can see, as one comparable value. */
async function publicView(s: Store, id: number, indexNumber: string, q: string) {
  const [cat, search, item, cats, lib] = await Promise.all([
    catalogue(s, {}),
    searchDisclosures(s, { q }),
    publicItem(s, { indexNumber }),
    catalogueCategories(s),
    policyLibrary(s, {}),
  ]);
  return {
    inCatalogue: cat.items.some((i) => i.id === id),
    catalogueTotal: cat.total,
    found: search.items.some((i) => i.id === id),
    searchTotal: search.total,
    item: item?.title ?? null,
    categories: cats.reduce((n, c) => n + c.count, 0),
    library: lib.total,
  };
}

const NOTHING = {
  inCatalogue: false,
  catalogueTotal: 0,
  found: false,
  searchTotal: 0,
  item: null,
  categories: 0,
  library: 0,
};

describeStores('disclosure store', (f) => {
  it('shows nothing before the last approval — catalogue, search, item page, library — then the published version only', async () => {
    const s = await f.open();
    const a = await agency(s);
    const c = await createItem(
      s,
      a,
      draft('2026-03-02', { policyKind: 'normativeDoc', category: 'art20.1', title: '某区学生资助管理办法' }),
      deps,
    );
    const q = '学生资助';
    assert.deepEqual(await publicView(s, c.id, c.indexNumber, q), NOTHING);
    const steps = approveAndPublish('2026-03-03');
    for (const [i, step] of steps.entries()) {
      if (i === steps.length - 1) {
        // the moment before publication (every approval given) is still not public
        assert.deepEqual(await publicView(s, c.id, c.indexNumber, q), NOTHING);
        assert.equal((await s.db.selectFrom('disclosure_public').selectAll().execute()).length, 0);
      }
      await appendItemEvent(s, c.id, step, deps);
      if (i < steps.length - 1)
        assert.deepEqual(await publicView(s, c.id, c.indexNumber, q), NOTHING, `after ${step.type}`);
    }
    assert.deepEqual(await publicView(s, c.id, c.indexNumber, q), {
      inCatalogue: true,
      catalogueTotal: 1,
      found: true,
      searchTotal: 1,
      item: '某区学生资助管理办法',
      categories: 1,
      library: 1,
    });

    // a revision in review: the public keeps the published version, search finds the old text only
    await appendItemEvents(
      s,
      c.id,
      [
        ev('edited', '2026-03-10', actors.clerk, {
          changes: { title: '某区学生资助管理办法（修订稿）', bodyHtml: '<p>绝密修订内容</p>' },
        }),
        ev('submitted', '2026-03-10', actors.clerk),
        ev('approved', '2026-03-10', actors.sectionHead, { step: 0 }),
      ],
      deps,
    );
    assert.equal((await publicItem(s, { id: c.id }))?.title, '某区学生资助管理办法');
    assert.equal((await searchDisclosures(s, { q: '绝密修订' })).total, 0);
    assert.equal((await searchDisclosures(s, { q: '修订稿' })).total, 0);
    await appendItemEvents(
      s,
      c.id,
      [
        ev('approved', '2026-03-11', actors.leader, { step: 1 }),
        ev('approved', '2026-03-11', actors.officeHead, { step: 2 }),
        ev('published', '2026-03-12', actors.clerk),
      ],
      deps,
    );
    assert.equal((await searchDisclosures(s, { q: '绝密修订' })).total, 1);
    assert.equal((await publicItem(s, { id: c.id }))?.publishedOn, '2026-03-12');

    // unpublished: gone everywhere, with the reason recorded
    await assert.rejects(
      appendItemEvent(s, c.id, ev('unpublished', '2026-03-13', actors.officeHead), deps),
      (e) => e instanceof DisclosureRuleError && e.rule === 'DIS-12' && /须写明理由/.test(e.message),
    );
    await appendItemEvent(
      s,
      c.id,
      ev('unpublished', '2026-03-13', actors.officeHead, { reason: '含个人信息' }),
      deps,
    );
    assert.deepEqual(await publicView(s, c.id, c.indexNumber, '绝密修订'), NOTHING);
    const d = await itemDetail(s, c.id, deps);
    assert.equal(d?.view.status, 'unpublished');
    assert.match(d!.history.at(-1)!.text, /撤下（理由：含个人信息）/);
    // every event is also in the audit log
    const log = await s.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'disclosure_item')
      .where('entity_id', '=', String(c.id))
      .orderBy('id')
      .execute();
    assert.deepEqual(
      log.map((l) => l.action),
      d!.history.map((h) => h.event.type),
    );
    await s.close();
  });

  it('refuses out-of-order approvals and publication before approval with the rule named, writing nothing', async () => {
    const s = await f.open();
    const a = await agency(s);
    const c = await createItem(s, a, draft('2026-03-02'), deps);
    await appendItemEvent(s, c.id, ev('submitted', '2026-03-02', actors.clerk), deps);
    await assert.rejects(
      appendItemEvents(
        s,
        c.id,
        [
          ev('approved', '2026-03-03', actors.sectionHead, { step: 0 }),
          ev('approved', '2026-03-03', actors.officeHead, { step: 2 }),
        ],
        deps,
      ),
      (e) => e instanceof DisclosureRuleError && e.rule === 'DIS-06',
    );
    // the batch was one transaction: the first approval is not kept either
    assert.equal((await itemDetail(s, c.id, deps))?.view.waitingFor?.step, 0);
    await assert.rejects(
      appendItemEvent(s, c.id, ev('approved', '2026-03-03', actors.clerk, { step: 0 }), deps),
      (e) => e instanceof DisclosureRuleError && e.rule === 'DIS-07' && /承办人/.test(e.message),
    );
    await assert.rejects(
      appendItemEvent(s, c.id, ev('published', '2026-03-03', actors.officeHead), deps),
      (e) => e instanceof DisclosureRuleError && e.rule === 'DIS-09',
    );
    assert.equal((await s.db.selectFrom('disclosure_event').selectAll().execute()).length, 2);
    await s.close();
  });

  it('numbers items per agency and year from the scheme, also under concurrent drafting', async () => {
    const s = await f.open();
    const a = await agency(s);
    const b = await agency(s, '某区民政局', null);
    const nums: string[] = [];
    for (const d of ['2025-12-30', '2026-01-05', '2026-01-06', '2025-12-31'])
      nums.push((await createItem(s, a, draft(d), deps)).indexNumber);
    assert.deepEqual(nums, [
      '11341702486344515H/2025-00001',
      '11341702486344515H/2026-00001',
      '11341702486344515H/2026-00002',
      '11341702486344515H/2025-00002',
    ]);
    // no credit code and no organisation code: a Chinese error; with one, it is used
    await assert.rejects(createItem(s, b, draft('2026-01-05'), deps), /统一社会信用代码或组织机构代码/);
    await saveDisclosureSettings(
      s,
      b,
      { orgCode: '00001434-9', indexScheme: '{code}-{category}-{year}-{serial:4}' },
      'admin',
    );
    assert.equal(
      (await createItem(s, b, draft('2026-01-05', { category: 'art20.6' }), deps)).indexNumber,
      '00001434-9-06-2026-0001',
    );
    await assert.rejects(saveDisclosureSettings(s, b, { indexScheme: '{code}/{year}' }, 'admin'), /流水号/);
    // concurrent drafts get distinct serials
    const many = await Promise.all(
      Array.from({ length: 8 }, (_, i) => createItem(s, a, draft('2026-02-02', { title: `并发${i}` }), deps)),
    );
    assert.equal(new Set(many.map((m) => m.indexNumber)).size, 8);
    assert.deepEqual(
      many.map((m) => Number(m.indexNumber.slice(-5))).sort((x, y) => x - y),
      [3, 4, 5, 6, 7, 8, 9, 10],
    );
    await s.close();
  });

  it('lists items overdue and at risk under Art. 26 (PRO-01), and stops the clock at publication', async () => {
    const s = await f.open();
    const a = await agency(s);
    const overdue = await createItem(s, a, draft('2026-02-02', { title: '超期' }), deps); // due 2026-03-06 (Spring Festival skipped)
    const risky = await createItem(s, a, draft('2026-02-26', { title: '临期' }), deps); // due 2026-03-25
    const fine = await createItem(s, a, draft('2026-03-16', { title: '宽裕' }), deps);
    const done = await createItem(s, a, draft('2026-02-02', { title: '已发布' }), deps);
    await appendItemEvents(s, done.id, approveAndPublish('2026-02-03'), deps);
    const withheld = await createItem(
      s,
      a,
      draft('2026-02-02', {
        title: '不予公开',
        attribute: 'withheld',
        attributeReason: '条例第十四条：依法确定为国家秘密',
      }),
      deps,
    );
    const r = await itemsAtRisk(s.db, a, '2026-03-20', deps.calendar);
    assert.deepEqual(
      r.overdue.map((x) => [x.id, x.dueOn, x.workingDaysOverdue]),
      [[overdue.id, '2026-03-06', 10]],
    );
    assert.deepEqual(
      r.atRisk.map((x) => [x.id, x.dueOn, x.workingDaysLeft]),
      [[risky.id, '2026-03-25', 3]],
    );
    assert.ok(
      ![fine.id, done.id, withheld.id].some((id) => [...r.overdue, ...r.atRisk].some((x) => x.id === id)),
    );
    // 2026-02-02 + 20 working days: the Spring Festival (02-15…02-23) skipped, make-up days 02-14 and 02-28 counted
    assert.equal(deps.calendar.countWorkingDays('2026-02-02', '2026-03-06'), 20);
    await s.close();
  });

  it('uses the agency’s chain at submission; items in review keep theirs', async () => {
    const s = await f.open();
    const a = await agency(s);
    const before = await createItem(s, a, draft('2026-03-02'), deps);
    await appendItemEvent(s, before.id, ev('submitted', '2026-03-02', actors.clerk), deps);
    await saveDisclosureSettings(s, a, { reviewChain: [{ role: 'officeHead', label: '保密审查' }] }, 'admin');
    const after = await createItem(s, a, draft('2026-03-02'), deps);
    const v = await appendItemEvents(
      s,
      after.id,
      [
        ev('submitted', '2026-03-02', actors.clerk),
        ev('approved', '2026-03-02', actors.officeHead, { step: 0 }),
        ev('published', '2026-03-02', actors.clerk),
      ],
      deps,
    );
    assert.equal(v.status, 'published');
    assert.equal((await itemDetail(s, before.id, deps))?.view.chain?.length, 3);
    const inbox = await listItems(s, { agencyId: a, waitingRole: 'sectionHead' });
    assert.deepEqual(
      inbox.items.map((i) => i.id),
      [before.id],
    );
    await assert.rejects(
      saveDisclosureSettings(s, a, { reviewChain: [{ role: 'clerk', label: 'x' }] as never }, 'x'),
      /审核环节/,
    );
    await s.close();
  });

  it('lists items for the console by status, role and text (% and _ taken literally)', async () => {
    const s = await f.open();
    const a = await agency(s);
    const x = await createItem(s, a, draft('2026-03-02', { title: '完成率100%的通知' }), deps);
    const y = await createItem(
      s,
      a,
      draft('2026-03-02', { title: '完成率1000的通知', documentNumber: '某教发_1号' }),
      deps,
    );
    await appendItemEvent(s, y.id, ev('submitted', '2026-03-02', actors.clerk), deps);
    assert.deepEqual(
      (await listItems(s, { agencyId: a, q: '100%' })).items.map((i) => i.id),
      [x.id],
    );
    assert.deepEqual(
      (await listItems(s, { agencyId: a, q: '发_1' })).items.map((i) => i.id),
      [y.id],
    );
    assert.deepEqual(
      (await listItems(s, { agencyId: a, status: 'inReview' })).items.map((i) => i.id),
      [y.id],
    );
    const page = await listItems(s, { agencyId: a, pageSize: 1, page: 2 });
    assert.equal(page.total, 2);
    assert.equal(page.items.length, 1);
    assert.equal(page.items[0]!.statusLabel, '草稿');
    await s.close();
  });

  it('publishes a 政策解读 only with its document; lists it on the document’s page', async () => {
    const s = await f.open();
    const a = await agency(s);
    const doc = await createItem(
      s,
      a,
      draft('2026-03-02', { policyKind: 'normativeDoc', category: 'art20.1' }),
      deps,
    );
    const interp = await createItem(
      s,
      a,
      draft('2026-03-02', { title: '政策解读', documentNumber: null, interpretsItemId: doc.id }),
      deps,
    );
    await assert.rejects(
      appendItemEvents(s, interp.id, approveAndPublish('2026-03-03'), deps),
      (e) => e instanceof DisclosureRuleError && e.rule === 'DIS-11',
    );
    await appendItemEvents(s, doc.id, approveAndPublish('2026-03-03'), deps);
    await appendItemEvents(s, interp.id, approveAndPublish('2026-03-03'), deps);
    const page = await publicItem(s, { id: doc.id });
    assert.deepEqual(
      page?.interpretations.map((i) => i.id),
      [interp.id],
    );
    assert.equal((await publicItem(s, { id: interp.id }))?.interprets?.id, doc.id);
    // an interpretation of an unknown document or of another agency's is refused
    const other = await agency(s, '某区财政局', '11341702486344523C');
    await assert.rejects(
      createItem(s, other, draft('2026-03-02', { interpretsItemId: doc.id }), deps),
      /所解读的文件：不存在或不属于本机关/,
    );
    await s.close();
  });

  it('keeps events append-only and rebuilds the same projections from them', async () => {
    const s = await f.open();
    const a = await agency(s);
    for (let i = 0; i < 4; i++) {
      const c = await createItem(s, a, draft(`2026-03-0${i + 2}`, { title: `信息${i}` }), deps);
      if (i % 2 === 0) await appendItemEvents(s, c.id, approveAndPublish(`2026-03-0${i + 3}`), deps);
    }
    await assert.rejects(s.db.deleteFrom('disclosure_event').execute(), /只能追加/);
    await assert.rejects(
      s.db.updateTable('disclosure_event').set({ type: 'published' }).execute(),
      /只能追加/,
    );
    const snapshot = async () => ({
      items: await s.db
        .selectFrom('disclosure_item')
        .select(['id', 'status', 'live', 'published_on', 'due_on', 'fields', 'waiting_role'])
        .orderBy('id')
        .execute(),
      pub: await s.db.selectFrom('disclosure_public').selectAll().orderBy('sort_key').execute(),
    });
    const before = await snapshot();
    // tamper with the projections, then rebuild them from the events
    await s.db.updateTable('disclosure_item').set({ status: 'published', live: 1 }).execute();
    await s.db.deleteFrom('disclosure_public').execute();
    assert.equal(await rebuildDisclosureProjections(s, deps), 4);
    assert.deepEqual(await snapshot(), before);
    assert.equal((await searchDisclosures(s, { q: '招生入学' })).total, 2);
    await s.close();
  });

  it('stores PDF/DOCX/XLSX attachments; the public gets only those of the published version', async () => {
    const s = await f.open();
    const a = await agency(s);
    const dir = mkdtempSync(join(tmpdir(), 'gk-att-'));
    const pdf = Buffer.from('%PDF-1.4\n%…\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
    const att = await saveDisclosureAttachment(
      s,
      a,
      { filename: '../../附件1 名单.pdf', bytes: pdf },
      { dir, actor: 'u1' },
    );
    assert.equal(att.mediaType, 'application/pdf');
    assert.equal(att.filename, '附件1 名单.pdf');
    assert.deepEqual(readFileSync(join(dir, att.storageKey)), pdf);
    await assert.rejects(
      saveDisclosureAttachment(
        s,
        a,
        { filename: 'x.docx', bytes: Buffer.from('<html>') },
        { dir, actor: 'u1' },
      ),
      /不是PDF、Word（DOCX）或Excel（XLSX）文件/,
    );
    await assert.rejects(
      saveDisclosureAttachment(
        s,
        a,
        { filename: 'x.doc', bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]) },
        { dir, actor: 'u1' },
      ),
      /旧版Office文件/,
    );
    const c = await createItem(s, a, draft('2026-03-02', { attachmentIds: [att.id] }), deps);
    assert.equal(await publicAttachment(s, c.id, att.id), null);
    await appendItemEvents(s, c.id, approveAndPublish('2026-03-03'), deps);
    assert.equal((await publicAttachment(s, c.id, att.id))?.sha256, att.sha256);
    assert.deepEqual(
      (await publicItem(s, { id: c.id }))?.attachments.map((x) => x.id),
      [att.id],
    );
    await assert.rejects(
      createItem(s, a, draft('2026-03-02', { attachmentIds: [att.id + 100] }), deps),
      /附件：有附件不存在/,
    );
    await s.close();
  });

  it('keeps the guide’s sections with defaults, saves edits with an audit entry', async () => {
    const s = await f.open();
    const a = await agency(s);
    let g = await getGuide(s, a);
    assert.deepEqual(
      g.sections.map((x) => [x.key, x.isDefault, x.missing]),
      [
        ['proactive', true, false],
        ['onRequest', true, false],
        ['office', true, true],
        ['fees', true, false],
        ['remedies', true, false],
      ],
    );
    assert.match(g.sections[4]!.content, /条例第五十一条/);
    await saveGuideSection(s, a, 'office', '地址：某路1号\r\n电话：0512-1234567', 'u4');
    g = await getGuide(s, a);
    assert.equal(g.sections[2]!.content, '地址：某路1号\n电话：0512-1234567');
    assert.equal(g.sections[2]!.missing, false);
    assert.equal(g.sections[2]!.updatedBy, 'u4');
    await assert.rejects(saveGuideSection(s, a, 'nope', 'x', 'u4'), /没有“nope”这一部分/);
    await assert.rejects(saveGuideSection(s, a, 'fees', 'x'.repeat(10_001), 'u4'), /不超过10000个字/);
    const log = await s.db
      .selectFrom('audit_log')
      .select('entity')
      .where('entity', '=', 'disclosure_guide')
      .execute();
    assert.equal(log.length, 1);
    await s.close();
  });

  it('backs up and restores items, events and the search index into either database', async () => {
    const s = await f.open();
    const a = await agency(s);
    const c = await createItem(s, a, draft('2026-03-02'), deps);
    await appendItemEvents(s, c.id, approveAndPublish('2026-03-03'), deps);
    await createItem(s, a, draft('2026-03-04', { title: '草稿不公开' }), deps);
    const file = join(mkdtempSync(join(tmpdir(), 'gk-bak-')), 'b.jsonl');
    await backup(s, file);
    for (const target of storeFactories()) {
      const t = await target.open();
      const counts = await restore(t, file);
      assert.equal(counts.disclosure_item, 2);
      assert.equal(counts.disclosure_public, 1);
      const r = await searchDisclosures(t, { q: '招生入学' });
      assert.deepEqual(
        r.items.map((i) => i.id),
        [c.id],
        target.name,
      );
      assert.equal((await searchDisclosures(t, { q: '草稿不公开' })).total, 0);
      // the next item continues the numbering and ids
      const next = await createItem(t, a, draft('2026-03-05'), deps);
      assert.ok(next.id > c.id);
      assert.equal(next.indexNumber, '11341702486344515H/2026-00003');
      await t.close();
    }
    await s.close();
  });

  it('records events at the given times (at) and in Beijing dates', async () => {
    const s = await f.open();
    const a = await agency(s);
    const c = await createItem(s, a, { ...draft('2026-03-02'), at: '2026-03-01T17:00:00Z' }, deps);
    const rows = await s.db.selectFrom('disclosure_event').selectAll().where('item_id', '=', c.id).execute();
    assert.equal(rows[0]!.recorded_at, '2026-03-01T17:00:00Z');
    assert.equal(rows[0]!.occurred_on, '2026-03-02');
    assert.equal(at('2026-03-02'), '2026-03-02T10:00:00+08:00');
    await s.close();
  });
});

it('refuses a PostgreSQL database whose LC_CTYPE is C, in Chinese', {
  skip: !process.env.PG_URL && 'PG_URL not set',
}, async () => {
  const pg = (await import('pg')).default;
  const { migrate, openStore } = await import('../../src/store/db.ts');
  const base = process.env.PG_URL!;
  const name = `gk_ctype_c_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  const s = openStore({ url: u.toString() });
  try {
    await assert.rejects(migrate(s), /LC_CTYPE）是“C”：pg_trgm 会丢弃所有汉字.*C\.UTF-8/);
  } finally {
    await s.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
});
