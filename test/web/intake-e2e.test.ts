/**
 * Staff intake and the case actions in Debian's Chromium with JavaScript disabled: a clerk
 * registers a faxed application (received and confirmed on different days), lands on the case page
 * with the number and query code, sends a consultation and sees the actions that follow from it.
 * Screenshots: docs/screenshots/console-intake.png and console-case.png. axe-core finds no serious
 * or critical violations on the intake form (blank and with errors) and the case page.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
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

describe('staff intake in a browser without JavaScript', { skip: noBrowser }, () => {
  let site: DemoSite | undefined;
  let browser: Browser;
  let base = '';

  before(async () => {
    site = await demoSite({
      seed: { perYear: 6, until: '2026-02-27' },
      tmpPrefix: 'gongkai-intake-e2e-',
      setup: async (store, [agencyId]) => {
        await createStaffUser(store.db, {
          agencyId: agencyId!,
          username: 'intake-clerk',
          displayName: '住建局 王经办',
          role: 'clerk',
          passwordHash: await hashPassword('correct horse 1'),
        });
      },
    });
    ({ browser, base } = site);
  });

  after(() => site?.close());

  it('registers a faxed application and takes the next actions on its case page', {
    timeout: 120_000,
  }, async () => {
    const context = await scriptlessContext(browser);
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.fill('#f-username', 'intake-clerk');
    await page.fill('#f-password', 'correct horse 1');
    await Promise.all([page.waitForURL(`${base}/console`), page.click('button[type=submit].button')]);

    await page.goto(`${base}/console/intake`);
    assert.equal(await seriousViolations(browser, page), '');
    // a first attempt without the required fields: messages next to the fields, axe-clean
    await page.check('#f-channel-fax');
    await page.click('form[action="/console/intake"] button[type=submit]');
    assert.match((await page.locator('.error-summary').textContent()) ?? '', /申请人类型：/);
    assert.equal(await seriousViolations(browser, page), '');

    await page.goto(`${base}/console/intake`);
    await page.check('#f-channel-fax');
    await page.fill('#f-arrivedOn', '2026-02-26');
    await page.fill('#f-confirmedOn', '2026-02-27');
    await page.fill('#f-confirmMeans', '电话确认');
    await page.check('#f-applicantType-naturalPerson');
    await page.fill('#f-personName', '李四');
    await page.fill('#f-idNumber', '11010519491231002X');
    await page.fill('#f-phone', '13900139000');
    await page.fill('#f-fax', '010-12345678');
    await page.fill('#f-description', '2025年本局对某小区加装电梯项目的审批文件');
    await page.check('#f-form-paper');
    await page.check('#f-delivery-fax');
    await page.screenshot({ path: join(SHOTS, 'console-intake.png'), fullPage: true });
    await Promise.all([
      page.waitForURL(/\/console\/cases\/\d+$/),
      page.click('form[action="/console/intake"] button[type=submit]'),
    ]);
    const flash = (await page.locator('.notice.success').textContent()) ?? '';
    assert.match(flash, /登记编号：2026-\d{5}，查询码：[A-Z2-9]{8}/);
    const summary = (await page.locator('.summary-list').textContent()) ?? '';
    assert.match(summary, /2026年2月27日/); // the confirmation date, not the day the fax arrived

    // send a consultation; the page then offers its answer and its lapse
    await page.fill('#f-consultation-name', '某电梯工程有限公司');
    await page.check('#f-consultation-confirm');
    await Promise.all([
      page.waitForURL(/\/console\/cases\/\d+$/),
      page.click('form[action$="/consultation"] button[type=submit]'),
    ]);
    for (const a of ['consultationAnswered', 'consultationLapsed', 'referral', 'withdrawal', 'reply'])
      assert.equal(await page.locator(`form[action$="/${a}"]`).count(), 1, a);
    // a refusal of the state machine stands next to its form
    await page.check('#f-consultationLapsed-confirm');
    await page.click('form[action$="/consultationLapsed"] button[type=submit]');
    assert.match(
      (await page.locator('#f-consultationLapsed-error').textContent()) ?? '',
      /届满前不能按逾期未答复处理/,
    );
    assert.equal(await seriousViolations(browser, page), '');
    await page.screenshot({ path: join(SHOTS, 'console-case.png'), fullPage: true });
    await context.close();
  });
});
