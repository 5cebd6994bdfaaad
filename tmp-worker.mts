import { Worker } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
const url = import.meta.resolve('pdfjs-dist/legacy/build/pdf.mjs');
console.log(url);
const code = `
const { parentPort } = require('node:worker_threads');
let lib;
parentPort.on('message', async (msg) => {
  lib ??= await import(${JSON.stringify(url)});
  const t0 = performance.now();
  const doc = await lib.getDocument({ data: msg.data, verbosity: 0 }).promise;
  let n = 0;
  for (let p = 1; p <= doc.numPages; p++) { const page = await doc.getPage(p); const tc = await page.getTextContent(); n += tc.items.length; }
  await doc.destroy();
  parentPort.postMessage({ n, ms: performance.now() - t0 });
});`;
let t = performance.now();
const w = new Worker(code, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 256 } });
for (const f of ['hongze-2023', 'hongze-2024', 'huaian-2024', 'hongze-2023']) {
  const data = new Uint8Array(readFileSync(`../shared/reports/pdf/${f}.pdf`));
  const r = await new Promise((res) => { w.once('message', res); w.postMessage({ data }, [data.buffer]); });
  console.log(f, r, (performance.now() - t).toFixed(0)); t = performance.now();
}
await w.terminate();
const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
for (const f of ['hongze-2023', 'hongze-2024', 'huaian-2024', 'hongze-2023']) {
  t = performance.now();
  const doc = await lib.getDocument({ data: new Uint8Array(readFileSync(`../shared/reports/pdf/${f}.pdf`)), verbosity: 0 }).promise;
  for (let p = 1; p <= doc.numPages; p++) await (await doc.getPage(p)).getTextContent();
  await doc.destroy();
  console.log('inproc', f, (performance.now() - t).toFixed(0));
}
