import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { parseReport } from '../src/report/parse/index.ts';
import { renderHtml } from '../src/report/render/html.ts';
const a = parseReport(readFileSync('test/fixtures/seed-2022.txt'), { filename: 'seed-2022.txt' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 590, height: 800 } });
await page.emulateMedia({ media: 'print' });
await page.setContent(renderHtml(a, { print: true }));
const r = await page.evaluate(() => {
  const out: string[] = [`doc ${document.documentElement.scrollWidth}`];
  for (const el of Array.from(document.querySelectorAll('body *'))) {
    const w = (el as HTMLElement).getBoundingClientRect().width;
    if (w > 595) out.push(`${el.tagName}.${el.className} ${Math.round(w)}`);
  }
  out.push('font ' + getComputedStyle(document.querySelector('p')!).fontSize);
  return out.slice(0, 20);
});
console.log(r.join('\n'));
await browser.close();
