import { emptyReport, setT3 } from '../src/report/build.ts';
import { renderDocx } from '../src/report/render/docx.ts';
import { renderXlsx } from '../src/report/render/xlsx.ts';
import { ZipReader } from '../src/report/parse/zip.ts';
const r = emptyReport('2021', 2022, '某局\u0001');
r.sections[0]!.paragraphs = ['坏\u0000字\u000b符\u001f\uFFFE\uD800尾'];
setT3(r, 'R1', 'c1', '1\u0008');
const d = new ZipReader(await renderDocx(r)).text('word/document.xml')!;
console.log('docx ctrl', /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(d), JSON.stringify(d.match(/坏.{0,20}/)?.[0]));
const x = await renderXlsx(r);
const z = new ZipReader(x);
for (const k of z.entries.keys()) { const t = z.text(k)!; if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(t)) console.log('xlsx ctrl in', k); }
