/**
 * End to end in Debian's Chromium with JavaScript disabled: the real server (createApp +
 * @hono/node-server on a free port) over the embedded SQLite database with demo agencies; a
 * visitor files an application with an attachment (after a first, invalid attempt), gets the
 * receipt, looks the case up by number and query code and opens the status page. Screenshots go to
 * docs/screenshots/portal-*.png (desktop and phone widths). axe-core checks the form (blank and
 * with errors), the receipt and the status page: no serious or critical violations.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
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

describe('portal in a browser without JavaScript', { skip: noBrowser }, () => {
  let site: DemoSite | undefined;
  let browser: Browser;
  let base = '';
  let agencyId = 0;

  before(async () => {
    site = await demoSite({ seed: { perYear: 6, until: '2026-02-27' } });
    ({ browser, base, agencyId } = site);
  });

  after(() => site?.close());

  const newContext = (width = 1280): Promise<BrowserContext> =>
    scriptlessContext(browser, { width, deviceScaleFactor: 1 });

  it('files an application, shows the receipt, and opens the status page by number and query code', {
    timeout: 120_000,
  }, async () => {
    const context = await newContext();
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      // the invalid submission answers 400 on purpose
      if (m.type() === 'error' && !/status of 400/.test(m.text())) consoleErrors.push(m.text());
    });

    await page.goto(`${base}/`);
    await page.screenshot({ path: join(SHOTS, 'portal-home.png'), fullPage: true });
    await page.getByRole('link', { name: /^申请政府信息公开\s*：某区住房和城乡建设局$/ }).click();
    assert.equal(new URL(page.url()).pathname, `/agencies/${agencyId}/apply`);
    const formViolations = serious(await axe(browser, page));
    assert.deepEqual(formViolations, [], describeViolations(formViolations));

    // an invalid attempt first: messages next to the fields, summary at the top, values kept
    await page.getByLabel('自然人（公民）').check();
    await page.getByLabel('申请人姓名').fill('李四');
    await page.getByRole('button', { name: '提交申请' }).click();
    assert.match((await page.locator('.error-summary').textContent()) ?? '', /提交的内容有\d+处需要修改/);
    assert.equal(await page.getByLabel('申请人姓名').inputValue(), '李四');
    await page.screenshot({ path: join(SHOTS, 'portal-apply-errors.png'), fullPage: true });
    const errViolations = serious(await axe(browser, page));
    assert.deepEqual(errViolations, [], describeViolations(errViolations));

    await page.getByLabel('身份证明号码').fill('11010519491231002X');
    await page.getByLabel('联系电话').fill('13800138000');
    await page.getByLabel('电子邮箱').fill('lisi@example.com');
    await page
      .getByLabel('所需政府信息的名称、文号或者便于查询的特征性描述')
      .fill('某某小区加装电梯项目的规划许可和施工许可文件');
    await page.getByLabel('电子文本').check();
    await page.getByLabel('电子邮件').check();
    await page.getByLabel('附件').setInputFiles({
      name: '身份证.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
    });
    await page.getByRole('button', { name: '提交申请' }).click();

    assert.equal(new URL(page.url()).pathname, '/receipt');
    await page.getByRole('heading', { name: '申请已提交' }).waitFor();
    const codes = await page.locator('.big-code').allTextContents();
    const [number, code] = codes as [string, string];
    assert.match(number, /^2026-\d{5}$/);
    assert.match(code, /^[A-Z2-9]{8}$/);
    await page.screenshot({ path: join(SHOTS, 'portal-receipt.png'), fullPage: true });
    assert.deepEqual(serious(await axe(browser, page)), []);
    assert.deepEqual(consoleErrors, [], 'no CSP violation or other error in the console');
    await context.close();

    // later, in another browser: the status page by number and code
    const other = await newContext();
    const p2 = await other.newPage();
    await p2.goto(`${base}/status`);
    await p2.getByLabel('登记编号').fill(number);
    await p2.getByLabel('查询码').fill(code.toLowerCase());
    await p2.getByRole('button', { name: '查询' }).click();
    assert.match(new URL(p2.url()).pathname, /^\/status\/cases\/\d+$/);
    const text = (await p2.locator('main').textContent()) ?? '';
    assert.match(text, /办理中/);
    assert.match(text, /2026年3月30日/);
    assert.match(text, /政府信息公开申请登记回执/);
    assert.match(text, /身份证\.pdf/);
    await p2.screenshot({ path: join(SHOTS, 'portal-status.png'), fullPage: true });
    const statusViolations = serious(await axe(browser, p2));
    assert.deepEqual(statusViolations, [], describeViolations(statusViolations));
    // the deadline explanation opens without script (<details>)
    await p2.getByText('答复期限是怎样计算的').click();
    assert.match((await p2.locator('details').textContent()) ?? '', /答复期限届满日为2026-03-30/);
    await other.close();

    // phone width: the form and the status page stay readable (no horizontal scrolling)
    const phone = await newContext(375);
    const p3 = await phone.newPage();
    await p3.goto(`${base}/agencies/${agencyId}/apply`);
    const overflow = (await p3.evaluate(
      'document.documentElement.scrollWidth - window.innerWidth',
    )) as number;
    assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`);
    await p3.screenshot({ path: join(SHOTS, 'portal-apply-phone.png'), fullPage: true });
    await phone.close();
  });
});
