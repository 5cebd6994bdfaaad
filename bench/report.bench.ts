/**
 * Benchmark: parse + check the real reports in test/fixtures repeatedly.
 *
 * Prints reports per second and MB/s for parse+check, and the ratio to a baseline measured in the
 * same run on the same bytes (decode UTF-8 and split into lines). Then parses 10,000 reports and
 * prints the heap after each 1,000 (with --expose-gc) to show memory stays flat.
 *
 *   node --expose-gc --import tsx bench/report.bench.ts [--rounds N] [--memory N]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseReport } from '../src/report/parse/index.ts';
import { renderDocx } from '../src/report/render/docx.ts';
import { checkReport } from '../src/report/rules/index.ts';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '20' }, memory: { type: 'string', default: '10000' } },
});
const rounds = Number(values.rounds);
const memoryN = Number(values.memory);

const dir = new URL('../test/fixtures/', import.meta.url).pathname;
const files = [
  ...readdirSync(dir)
    .filter((f) => /\.(txt|html)$/.test(f) && f !== 'word-gbk.html')
    .map((f) => join(dir, f)),
  ...readdirSync(join(dir, 'pingtan'))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => join(dir, 'pingtan', f)),
];
const inputs = files.map((f) => ({ name: f, buf: readFileSync(f) }));
const bytesPerRound = inputs.reduce((n, i) => n + i.buf.length, 0);

function time(fn: () => void, minMs = 300): { perRound: number; rounds: number } {
  let n = 0;
  const start = performance.now();
  do {
    fn();
    n++;
  } while (performance.now() - start < minMs || n < rounds);
  return { perRound: (performance.now() - start) / n, rounds: n };
}

let sink = 0;
const baseline = () => {
  for (const { buf } of inputs) sink += buf.toString('utf8').split('\n').length;
};
const parseCheck = () => {
  for (const { name, buf } of inputs) {
    const r = parseReport(buf, { filename: name });
    sink += checkReport(r).length;
  }
};

// warm up both paths
baseline();
parseCheck();
const b = time(baseline);
const p = time(parseCheck);
const reportsPerSec = (inputs.length / p.perRound) * 1000;
const mbPerSec = (bytesPerRound / 1024 / 1024 / p.perRound) * 1000;
const baseMbPerSec = (bytesPerRound / 1024 / 1024 / b.perRound) * 1000;

console.log(`inputs: ${inputs.length} real reports, ${(bytesPerRound / 1024).toFixed(1)} KiB per round`);
console.log(`baseline (decode + split lines): ${baseMbPerSec.toFixed(1)} MB/s (${b.rounds} rounds)`);
console.log(
  `parse + check: ${reportsPerSec.toFixed(0)} reports/s, ${mbPerSec.toFixed(2)} MB/s (${p.rounds} rounds)`,
);
console.log(`ratio parse+check / baseline time: ${(p.perRound / b.perRound).toFixed(1)}×`);
for (const { name, buf } of inputs) {
  const one = time(() => {
    sink += checkReport(parseReport(buf, { filename: name })).length;
  }, 100);
  console.log(`  ${name.replace(dir, '')}: ${(1000 / one.perRound).toFixed(0)} reports/s`);
}

// DOCX front end: DOCX files written by our renderer from the real seed and Shanghai reports
// (no real published DOCX is in the fixtures); reports per second next to the text/HTML originals
{
  const docx = await Promise.all(
    inputs
      .filter(({ name }) => /seed-2022|shanghai-2019/.test(name))
      .map(async ({ name, buf }) => ({ name, buf: await renderDocx(parseReport(buf, { filename: name })) })),
  );
  for (const { name, buf } of docx) {
    const original = inputs.find((i) => i.name === name)!;
    const d = time(() => {
      sink += checkReport(parseReport(buf, { filename: 'x.docx' })).length;
    }, 200);
    const o = time(() => {
      sink += checkReport(parseReport(original.buf, { filename: name })).length;
    }, 200);
    console.log(
      `  DOCX of ${name.replace(dir, '')}: ${(1000 / d.perRound).toFixed(0)} reports/s (the original ${name.endsWith('.html') ? 'HTML' : 'text'}: ${(1000 / o.perRound).toFixed(0)} reports/s)`,
    );
  }
  console.log('  PDF: see bench/pdf.bench.ts (reports/s and the ratio to pdfjs text extraction)');
}

// memory over many reports
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) console.log('(run with --expose-gc for the memory check)');
const heap = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};
const samples: number[] = [heap()];
for (let i = 1; i <= memoryN; i++) {
  const { name, buf } = inputs[i % inputs.length]!;
  sink += checkReport(parseReport(buf, { filename: name })).length;
  if (i % Math.max(1, Math.floor(memoryN / 10)) === 0) samples.push(heap());
}
console.log(
  `heap MiB every ${Math.floor(memoryN / 10)} reports: ${samples.map((s) => s.toFixed(1)).join(' ')}`,
);
console.log(
  `heap growth first→last sample after warm-up: ${(samples[samples.length - 1]! - samples[1]!).toFixed(2)} MiB over ${memoryN} reports`,
);
if (sink === -1) console.log(sink);
