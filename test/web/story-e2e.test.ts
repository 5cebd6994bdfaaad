/**
 * The whole 依申请公开 story in Chromium with JavaScript disabled, over the real server and the
 * embedded SQLite database (demo agencies, a pinned clock):
 *
 *   1. a citizen applies on the portal and gets a case number and query code;
 *   2. a clerk signs in and requests a correction (补正, 条例第三十条);
 *   3. the citizen looks the case up and corrects online;
 *   4. the clerk replies with partial disclosure (部分公开); the reply letter (DOCX) names
 *      reconsideration first (复议前置, 行政复议法第二十三条) and the reviewing body;
 *   5. the annual report editor shows the case behind its table 三 cell;
 *   6. the report is exported as DOCX, and reading that DOCX back gives the same table 三 cell.
 *
 * Every page on the way is checked with axe-core (no serious or critical violations); screenshots
 * go to docs/screenshots/story-*.png.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import mammoth from 'mammoth';
import type { Browser, Page } from 'playwright-core';
import { parseReportFile } from '../../src/report/parse/index.ts';
import { createStaffUser } from '../../src/store/agencies.ts';
import { hashPassword } from '../../src/web/auth.ts';
import {
  type DemoSite,
  demoSite,
  noBrowser,
  SHOTS,
  scriptlessContext,
  seriousViolations,
} from './browser.ts';

const PASSWORD = 'correct horse 1';
const AGENCY = '某区住房和城乡建设局';

describe('the 依申请公开 story end to end, without JavaScript', { skip: noBrowser }, () => {
  let site: DemoSite | undefined;
  let browser: Browser;
  let base = '';
  let dataDir = '';
  let agencyId = 0;

  before(async () => {
    site = await demoSite({
      seed: { perYear: 4, until: '2026-02-27' },
      agencies: [AGENCY],
      tmpPrefix: 'gongkai-story-',
      setup: async (store, [agencyId]) => {
        await createStaffUser(store.db, {
          agencyId: agencyId!,
          username: 'story.clerk',
          displayName: '周承办',
          role: 'clerk',
          passwordHash: await hashPassword(PASSWORD),
        });
      },
    });
    ({ browser, base, dataDir, agencyId } = site);
  });

  after(() => site?.close());

  const newPage = async (): Promise<Page> => {
    const ctx = await scriptlessContext(browser, { acceptDownloads: true });
    return ctx.newPage();
  };

  const accessible = async (page: Page, what: string) =>
    assert.equal(await seriousViolations(browser, page), '', `axe on ${what}`);

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SHOTS, `story-${name}.png`), fullPage: true });

  const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';

  it('apply → correction → online correction → partial disclosure → report editor → DOCX', {
    timeout: 300_000,
  }, async () => {
    // 1. the citizen applies
    const citizen = await newPage();
    await citizen.goto(`${base}/agencies/${agencyId}/apply`);
    await citizen.getByLabel('自然人（公民）').check();
    await citizen.getByLabel('申请人姓名').fill('李四');
    await citizen.getByLabel('身份证明号码').fill('11010519491231002X');
    await citizen.getByLabel('联系电话').fill('13800138000');
    await citizen.getByLabel('电子邮箱').fill('lisi@example.com');
    await citizen.getByLabel('所需政府信息的名称、文号或者便于查询的特征性描述').fill('关于小区的文件');
    await citizen.getByLabel('电子文本').check();
    await citizen.getByLabel('电子邮件').check();
    await citizen.getByRole('button', { name: '提交申请' }).click();
    assert.equal(new URL(citizen.url()).pathname, '/receipt');
    const [number, code] = (await citizen.locator('.big-code').allTextContents()) as [string, string];
    assert.match(number, /^2026-\d{5}$/);
    await shot(citizen, '1-receipt');
    await citizen.context().close();

    // 2. the clerk signs in, finds the case in the inbox and requests a correction
    const clerk = await newPage();
    await clerk.goto(`${base}/login?next=${encodeURIComponent('/console')}`);
    await clerk.locator('#f-username').fill('story.clerk');
    await clerk.locator('#f-password').fill(PASSWORD);
    await clerk.getByRole('button', { name: '登录' }).click();
    assert.equal(new URL(clerk.url()).pathname, '/console');
    await accessible(clerk, 'the inbox');
    await clerk.getByRole('link', { name: number }).click();
    const casePath = new URL(clerk.url()).pathname;
    assert.match(casePath, /^\/console\/cases\/\d+$/);
    await accessible(clerk, 'the case page');
    const correction = clerk.locator('form[action$="/correction"]');
    await correction.getByLabel('补正事项').fill('请说明所需文件的名称、文号或者形成时间');
    await correction.getByLabel('补正期限（工作日）').fill('10');
    await correction.getByLabel(/确认登记“告知补正”/).check();
    await correction.getByRole('button', { name: '确认登记' }).click();
    assert.equal(new URL(clerk.url()).pathname, casePath);
    assert.match(await main(clerk), /待补正/);
    await shot(clerk, '2-correction-requested');

    // 3. the citizen looks the case up and corrects online
    const again = await newPage();
    await again.goto(`${base}/status`);
    await again.getByLabel('登记编号').fill(number);
    await again.getByLabel('查询码').fill(code);
    await again.getByRole('button', { name: '查询' }).click();
    assert.match(await main(again), /请说明所需文件的名称、文号或者形成时间/);
    await accessible(again, 'the status page with the correction form');
    await again.getByLabel('补正内容').fill('某某小区2025年加装电梯项目的规划许可证（建字第2025-017号）');
    await again.getByRole('button', { name: '提交补正' }).click();
    assert.match(await main(again), /补正材料已提交/);
    assert.match(await main(again), /收到补正/);
    await shot(again, '3-corrected');

    // 4. the clerk replies with partial disclosure; the letter names reconsideration first
    await clerk.goto(`${base}${casePath}`);
    assert.match(await main(clerk), /规划许可证（建字第2025-017号）/);
    const reply = clerk.locator('form[action$="/reply"]');
    await reply.getByLabel('答复结果').selectOption('partlyDisclosed');
    await reply.getByLabel('予以公开的内容').fill('规划许可证正本');
    await reply.getByLabel('不予公开的内容').fill('许可证附图中的个人住址');
    await reply
      .getByLabel('理由和依据')
      .fill('涉及个人隐私，依据《中华人民共和国政府信息公开条例》第十五条不予公开');
    await reply.getByLabel('获取方式和途径').fill('以电子邮件发送');
    await reply.getByLabel(/确认登记“作出答复”/).check();
    await reply.getByRole('button', { name: '确认登记' }).click();
    const replied = await main(clerk);
    assert.match(replied, /已答复/);
    assert.match(replied, /部分公开/);
    await shot(clerk, '4-replied');
    await accessible(clerk, 'the replied case');
    const letterLink = clerk.getByRole('link', { name: /答复书/ }).first();
    const [download] = await Promise.all([clerk.waitForEvent('download'), letterLink.click()]);
    const letterFile = join(dataDir, 'reply.docx');
    await download.saveAs(letterFile);
    const letterText = (await mammoth.extractRawText({ path: letterFile })).value;
    // the application as corrected online (条例第三十条)
    assert.match(
      letterText,
      /申请获取“关于小区的文件（补正内容：某某小区2025年加装电梯项目的规划许可证（建字第2025-017号））”/,
    );
    assert.match(letterText, /能够作区分处理.*第三十七条/);
    assert.match(letterText, /许可证附图中的个人住址，本机关不予公开/);
    // 复议前置 (行政复议法第二十三条) before any court, naming the reviewing body (the parent government)
    assert.match(
      letterText,
      /应当先申请行政复议：可以自收到本答复书之日起六十日内向示范区人民政府申请行政复议/,
    );
    assert.match(letterText, /第十五条/);

    // 5. the report editor shows the case behind its table 三 cell (部分公开 R3_2, 自然人 c1)
    await clerk.goto(`${base}/console/reports/${agencyId}/2026`);
    await accessible(clerk, 'the report editor');
    await shot(clerk, '5-report-editor');
    const cellHref = `/console/reports/${agencyId}/2026/cells/`;
    const links = await clerk
      .locator(`a[href^="${cellHref}"]`)
      .evaluateAll((as) =>
        as.map((a) => ({ href: a.getAttribute('href') ?? '', text: a.textContent ?? '' })),
      );
    const partial = links.find((l) => /\/cells\/R3_2\/c1$/.test(l.href));
    assert.ok(partial, `a link for 部分公开 × 自然人 among ${links.map((l) => l.href).join(', ')}`);
    assert.ok(Number(partial.text) >= 1);
    await clerk.goto(`${base}${partial.href}`);
    await accessible(clerk, 'the cases of a table 三 cell');
    assert.match(await main(clerk), new RegExp(number));
    await shot(clerk, '5-cell-cases');

    // 6. DOCX export: reading it back gives the editor's number for that cell
    await clerk.goto(`${base}/console/reports/${agencyId}/2026`);
    const [docx] = await Promise.all([
      clerk.waitForEvent('download'),
      clerk.locator(`a[href$="/export.docx"]`).first().click(),
    ]);
    const reportFile = join(dataDir, 'report.docx');
    await docx.saveAs(reportFile);
    const parsed = await parseReportFile(readFileSync(reportFile), { filename: 'report.docx' });
    const cell = parsed.table3.rows.R3_2?.cells.c1;
    assert.equal(cell?.raw, partial.text.trim());
    await clerk.context().close();
  });
});
