import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
const [file, pageArg] = process.argv.slice(2);
const doc = await getDocument({ data: new Uint8Array(readFileSync(file!)), verbosity: 0 }).promise;
for (let p = 1; p <= doc.numPages; p++) {
  if (pageArg && Number(pageArg) !== p) continue;
  const page = await doc.getPage(p);
  const vp = page.getViewport({ scale: 1 });
  console.log(`=== page ${p} view=${vp.viewBox}`);
  const tc = await page.getTextContent();
  for (const it of tc.items as any[]) {
    if (!('str' in it)) { console.log('MARK', JSON.stringify(it)); continue; }
    console.log(it.transform.map((n: number) => n.toFixed(1)).join(','), 'w=' + it.width.toFixed(1), 'h=' + it.height.toFixed(1), it.hasEOL ? 'EOL' : '', it.fontName, JSON.stringify(it.str));
  }
}
