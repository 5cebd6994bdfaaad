import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
const doc = await getDocument({ data: new Uint8Array(readFileSync(process.argv[2]!)), verbosity: 0 }).promise;
let all = '';
for (let i = 1; i <= doc.numPages; i++) {
  const c = await (await doc.getPage(i)).getTextContent();
  all += c.items.map((it: any) => it.str).join('');
}
const i = all.indexOf(process.argv[3]!);
console.log(JSON.stringify(all.slice(i, i + 120)));
