/**
 * Benchmark: parsing the three real PDF reports in test/fixtures/pdf/.
 *
 * Prints reports per second for `parseReportFile` (pdfjs in its bounded worker + layout +
 * recognition), and the ratio of that time to pdfjs's bare text extraction (getDocument, then
 * getTextContent of every page, in this thread) of the same files in the same run, the two timed
 * alternately file by file so that the machine's load affects both alike. Also prints the share
 * of the layout analysis alone (pdfPagesToIr on pages extracted beforehand). pdfjs needs a few
 * dozen runs to warm up (JIT) in each thread: use --rounds 20 or more for steady numbers.
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
// interleaved, file by file, so that a change in the machine's load hits both alike
const bareMs = inputs.map(() => 0);
const oursMs = inputs.map(() => 0);
let n = 0;
const start = performance.now();
do {
  for (const [i, { name, buf }] of inputs.entries()) {
    let t = performance.now();
    await bare(buf);
    bareMs[i]! += performance.now() - t;
    t = performance.now();
    await ours(name, buf);
    oursMs[i]! += performance.now() - t;
  }
  n++;
} while (n < rounds || performance.now() - start < 10_000);
const raws = await Promise.all(inputs.map(({ buf }) => extractPdf(buf)));
let layoutMs = 0;
let m = 0;
const l0 = performance.now();
do {
  for (const raw of raws) sink += pdfPagesToIr(raw).blocks.length;
  m++;
} while (m < 20 || performance.now() - l0 < 1000);
layoutMs = (performance.now() - l0) / m;

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const pages = raws.reduce((k, r) => k + r.pages.length, 0);
const perRound = (ms: number[]) => sum(ms) / n;
console.log(`inputs: ${inputs.length} real PDF reports, ${pages} pages per round, ${n} rounds interleaved`);
console.log(`pdfjs bare text extraction: ${((inputs.length / perRound(bareMs)) * 1000).toFixed(1)} files/s`);
console.log(
  `parseReportFile (worker + layout + recognition): ${((inputs.length / perRound(oursMs)) * 1000).toFixed(1)} reports/s`,
);
console.log(`ratio parseReportFile / bare extraction time: ${(sum(oursMs) / sum(bareMs)).toFixed(2)}×`);
console.log(
  `layout alone (pdfPagesToIr): ${((inputs.length / layoutMs) * 1000).toFixed(0)} reports/s, ` +
    `${((layoutMs / perRound(oursMs)) * 100).toFixed(1)}% of parseReportFile`,
);
for (const [i, { name }] of inputs.entries())
  console.log(
    `  ${name}: ${((1000 * n) / oursMs[i]!).toFixed(1)} reports/s, ${(oursMs[i]! / bareMs[i]!).toFixed(2)}× bare`,
  );
await closePdfWorkers();
if (sink < 0) console.log(sink);
