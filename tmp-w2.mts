import { Worker } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
const url = import.meta.resolve('pdfjs-dist/legacy/build/pdf.mjs');
const code = (verb: number) => `
const { parentPort } = require('node:worker_threads');
let lib;
parentPort.on('message', async (msg) => {
  lib ??= await import(${JSON.stringify(url)});
  const t0 = performance.now();
  const doc = await lib.getDocument({ data: msg.data, verbosity: ${verb}, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, cMapUrl: '/work/main/node_modules/pdfjs-dist/cmaps/', standardFontDataUrl: '/work/main/node_modules/pdfjs-dist/standard_fonts/' }).promise;
  let n = 0;
  for (let p = 1; p <= doc.numPages; p++) { const page = await doc.getPage(p); const tc = await page.getTextContent(); n += tc.items.length; }
  await doc.destroy();
  parentPort.postMessage({ n, ms: performance.now() - t0 });
});`;
for (const [label, opts] of [['plain', {}], ['old2048', { resourceLimits: { maxOldGenerationSizeMb: 2048 } }], ['old512y16', { resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 16 } }], ['plain2', {}], ['stack', { resourceLimits: { stackSizeMb: 4 } }]] as const) {
  const w = new Worker(code(0), { eval: true, ...(opts as object) });
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const data = new Uint8Array(readFileSync('test/fixtures/pdf/hongze-2023.pdf'));
    const r: any = await new Promise((res) => { w.once('message', res); w.postMessage({ data }, [data.buffer]); });
    times.push(Math.round(r.ms));
  }
  console.log(label, times.slice(-10).sort((a,b)=>a-b).join(" "));
  await w.terminate();
}
const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
const times: number[] = [];
for (let i = 0; i < 30; i++) {
  const t = performance.now();
  const doc = await lib.getDocument({ data: new Uint8Array(readFileSync('test/fixtures/pdf/hongze-2023.pdf')), verbosity: 0, isEvalSupported: false }).promise;
  for (let p = 1; p <= doc.numPages; p++) await (await doc.getPage(p)).getTextContent();
  await doc.destroy();
  times.push(Math.round(performance.now() - t));
}
console.log('main', times.slice(-10).sort((a,b)=>a-b).join(" "));
