/**
 * axe-core on EVERY page: each GET route of the route table (test/web/routeTable.ts, which must
 * cover every route the app serves) that answers an HTML page is opened in Chromium with
 * JavaScript disabled, as the person it is for — an anonymous visitor for portal pages, the
 * applicant for a case's status pages, agency A's clerk for console pages — and must have no
 * serious or critical violation. Downloads, feeds and JSON are skipped (not pages).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { migrate, openStore } from '../../src/store/db.ts';
import {
  type Listening,
  launchBrowser,
  listen,
  noBrowser,
  scriptlessContext,
  seriousViolations,
} from './browser.ts';
import { Client, openApp, type TestApp } from './helpers.ts';
import { fixture, type Ids, login, TABLE } from './routeTable.ts';

const memory = {
  name: 'sqlite' as const,
  async open() {
    const store = openStore({ file: ':memory:', url: '' });
    await migrate(store);
    return store;
  },
};

describe('every page passes axe (no serious or critical violations)', { skip: noBrowser }, () => {
  let t: TestApp;
  let server: Listening;
  let browser: Browser;
  let ids: Ids;
  let applicant: Client;
  let clerk: Client;

  before(async () => {
    t = await openApp(memory);
    ({ ids, applicant } = await fixture(t));
    clerk = new Client(t.app, '198.51.100.2');
    await login(clerk, 'clerkA');
    server = await listen(t.app);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.store.close();
  });

  /** A script-less browser context carrying the cookies of an in-process client. */
  async function contextOf(c: Client | null): Promise<BrowserContext> {
    const ctx = await scriptlessContext(browser);
    if (c)
      await ctx.addCookies(
        [...c.cookies].map(([name, value]) => ({ name, value, url: server.base, httpOnly: true })),
      );
    return ctx;
  }

  it('portal, applicant and console pages', { timeout: 600_000 }, async () => {
    const contexts = {
      anonymous: await contextOf(null),
      applicant: await contextOf(applicant),
      clerk: await contextOf(clerk),
    };
    const checked: string[] = [];
    const problems: string[] = [];
    for (const [key, [kind, make]] of Object.entries(TABLE)) {
      const [method] = key.split(' ');
      if (method !== 'GET') continue;
      const who =
        kind === 'public'
          ? 'anonymous'
          : kind === 'applicant'
            ? 'applicant'
            : kind.startsWith('staff')
              ? 'clerk'
              : null;
      if (!who) continue;
      const page = await contexts[who].newPage();
      try {
        const url = `${server.base}${make(ids)}`;
        const res = await page.request.get(url, { maxRedirects: 0 });
        const type = res.headers()['content-type'] ?? '';
        const download = /attachment/i.test(res.headers()['content-disposition'] ?? '');
        if (!type.startsWith('text/html') || download || res.status() >= 300) continue; // a download, feed or redirect
        await page.goto(url);
        const v = await seriousViolations(browser, page);
        checked.push(`${key} (${who})`);
        if (v) problems.push(`${key} as ${who}:\n${v}`);
      } finally {
        await page.close();
      }
    }
    // the error page (404) too
    const missing = await contexts.anonymous.newPage();
    const r404 = await missing.goto(`${server.base}/agencies/999999`);
    assert.equal(r404?.status(), 404);
    const v404 = await seriousViolations(browser, missing);
    if (v404) problems.push(`the 404 page:\n${v404}`);
    checked.push('404 page');
    for (const ctx of Object.values(contexts)) await ctx.close();
    assert.deepEqual(problems, []);
    // the crawl really visited the pages (not silently skipped them)
    assert.ok(checked.length >= 30, `only ${checked.length} pages checked:\n${checked.join('\n')}`);
    for (const must of [
      'GET /agencies/:agencyId/apply',
      'GET /status/cases/:caseId',
      'GET /console/cases/:id',
    ])
      assert.ok(
        checked.some((c) => c.startsWith(`${must} `)),
        `${must} was not checked`,
      );
  });
});
