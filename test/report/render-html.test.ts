import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { type CheerioAPI, load } from 'cheerio';
import { emptyReport, setT2, setT3, setT3Row, setT4 } from '../../src/report/build.ts';
import type { FormatId } from '../../src/report/formats/index.ts';
import { type Report, ReportSchema, reportJsonSchema } from '../../src/report/model.ts';
import { esc, renderHtml } from '../../src/report/render/html.ts';
import { renderJson } from '../../src/report/render/json.ts';
import type { RuleResult } from '../../src/report/rules/types.ts';

function sample(format: FormatId): Report {
  const r = emptyReport(format, format === '2021' ? 2022 : 2019, '某市某区统计局');
  r.preamble = ['本报告中所列数据统计期限为1月1日至12月31日。'];
  r.sections[0]!.paragraphs = ['（一）主动公开', '全年主动公开政府信息125条。'];
  r.sections[1]!.paragraphs = ['主动公开情况见下表。'];
  r.sections[2]!.paragraphs = ['全年共收到申请12件。'];
  setT3Row(r, 'R1', [10, 1, 0, 0, 1, 0, 12]);
  setT3Row(r, 'R3_1', [5, 1, '', '', 1, '', 7]);
  setT3(r, 'R2', 'c1', '/');
  setT4(r, [1, 0, 0, 0, 1, 0, 1, 0, 0, 1, '', '', '', '', '']);
  if (format === '2021') {
    setT2(r, 'a20_1', 'regulations', 'issued', '/');
    setT2(r, 'a20_8', 'fees', 'amount', '12.3456');
  } else {
    setT2(r, 'a20_9', 'procurement', 'amount', '251000元');
  }
  return r;
}

const render = (r: Report, findings?: RuleResult[]): CheerioAPI =>
  load(renderHtml(r, findings ? { findings } : {}));

const byText = ($: CheerioAPI, selector: string, text: string) => {
  const found = $(selector).filter((_, el) => $(el).text().trim() === text);
  assert.equal(found.length, 1, `exactly one ${selector} with text ${text}`);
  return found.first();
};

const span = (v: string | undefined): number => (v ? Number(v) : 1);

/**
 * Lays the rows of a table out on a grid (honouring rowspan/colspan) and returns each row's width;
 * a well-formed table has the same width in every row and no overlaps.
 */
function gridWidths($: CheerioAPI, table: ReturnType<CheerioAPI>): number[] {
  const occupied: boolean[][] = [];
  const rows = table.find('tr').toArray();
  rows.forEach((tr, y) => {
    occupied[y] ??= [];
    let x = 0;
    for (const cell of $(tr).children('th,td').toArray()) {
      while (occupied[y]![x]) x++;
      const rs = span($(cell).attr('rowspan'));
      const cs = span($(cell).attr('colspan'));
      for (let dy = 0; dy < rs; dy++) {
        occupied[y + dy] ??= [];
        for (let dx = 0; dx < cs; dx++) {
          assert.ok(!occupied[y + dy]![x + dx], `overlap at row ${y + dy}, column ${x + dx}`);
          occupied[y + dy]![x + dx] = true;
        }
      }
      x += cs;
    }
  });
  return occupied.slice(0, rows.length).map((r) => r.filter(Boolean).length);
}

describe('renderHtml: page', () => {
  it('is a complete, accessible HTML5 page', () => {
    const html = renderHtml(sample('2021'));
    assert.match(html, /^<!doctype html>\n<html lang="zh-CN">/);
    const $ = load(html);
    assert.equal($('meta[charset="utf-8"]').length, 1);
    assert.match($('meta[name="viewport"]').attr('content') ?? '', /width=device-width/);
    assert.equal($('title').text(), '某市某区统计局2022年政府信息公开工作年度报告');
    assert.equal($('main').length, 1);
    assert.equal($('main h1').text(), '某市某区统计局2022年政府信息公开工作年度报告');
    assert.deepEqual(
      $('main > section > h2')
        .toArray()
        .map((h) => $(h).text()),
      [
        '一、总体情况',
        '二、主动公开政府信息情况',
        '三、收到和处理政府信息公开申请情况',
        '四、政府信息公开行政复议、行政诉讼情况',
        '五、存在的主要问题及改进情况',
        '六、其他需要报告的事项',
      ],
    );
    assert.equal($('script').length, 0);
    const css = $('style').text();
    assert.match(css, /@page \{ size: A4; margin: 37mm 26mm 35mm 28mm; \}/);
    assert.match(css, /"FangSong", "仿宋"/);
    assert.match(css, /"SimHei", "黑体"/);
    assert.match(css, /thead \{ display: table-header-group; \}/);
    assert.match(css, /tr \{ page-break-inside: avoid;/);
  });

  it('places each table in its section after the paragraphs, in a labelled scroll region', () => {
    const $ = render(sample('2021'));
    assert.equal($('table').length, 3);
    const captions = $('table > caption')
      .toArray()
      .map((c) => $(c).text());
    assert.deepEqual(captions, [
      '表二 主动公开政府信息情况',
      '表三 收到和处理政府信息公开申请情况',
      '表四 政府信息公开行政复议、行政诉讼情况',
    ]);
    $('main > section').each((i, s) => {
      const hasTable = $(s).find('table').length === 1;
      assert.equal(hasTable, i >= 1 && i <= 3, `section ${i + 1}`);
      if (hasTable) {
        const wrap = $(s).children('.table-scroll');
        assert.equal(wrap.attr('tabindex'), '0');
        assert.equal(wrap.attr('role'), 'region');
        assert.equal($(`#${wrap.attr('aria-labelledby')}`).is('caption'), true);
        assert.equal(wrap.prevAll('p').length, $(s).children('p').length, 'table after every paragraph');
      }
    });
    assert.equal($('main > section').eq(2).children('p').first().text(), '全年共收到申请12件。');
  });

  it('every data cell names existing header cells', () => {
    for (const f of ['2021', '2019'] as const) {
      const $ = render(sample(f));
      $('td[headers]').each((_, td) => {
        for (const id of ($(td).attr('headers') ?? '').split(' ')) {
          assert.equal($(`#${id}`).is('th'), true, `${f}: ${id}`);
        }
      });
      assert.equal($('td:not([headers])').length, 1, 'only the table 三 note cell has no headers');
      const ids = $('[id]')
        .toArray()
        .map((el) => $(el).attr('id'));
      assert.equal(new Set(ids).size, ids.length, `${f}: ids are unique`);
    }
  });
});

describe('renderHtml: table 三', () => {
  const t3 = ($: CheerioAPI) => $('table.t3');

  it('has the national header with the note cell and merged group headers', () => {
    const $ = render(sample('2021'));
    const thead = t3($).find('thead');
    assert.equal(thead.find('tr').length, 3);
    const note = thead.find('td.note');
    assert.equal(note.text(), '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    assert.equal(note.attr('rowspan'), '3');
    assert.equal(note.attr('colspan'), '3');
    assert.equal(byText($, 'table.t3 thead th', '申请人情况').attr('colspan'), '7');
    assert.equal(byText($, 'table.t3 thead th', '自然人').attr('rowspan'), '2');
    assert.equal(byText($, 'table.t3 thead th', '法人或其他组织').attr('colspan'), '5');
    assert.equal(byText($, 'table.t3 thead th', '总计').attr('rowspan'), '2');
    assert.deepEqual(
      thead
        .find('tr')
        .eq(2)
        .find('th')
        .toArray()
        .map((th) => $(th).text()),
      ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
    );
  });

  it('merges the label cells as in 格式2021 (22 outcome rows)', () => {
    const $ = render(sample('2021'));
    assert.equal(t3($).find('tbody tr').length, 25); // 一、二、, 22 outcome rows, 四、
    assert.equal(byText($, 'table.t3 th', '三、本年度办理结果').attr('rowspan'), '22');
    assert.equal(byText($, 'table.t3 th', '（三）不予公开').attr('rowspan'), '8');
    assert.equal(byText($, 'table.t3 th', '（四）无法提供').attr('rowspan'), '3');
    assert.equal(byText($, 'table.t3 th', '（五）不予处理').attr('rowspan'), '5');
    assert.equal(byText($, 'table.t3 th', '（六）其他处理').attr('rowspan'), '3');
    for (const label of [
      '一、本年新收政府信息公开申请数量',
      '二、上年结转政府信息公开申请数量',
      '四、结转下年度继续办理',
    ]) {
      assert.equal(byText($, 'table.t3 th', label).attr('colspan'), '3', label);
    }
    for (const label of ['（一）予以公开', '（七）总计']) {
      assert.equal(byText($, 'table.t3 th', label).attr('colspan'), '2', label);
    }
    assert.equal(byText($, 'table.t3 th', '1.属于国家秘密').attr('colspan'), undefined);
    assert.deepEqual(new Set(gridWidths($, t3($))), new Set([10]));
    t3($)
      .find('tbody tr')
      .each((_, tr) => assert.equal($(tr).find('td').length, 7));
  });

  it('merges the label cells as in 格式2019 (20 outcome rows, one （六） row)', () => {
    const $ = render(sample('2019'));
    assert.equal(t3($).find('tbody tr').length, 23);
    assert.equal(byText($, 'table.t3 th', '三、本年度办理结果').attr('rowspan'), '20');
    const other = byText($, 'table.t3 th', '（六）其他处理');
    assert.equal(other.attr('rowspan'), undefined);
    assert.equal(other.attr('colspan'), '2');
    assert.equal(other.parent().find('td').length, 7, '（六）其他处理 is a data row');
    assert.deepEqual(new Set(gridWidths($, t3($))), new Set([10]));
  });

  it('uses the row labels as found, falling back to the canonical label', () => {
    const r = sample('2021');
    r.table3.rows.R3_2!.label = '（二）部分公开';
    r.table3.rows.R3_1!.label = '';
    delete r.table3.rows.R3_3_1;
    const $ = render(r);
    byText($, 'table.t3 th', '（二）部分公开');
    byText($, 'table.t3 th', '（一）予以公开');
    byText($, 'table.t3 th', '1.属于国家秘密');
    assert.equal($('#t3-R3_3_1-c1').text(), '');
  });

  it('keeps blanks blank, "/" as "/", and right-aligns numbers', () => {
    const $ = render(sample('2021'));
    const blank = $('#t3-R3_1-c3');
    assert.equal(blank.text(), '');
    assert.equal(blank.hasClass('blank'), true);
    assert.equal($('#t3-R3_1-c2').text(), '1');
    assert.equal($('#t3-R3_1-c2').hasClass('num'), true);
    assert.equal($('#t3-R2-c1').text(), '/');
    assert.equal($('#t3-R2-c1').hasClass('na'), true);
    assert.equal($('#t3-R1-c7').text(), '12');
    assert.match($('style').text(), /td \{ text-align: right;/);
  });
});

describe('renderHtml: tables 二 and 四', () => {
  it('table 二 has one header row per block spanning the table, then the column labels', () => {
    const $ = render(sample('2021'));
    const t2 = $('table.t2');
    assert.equal(t2.find('tbody').length, 4);
    const block1 = byText($, 'table.t2 th', '第二十条第（一）项');
    assert.equal(block1.attr('colspan'), '4');
    assert.deepEqual(
      block1
        .closest('tbody')
        .find('tr')
        .eq(1)
        .find('th')
        .toArray()
        .map((th) => $(th).text()),
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
    );
    assert.equal(
      $('table.t2 th').filter((_, th) => $(th).text() === '本年处理决定数量').length,
      2,
      'blocks （五） and （六）',
    );
  });

  it('table 二 cells: "/" kept, decimal kept as written, one-column blocks span the grid', () => {
    const $ = render(sample('2021'));
    assert.equal($('#t2-a20_1-regulations-issued').text(), '/');
    assert.equal($('#t2-a20_1-regulations-repealed').text(), '');
    const fee = $('#t2-a20_8-fees-amount');
    assert.equal(fee.text(), '12.3456');
    assert.equal(fee.attr('colspan'), '3');
    byText($, 'table.t2 th', '本年收费金额（单位：万元）');
    assert.deepEqual(new Set(gridWidths($, $('table.t2'))), new Set([4]));
  });

  it('table 二 in 格式2019 has five blocks on a common grid and keeps "251000元"', () => {
    const $ = render(sample('2019'));
    assert.equal($('table.t2 tbody').length, 5);
    assert.equal($('#t2-a20_9-procurement-amount').text(), '251000元');
    assert.deepEqual(new Set(gridWidths($, $('table.t2'))), new Set([7]));
    byText($, 'table.t2 th', '第二十条第（九）项');
  });

  it('table 四 has the grouped header and one row of 15 cells', () => {
    const $ = render(sample('2021'));
    const t4 = $('table.t4');
    assert.equal(byText($, 'table.t4 th', '行政复议').attr('colspan'), '5');
    assert.equal(byText($, 'table.t4 th', '行政诉讼').attr('colspan'), '10');
    assert.equal(byText($, 'table.t4 th', '未经复议直接起诉').attr('colspan'), '5');
    assert.equal(byText($, 'table.t4 th', '复议后起诉').attr('colspan'), '5');
    const labels = t4.find('thead th[scope="col"]');
    assert.equal(labels.length, 15);
    assert.deepEqual(
      labels
        .toArray()
        .slice(0, 5)
        .map((th) => $(th).text()),
      ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
    );
    const cells = t4.find('tbody td');
    assert.equal(cells.length, 15);
    assert.deepEqual(
      cells.toArray().map((td) => $(td).text()),
      ['1', '0', '0', '0', '1', '0', '1', '0', '0', '1', '', '', '', '', ''],
    );
    assert.equal(cells.filter('.num').length, 10);
    assert.deepEqual(new Set(gridWidths($, t4)), new Set([15]));
  });
});

describe('renderHtml: escaping, status, findings', () => {
  it('escapes every piece of text from the report', () => {
    const r = sample('2021');
    r.agency = '<script>alert(1)</script>';
    r.title = '<script>alert("t")</script>年度报告';
    r.sections[0]!.paragraphs = ['<img src=x onerror=alert(1)> & "引号" \'单引号\''];
    r.sections[0]!.heading = '一、总体情况<b>';
    r.table3.rows.R1!.label = '一、<script>x</script>';
    r.table3.rows.R1!.cells.c1 = { raw: '<i>9</i>', kind: 'text', value: null };
    r.diagnostics = [{ severity: 'warning', code: 'x', message: '<script>d</script>' }];
    const html = renderHtml(r, {
      findings: [
        {
          ruleId: '<x>',
          severity: 'error',
          status: 'fail',
          message: '<script>m</script>',
          cells: [{ table: 'T3', key: 'R1.c1', label: '"><script>', raw: '<i>', value: null }],
        },
      ],
    });
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<img/i);
    assert.doesNotMatch(html, /<i>/);
    const $ = load(html);
    assert.equal($('script, img, b, i').length, 0);
    assert.equal($('h1').text(), '<script>alert("t")</script>年度报告');
    assert.equal($('title').text(), '<script>alert("t")</script>年度报告');
    assert.match($('p.meta').text(), /发布机关：<script>alert\(1\)<\/script>/);
    assert.equal($('main > section p').first().text(), '<img src=x onerror=alert(1)> & "引号" \'单引号\'');
    assert.equal($('#t3-R1-c1').text(), '<i>9</i>');
    assert.equal($('#t3-R1-c1').attr('title'), '<x>：<script>m</script>');
    assert.equal(esc(`<a href="x">'&'</a>`), '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });

  it('shows a notice instead of an unreadable or missing table, and a note next to a recovered one', () => {
    const r = sample('2021');
    r.table3.status = 'unreadable';
    r.table4.status = 'missing';
    r.table2.status = 'recovered';
    const $ = render(r);
    assert.equal($('table').length, 1);
    const s3 = $('main > section').eq(2);
    assert.equal(s3.find('table').length, 0);
    assert.match(s3.find('p.notice').text(), /^表三无法读取：/);
    assert.match($('main > section').eq(3).find('p.notice').text(), /未找到表四/);
    assert.match($('main > section').eq(1).find('p.notice').text(), /表二的部分数字在原文中连在一起/);
  });

  it('renders the table sections even when the source lacks their headings', () => {
    const r = sample('2021');
    r.sections = r.sections.filter((s) => s.number !== 3);
    const $ = render(r);
    assert.equal($('table').length, 3);
    assert.equal($('main > section > h2').eq(2).text(), '三、收到和处理政府信息公开申请情况');
  });

  it('marks failed cells and lists the findings at the end', () => {
    const findings: RuleResult[] = [
      {
        ruleId: 'E-10',
        severity: 'warning',
        status: 'fail',
        message: '表三存在空白单元格。',
        cells: [
          { table: 'T3', key: 'R3_1.c3', label: '表三 （一）予以公开 / 科研机构', raw: '', value: null },
          { table: 'T3', key: 'R1.c7', label: '表三 一、本年新收… / 总计', raw: '12', value: 12 },
        ],
      },
      {
        ruleId: 'T3-01',
        severity: 'error',
        status: 'fail',
        message: '总计列勾稽关系不成立。',
        cells: [
          { table: 'T3', key: 'R1.c7', label: '表三 一、本年新收… / 总计', raw: '12', value: 12 },
          { table: 'T4', key: 'review.total', label: '表四 行政复议 / 总计', raw: '1', value: 1 },
          {
            table: 'T2',
            key: 'a20_1.regulations.issued',
            label: '表二 规章 / 本年制发件数',
            raw: '/',
            value: null,
          },
          { table: 'text', key: 'section:3', label: '正文第三部分', raw: '12', value: 12 },
        ],
      },
      { ruleId: 'T4-01', severity: 'error', status: 'pass', message: '通过', cells: [] },
      {
        ruleId: 'E-09',
        severity: 'warning',
        status: 'not-assessable',
        message: '缺少上一年度报告。',
        cells: [{ table: 'T3', key: 'R2.c7', label: '表三 二、上年结转 / 总计', raw: '', value: null }],
      },
    ];
    const $ = render(sample('2021'), findings);
    const section = $('section.findings');
    assert.equal(section.length, 1);
    assert.equal($(`#${section.attr('aria-labelledby')}`).text(), '检查结果');
    assert.equal(section.is(':last-of-type') || section.nextAll('section').length === 0, true);

    // Errors are listed first.
    const failed = section.find('ol > li.finding');
    assert.deepEqual(
      failed.toArray().map((li) => $(li).find('.rule-id').text()),
      ['T3-01', 'E-10'],
    );
    assert.equal(section.find('li.finding-na').length, 1);
    assert.match(
      section.find('p.summary').text(),
      /未通过 2 项（错误 1 项，警告 1 项），无法判断 1 项，通过 1 项/,
    );

    const both = $('#t3-R1-c7');
    assert.equal(both.hasClass('cell-error'), true, 'error wins over warning');
    assert.equal(both.hasClass('cell-warning'), false);
    const described = (both.attr('aria-describedby') ?? '').split(' ');
    assert.equal(described.length, 2);
    for (const id of described) assert.equal($(`#${id}`).closest('section.findings').length, 1);
    assert.match(both.attr('title') ?? '', /T3-01：总计列勾稽关系不成立。/);
    assert.match(both.attr('title') ?? '', /E-10：表三存在空白单元格。/);

    assert.equal($('#t3-R3_1-c3').hasClass('cell-warning'), true);
    assert.equal($('#t3-R3_1-c3').text(), '', 'a flagged blank stays blank');
    assert.equal($('#t4-review-total').hasClass('cell-error'), true);
    assert.equal($('#t2-a20_1-regulations-issued').hasClass('cell-error'), true);
    assert.equal(
      $('#t3-R2-c7').is('.cell-error, .cell-warning'),
      false,
      'not-assessable does not mark cells',
    );
    assert.equal($('.cell-error').length, 3);
    assert.equal($('.cell-warning').length, 1);

    // The list links to the cells it names; text references are listed without a link.
    const refs = failed.first().find('.refs li');
    assert.equal(refs.length, 4);
    assert.equal(refs.eq(0).find('a').attr('href'), '#t3-R1-c7');
    assert.equal(refs.eq(3).find('a').length, 0);
    assert.equal(refs.eq(3).text(), '正文第三部分：“12”');
  });

  it('folds a long list of cells into <details>', () => {
    // Ten blank cells: column c1 of the ten rows under （三）不予公开 and （五）不予处理 (8 + 2).
    const rows = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `R3_3_${n}`).concat(['R3_5_1', 'R3_5_2']);
    const many = rows.map((row) => ({
      table: 'T3' as const,
      key: `${row}.c1`,
      label: `表三 ${row} / 自然人`,
      raw: '',
      value: null,
    }));
    const $ = render(sample('2021'), [
      { ruleId: 'E-10', severity: 'warning', status: 'fail', message: '空白', cells: many },
    ]);
    const details = $('section.findings li.finding details');
    assert.equal(details.find('summary').text(), '涉及 10 个单元格');
    assert.equal(details.find('.refs li a').length, 10);
    assert.equal($('.cell-warning').length, 10);
  });

  it('has no findings section and no marks without findings', () => {
    const $ = render(sample('2021'));
    assert.equal($('section.findings').length, 0);
    assert.equal($('.cell-error, .cell-warning').length, 0);
    const empty = render(sample('2021'), []);
    assert.match(empty('section.findings p.summary').text(), /未发现问题/);
  });
});

describe('renderJson and the committed JSON Schema', () => {
  it('renders pretty JSON with a trailing newline that parses back to a valid report', () => {
    const r = sample('2019');
    const json = renderJson(r);
    assert.ok(json.endsWith('}\n'));
    assert.match(json, /^\{\n {2}"schema": "gongkai\/annual-report@1",\n/);
    const back = JSON.parse(json);
    assert.deepEqual(back, r);
    ReportSchema.parse(back);
    assert.equal(back.table3.rows.R3_1?.cells.c3?.value, null, 'blank stays null, not 0');
  });

  it('an empty report validates against ReportSchema', () => {
    const r = emptyReport('2021', 2022, '某局');
    assert.deepEqual(ReportSchema.parse(r), r);
    ReportSchema.parse(JSON.parse(renderJson(r)));
  });

  it('docs/schema/annual-report.schema.json equals the schema generated from the model', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../docs/schema/annual-report.schema.json', import.meta.url), 'utf8'),
    );
    assert.deepEqual(
      committed,
      JSON.parse(JSON.stringify(reportJsonSchema())),
      'regenerate: node --import tsx -e "import(\'./src/report/model.ts\').then(m=>console.log(JSON.stringify(m.reportJsonSchema(),null,2)))" > docs/schema/annual-report.schema.json',
    );
  });
});
