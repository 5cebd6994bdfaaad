import { readFileSync } from 'node:fs';
import { parseReport } from '../src/report/parse/index.ts';
import { checkReport } from '../src/report/rules/index.ts';

const files = process.argv.slice(2);
const bufs = files.map((f) => [f, readFileSync(f)] as const);
for (let i = 0; i < 50; i++) for (const [f, b] of bufs) checkReport(parseReport(b, { filename: f }));
let t = performance.now();
for (let i = 0; i < 300; i++) for (const [f, b] of bufs) parseReport(b, { filename: f });
const tp = (performance.now() - t) / 300 / bufs.length;
const reps = bufs.map(([f, b]) => parseReport(b, { filename: f }));
t = performance.now();
for (let i = 0; i < 300; i++) for (const r of reps) checkReport(r);
const tc = (performance.now() - t) / 300 / bufs.length;
console.log('parse', tp.toFixed(3), 'check', tc.toFixed(3), 'ms/report');
