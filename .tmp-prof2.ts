import { openStore } from './src/store/db.ts';
import { searchDisclosures } from './src/store/disclosureSearch.ts';
const s = openStore({ dataDir: '/tmp/scratch/bk', file: 'bench.sqlite', url: '' });
for (const q of ['信息公', '义务教', '征收补', '安全生', '高新技', '公积金', '不动产', '第三季', '信息公开', '义务教育', '房屋征收', '安全生产', '行政许可', '低保救助', '加装电梯', '随迁子女']) {
  const ts: number[] = [];
  let total = 0;
  for (let i = 0; i < 6; i++) { const t0 = performance.now(); const r = await searchDisclosures(s, { q }); ts.push(performance.now() - t0); total = r.total; }
  console.log(q, total, ts.map((x) => x.toFixed(1)).join(' '));
}
await s.close();
