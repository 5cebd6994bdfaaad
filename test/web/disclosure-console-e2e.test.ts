/**
 * End to end in Chromium with JavaScript disabled: the real server over SQLite; a clerk drafts an
 * information item through the console form (after an invalid first attempt) and submits it; the
 * 股室负责人, the 分管领导 and the office head (保密审查, publishing at once) each log in and approve
 * in turn; then the item is in the public projection and found by search — on the public item and
 * search pages when those routes are mounted, and always through the store. axe-core on every
 * console page visited: no serious or critical violations. Screenshots go to
 * docs/screenshots/disclosure-console-*.png.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createAgency, createStaffUser } from '../../src/store/agencies.ts';
import { migrate, openStore, type Store } from '../../src/store/db.ts';
import { createItem } from '../../src/store/disclosure.ts';
import { searchDisclosures } from '../../src/store/disclosureSearch.ts';
import { createApp } from '../../src/web/app.ts';
import { hashPassword } from '../../src/web/auth.ts';
import {
  axe,
  describeViolations,
  type Listening,
  launchBrowser,
  listen,
  noBrowser,
  SHOTS,
  scriptlessContext,
  serious,
} from './browser.ts';
import { calendar, T0 } from './helpers.ts';

const PASSWORD = 'correct horse 1';
const TITLE = '关于加快推进老旧小区加装电梯工作的实施意见';

describe('主动公开 console in a browser without JavaScript', { skip: noBrowser }, () => {
  let store: Store;
  let server: Listening | undefined;
  let browser: Browser;
  let base = '';
  let dataDir = '';
  let agencyId = 0;

  before(async () => {
    store = openStore({ file: ':memory:', url: '' });
    await migrate(store);
    const gov = await createAgency(store.db, { name: '示范区人民政府', kind: 'government' });
    agencyId = await createAgency(store.db, {
      name: '某区住房和城乡建设局',
      kind: 'department',
      parentId: gov,
      creditCode: '11341702486344515H',
    });
    const hash = await hashPassword(PASSWORD);
    const people: [string, string, 'clerk' | 'sectionHead' | 'leader' | 'officeHead'][] = [
      ['wang', '王承办', 'clerk'],
      ['li', '李股长', 'sectionHead'],
      ['zhao', '赵副局长', 'leader'],
      ['chen', '陈主任', 'officeHead'],
    ];
    for (const [username, displayName, role] of people)
      await createStaffUser(store.db, { agencyId, username, displayName, role, passwordHash: hash });
    // an item formed long ago and still a draft: the Art. 26 list shows it overdue
    await createItem(
      store,
      agencyId,
      {
        on: '2026-02-02',
        at: '2026-02-02T02:00:00Z',
        actor: { id: 'staff:1', role: 'clerk', name: '王承办' },
        fields: { title: '某区2025年度住房保障资金使用情况', formedOn: '2026-01-20', category: 'art20.11' },
      },
      { calendar },
    );
    dataDir = mkdtempSync(join(tmpdir(), 'gongkai-e2e-dc-'));
    const app = createApp({ store, calendar, config: { dataDir, now: () => new Date(T0) } });
    server = await listen(app);
    base = server.base;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const loginAs = async (username: string): Promise<Page> => {
    const ctx = await scriptlessContext(browser);
    const page = await ctx.newPage();
    await page.goto(`${base}/login?next=${encodeURIComponent('/console/disclosure')}`);
    await page.locator('#f-username').fill(username);
    await page.locator('#f-password').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    assert.equal(new URL(page.url()).pathname, '/console/disclosure');
    return page;
  };

  const noSerious = async (page: Page, what: string) => {
    const v = serious(await axe(browser, page));
    assert.deepEqual(v, [], `${what}:\n${describeViolations(v)}`);
  };

  it('draft → three approvals by three reviewers → public and found by search', {
    timeout: 180_000,
  }, async () => {
    // the clerk: the list with the Art. 26 list, the form (an invalid attempt first), submit
    const clerk = await loginAs('wang');
    assert.match(
      (await clerk.locator('main').textContent()) ?? '',
      /已逾期（1条）.*某区2025年度住房保障资金使用情况/s,
    );
    await clerk.screenshot({ path: join(SHOTS, 'disclosure-console-list.png'), fullPage: true });
    await noSerious(clerk, 'list');
    await clerk.getByRole('link', { name: '起草新信息' }).click();
    await noSerious(clerk, 'blank form');
    await clerk.locator('#f-documentNumber').fill('某建发〔2026〕7号');
    await clerk.locator('#f-formedOn').fill('2026-02-30');
    await clerk.getByRole('button', { name: '保存草稿' }).click();
    assert.match((await clerk.locator('.error-summary').textContent()) ?? '', /提交的内容有\d+处需要修改/);
    assert.match((await clerk.locator('#f-title-error').textContent()) ?? '', /标题：必填/);
    assert.match(
      (await clerk.locator('#f-formedOn-error').textContent()) ?? '',
      /形成或变更日期：须为有效日期/,
    );
    assert.equal(await clerk.locator('#f-documentNumber').inputValue(), '某建发〔2026〕7号');
    await clerk.screenshot({ path: join(SHOTS, 'disclosure-console-form-errors.png'), fullPage: true });
    await noSerious(clerk, 'form with errors');

    await clerk.locator('#f-title').fill(TITLE);
    await clerk.locator('#f-writtenOn').fill('2026-02-26');
    await clerk.locator('#f-formedOn').fill('2026-02-27');
    await clerk.locator('#f-category').selectOption('art20.1');
    await clerk.locator('#f-topic').fill('城乡建设');
    await clerk
      .locator('#f-bodyHtml')
      .fill('<p>为加快推进老旧小区加装电梯工作，结合本区实际，提出如下意见。</p><p>一、适用范围……</p>');
    await clerk.locator('#f-policyKind').selectOption('normativeDoc');
    await clerk.locator('#f-validity').selectOption('valid');
    await clerk.locator('#f-attachments').setInputFiles({
      name: '实施意见.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
    });
    await clerk.getByRole('button', { name: '保存草稿' }).click();
    const itemPath = new URL(clerk.url()).pathname;
    assert.match(itemPath, /^\/console\/disclosure\/\d+$/);
    const itemId = Number(itemPath.split('/').pop());
    assert.match(
      (await clerk.locator('main').textContent()) ?? '',
      /已保存草稿，索引号 11341702486344515H\/2026-0000\d/,
    );
    await clerk.locator('#f-submit-confirm').check();
    await clerk.getByRole('button', { name: '确认送审' }).click();
    assert.match((await clerk.locator('main').textContent()) ?? '', /已送审，等待股室负责人审核/);
    await clerk.screenshot({ path: join(SHOTS, 'disclosure-console-submitted.png'), fullPage: true });
    await noSerious(clerk, 'item page after submission');

    // three reviewers, each in their own browser, find it under “待我审核”
    const reviewers: [string, string, RegExp][] = [
      ['li', '第1级 股室负责人审核', /转分管领导审核/],
      ['zhao', '第2级 分管领导审核', /转政府信息公开工作机构负责人审核/],
      ['chen', '第3级 办公室保密审查', /已审核通过并发布/],
    ];
    for (const [username, step, after] of reviewers) {
      const page = await loginAs(username);
      await page.locator('#f-mine').check();
      await page.getByRole('button', { name: '筛选' }).click();
      await page.getByRole('link', { name: TITLE }).click();
      assert.equal(new URL(page.url()).pathname, itemPath);
      assert.match((await page.locator('#action-approve').textContent()) ?? '', new RegExp(step));
      await page.locator('#f-approve-comment').fill('同意');
      if (username === 'chen') {
        await page.locator('#f-approve-secrecy').check();
        assert.equal(await page.locator('#f-approve-publish').isChecked(), true);
        await page.screenshot({ path: join(SHOTS, 'disclosure-console-secrecy-review.png'), fullPage: true });
      }
      await noSerious(page, `review page (${username})`);
      await page.locator('#f-approve-confirm').check();
      await page.getByRole('button', { name: '确认审核通过' }).click();
      assert.match((await page.locator('main').textContent()) ?? '', after);
      if (username === 'chen') {
        const text = (await page.locator('main').textContent()) ?? '';
        assert.match(text, /已发布/);
        for (const who of ['李股长', '赵副局长', '陈主任']) assert.ok(text.includes(who), who);
        await page.screenshot({ path: join(SHOTS, 'disclosure-console-published.png'), fullPage: true });
        await noSerious(page, 'published item page');
        await page.getByRole('link', { name: '预览公开页面' }).click();
        assert.match((await page.locator('main').textContent()) ?? '', /为加快推进老旧小区加装电梯工作/);
        await noSerious(page, 'preview');
        await page.goto(`${base}/console/disclosure/guide`);
        await page.screenshot({ path: join(SHOTS, 'disclosure-console-guide.png'), fullPage: true });
        await noSerious(page, 'guide editor');
      }
      await page.context().close();
    }

    // public: the projection and the search
    const found = await searchDisclosures(store, { q: '加装电梯', agencyId });
    assert.equal(found.total, 1);
    const visitor = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    const p = await visitor.newPage();
    const itemRes = await p.goto(`${base}/agencies/${agencyId}/disclosure/items/${itemId}`);
    if (itemRes && itemRes.status() !== 404) {
      assert.equal(itemRes.status(), 200);
      assert.match((await p.locator('main').textContent()) ?? '', new RegExp(TITLE));
      await p.screenshot({ path: join(SHOTS, 'disclosure-console-public-item.png'), fullPage: true });
    } else console.log('# public item page not mounted yet: checked through the store');
    const searchRes = await p.goto(`${base}/search?q=${encodeURIComponent('加装电梯')}`);
    if (searchRes && searchRes.status() !== 404) {
      assert.equal(searchRes.status(), 200);
      assert.match((await p.locator('main').textContent()) ?? '', /加装电梯/);
      assert.ok(await p.locator(`a[href*="/disclosure/items/${itemId}"]`).count(), 'search links the item');
      await p.screenshot({ path: join(SHOTS, 'disclosure-console-public-search.png'), fullPage: true });
    } else console.log('# public search page not mounted yet: checked through the store');
    await visitor.close();
    await clerk.context().close();
  });
});
