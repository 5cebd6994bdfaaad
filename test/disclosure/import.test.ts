/**
 * Importing spreadsheets of information items (hand-written fixtures, test/fixtures/README.md):
 * CSV (UTF-8 with BOM, GBK) and XLSX; the per-row error report in Chinese; nothing written on a dry
 * run; nothing half-imported when a row fails; published rows public at once, with their 索引号.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import ExcelJS from 'exceljs';
import type { WorkingCalendar } from '../../src/calendar/types.ts';
import { main } from '../../src/cli/main.ts';
import { parseCsv, parseDate } from '../../src/disclosure/importFile.ts';
import { createAgency } from '../../src/store/agencies.ts';
import type { Store } from '../../src/store/db.ts';
import { itemDetail, saveDisclosureSettings } from '../../src/store/disclosure.ts';
import { formatProblem, importDisclosures } from '../../src/store/disclosureImport.ts';
import { catalogue, policyLibrary, publicItem } from '../../src/store/disclosurePublic.ts';
import { searchDisclosures } from '../../src/store/disclosureSearch.ts';
import { openReadyStore } from '../../src/store/open.ts';
import { describeStores } from '../helpers/stores.ts';
import { agency, calendar, deps } from './helpers.ts';

const fixture = (name: string) => ({
  name,
  bytes: readFileSync(new URL(`../fixtures/disclosure/${name}`, import.meta.url)),
});
const AT = '2026-11-20T02:00:00Z';

async function counts(s: Store) {
  const n = async (t: 'disclosure_item' | 'disclosure_event' | 'disclosure_public' | 'audit_log') =>
    Number(
      (
        await s.db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    items: await n('disclosure_item'),
    events: await n('disclosure_event'),
    public: await n('disclosure_public'),
    audit: await n('audit_log'),
  };
}

describeStores('disclosure import', (f) => {
  it('imports a ledger: published rows public at once, given 索引号 kept, others generated', async () => {
    const s = await f.open();
    const a = await agency(s);
    const before = await counts(s);
    const dry = await importDisclosures(s, a, fixture('import-ok.csv'), deps, {
      actor: 'cli',
      dryRun: true,
      at: AT,
    });
    assert.deepEqual(dry.problems, []);
    assert.deepEqual([dry.rows, dry.published, dry.drafts, dry.imported], [8, 5, 3, 0]);
    assert.deepEqual(dry.ignoredColumns, ['备注']);
    assert.deepEqual(await counts(s), before, 'a dry run writes nothing');

    const r = await importDisclosures(s, a, fixture('import-ok.csv'), deps, { actor: 'cli', at: AT });
    assert.deepEqual(r.problems, []);
    assert.equal(r.imported, 8);
    assert.deepEqual(
      r.items.map((i) => [i.row, i.indexNumber, i.published]),
      [
        [2, '11341702486344515H/2025-00002', true],
        [3, '11341702486344515H/2021-00001', true],
        [4, '11341702486344515H/2025-00003', true],
        [5, '11341702486344515H/2025-00004', true],
        [6, '11341702486344515H/2025-00005', true],
        [7, '11341702486344515H/2025-00006', false],
        [8, '11341702486344515H/2025-00007', false],
        [9, '11341702486344515H/2025-00008', false],
      ],
    );
    const cat = await catalogue(s, { agencyId: a });
    assert.equal(cat.total, 5);
    const doc = await publicItem(s, { indexNumber: '11341702486344515H/2021-00001' });
    assert.equal(doc?.writtenOn, '2021-06-08');
    assert.equal(doc?.publishedOn, '2021-06-10');
    assert.equal(doc?.validity, 'repealed');
    assert.equal(doc?.validityOn, '2025-12-31');
    assert.equal(doc?.bodyHtml, '<p>第一条 为规范校外培训机构……</p>', 'the body is sanitised');
    const first = await publicItem(s, { indexNumber: '11341702486344515H/2025-00002' });
    assert.equal(
      first?.bodyHtml,
      '<p>第一条 为规范学生资助工作，制定本办法。</p><p>第二条 本办法适用于本区各级各类学校。</p>',
    );
    assert.equal(first?.summary, '规范学生资助工作');
    assert.equal(first?.issuer, '某区教育局');
    assert.equal((await policyLibrary(s, { agencyId: a })).total, 2);
    assert.equal((await searchDisclosures(s, { q: '学区划分' })).total, 1);
    assert.equal((await searchDisclosures(s, { q: '评标过程' })).total, 0, '依申请公开 is not published');
    // the import is on record: event, source row and file hash, audit entry
    const row2 = await s.db
      .selectFrom('disclosure_item')
      .select('id')
      .where('index_number', '=', '11341702486344515H/2025-00002')
      .executeTakeFirstOrThrow();
    const detail = await itemDetail(s, Number(row2.id), deps);
    assert.match(detail!.history[0]!.text, /导入（import-ok\.csv 第2行；原发布日期 2025-03-05）/);
    const log = await s.db
      .selectFrom('audit_log')
      .select('detail')
      .where('entity', '=', 'disclosure_import')
      .execute();
    assert.equal(JSON.parse(log[0]!.detail).sha256, r.sha256);
    // the same file again: every given 索引号 is taken
    const again = await importDisclosures(s, a, fixture('import-ok.csv'), deps, { actor: 'cli', at: AT });
    assert.deepEqual(again.problems.map(formatProblem), [
      '第2行「索引号」：“11341702486344515H/2025-00002”已被本机关的其他信息使用',
    ]);
    assert.equal(again.imported, 0);
    await s.close();
  });

  it('reports every problem by row and column in Chinese, and writes nothing', async () => {
    const s = await f.open();
    const a = await agency(s);
    const before = await counts(s);
    const expected = [
      '第2行「标题」：必填',
      '第3行「成文日期」：“2025/13/01”不是有效日期（可写作2026-03-01、2026/3/1或2026年3月1日）',
      '第4行「公开类别」：不认识“杂项”：应为条例第二十条第（一）至（十五）项或第二十一条的类别',
      '第5行「不予公开理由」：“不予公开”须写明法定理由（条例第十四条至第十六条）',
      '第6行「文号」：行政规范性文件须填写文号',
      '第7行「发布日期」：公开属性为“依申请公开”的信息不能有发布日期',
      '第8行「发布日期」：发布日期（2099-01-01）晚于今天（2026-11-20），尚未发布的信息请留空发布日期，导入后走审核流程',
      '第10行「索引号」：“X-001”与第9行重复',
      '第11行「失效或废止日期」：效力状态为“废止”时须填写日期',
    ];
    for (const dryRun of [true, false]) {
      const r = await importDisclosures(s, a, fixture('import-errors.csv'), deps, {
        actor: 'cli',
        dryRun,
        at: AT,
      });
      assert.deepEqual(r.problems.map(formatProblem), expected);
      assert.deepEqual([r.rows, r.imported, r.items.length], [11, 0, 0]);
    }
    assert.deepEqual(await counts(s), before);
    // the file-level problems
    const noTitle = await importDisclosures(
      s,
      a,
      { name: 'x.csv', bytes: Buffer.from('文号,成文日期\nA,2025-01-01\n') },
      deps,
      {
        actor: 'cli',
      },
    );
    assert.deepEqual(noTitle.problems.map(formatProblem), [
      '第1行：缺少必需的列「标题」（也可以叫 名称、信息名称、文件名称、题名）',
      '第1行：缺少必需的列「公开类别」（也可以叫 分类、信息类别、类别、目录分类、公开目录）',
    ]);
    const xls = await importDisclosures(
      s,
      a,
      { name: 'a.xls', bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]) },
      deps,
      {
        actor: 'cli',
      },
    );
    assert.match(formatProblem(xls.problems[0]!), /^文件：这是旧版 Excel 文件（\.xls）/);
    await s.close();
  });

  it('rolls the whole file back when a row fails while writing', async () => {
    const s = await f.open();
    const a = await agency(s);
    const before = await counts(s);
    // a calendar that fails on the 4th item's clock: an unexpected error in the middle of the file
    let calls = 0;
    const failing: WorkingCalendar = Object.create(calendar, {
      addWorkingDays: {
        value: (d: string, n: number) => {
          if (++calls === 4) throw new Error('磁盘故障（模拟）');
          return calendar.addWorkingDays(d, n);
        },
      },
    });
    const r = await importDisclosures(
      s,
      a,
      fixture('import-ok.csv'),
      { calendar: failing },
      { actor: 'cli', at: AT },
    );
    assert.equal(r.imported, 0);
    assert.deepEqual(r.problems.map(formatProblem), ['文件：导入失败，已全部撤销：磁盘故障（模拟）']);
    assert.deepEqual(await counts(s), before, 'no half-imported file');
    // a 主题分类 outside the agency's list is found before anything is written
    await saveDisclosureSettings(s, a, { topics: ['基础教育'] }, 'admin');
    const t = await importDisclosures(s, a, fixture('import-ok.csv'), deps, {
      actor: 'cli',
      dryRun: true,
      at: AT,
    });
    assert.deepEqual(t.problems.map(formatProblem), [
      '第2行「主题分类」：“学生资助”不是本机关的主题分类（基础教育）',
      '第7行「主题分类」：“教师队伍”不是本机关的主题分类（基础教育）',
    ]);
    await s.close();
  });

  it('reads XLSX (dates, rich text, formulas) and GBK CSV', async () => {
    const s = await f.open();
    const a = await agency(s);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('目录');
    ws.addRow([]);
    ws.addRow(['标题', '文号', '成文日期', '发布日期', '公开类别', '正文']);
    ws.addRow([
      '关于做好2025年防汛防台工作的通知',
      '某府办〔2025〕7号',
      new Date(Date.UTC(2025, 5, 3)),
      new Date(Date.UTC(2025, 5, 4)),
      '（十二）',
      '各镇：做好防汛。',
    ]);
    ws.addRow([
      { richText: [{ text: '示范区' }, { font: { bold: true }, text: '突发事件总体应急预案' }] },
      null,
      '2025年6月10日',
      { formula: 'DATE(2025,6,12)', result: new Date(Date.UTC(2025, 5, 12)) },
      '第二十条第（十二）项',
      '',
    ]);
    ws.addRow(['日期错误', null, '2025-06-31', null, '（十二）', '']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const bad = await importDisclosures(s, a, { name: '目录.xlsx', bytes }, deps, { actor: 'cli', at: AT });
    assert.deepEqual(bad.problems.map(formatProblem), [
      '第5行「成文日期」：“2025-06-31”不是有效日期（可写作2026-03-01、2026/3/1或2026年3月1日）',
    ]);
    ws.spliceRows(5, 1);
    const good = await importDisclosures(
      s,
      a,
      { name: '目录.xlsx', bytes: Buffer.from(await wb.xlsx.writeBuffer()) },
      deps,
      {
        actor: 'cli',
        at: AT,
      },
    );
    assert.deepEqual(good.problems, []);
    assert.deepEqual(
      good.items.map((i) => [i.row, i.title, i.published]),
      [
        [3, '关于做好2025年防汛防台工作的通知', true],
        [4, '示范区突发事件总体应急预案', true],
      ],
    );
    const plan = await publicItem(s, { indexNumber: good.items[1]!.indexNumber! });
    assert.deepEqual([plan?.writtenOn, plan?.publishedOn], ['2025-06-10', '2025-06-12']);

    const gbk = await importDisclosures(s, a, fixture('import-gbk.csv'), deps, { actor: 'cli', at: AT });
    assert.deepEqual(gbk.problems, []);
    assert.equal(gbk.items[0]!.title, '关于做好防汛工作的通知');
    await s.close();
  });
});

it('parses CSV quoting, tabs and the usual date spellings', () => {
  assert.deepEqual(parseCsv('a,"b,""c""",d\r\n"多\n行",,\n').rows, [
    { row: 1, cells: ['a', 'b,"c"', 'd'] },
    { row: 2, cells: ['多\n行', '', ''] },
  ]);
  assert.deepEqual(parseCsv('标题\t文号\nx\ty').rows[1]!.cells, ['x', 'y']);
  assert.throws(() => parseCsv('a,"b\n'), /未闭合的引号/);
  for (const [t, d] of [
    ['2025-3-1', '2025-03-01'],
    ['2025/03/01', '2025-03-01'],
    ['2025.3.1', '2025-03-01'],
    ['2025年3月1日', '2025-03-01'],
    ['２０２５年３月１日', '2025-03-01'],
    ['20250301', '2025-03-01'],
    ['2025-03-01 09:30', '2025-03-01'],
    ['2025-02-29', null],
    ['去年', null],
  ] as const)
    assert.equal(parseDate(t), d, t);
});

it('gongkai disclosure import: exit codes 0 / 1 / 2, dry run, Chinese report', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gk-imp-'));
  const s = await openReadyStore({ dataDir: dir, url: '' });
  await createAgency(s.db, { name: '某区教育局', kind: 'department', creditCode: '11341702486344515H' });
  await s.close();
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['disclosure', ...args, '--data', dir], {
      out: (x) => out.push(x),
      err: (x) => err.push(x),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const ok = new URL('../fixtures/disclosure/import-ok.csv', import.meta.url).pathname;
  const bad = new URL('../fixtures/disclosure/import-errors.csv', import.meta.url).pathname;
  let r = await run('import', ok, '--agency', '某区教育局', '--dry-run');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /试导入 import-ok\.csv：检查通过，8行，其中5条按已发布导入、3条作为草稿（未写入）/);
  r = await run('import', bad, '--agency', '某区教育局');
  assert.equal(r.code, 1);
  assert.match(r.err, /发现9处问题，没有导入任何信息/);
  assert.match(r.err, / {2}第6行「文号」：行政规范性文件须填写文号/);
  r = await run('import', ok, '--agency', '某区教育局');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /已导入 import-ok\.csv/);
  r = await run('search', '学区', '划分');
  assert.match(r.out, /共1条/);
  assert.match(r.out, /各学校：【学区划分】如下/); // adjacent matches merge into one mark
  r = await run('at-risk', '--agency', '某区教育局', '--today', '2025-08-20');
  assert.equal(r.code, 0);
  assert.match(r.out, /超期未公开1条/); // 2025年教师招聘考试成绩, formed 2025-07-20
  assert.equal((await run('import', ok, '--agency', '没有这个机关')).code, 2);
  const empty = join(dir, 'empty.csv');
  writeFileSync(empty, '');
  assert.equal((await run('import', empty, '--agency', '某区教育局')).code, 2);
  assert.equal((await run('import', join(dir, 'missing.csv'), '--agency', '某区教育局')).code, 2);
});
