/**
 * XLSX renderer (src/report/render/xlsx.ts): one sheet per table with the national format's merged
 * header layout; numbers typed as numbers (the fee with its decimals); blanks blank, "/" as text.
 * Read back with exceljs.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { emptyReport, setT2, setT3, setT3Row, setT4 } from '../../src/report/build.ts';
import type { Report } from '../../src/report/model.ts';
import { parseReport } from '../../src/report/parse/index.ts';
import { renderXlsx } from '../../src/report/render/xlsx.ts';

async function load(r: Report): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderXlsx(r)) as unknown as ArrayBuffer);
  return wb;
}

function sample(): Report {
  const r = emptyReport('2021', 2022, '某市某区统计局');
  setT3Row(r, 'R1', [10, 1, 0, 0, 1, 0, 12]);
  setT3Row(r, 'R3_1', [5, 1, '', '', 1, '', 7]);
  setT3(r, 'R2', 'c1', '/');
  setT4(r, [1, 0, 0, 0, 1, 0, 1, 0, 0, 1, '', '', '', '', '']);
  setT2(r, 'a20_1', 'regulations', 'issued', '/');
  setT2(r, 'a20_1', 'regulations', 'repealed', '3');
  setT2(r, 'a20_8', 'fees', 'amount', '12.3456');
  return r;
}

/** Merged ranges of a sheet, as A1 ranges. */
const merges = (ws: ExcelJS.Worksheet): string[] =>
  ((ws.model as { merges?: string[] }).merges ?? []).slice().sort();

/** The first cell (row, column) whose value is `text`. */
function find(ws: ExcelJS.Worksheet, text: string): ExcelJS.Cell {
  let found: ExcelJS.Cell | undefined;
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (!found && cell.value === text && !cell.isMerged) found = cell;
      if (!found && cell.value === text && cell.isMerged && cell.master === cell) found = cell;
    }),
  );
  assert.ok(found, `a cell with ${text}`);
  return found;
}

describe('renderXlsx', () => {
  it('has one sheet per table, each with a caption and the agency/year line', async () => {
    const wb = await load(sample());
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      [
        '表二 主动公开政府信息情况',
        '表三 收到和处理政府信息公开申请情况',
        '表四 政府信息公开行政复议、行政诉讼情况',
      ],
    );
    for (const ws of wb.worksheets) {
      assert.equal(ws.getCell(1, 1).value, ws.name);
      assert.equal(ws.getCell(2, 1).value, '机关：某市某区统计局　报告年度：2022年');
    }
  });

  it('table 三 keeps the merged header layout and the merged group labels', async () => {
    const ws = (await load(sample())).worksheets[1]!;
    const m = merges(ws);
    // note cell over 3 label columns × 3 header rows; 申请人情况 over the 7 data columns
    assert.ok(m.includes('A3:C5'));
    assert.ok(m.includes('D3:J3'));
    assert.ok(m.includes('D4:D5')); // 自然人
    assert.ok(m.includes('E4:I4')); // 法人或其他组织
    assert.ok(m.includes('J4:J5')); // 总计
    assert.ok(m.includes('A8:A29')); // 三、本年度办理结果 over 22 rows
    assert.equal(ws.getCell('A8').value, '三、本年度办理结果');
    assert.equal(ws.getCell('B10').value, '（三）不予公开');
    assert.ok(m.includes('B10:B17'));
    assert.equal(ws.getCell('A6').value, '一、本年新收政府信息公开申请数量');
    assert.ok(m.includes('A6:C6'));
    // header rows repeat when printed and stay in view
    assert.equal(ws.pageSetup.printTitlesRow, '3:5');
  });

  it('numbers are numbers, blanks stay blank (never 0), "/" stays "/"', async () => {
    const wb = await load(sample());
    const t3 = wb.worksheets[1]!;
    // row R1 (sheet row 6): D..J
    const r1 = [4, 5, 6, 7, 8, 9, 10].map((c) => t3.getCell(6, c));
    assert.deepEqual(
      r1.map((c) => c.value),
      [10, 1, 0, 0, 1, 0, 12],
    );
    assert.ok(r1.every((c) => c.type === ExcelJS.ValueType.Number));
    assert.equal(r1[0]!.alignment?.horizontal, 'right');
    const r31 = [4, 5, 6, 7, 8, 9, 10].map((c) => t3.getCell(8, c));
    assert.deepEqual(
      r31.map((c) => c.value),
      [5, 1, null, null, 1, null, 7],
    );
    assert.equal(r31[2]!.type, ExcelJS.ValueType.Null);
    assert.equal(t3.getCell(7, 4).value, '/');
    assert.equal(t3.getCell(7, 4).alignment?.horizontal, 'center');
    assert.equal(t3.getCell(7, 5).value, null);
    const t4 = wb.worksheets[2]!;
    assert.deepEqual(
      Array.from({ length: 15 }, (_, i) => t4.getCell(6, i + 1).value),
      [1, 0, 0, 0, 1, 0, 1, 0, 0, 1, null, null, null, null, null],
    );
    assert.ok(merges(t4).includes('A3:E3') && merges(t4).includes('F3:O3'));
    assert.ok(merges(t4).includes('A4:A5') && merges(t4).includes('F4:J4') && merges(t4).includes('K4:O4'));
  });

  it('table 二: the fee in 万元 as a number with its four decimals; blocks on a common grid', async () => {
    const t2 = (await load(sample())).worksheets[0]!;
    const fee = find(t2, '行政事业性收费');
    const amount = t2.getCell(fee.row as unknown as number, 2);
    assert.equal(amount.type, ExcelJS.ValueType.Number);
    assert.equal(amount.value, 12.3456);
    assert.equal(amount.numFmt, '0.0000');
    assert.ok(merges(t2).includes(`B${fee.row}:D${fee.row}`));
    const reg = find(t2, '规章');
    assert.equal(t2.getCell(Number(reg.row), 2).value, '/');
    assert.equal(t2.getCell(Number(reg.row), 3).value, 3);
    assert.equal(t2.getCell(Number(reg.row), 4).value, null);
    assert.ok(merges(t2).includes('A3:D3')); // 第二十条第（一）项
    assert.equal(t2.getCell('A3').value, '第二十条第（一）项');
    const r = sample();
    setT2(r, 'a20_8', 'fees', 'amount', '0.5000');
    const t2b = (await load(r)).worksheets[0]!;
    const cell = t2b.getCell(Number(find(t2b, '行政事业性收费').row), 2);
    assert.equal(cell.value, 0.5);
    assert.equal(cell.numFmt, '0.0000');
  });

  it('a missing table is a notice on its sheet; the real reports render', async () => {
    const r = sample();
    r.table4.status = 'missing';
    const ws = (await load(r)).worksheets[2]!;
    assert.match(String(ws.getCell(4, 1).value), /原文中未找到表四/);

    const seed = parseReport(readFileSync(new URL('../fixtures/seed-2022.txt', import.meta.url)), {
      filename: 'seed-2022.txt',
    });
    const wb = await load(seed);
    assert.equal(wb.worksheets[1]!.getCell(6, 4).value, 0);
    const sh = parseReport(readFileSync(new URL('../fixtures/shanghai-2019.html', import.meta.url)), {
      filename: 'shanghai-2019.html',
    });
    const t3 = (await load(sh)).worksheets[1]!;
    assert.deepEqual(
      [4, 5, 6, 7, 8, 9, 10].map((c) => t3.getCell(6, c).value),
      [821, 35, null, null, 2, 1, 859],
    );
  });
});
