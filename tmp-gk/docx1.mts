import { readFileSync, writeFileSync } from 'node:fs';
import { parseReport } from '../src/report/parse/index.ts';
import { renderDocx } from '../src/report/render/docx.ts';
for (const f of ['seed-2022.txt', 'shanghai-2019.html']) {
  const a = parseReport(readFileSync(`/work/main/test/fixtures/${f}`), { filename: f });
  const t0 = Date.now();
  const buf = await renderDocx(a);
  console.log(f, buf.length, Date.now() - t0, 'ms');
  writeFileSync(`/tmp/gk/${f}.docx`, buf);
  const t1 = Date.now();
  const b = parseReport(buf, { filename: 'x.docx' });
  console.log(' parse', Date.now() - t1, 'ms', b.format, b.year, b.agency, b.table2.status, b.table3.status, b.table4.status);
  console.log(' diags b', b.diagnostics.map(d=>d.code + ':' + d.message).join('\n'));
  console.log(' preamble', JSON.stringify(a.preamble) === JSON.stringify(b.preamble));
  for (let i = 0; i < a.sections.length; i++) {
    const sa = a.sections[i]!, sb = b.sections[i];
    if (sa.heading !== sb?.heading || JSON.stringify(sa.paragraphs) !== JSON.stringify(sb?.paragraphs)) console.log(' section diff', sa.heading, sa.paragraphs.length, sb?.paragraphs.length);
  }
  const cells = (r: any) => JSON.stringify([Object.entries(r.table2.blocks).map(([k, b]: any) => [k, Object.entries(b.rows).map(([rk, row]: any) => [rk, Object.entries(row.cells).map(([ck, c]: any) => [ck, c.raw])])]), Object.entries(r.table3.rows).map(([rk, row]: any) => [rk, Object.entries(row.cells).map(([ck, c]: any) => [ck, c.raw])]), Object.entries(r.table4.row?.cells ?? {}).map(([ck, c]: any) => [ck, c.raw])]);
  console.log(' cells equal', cells(a) === cells(b));
}
