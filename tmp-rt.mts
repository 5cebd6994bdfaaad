import { readFileSync, writeFileSync } from 'node:fs';
import { parseReport } from './src/report/parse/index.ts';
import { PdfPrinter } from './src/report/render/pdf.ts';
const p = await PdfPrinter.launch();
for (const name of ['shanghai-2019.html', 'seed-2022.txt']) {
  const r = parseReport(readFileSync(`test/fixtures/${name}`), { filename: name });
  writeFileSync(`/tmp/pdfw/rt-${name}.pdf`, await p.render(r));
}
await p.close();
