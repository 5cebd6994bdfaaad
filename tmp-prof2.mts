import { readFileSync, writeFileSync } from 'node:fs';
import { extractPdf, closePdfWorkers, pdfPagesToIr } from './src/report/parse/pdf.ts';
const raws = [];
for (const f of ['hongze-2023', 'hongze-2024', 'huaian-2024']) raws.push(await extractPdf(readFileSync(`test/fixtures/pdf/${f}.pdf`)));
await closePdfWorkers();
writeFileSync('/tmp/pdfw/raws.json', JSON.stringify(raws));
