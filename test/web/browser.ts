/**
 * What every end-to-end test in Chromium shares: Debian's Chromium through playwright-core, the
 * real server (createApp + @hono/node-server on a free loopback port), axe-core on a page, and the
 * screenshot folder (docs/screenshots, kept in the repository so people can look at the pages).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { AppEnv } from '../../src/web/context.ts';

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
