/**
 * Expected contents of tables 二, 三 and 四 of the three real PDF reports in test/fixtures/pdf/.
 *
 * Every value below was READ BY HAND from the rendered pages (`pdftoppm -r 110 -png`, pages
 * looked at as images, small tables also cropped at the same resolution), not produced by any
 * parser of this project:
 * - hongze-2023.pdf: table 二 on pages 2–3, table 三 on pages 3–4, table 四 on page 4.
 * - hongze-2024.pdf: table 二 on pages 2–3, table 三 on pages 3–4, table 四 on page 4.
 * - huaian-2024.pdf: table 二 on pages 3–4, table 三 on pages 4–5, table 四 on page 5.
 * Values are the cell texts as printed ('0' is a printed zero; none of the three leaves a cell
 * blank).
 *
 * Cross-checks done on the reading:
 * - hongze-2023 table 三: results (一)…(六) in the 自然人 column 0+4+1+0+0+0+0+1+1+0+10+3+0+1+0+0+0+0+0
 *   = 21 = （七）总计, and 21 + 0 = 21 + 0 (new + carried over = handled + carried forward); every
 *   other column is 0 and every row total equals its 自然人 cell. Table 四 as published is
 *   inconsistent, as SOURCE.md says: 行政复议 10+1+0+0 = 11 but 总计 0; 复议后起诉 5 but 总计 0.
 * - hongze-2024 table 三: 50+9+0+0+1+0+0+1+1+0+31+1+0+1+0+0+0+0+0 = 95 = （七）总计; 95 + 0 = 95 + 0.
 *   Table 四: 1+1+0+0 = 2, 1+0+0+0 = 1, 2+0+1+0 = 3.
 * - huaian-2024 table 三 (SOURCE.md: 3119+34 = 3050+103, 3001+34 = 2932+103): row totals
 *   3001+53+61+4 = 3119, 1288+21+50+3 = 1362, 447+7 = 454, 30+1 = 31, 7+1 = 8, 746+12+10+1 = 769,
 *   56+6 = 62, 67+3+1 = 71, 108+2 = 110, 2932+53+61+4 = 3050; column sums of the results:
 *   自然人 1288+447+2+30+5+6+7+12+9+105+746+11+1+56+25+0+0+1+67+6+108 = 2932, 商业企业
 *   21+7+1+1+12+6+3+2 = 53, 法律服务机构 50+10+1 = 61, 其他 3+1 = 4. Table 四 (SOURCE.md: 行政复议
 *   72+64+178+37 = 351): 13+4+8+1 = 26, 12+1+1+6 = 20.
 */

type Row7 = readonly [string, string, string, string, string, string, string];

export interface PdfExpected {
  file: string;
  format: '2021';
  year: number;
  agency: string;
  title: string;
  table2: Record<string, Record<string, Record<string, string>>>;
  /** c1 自然人, c2 商业企业, c3 科研机构, c4 社会公益组织, c5 法律服务机构, c6 其他, c7 总计. */
  table3: Record<string, Row7>;
  /** Row keys of the 2021 format that the report does not print (not 0: absent). */
  table3Absent: string[];
  /**
   * 行政复议 (结果维持, 结果纠正, 其他结果, 尚未审结, 总计), then 行政诉讼 未经复议直接起诉 (same five),
   * then 复议后起诉 (same five).
   */
  table4: readonly string[];
}

const zeros: Row7 = ['0', '0', '0', '0', '0', '0', '0'];
const only = (n: string): Row7 => [n, '0', '0', '0', '0', '0', n];

export const HONGZE_2023: PdfExpected = {
  file: 'hongze-2023.pdf',
  format: '2021',
  year: 2023,
  agency: '洪泽区人民政府',
  title: '洪泽区人民政府2023年政府信息公开工作年度报告',
  table2: {
    a20_1: {
      regulations: { issued: '0', repealed: '0', valid: '0' },
      normativeDocs: { issued: '0', repealed: '5', valid: '5' },
    },
    a20_5: { licensing: { decisions: '550' } },
    a20_6: { penalty: { decisions: '4119' }, coercion: { decisions: '195' } },
    a20_8: { fees: { amount: '7730.28' } },
  },
  table3: {
    R1: only('21'),
    R2: zeros,
    R3_1: zeros,
    R3_2: only('4'),
    R3_3_1: only('1'),
    /** printed "2.其他法律行政止公开" (a misprint of 其他法律行政法规禁止公开) */
    R3_3_2: zeros,
    R3_3_3: zeros,
    R3_3_4: zeros,
    R3_3_5: zeros,
    R3_3_6: only('1'),
    R3_3_7: only('1'),
    R3_3_8: zeros,
    R3_4_1: only('10'),
    R3_4_2: only('3'),
    R3_4_3: zeros,
    R3_5_1: only('1'),
    R3_5_2: zeros,
    R3_5_3: zeros,
    R3_5_4: zeros,
    R3_5_5: zeros,
    /** the single row （六）其他处理 (no sub-items printed) */
    R3_6_3: zeros,
    R3_7: only('21'),
    R4: zeros,
  },
  table3Absent: ['R3_6_1', 'R3_6_2'],
  table4: ['10', '1', '0', '0', '0', '0', '0', '0', '0', '0', '5', '0', '0', '0', '0'],
};

export const HONGZE_2024: PdfExpected = {
  file: 'hongze-2024.pdf',
  format: '2021',
  year: 2024,
  agency: '淮安市洪泽区人民政府',
  title: '淮安市洪泽区人民政府2024年政府信息公开工作年度报告',
  table2: {
    a20_1: {
      regulations: { issued: '0', repealed: '0', valid: '0' },
      normativeDocs: { issued: '3', repealed: '0', valid: '8' },
    },
    a20_5: { licensing: { decisions: '9487' } },
    a20_6: { penalty: { decisions: '2776' }, coercion: { decisions: '84' } },
    a20_8: { fees: { amount: '7545' } },
  },
  table3: {
    R1: only('95'),
    R2: zeros,
    R3_1: only('50'),
    R3_2: only('9'),
    R3_3_1: zeros,
    R3_3_2: zeros,
    R3_3_3: only('1'),
    R3_3_4: zeros,
    R3_3_5: zeros,
    R3_3_6: only('1'),
    R3_3_7: only('1'),
    R3_3_8: zeros,
    R3_4_1: only('31'),
    R3_4_2: only('1'),
    R3_4_3: zeros,
    R3_5_1: only('1'),
    R3_5_2: zeros,
    R3_5_3: zeros,
    R3_5_4: zeros,
    R3_5_5: zeros,
    /** the single row （六）其他处理, with an empty cell after its label */
    R3_6_3: zeros,
    R3_7: only('95'),
    R4: zeros,
  },
  table3Absent: ['R3_6_1', 'R3_6_2'],
  table4: ['1', '1', '0', '0', '2', '1', '0', '0', '0', '1', '2', '0', '1', '0', '3'],
};

export const HUAIAN_2024: PdfExpected = {
  file: 'huaian-2024.pdf',
  format: '2021',
  year: 2024,
  agency: '淮安市人民政府',
  title: '淮安市人民政府2024年政府信息公开工作年度报告',
  table2: {
    a20_1: {
      regulations: { issued: '1', repealed: '0', valid: '11' },
      normativeDocs: { issued: '8', repealed: '26', valid: '66' },
    },
    a20_5: { licensing: { decisions: '447228' } },
    a20_6: { penalty: { decisions: '3985758' }, coercion: { decisions: '88283' } },
    a20_8: { fees: { amount: '96171.6' } },
  },
  table3: {
    R1: ['3001', '53', '0', '0', '61', '4', '3119'],
    R2: only('34'),
    R3_1: ['1288', '21', '0', '0', '50', '3', '1362'],
    R3_2: ['447', '7', '0', '0', '0', '0', '454'],
    R3_3_1: only('2'),
    R3_3_2: ['30', '1', '0', '0', '0', '0', '31'],
    R3_3_3: only('5'),
    R3_3_4: only('6'),
    R3_3_5: ['7', '1', '0', '0', '0', '0', '8'],
    R3_3_6: only('12'),
    R3_3_7: only('9'),
    R3_3_8: only('105'),
    R3_4_1: ['746', '12', '0', '0', '10', '1', '769'],
    R3_4_2: only('11'),
    R3_4_3: only('1'),
    R3_5_1: ['56', '6', '0', '0', '0', '0', '62'],
    R3_5_2: only('25'),
    R3_5_3: zeros,
    R3_5_4: zeros,
    R3_5_5: only('1'),
    R3_6_1: ['67', '3', '0', '0', '1', '0', '71'],
    R3_6_2: only('6'),
    R3_6_3: ['108', '2', '0', '0', '0', '0', '110'],
    R3_7: ['2932', '53', '0', '0', '61', '4', '3050'],
    R4: only('103'),
  },
  table3Absent: [],
  table4: ['72', '64', '178', '37', '351', '13', '4', '8', '1', '26', '12', '1', '1', '6', '20'],
};

export const PDF_EXPECTED = [HONGZE_2023, HONGZE_2024, HUAIAN_2024] as const;

/** The six section headings as all three reports print them. */
export const PDF_SECTION_HEADINGS = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
] as const;
