import { readFileSync } from 'node:fs';
import { parseReportFile } from './src/report/parse/index.ts';
import { closePdfWorkers } from './src/report/parse/pdf.ts';
import { longReportPdf } from './test/report/pdf-make.ts';
const fx = (n: string) => readFileSync(`test/fixtures/pdf/${n}`);
const real = fx('hongze-2023.pdf');
const flip = Buffer.from(real); for (let i = 2000; i < flip.length; i += 53) flip[i] ^= 0xff;
const flipTail = Buffer.from(real); for (let i = flip.length - 3000; i < flip.length; i += 7) flipTail[i] ^= 0x5a;
const cases: [string, Buffer, any?][] = [
  ['encrypted', fx('encrypted-hongze-2024.pdf')],
  ['scanned', fx('scanned-hongze-2023-p1.pdf')],
  ['truncated 40%', real.subarray(0, Math.floor(real.length * 0.4))],
  ['truncated 90%', real.subarray(0, Math.floor(real.length * 0.9))],
  ['truncated 1k', real.subarray(0, 1024)],
  ['flipped', flip],
  ['flipped tail', flipTail],
  ['header only', Buffer.from('%PDF-1.7\n')],
  ['garbage', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5000, 7)])],
  ['empty', Buffer.alloc(0)],
  ['not pdf .pdf', Buffer.from('hello world')],
  ['timeout 1ms', longReportPdf(50), { timeoutMs: 1 }],
  ['mem 10MB', longReportPdf(50), { maxMemoryMb: 10 }],
  ['cap 20 pages', longReportPdf(50), { maxPages: 20 }],
];
for (const [name, buf, pdf] of cases) {
  const t = performance.now();
  try {
    const r = await parseReportFile(buf, { filename: 'x.pdf', pdf });
    console.log(name, 'OK', r.table2.status, r.table3.status, r.table4.status, r.diagnostics.filter(d=>d.code==='FRONT_END').map(d=>d.message), (performance.now()-t).toFixed(0));
  } catch (e: any) {
    console.log(name, 'ERR', e.name, e.code, e.message, (performance.now()-t).toFixed(0));
  }
}
await closePdfWorkers();
