/**
 * Benchmark: deadline arithmetic (addWorkingDays) calls per second, and the ratio to chinese-days'
 * own `findWorkday(n, date)` on the same inputs in the same run.
 *
 * Inputs: random start dates 2004-01-01…2026-12-31 and n in 1..40 (fixed seed), kept only where both
 * are defined, i.e. the due date is within 2026 (our calendar refuses later ones, spec WD-01). The
 * results of both are compared before timing.
 *
 *   node --import tsx bench/calendar.bench.ts [--inputs N] [--ms MS]
 */
import { parseArgs } from 'node:util';
import cd from 'chinese-days';
import { createCalendar } from '../src/calendar/calendar.ts';
import { daysFromCivil, formatIsoDate } from '../src/calendar/date.ts';
import { chineseDaysYears } from '../src/calendar/seed.ts';
import { CalendarCoverageError } from '../src/calendar/types.ts';

const { values } = parseArgs({
  options: { inputs: { type: 'string', default: '10000' }, ms: { type: 'string', default: '1000' } },
});
const inputCount = Number(values.inputs);
const minMs = Number(values.ms);

let t = performance.now();
const years = chineseDaysYears();
const seedMs = performance.now() - t;
t = performance.now();
const calendar = createCalendar(years);
const buildMs = performance.now() - t;

// Deterministic PRNG (mulberry32).
let state = 0x5eed;
function rand(): number {
  state = (state + 0x6d2b79f5) | 0;
  let x = Math.imul(state ^ (state >>> 15), 1 | state);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
}

const first = daysFromCivil(2004, 1, 1);
const last = daysFromCivil(2026, 12, 31);
const starts: string[] = [];
const ns: number[] = [];
let refused = 0;
while (starts.length < inputCount) {
  const start = formatIsoDate(first + Math.floor(rand() * (last - first + 1)));
  const n = 1 + Math.floor(rand() * 40);
  try {
    const ours = calendar.addWorkingDays(start, n);
    const theirs = cd.findWorkday(n, start);
    if (ours !== theirs) throw new Error(`disagreement: ${start} + ${n}: ${ours} vs chinese-days ${theirs}`);
  } catch (e) {
    if (!(e instanceof CalendarCoverageError)) throw e;
    refused++;
    continue;
  }
  starts.push(start);
  ns.push(n);
}

let sink = 0;
function measure(fn: (start: string, n: number) => string): number {
  let calls = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < starts.length; i++) sink += fn(starts[i]!, ns[i]!).length;
    calls += starts.length;
    elapsed = performance.now() - t0;
  } while (elapsed < minMs);
  return (calls / elapsed) * 1000;
}

const ours = (s: string, n: number) => calendar.addWorkingDays(s, n);
const theirs = (s: string, n: number) => cd.findWorkday(n, s);
// Warm-up, then measure.
measure(ours);
measure(theirs);
const oursRate = measure(ours);
const theirsRate = measure(theirs);

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
console.log(
  `seed from chinese-days: ${seedMs.toFixed(1)} ms; createCalendar (${years.length} years): ${buildMs.toFixed(1)} ms`,
);
console.log(
  `inputs: ${starts.length} (start 2004–2026, n 1..40, due within 2026; ${refused} refused as beyond 2026 and skipped)`,
);
console.log(
  `createCalendar().addWorkingDays: ${fmt(oursRate)} calls/s (${(1e9 / oursRate).toFixed(0)} ns/call)`,
);
console.log(
  `chinese-days findWorkday:        ${fmt(theirsRate)} calls/s (${(1e9 / theirsRate).toFixed(0)} ns/call)`,
);
console.log(`ratio: ${(oursRate / theirsRate).toFixed(1)}× faster (results identical on all inputs)`);
if (sink === 0) console.log('');
