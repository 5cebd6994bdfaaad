/**
 * The report as a PDF: the HTML rendering (render/html.ts, `print: true`) printed by headless
 * Chromium (Debian's package, driven by playwright-core) on A4 with the GB/T 9704 margins.
 *
 * The print styles put TrueType CJK fonts (FangSong/SimHei where installed; AR PL UMing and
 * WenQuanYi Zen Hei from scripts/install-system-deps.sh) before any Noto CJK font: with Noto's CFF
 * outlines Chromium embeds Type 3 fonts whose text layer writes 人 as ⼈ and 民 as ⺠, so the PDF
 * would not search, copy or parse back correctly. Table rows never break across pages
 * (`break-inside: avoid`), header rows repeat, and the PDF is tagged with an outline.
 *
 * Chromium runs with a fresh profile in a temporary directory, no network (every request is
 * aborted) and no JavaScript; the profile is removed afterwards.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import type { Report } from '../model.ts';
import { type HtmlRenderOptions, renderHtml } from './html.ts';

/** Debian's Chromium. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Thrown when no Chromium can print the PDF; the message is Chinese and says how to install it. */
export class PdfRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfRenderError';
  }
}

export interface PdfRenderOptions {
  /** Chromium executable; default /usr/bin/chromium (or $GONGKAI_CHROMIUM). */
  executablePath?: string;
  /** Passed to renderHtml (e.g. findings to mark); `print` is always set. */
  html?: Omit<HtmlRenderOptions, 'print'>;
}

function executable(opts: PdfRenderOptions): string {
  const path = opts.executablePath ?? process.env.GONGKAI_CHROMIUM ?? CHROMIUM_PATH;
  if (!existsSync(path)) {
    throw new PdfRenderError(
      `找不到用于生成PDF的Chromium浏览器（${path}）：请运行 scripts/install-system-deps.sh 安装 chromium 和中文字体`,
    );
  }
  return path;
}

/**
 * A running headless Chromium that prints HTML pages to PDF. Reuse one for many documents
 * (launching takes about a second); always `close()` it.
 */
export class PdfPrinter {
  private constructor(
    private readonly context: BrowserContext,
    private readonly profile: string,
  ) {}

  static async launch(opts: PdfRenderOptions = {}): Promise<PdfPrinter> {
    const executablePath = executable(opts);
    const profile = await mkdtemp(join(tmpdir(), 'gongkai-chromium-'));
    try {
      const context = await chromium.launchPersistentContext(profile, {
        executablePath,
        headless: true,
        args: CHROMIUM_ARGS,
        javaScriptEnabled: false,
        offline: true,
        locale: 'zh-CN',
      });
      // nothing is fetched: the page is self-contained
      await context.route('**/*', (route) => route.abort());
      return new PdfPrinter(context, profile);
    } catch (e) {
      await rm(profile, { recursive: true, force: true });
      throw new PdfRenderError(`无法启动Chromium生成PDF：${(e as Error).message.split('\n')[0]}`);
    }
  }

  /** Prints a complete HTML page (with its own @page rules) to an A4 PDF. */
  async print(html: string): Promise<Buffer> {
    const page = await this.context.newPage();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        tagged: true,
        outline: true,
      });
    } finally {
      await page.close();
    }
  }

  /** Prints a report. */
  async render(report: Report, opts: Omit<HtmlRenderOptions, 'print'> = {}): Promise<Buffer> {
    return this.print(renderHtml(report, { ...opts, print: true }));
  }

  async close(): Promise<void> {
    try {
      await this.context.close();
    } finally {
      await rm(this.profile, { recursive: true, force: true });
    }
  }
}

/** Renders the report as a PDF (launches Chromium for this one document). */
export async function renderPdf(report: Report, opts: PdfRenderOptions = {}): Promise<Buffer> {
  const printer = await PdfPrinter.launch(opts);
  try {
    return await printer.render(report, opts.html ?? {});
  } finally {
    await printer.close();
  }
}
