import { existsSync } from 'node:fs';
import SQLite from 'better-sqlite3';
const path = '/tmp/scratch/bk/bench.sqlite';
if (!existsSync(path)) {
  process.argv.push('--items', '20000');
}
const db = new SQLite(path);
db.pragma('cache_size = -65536');
const t = (label: string, q: string, ...args: unknown[]) => {
  const st = db.prepare(q);
  st.all(...args);
  const t0 = performance.now();
  let r: unknown;
  for (let i = 0; i < 5; i++) r = st.all(...args);
  console.log(label, ((performance.now() - t0) / 5).toFixed(1), 'ms', JSON.stringify(r).slice(0, 80));
};
console.log(db.prepare('select count(*) n from disclosure_public').get());
t('instr blob body', `select count(*) n from disclosure_public p where instr(cast(p.body_n as blob), cast(? as blob)) > 0`, '学校');
t('instr text body', `select count(*) n from disclosure_public p where instr(p.body_n, ?) > 0`, '学校');
t('like body', `select count(*) n from disclosure_public p where p.body_n like ?`, '%学校%');
t('length body', `select sum(length(body_n)) n from disclosure_public p`);
t('fts count 信息公开', `select count(*) n from (select rowid from disclosure_fts where disclosure_fts match ? limit 10001)`, '"信息公开"');
t('fts head page', `select rowid from disclosure_fts where disclosure_fts match ? order by rowid desc limit 20`, '{title_n docno_n}: "信息公开"');
t('fts rest page', `select rowid from disclosure_fts where disclosure_fts match ? order by rowid desc limit 20`, '("信息公开") NOT ({title_n docno_n}: "信息公开")');
t('fts count 义务教育', `select count(*) n from (select rowid from disclosure_fts where disclosure_fts match ? limit 10001)`, '"义务教育"');
t('fts head page 义务教育', `select rowid from disclosure_fts where disclosure_fts match ? order by rowid desc limit 20`, '{title_n docno_n}: "义务教育"');
t('fts rest 义务教育', `select rowid from disclosure_fts where disclosure_fts match ? order by rowid desc limit 20`, '("义务教育") NOT ({title_n docno_n}: "义务教育")');
