/**
 * Expected contents of the Shanghai 2019 report (test/fixtures/shanghai-2019.html).
 *
 * Every value below was READ BY HAND from the raw HTML source (the `<td>` markup, viewed with
 * grep/sed), not produced by any parser of this project, so parser tests can be checked against
 * it. Values are the raw cell texts: '' is a blank cell (`<p>&nbsp;</p>` or `&nbsp;` in the
 * source), and text such as '251000元' stays as written.
 *
 * Cross-checks done on the reading:
 * - Table 三 has 23 rows × 7 columns = 161 cells; 35 carry a number and 126 are blank, which
 *   matches both the fixture's SOURCE.md and a `grep -c` of `<p align="center">&nbsp;</p>` in the
 *   table 三 markup (126).
 * - 自然人: 821 + 18 = 839 = 767 + 72. 商业企业: 35 + '' = 35 + ''. 总计: 859 + 18 = 877 = 805 + 72.
 * - Each result column sums to （七）总计: 自然人 258+3+14+5+3+10+252+44+25+148+5 = 767;
 *   商业企业 12+1+2+12+3+1+4 = 35; 法律服务机构 1+1 = 2; 其他 1 = 1.
 * - Row totals: 821+35+2+1 = 859; 767+35+2+1 = 805.
 * - Text of the report: 予以公开+部分公开 = 258+12+1+1+3 = 275 and （四）无法提供 = 252+12+1+44+3+25
 *   = 337, as SOURCE.md states; 19 of the 23 rows leave 总计 blank.
 * - Table 四: 5 + 2 = 7 (行政复议) and 8 + 1 = 9 (未经复议直接起诉).
 */

export const SHANGHAI_2019_EXPECTED = {
  format: '2019',
  year: 2019,
  agency: '上海市人民政府办公厅',
  table2: {
    a20_1: {
      regulations: { made: '13', published: '13', total: '524' },
      normativeDocs: { made: '60', published: '60', total: '368' },
    },
    a20_5: {
      licensing: { prevItems: '0', change: '0', decisions: '0' },
      otherServices: { prevItems: '0', change: '0', decisions: '0' },
    },
    a20_6: {
      penalty: { prevItems: '0', change: '0', decisions: '0' },
      coercion: { prevItems: '0', change: '0', decisions: '0' },
    },
    a20_8: {
      fees: { prevItems: '0', change: '0' },
    },
    a20_9: {
      procurement: { items: '6', amount: '251000元' },
    },
  },
  table3: {
    //       c1 自然人, c2 商业企业, c3 科研机构, c4 社会公益组织, c5 法律服务机构, c6 其他, c7 总计
    R1: ['821', '35', '', '', '2', '1', '859'],
    R2: ['18', '', '', '', '', '', '18'],
    R3_1: ['258', '12', '', '', '1', '1', ''],
    R3_2: ['3', '', '', '', '', '', ''],
    R3_3_1: ['14', '', '', '', '', '', ''],
    R3_3_2: ['', '', '', '', '', '', ''],
    R3_3_3: ['', '', '', '', '', '', ''],
    R3_3_4: ['', '', '', '', '', '', ''],
    R3_3_5: ['5', '', '', '', '', '', ''],
    R3_3_6: ['3', '1', '', '', '', '', ''],
    R3_3_7: ['', '', '', '', '', '', ''],
    R3_3_8: ['10', '2', '', '', '', '', ''],
    R3_4_1: ['252', '12', '', '', '1', '', ''],
    R3_4_2: ['44', '3', '', '', '', '', ''],
    R3_4_3: ['25', '', '', '', '', '', ''],
    R3_5_1: ['148', '1', '', '', '', '', ''],
    R3_5_2: ['5', '4', '', '', '', '', ''],
    R3_5_3: ['', '', '', '', '', '', ''],
    R3_5_4: ['', '', '', '', '', '', ''],
    R3_5_5: ['', '', '', '', '', '', ''],
    /** The single （六）其他处理 row of the 2019 format. */
    R3_6_3: ['', '', '', '', '', '', ''],
    R3_7: ['767', '35', '', '', '2', '1', '805'],
    R4: ['72', '', '', '', '', '', '72'],
  },
  /**
   * 行政复议 (结果维持, 结果纠正, 其他结果, 尚未审结, 总计), then 行政诉讼 未经复议直接起诉 (same five),
   * then 复议后起诉 (same five).
   */
  table4: ['5', '', '', '2', '7', '8', '', '', '1', '9', '', '', '', '', ''],
} as const;

/** The report title and the six section headings, exactly as the HTML prints them. */
export const SHANGHAI_2019_SECTIONS = {
  title: '2019年上海市人民政府办公厅政府信息公开工作年度报告',
  headings: [
    '一、总体情况',
    '二、主动公开政府信息情况',
    '三、收到和处理政府信息公开申请情况',
    '四、政府信息公开行政复议、行政诉讼情况',
    '五、政府信息公开工作存在的主要问题及改进情况',
    '六、其他需要报告的事项',
  ],
} as const;
