/**
 * PDF renderer (src/report/render/pdf.ts): Chromium prints the HTML rendering on A4 with TrueType
 * CJK fonts, so the text layer is right (人民 is 人民, not ⼈⺠), with page numbers, every cell and
 * paragraph present. Skipped, with the reason, when /usr/bin/chromium is absent (CI installs it
 * with scripts/install-system-deps.sh).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { emptyReport, setT2, setT3Row } from '../../src/report/build.ts';
import { parseReport } from '../../src/report/parse/index.ts';
import { renderHtml } from '../../src/report/render/html.ts';
import { CHROMIUM_PATH, PdfPrinter, PdfRenderError, renderPdf } from '../../src/report/render/pdf.ts';

const skip = existsSync(CHROMIUM_PATH)
  ? false
  : `${CHROMIUM_PATH} is missing: run scripts/install-system-deps.sh`;

/** Text of each page as pdfjs-dist reads it (raw code points, no normalisation). */
async function pageTexts(pdf: Buffer): Promise<{ texts: string[]; size: number[] }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const texts: string[] = [];
  let size: number[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    if (i === 1) size = page.view.slice(2).map(Math.round);
    const content = await page.getTextContent();
    texts.push(content.items.map((it) => ('str' in it ? it.str : '')).join(''));
  }
  await doc.destroy();
  return { texts, size };
}

const hasTool = (tool: string): boolean => {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

describe('renderPdf', { skip }, () => {
  let printer: PdfPrinter;
  before(async () => {
    printer = await PdfPrinter.launch();
  });
  after(async () => {
    await printer?.close();
  });

  it('writes 人民 as 人民 (TrueType fonts, no Type 3), A4, with page numbers', async () => {
    const r = emptyReport('2021', 2022, '某市人民政府办公室');
    r.sections[0]!.paragraphs = [
      '根据《中华人民共和国政府信息公开条例》，人民群众获得感不断增强。工作十分扎实。',
    ];
    setT3Row(r, 'R1', [10, 1, 0, 0, 1, 0, 12]);
    const pdf = await printer.render(r);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const { texts, size } = await pageTexts(pdf);
    assert.deepEqual(size, [595, 842]);
    const all = texts.join('\n');
    assert.ok(all.includes('中华人民共和国政府信息公开条例'), all.slice(0, 300));
    assert.ok(all.includes('某市人民政府办公室2022年政府信息公开工作年度报告'));
    assert.ok(all.includes('十分'));
    // no Kangxi/CJK radicals (⼈ U+2F08, ⺠ U+2EA0, ⼯, ⼗ …) anywhere in the text layer
    assert.doesNotMatch(all, /[\u2e80-\u2fdf]/u);
    assert.ok(
      texts.every((t, i) => t.includes(`— ${i + 1} —`)),
      'page numbers',
    );
    const raw = pdf.toString('latin1');
    assert.ok(!raw.includes('/Type3'), 'no Type 3 fonts');
    assert.ok(raw.includes('/CIDFontType2'), 'CID TrueType fonts');
  });

  it('prints every cell and paragraph of the seed, with no captions, meta line or parse notes', async () => {
    const seed = parseReport(readFileSync(new URL('../fixtures/seed-2022.txt', import.meta.url)), {
      filename: 'seed-2022.txt',
    });
    assert.ok(seed.diagnostics.length > 0, 'the seed has parse notes that must not be printed');
    const pdf = await printer.render(seed);
    // pages joined, page numbers dropped: paragraphs run on across pages
    const all = (await pageTexts(pdf)).texts
      .map((t) => t.replace(/— \d+ —/g, ''))
      .join('')
      .replace(/\s+/g, '');
    for (const s of seed.sections) {
      assert.ok(all.includes(s.heading.replace(/\s+/g, '')), s.heading);
      for (const p of s.paragraphs) assert.ok(all.includes(p.replace(/\s+/g, '')), p);
    }
    assert.ok(all.includes('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'));
    for (const absent of ['表三收到和处理', '发布机关', '解析说明']) assert.ok(!all.includes(absent), absent);

    if (hasTool('pdftotext')) {
      const dir = mkdtempSync(join(tmpdir(), 'gk-pdf-'));
      try {
        writeFileSync(join(dir, 'seed.pdf'), pdf);
        const text = execFileSync('pdftotext', ['-layout', join(dir, 'seed.pdf'), '-'], { encoding: 'utf8' });
        assert.match(text, /人\s*民群众/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('renderPdf launches and closes Chromium for one document; a missing Chromium is a clear error', async () => {
    const r = emptyReport('2019', 2019, '某局');
    setT2(r, 'a20_9', 'procurement', 'amount', '251000元');
    const pdf = await renderPdf(r);
    assert.ok((await pageTexts(pdf)).texts.join('').includes('251000元'));
    await assert.rejects(renderPdf(r, { executablePath: '/nonexistent/chromium' }), (e: unknown) => {
      assert.ok(e instanceof PdfRenderError);
      assert.match(e.message, /找不到用于生成PDF的Chromium/);
      return true;
    });
  });
});

describe('renderHtml print option', () => {
  it('puts TrueType CJK fonts before Noto CJK for print and adds GB/T page numbers', () => {
    const r = emptyReport('2021', 2022, '某局');
    const html = renderHtml(r, { print: true });
    const print = html.slice(html.indexOf('@media print'));
    const stack = /body \{ font-family: ([^;]+);/.exec(print)?.[1] ?? '';
    assert.ok(
      stack.indexOf('AR PL UMing CN') >= 0 && stack.indexOf('AR PL UMing CN') < stack.indexOf('Noto'),
    );
    assert.ok(stack.indexOf('WenQuanYi Zen Hei') < stack.indexOf('Noto'));
    assert.match(html, /@page :right \{ @bottom-right \{ content: "— " counter\(page\) " —"/);
    assert.doesNotMatch(html, /<caption|class="meta"|table-scroll"/);
    assert.match(html, /<table class="t3" id="table-3" aria-label="表三 收到和处理政府信息公开申请情况">/);
    const screen = renderHtml(r);
    assert.match(screen, /<caption id="caption-t3">/);
    assert.doesNotMatch(screen, /@bottom-right/);
  });
});
