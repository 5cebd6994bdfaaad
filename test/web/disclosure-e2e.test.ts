/**
 * The public 政府信息公开 column in Debian's Chromium with JavaScript disabled, over the demo data
 * (a few hundred items): the column page, the policy library filtered through its GET form, an
 * item page and search results. Screenshots go to docs/screenshots/disclosure-*.png; axe-core
 * checks each page: no serious or critical violations.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  axe,
  type DemoSite,
  demoSite,
  describeViolations,
  noBrowser,
  SHOTS,
  scriptlessContext,
  serious,
} from './browser.ts';

describe('政府信息公开 column in a browser without JavaScript', { skip: noBrowser }, () => {
  let site: DemoSite | undefined;
  let browser: Browser;
  let base = '';
  let agencyId = 0;

  before(async () => {
    site = await demoSite({ seed: { perYear: 2, until: '2026-02-27' } });
    ({ browser, base, agencyId } = site);
  });

  after(() => site?.close());

  it('shows the column, filters the policy library, opens an item and finds it by search', {
    timeout: 180_000,
  }, async () => {
    const context = await scriptlessContext(browser, { deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const check = async (name: string) => {
      const v = serious(await axe(browser, page));
      assert.equal(v.length, 0, `${name}:\n${describeViolations(v)}`);
      await page.screenshot({ path: join(SHOTS, `disclosure-${name}.png`), fullPage: true });
    };

    // from the agency page to the column
    await page.goto(`${base}/agencies/${agencyId}`);
    await page.getByRole('link', { name: '进入政府信息公开专栏' }).click();
    assert.equal(new URL(page.url()).pathname, `/agencies/${agencyId}/disclosure`);
    assert.equal(await page.locator('h1').textContent(), '某区住房和城乡建设局政府信息公开');
    assert.ok((await page.locator('table.data tbody tr').count()) >= 3, 'categories with counts');
    await check('column');

    // the policy library, filtered with its form (no script: a GET submission)
    await page.getByRole('link', { name: '政策文件库' }).first().click();
    await page.getByLabel('类型').selectOption('normativeDoc');
    await page.getByLabel('有效性').selectOption('valid');
    await page.getByRole('button', { name: '筛选' }).click();
    const u = new URL(page.url());
    assert.equal(u.searchParams.get('kind'), 'normativeDoc');
    assert.equal(u.searchParams.get('validity'), 'valid');
    const rows = page.locator('table.library tbody tr');
    assert.ok((await rows.count()) > 0);
    for (const v of await page.locator('table.library tbody td:last-child').allTextContents())
      assert.match(v, /有效/);
    await check('policies');

    // an item page: the metadata table
    const title = (await rows.first().locator('a').textContent())!;
    await rows.first().locator('a').click();
    assert.equal(await page.locator('#item-title').textContent(), title);
    const meta = await page.locator('table.meta-table th').allTextContents();
    for (const k of ['索引号', '主题分类', '发布机构', '成文日期', '发布日期', '文号', '有效性', '名称'])
      assert.ok(meta.includes(k), k);
    await check('item');

    // search for a word of the title: the item is found, the word highlighted
    // a word of the document's name (inside 《》 when the title is a 关于印发《…》的通知)
    const name = /《(?:示范区)?([^》]+)》/.exec(title)?.[1] ?? title.replace(/^示范区/, '');
    const word = [...name].slice(0, 4).join('');
    await page.goto(`${base}/search`);
    await page.getByLabel('检索词').fill(word);
    await page.getByRole('button', { name: '检索' }).click();
    assert.match((await page.locator('[role=status]').textContent())!, /找到\d+\+?条/);
    assert.ok((await page.locator('.search-results mark').count()) > 0);
    assert.ok(
      (await page.locator('.search-results h2 a').allTextContents()).includes(title),
      `${title} found by ${word}`,
    );
    await check('search');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
