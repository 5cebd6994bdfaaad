import { readFileSync } from 'node:fs';
import { extractPdf, closePdfWorkers, pdfPagesToIr } from './src/report/parse/pdf.ts';
const raw = await extractPdf(new Uint8Array(readFileSync(process.argv[2]!)));
(globalThis as any).DEBUG = process.argv[3];
pdfPagesToIr(raw);
await closePdfWorkers();
