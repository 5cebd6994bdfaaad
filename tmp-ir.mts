import { readFileSync } from 'node:fs';
import { pdfToIr, closePdfWorkers } from './src/report/parse/pdf.ts';
import { toGrid } from './src/report/parse/ir.ts';
const f = process.argv[2]!;
const t = performance.now();
const doc = await pdfToIr(new Uint8Array(readFileSync(f)));
console.log('ms', (performance.now() - t).toFixed(0), doc.notes);
for (const b of doc.blocks) {
  if (b.type === 'paragraph') console.log(`P[p${b.pos.page}] ${b.text}`);
  else {
    console.log(`TABLE ${b.pos.table} p${b.pos.page} rows=${b.rows.length}`);
    for (const r of toGrid(b)) console.log('  | ' + r.map((c) => (c.origin ? c.text : c.covered === 'col' ? '<' : '^')).join(' | '));
  }
}
await closePdfWorkers();
