/**
 * What every end-to-end test in Chromium shares: Debian's Chromium through playwright-core, the
 * real server (createApp + @hono/node-server on a free loopback port), axe-core on a page, and the
 * screenshot folder (docs/screenshots, kept in the repository so people can look at the pages).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { seedDemo } from '../../src/demo/seed.ts';
import { migrate, openStore, type Store } from '../../src/store/db.ts';
import { createApp } from '../../src/web/app.ts';
import type { AppEnv, WebConfig } from '../../src/web/context.ts';
import { applyDemoProfiles, prepareDemo } from '../../src/web/demo.ts';
import { calendar, T0 } from './helpers.ts';

export const CHROMIUM = process.env.GONGKAI_CHROMIUM ?? '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHOTS = join(ROOT, 'docs/screenshots');
const AXE_PATH = join(ROOT, 'node_modules/axe-core/axe.min.js');

/** Why the browser tests cannot run here (for `describe(…, { skip })`), or false. */
export const noBrowser: string | false = !existsSync(CHROMIUM)
  ? 'Chromium not installed'
  : !existsSync(AXE_PATH)
    ? 'axe-core not installed'
    : false;

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=zh-CN',
    ],
  });
}

export interface Listening {
  base: string;
  close(): Promise<void>;
}

/** Serves the app on a free loopback port. */
export async function listen(app: Hono<AppEnv>): Promise<Listening> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export const DEMO_AGENCY = '某区住房和城乡建设局';

export interface DemoSiteOptions {
  /**
   * How the demo data is made: seedDemo with these options and the demo profiles, or 'prepareDemo'
   * (the default seed, the profiles and the demo password for every staff user, as `npm run demo`).
   */
  seed: { until?: string; perYear?: number } | 'prepareDemo';
  /** Agencies to look up by name (default: the demo 住建局); `agencyId` is the first one's id. */
  agencies?: string[];
  /** More setup on the store before the app starts (e.g. staff users), given the agency ids. */
  setup?: (store: Store, agencyIds: number[]) => Promise<void>;
  /** Overrides of the app config (default: a temporary data dir and the clock pinned at T0). */
  config?: Partial<WebConfig>;
  /** Prefix of the temporary data dir's name. */
  tmpPrefix?: string;
}

export interface DemoSite {
  store: Store;
  base: string;
  browser: Browser;
  dataDir: string;
  agencyId: number;
  agencyIds: number[];
  /** Closes the browser, the server and the store and removes the data dir. */
  close(): Promise<void>;
}

/**
 * The demo site in Chromium: an in-memory SQLite store with the demo data, the real server on a free
 * loopback port with a pinned clock, and the browser. Call `close()` in `after`.
 */
export async function demoSite(opts: DemoSiteOptions): Promise<DemoSite> {
  const store = openStore({ file: ':memory:', url: '' });
  let server: Listening | undefined;
  let browser: Browser | undefined;
  let dataDir = '';
  const close = async () => {
    await browser?.close();
    await server?.close();
    await store.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await migrate(store);
    if (opts.seed === 'prepareDemo') await prepareDemo(store, calendar);
    else {
      await seedDemo(store, calendar, opts.seed);
      await applyDemoProfiles(store.db);
    }
    const agencyIds: number[] = [];
    for (const name of opts.agencies ?? [DEMO_AGENCY])
      agencyIds.push(
        Number(
          (
            await store.db
              .selectFrom('agency')
              .select('id')
              .where('name', '=', name)
              .executeTakeFirstOrThrow()
          ).id,
        ),
      );
    await opts.setup?.(store, agencyIds);
    dataDir = mkdtempSync(join(tmpdir(), opts.tmpPrefix ?? 'gongkai-e2e-'));
    const app = createApp({ store, calendar, config: { dataDir, now: () => new Date(T0), ...opts.config } });
    server = await listen(app);
    browser = await launchBrowser();
    return {
      store,
      base: server.base,
      browser,
      dataDir,
      agencyId: agencyIds[0] ?? 0,
      agencyIds,
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * A browser context with JavaScript off, the zh-CN locale and a 1280×900 viewport (unless `width` /
 * `height` say otherwise); any other context option passes through.
 */
export function scriptlessContext(
  browser: Browser,
  opts: { width?: number; height?: number } & Omit<
    BrowserContextOptions,
    'viewport' | 'javaScriptEnabled' | 'locale'
  > = {},
): Promise<BrowserContext> {
  const { width = 1280, height = 900, ...rest } = opts;
  return browser.newContext({
    javaScriptEnabled: false,
    locale: 'zh-CN',
    viewport: { width, height },
    ...rest,
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

let axeSource = '';

/**
 * Runs axe-core on exactly what the (possibly script-less) page shows: its HTML is replayed at the
 * same URL in a context with JavaScript on (axe needs timers), stylesheets loading from the server.
 */
export async function axe(browser: Browser, page: Page): Promise<AxeViolation[]> {
  axeSource ||= readFileSync(AXE_PATH, 'utf8');
  const html = await page.content();
  const url = page.url();
  const ctx = await browser.newContext({ locale: 'zh-CN', viewport: page.viewportSize() ?? undefined });
  try {
    const p = await ctx.newPage();
    await p.route(url, (r) =>
      r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    await p.goto(url);
    await p.evaluate(axeSource);
    const result = (await p.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as {
      violations: AxeViolation[];
    };
    return result.violations;
  } finally {
    await ctx.close();
  }
}

export const serious = (v: AxeViolation[]) =>
  v.filter((x) => x.impact === 'serious' || x.impact === 'critical');

export const describeViolations = (v: AxeViolation[]) =>
  v
    .map((x) => `${x.id} (${x.impact}): ${x.help} — ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    .join('\n');

/** The serious and critical axe violations of the page, as one message ('' when there are none). */
export async function seriousViolations(browser: Browser, page: Page): Promise<string> {
  return describeViolations(serious(await axe(browser, page)));
}
