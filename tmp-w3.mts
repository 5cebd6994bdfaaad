import { Worker } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
const url = import.meta.resolve('pdfjs-dist/legacy/build/pdf.mjs');
const code = `
const { parentPort } = require('node:worker_threads');
let lib;
parentPort.on('message', async (msg) => {
  lib ??= await import(${JSON.stringify(url)});
  const t0 = performance.now();
  const doc = await lib.getDocument({ data: msg.data, verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, cMapUrl: '/work/main/node_modules/pdfjs-dist/cmaps/', standardFontDataUrl: '/work/main/node_modules/pdfjs-dist/standard_fonts/' }).promise;
  for (let p = 1; p <= doc.numPages; p++) { const page = await doc.getPage(p); await page.getTextContent(); }
  await doc.destroy();
  parentPort.postMessage({ ms: performance.now() - t0 });
});`;
const configs: [string, object][] = [['none', {}], ['old512', { resourceLimits: { maxOldGenerationSizeMb: 512 } }], ['old1024', { resourceLimits: { maxOldGenerationSizeMb: 1024 } }], ['old2048', { resourceLimits: { maxOldGenerationSizeMb: 2048 } }], ['old512y32', { resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 32 } }]];
const ws = configs.map(([, o]) => new Worker(code, { eval: true, ...o }));
const times = configs.map(() => [] as number[]);
for (let i = 0; i < 25; i++) {
  for (const [k, w] of ws.entries()) {
    const data = new Uint8Array(readFileSync('test/fixtures/pdf/hongze-2023.pdf'));
    const r: any = await new Promise((res) => { w.once('message', res); w.postMessage({ data }, [data.buffer]); });
    if (i >= 10) times[k]!.push(Math.round(r.ms));
  }
}
configs.forEach(([n], k) => { const t = times[k]!.sort((a, b) => a - b); console.log(n, 'median', t[Math.floor(t.length / 2)], 'min', t[0]); });
for (const w of ws) await w.terminate();
