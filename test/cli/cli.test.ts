/** The `gongkai` command: exit codes and output layouts are interfaces (README, issue 2/3). */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main.ts';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const bytes: Uint8Array[] = [];
  const code = await main(argv, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    outBytes: (b) => bytes.push(b),
    stdoutIsTty: false,
  });
  return { code, out: out.join('\n'), err: err.join('\n'), bytes: Buffer.concat(bytes) };
}

describe('gongkai report check', () => {
  it('the seed: exit 0, says 2021 format and reporting year 2022', async () => {
    const r = await run(['report', 'check', fixture('seed-2022.txt')]);
    assert.equal(r.code, 0);
    assert.match(r.out, /格式：2021年格式（国办公开办函〔2021〕30号）　报告年度：2022年/);
    assert.match(r.out, /规则：不通过 0/);
  });

  it('a report with a failing rule: exit 1 and the rule named (hongze-2023 table 四, hand-typed)', async () => {
    const r = await run(['report', 'check', fixture('hongze-2023-table4.txt')]);
    assert.equal(r.code, 1);
    assert.match(r.out, /✗ \[T4-01\] 表四“行政复议”不相等/);
  });

  it('an unreadable input: exit 2 with a Chinese message, even among readable ones; summary table for many files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-cli-'));
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const r = await run(['report', 'check', fixture('seed-2022.txt'), empty]);
    assert.equal(r.code, 2);
    assert.match(r.out, /无法读取：文件为空/);
    assert.match(r.out, /汇总\n文件/);
    const missing = await run(['report', 'check', join(dir, 'nope.txt')]);
    assert.equal(missing.code, 2);
    assert.match(missing.out, /文件不存在/);
  });

  it('--json gives machine-readable results', async () => {
    const r = await run(['report', 'check', '--json', fixture('seed-2022.txt')]);
    const json = JSON.parse(r.out);
    assert.equal(json[0].format, '2021');
    assert.equal(json[0].year, 2022);
    assert.equal(json[0].summary.fail, 0);
    assert.ok(Array.isArray(json[0].results));
  });

  it('bad arguments: exit 2 with usage', async () => {
    const r = await run(['report', 'check']);
    assert.equal(r.code, 2);
    assert.match(r.err, /用法/);
  });
});

describe('gongkai report render', () => {
  it('--to txt reproduces the seed’s tables byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-cli-'));
    const out = join(dir, 'seed.txt');
    const r = await run(['report', 'render', fixture('seed-2022.txt'), '--to', 'txt', '-o', out]);
    assert.equal(r.code, 0);
    const seed = readFileSync(fixture('seed-2022.txt'), 'utf8');
    const tables = (s: string) =>
      s.slice(s.indexOf('二、主动公开政府信息情况'), s.indexOf('五、存在的主要问题'));
    assert.equal(tables(readFileSync(out, 'utf8')), tables(seed));
  });

  it('--to json and html', async () => {
    const j = await run(['report', 'render', fixture('shanghai-2019.html'), '--to', 'json']);
    assert.equal(JSON.parse(j.out).format, '2019');
    const h = await run(['report', 'render', fixture('shanghai-2019.html'), '--to', 'html']);
    assert.match(h.out, /^<!doctype html>/i);
  });
});

describe('gongkai demo seed / report compile / calendar / db', () => {
  it('seeds, compiles the seed agency’s 2022 report, computes deadlines, backs up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-cli-'));
    const data = join(dir, 'data');
    const seeded = await run(['demo', 'seed', '--data', data]);
    assert.equal(seeded.code, 0, seeded.err);
    assert.match(seeded.out, /演示数据已建立/);
    const again = await run(['demo', 'seed', '--data', data]);
    assert.equal(again.code, 2);
    const txt = await run([
      'report',
      'compile',
      '--agency',
      '科学技术和工业信息化局',
      '--year',
      '2022',
      '--data',
      data,
      '--to',
      'txt',
    ]);
    assert.equal(txt.code, 0);
    assert.match(txt.out, /一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0/);
    const none = await run(['report', 'compile', '--agency', '不存在的局', '--year', '2022', '--data', data]);
    assert.equal(none.code, 2);
    assert.match(none.err, /没有名为“不存在的局”的机关/);
    const due = await run(['calendar', 'add-working-days', '2025-09-26', '20', '--data', data]);
    assert.deepEqual([due.code, due.out], [0, '2025-10-30']);
    const beyond = await run(['calendar', 'add-working-days', '2026-12-20', '20', '--data', data]);
    assert.equal(beyond.code, 2);
    assert.match(beyond.err, /没有2027年的节假日安排数据/);
    const backup = await run(['db', 'backup', join(dir, 'b.jsonl'), '--data', data]);
    assert.equal(backup.code, 0);
    const restored = await run(['db', 'restore', join(dir, 'b.jsonl'), '--data', join(dir, 'data2')]);
    assert.equal(restored.code, 0, restored.err);
    const compiled2 = await run([
      'report',
      'compile',
      '--agency',
      '某区住房和城乡建设局',
      '--year',
      '2024',
      '--data',
      join(dir, 'data2'),
      '--to',
      'json',
    ]);
    const compiled1 = await run([
      'report',
      'compile',
      '--agency',
      '某区住房和城乡建设局',
      '--year',
      '2024',
      '--data',
      data,
      '--to',
      'json',
    ]);
    assert.equal(compiled2.out, compiled1.out);
  });
});
