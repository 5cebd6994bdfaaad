import { readFileSync } from 'node:fs';
import { pdfPagesToIr } from './src/report/parse/pdf.ts';
const raws = JSON.parse(readFileSync('/tmp/pdfw/raws.json', 'utf8'));
for (let i = 0; i < 20; i++) for (const r of raws) pdfPagesToIr(r);
const t = performance.now();
for (let i = 0; i < 50; i++) for (const r of raws) pdfPagesToIr(r);
console.log('per report ms', ((performance.now() - t) / 150).toFixed(2));
