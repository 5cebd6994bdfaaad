/**
 * Benchmark: parsing the three real PDF reports in test/fixtures/pdf/.
 *
 * Prints reports per second for `parseReportFile` (pdfjs in its bounded worker + layout +
 * recognition), and the ratio of that time to pdfjs's bare text extraction (getDocument, then
 * getTextContent of every page, in this thread) of the same files in the same run. Also prints the
 * share of the layout analysis alone (pdfPagesToIr on pages extracted beforehand).
 *
 *   node --import tsx bench/pdf.bench.ts [--rounds N]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { parseReportFile } from '../src/report/parse/index.ts';
import { closePdfWorkers, extractPdf, pdfPagesToIr } from '../src/report/parse/pdf.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Number(values.rounds);

const dir = fileURLToPath(new URL('../test/fixtures/pdf/', import.meta.url));
const names = ['hongze-2023.pdf', 'hongze-2024.pdf', 'huaian-2024.pdf'];
const inputs = names.map((name) => ({ name, buf: readFileSync(join(dir, name)) }));
const pdfjsRoot = fileURLToPath(new URL('../node_modules/pdfjs-dist/', import.meta.url));

async function time(fn: () => Promise<void>, minMs = 2000): Promise<{ perRound: number; rounds: number }> {
  let n = 0;
  const start = performance.now();
  do {
    await fn();
    n++;
  } while (performance.now() - start < minMs || n < rounds);
  return { perRound: (performance.now() - start) / n, rounds: n };
}

let sink = 0;
/** pdfjs alone: text items of every page, nothing else. */
async function bare(buf: Buffer): Promise<void> {
  const doc = await getDocument({
    data: new Uint8Array(buf),
    verbosity: 0,
    isEvalSupported: false,
    cMapUrl: join(pdfjsRoot, 'cmaps/'),
    standardFontDataUrl: join(pdfjsRoot, 'standard_fonts/'),
  }).promise;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    sink += (await page.getTextContent()).items.length;
    page.cleanup();
  }
  await doc.destroy();
}
async function ours(name: string, buf: Buffer): Promise<void> {
  const r = await parseReportFile(buf, { filename: name });
  sink += r.sections.length;
}

// warm up both paths (module loading, JIT, the worker)
for (const { name, buf } of inputs) {
  await bare(buf);
  await ours(name, buf);
}
const b = await time(async () => {
  for (const { buf } of inputs) await bare(buf);
});
const o = await time(async () => {
  for (const { name, buf } of inputs) await ours(name, buf);
});
const raws = await Promise.all(inputs.map(({ buf }) => extractPdf(buf)));
const l = await time(async () => {
  for (const raw of raws) sink += pdfPagesToIr(raw).blocks.length;
}, 500);

const pages = raws.reduce((n, r) => n + r.pages.length, 0);
console.log(`inputs: ${inputs.length} real PDF reports, ${pages} pages per round`);
console.log(
  `pdfjs bare text extraction: ${((inputs.length / b.perRound) * 1000).toFixed(1)} files/s (${b.rounds} rounds)`,
);
console.log(
  `parseReportFile (worker + layout + recognition): ${((inputs.length / o.perRound) * 1000).toFixed(1)} reports/s (${o.rounds} rounds)`,
);
console.log(`ratio parseReportFile / bare extraction time: ${(o.perRound / b.perRound).toFixed(2)}×`);
console.log(
  `layout alone (pdfPagesToIr): ${((inputs.length / l.perRound) * 1000).toFixed(0)} reports/s, ` +
    `${((l.perRound / o.perRound) * 100).toFixed(1)}% of parseReportFile`,
);
for (const { name, buf } of inputs) {
  const one = await time(() => ours(name, buf), 1000);
  const base = await time(() => bare(buf), 1000);
  console.log(
    `  ${name}: ${(1000 / one.perRound).toFixed(1)} reports/s, ${(one.perRound / base.perRound).toFixed(2)}× bare`,
  );
}
await closePdfWorkers();
if (sink < 0) console.log(sink);
