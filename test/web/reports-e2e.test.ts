/**
 * The annual report editor end to end in Debian's Chromium with JavaScript disabled, over the demo
 * data: a clerk signs in, opens the year's report from the list, follows a table 三 number to the
 * cases behind it and to one case, and exports the DOCX, which reads back (parseReportFile) with the
 * number the page showed. axe-core finds no serious or critical violation on the list, the editor
 * and the cell page. Screenshot: docs/screenshots/console-report-editor.png.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { parseReportFile } from '../../src/report/parse/index.ts';
import { DEMO_PASSWORD } from '../../src/web/demo.ts';
import { type DemoSite, demoSite, noBrowser, scriptlessContext } from './browser.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
/** Demo data runs to 2026-11-20 (src/demo/seed.ts); the clock is a week later. */
const NOW = new Date('2026-11-27T02:00:00Z');

async function axeSerious(browser: Browser, page: Page): Promise<string[]> {
  const html = await page.content();
  const url = page.url();
  const ctx = await browser.newContext({ locale: 'zh-CN', viewport: page.viewportSize() ?? undefined });
  try {
    const p = await ctx.newPage();
    await p.route(url, (r) =>
      r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    await p.goto(url);
    await p.evaluate(readFileSync(AXE, 'utf8'));
    const res = (await p.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as {
      violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
    };
    return res.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  } finally {
    await ctx.close();
  }
}

describe('annual report editor in a browser without JavaScript', { skip: noBrowser }, () => {
  let site: DemoSite | undefined;
  let browser: Browser;
  let base = '';
  let agencyId = 0;

  before(async () => {
    site = await demoSite({
      seed: 'prepareDemo',
      config: { now: () => NOW },
      tmpPrefix: 'gongkai-e2e-reports-',
    });
    ({ browser, base, agencyId } = site);
  });

  after(() => site?.close());

  it('shows a case behind its table 三 number and exports the DOCX with the same number', {
    timeout: 180_000,
  }, async () => {
    const context = await scriptlessContext(browser, { width: 1400, height: 1250, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.fill('input[name=username]', 'clerk2');
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await page.click('button[type=submit]');

    await page.goto(`${base}/console/reports`);
    assert.deepEqual(await axeSerious(browser, page), [], 'list');
    await page.click(`a[href="/console/reports/${agencyId}/2026"]`);
    assert.equal(new URL(page.url()).pathname, `/console/reports/${agencyId}/2026`);
    assert.match(
      (await page.locator('h1').textContent()) ?? '',
      /某区住房和城乡建设局2026年政府信息公开工作年度报告/,
    );
    assert.match((await page.locator('main').textContent()) ?? '', /2027年1月31日（还有65天）/);
    assert.deepEqual(await axeSerious(browser, page), [], 'editor');
    await page.screenshot({ path: join(ROOT, 'docs/screenshots/console-report-editor.png') });

    // table 三: 本年新收 / 总计 is a link to its cases
    const link = page.locator(`#t3 a[href="/console/reports/${agencyId}/2026/cells/R1/c7"]`);
    const shown = Number(await link.textContent());
    assert.ok(shown > 0, 'the demo agency received applications this year');
    await link.click();
    assert.match((await page.locator('h1').textContent()) ?? '', /本年新收政府信息公开申请数量 \/ 总计/);
    const caseLinks = page.locator('main table a[href^="/console/cases/"]');
    assert.equal(await caseLinks.count(), shown, 'the cell lists exactly its cases');
    assert.deepEqual(await axeSerious(browser, page), [], 'cell page');
    const number = (await caseLinks.first().textContent()) ?? '';
    await caseLinks.first().click();
    assert.match(new URL(page.url()).pathname, /^\/console\/cases\/\d+$/);
    assert.match((await page.locator('main').textContent()) ?? '', new RegExp(number));

    // export the DOCX from the editor and read it back
    await page.goto(`${base}/console/reports/${agencyId}/2026`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('a[href$="/export.docx"]'),
    ]);
    const file = await download.path();
    const parsed = await parseReportFile(readFileSync(file), { filename: 'report.docx' });
    assert.equal(parsed.year, 2026);
    assert.equal(parsed.table3.rows.R1!.cells.c7!.value, shown);
    await context.close();
  });
});
