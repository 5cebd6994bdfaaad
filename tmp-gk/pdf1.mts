import { readFileSync, writeFileSync } from 'node:fs';
import { parseReport } from '../src/report/parse/index.ts';
import { PdfPrinter } from '../src/report/render/pdf.ts';
const t0 = Date.now();
const printer = await PdfPrinter.launch();
console.log('launch', Date.now() - t0);
for (const f of ['seed-2022.txt', 'shanghai-2019.html']) {
  const a = parseReport(readFileSync(`test/fixtures/${f}`), { filename: f });
  const t1 = Date.now();
  const buf = await printer.render(a);
  console.log(f, buf.length, Date.now() - t1, 'ms');
  writeFileSync(`/tmp/gk/${f}.pdf`, buf);
}
await printer.close();
