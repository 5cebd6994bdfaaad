import { readFileSync, writeFileSync } from 'node:fs';
import { makePdf } from './test/report/pdf-make.ts';
const jpg = readFileSync('/tmp/pdfr/scan-g.jpg');
writeFileSync('test/fixtures/pdf/scanned-hongze-2023-p1.pdf', makePdf([{ image: { grey: jpg, width: 414, height: 585, jpeg: true } }]));
