import pg from 'pg';
const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:54349/gk_bench_75c1a421' });
await c.connect();
const DOC = `(title_n || E'\\n' || docno_n || E'\\n' || body_n)`;
const HEAD = `(title_n || E'\\n' || docno_n)`;
for (const t of ['信息公开', '义务教育', '第三季']) {
  const p = `%${t}%`;
  for (const [label, q] of [
    ['count', `select count(*) from (select 1 from disclosure_public where ${DOC} like $1 limit 10001) x`],
    ['head', `select sort_key from disclosure_public where ${HEAD} like $1 order by sort_key desc limit 20`],
    ['rest', `select sort_key from disclosure_public where ${DOC} like $1 and not (${HEAD} like $1) order by sort_key desc limit 20`],
  ]) {
    const r = await c.query(`explain (analyze, buffers) ${q}`, [p]);
    const lines = r.rows.map((x) => x['QUERY PLAN']);
    console.log(t, label, lines.at(-1), '|', lines.slice(0, 6).map((l: string) => l.trim().slice(0, 110)).join(' / '));
  }
}
await c.end();
