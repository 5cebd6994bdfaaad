import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { parseReport } from '../src/report/parse/index.ts';
import { renderHtml } from '../src/report/render/html.ts';
const a = parseReport(readFileSync('test/fixtures/shanghai-2019.html'), { filename: 'x.html' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 590, height: 800 } });
await page.emulateMedia({ media: 'print' });
await page.setContent(renderHtml(a, { print: true }));
const r = await page.evaluate(() => {
  const t = document.querySelector('table.t3')!;
  const row = Array.from(t.querySelectorAll('tbody tr'))[4]!;
  return [t.getBoundingClientRect().width, ...Array.from(row.children).map((c) => Math.round(c.getBoundingClientRect().width) + ':' + getComputedStyle(c).fontSize + ':' + c.textContent)];
});
console.log(r.join('\n'));
await browser.close();
