import pg from 'pg';
const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:54349/gk_bench_75c1a421' });
await c.connect();
await c.query(`drop table if exists t_lz4`);
await c.query(`create table t_lz4 (sort_key bigint primary key, title_n text, docno_n text, body_n text compression lz4, body_text text compression lz4, body_html text compression lz4)`);
await c.query(`insert into t_lz4 select sort_key, title_n, docno_n, body_n || '', body_text || '', body_html || '' from disclosure_public`);
await c.query(`vacuum analyze t_lz4`);
console.log((await c.query(`select pg_column_compression(body_n) c, count(*) from t_lz4 group by 1`)).rows, (await c.query(`select pg_column_compression(body_n) c, count(*) from disclosure_public group by 1`)).rows);
const DOC = `(title_n || E'\\n' || docno_n || E'\\n' || body_n)`;
for (const [label, q] of [
  ['pglz concat', `select count(*) from (select 1 from disclosure_public where ${DOC} like $1 limit 10001) x`],
  ['pglz or', `select count(*) from (select 1 from disclosure_public where title_n like $1 or docno_n like $1 or body_n like $1 limit 10001) x`],
  ['lz4 concat', `select count(*) from (select 1 from t_lz4 where ${DOC} like $1 limit 10001) x`],
  ['lz4 or', `select count(*) from (select 1 from t_lz4 where title_n like $1 or docno_n like $1 or body_n like $1 limit 10001) x`],
  ['pglz full zero', `select count(*) from disclosure_public where body_n like '%学校%'`],
  ['lz4 full zero', `select count(*) from t_lz4 where body_n like '%学校%'`],
]) {
  const ts: number[] = [];
  for (let i = 0; i < 4; i++) { const t0 = performance.now(); await c.query(q, q.includes('$1') ? ['%信息公开%'] : []); ts.push(performance.now() - t0); }
  console.log(label, ts.map((x) => x.toFixed(1)).join(' '));
}
await c.end();
