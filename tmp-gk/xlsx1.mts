import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { parseReport } from '../src/report/parse/index.ts';
import { renderXlsx } from '../src/report/render/xlsx.ts';
for (const f of ['seed-2022.txt', 'shanghai-2019.html']) {
  const a = parseReport(readFileSync(`/work/main/test/fixtures/${f}`), { filename: f });
  const t0 = Date.now();
  const buf = await renderXlsx(a);
  console.log(f, buf.length, Date.now() - t0, 'ms');
  writeFileSync(`/tmp/gk/${f}.xlsx`, buf);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf);
  for (const ws of wb.worksheets) {
    console.log(ws.name, ws.rowCount, ws.columnCount, Object.keys((ws as any)._merges).length);
  }
  const ws = wb.worksheets[1]!;
  for (let r = 1; r <= 8; r++) console.log(JSON.stringify(ws.getRow(r).values));
}
