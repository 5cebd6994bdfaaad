import type { SectionDef, T3ColumnDef, T3RowDef, T4ColumnDef } from './types.ts';

/** The six sections; the same headings in both formats (spec §1.1, §2.2). */
export const SECTIONS: SectionDef[] = [
  { number: 1, key: 'overview', heading: '总体情况', variants: ['总体情况'] },
  {
    number: 2,
    key: 'proactive',
    heading: '主动公开政府信息情况',
    variants: ['主动公开政府信息情况', '主动公开情况', '主动公开政府信息'],
  },
  {
    number: 3,
    key: 'applications',
    heading: '收到和处理政府信息公开申请情况',
    variants: ['收到和处理政府信息公开申请情况', '收到和处理政府信息公开申请', '依申请公开政府信息情况'],
  },
  {
    number: 4,
    key: 'reviewLitigation',
    heading: '政府信息公开行政复议、行政诉讼情况',
    variants: [
      '政府信息公开行政复议、行政诉讼情况',
      '政府信息公开行政复议行政诉讼情况',
      '因政府信息公开工作被申请行政复议和提起行政诉讼情况',
      '因政府信息公开被申请行政复议、提起行政诉讼情况',
      '政府信息公开行政法复议、行政诉讼情况',
    ],
  },
  {
    number: 5,
    key: 'problems',
    heading: '存在的主要问题及改进情况',
    variants: [
      '存在的主要问题及改进情况',
      '存在问题及改进情况',
      '政府信息公开工作存在的主要问题及改进情况',
      '存在的主要问题和改进情况',
      '存在的主要问题及改进措施',
    ],
  },
  {
    number: 6,
    key: 'other',
    heading: '其他需要报告的事项',
    variants: ['其他需要报告的事项', '其他需要报告事项'],
  },
];

export const T3_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

export const T3_COLUMNS: T3ColumnDef[] = [
  { key: 'c1', label: '自然人' },
  { key: 'c2', label: '商业企业', group: '法人或其他组织' },
  { key: 'c3', label: '科研机构', group: '法人或其他组织' },
  { key: 'c4', label: '社会公益组织', group: '法人或其他组织' },
  { key: 'c5', label: '法律服务机构', group: '法人或其他组织' },
  { key: 'c6', label: '其他', group: '法人或其他组织' },
  { key: 'c7', label: '总计' },
];

const RESULT = '三、本年度办理结果';

/** Table 三 rows up to （五）不予处理, shared by both formats. */
export const T3_ROWS_HEAD: T3RowDef[] = [
  { key: 'R1', label: '一、本年新收政府信息公开申请数量', groups: [] },
  { key: 'R2', label: '二、上年结转政府信息公开申请数量', groups: [] },
  { key: 'R3_1', label: '（一）予以公开', groups: [RESULT] },
  {
    key: 'R3_2',
    label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    aliases: ['（二）部分公开'],
    groups: [RESULT],
  },
  { key: 'R3_3_1', label: '1.属于国家秘密', groups: [RESULT, '（三）不予公开'] },
  {
    key: 'R3_3_2',
    label: '2.其他法律行政法规禁止公开',
    aliases: ['2.其他法律法规禁止公开', '2.其他法律行政止公开'],
    groups: [RESULT, '（三）不予公开'],
  },
  { key: 'R3_3_3', label: '3.危及“三安全一稳定”', groups: [RESULT, '（三）不予公开'] },
  { key: 'R3_3_4', label: '4.保护第三方合法权益', groups: [RESULT, '（三）不予公开'] },
  { key: 'R3_3_5', label: '5.属于三类内部事务信息', groups: [RESULT, '（三）不予公开'] },
  { key: 'R3_3_6', label: '6.属于四类过程性信息', groups: [RESULT, '（三）不予公开'] },
  { key: 'R3_3_7', label: '7.属于行政执法案卷', groups: [RESULT, '（三）不予公开'] },
  { key: 'R3_3_8', label: '8.属于行政查询事项', groups: [RESULT, '（三）不予公开'] },
  { key: 'R3_4_1', label: '1.本机关不掌握相关政府信息', groups: [RESULT, '（四）无法提供'] },
  { key: 'R3_4_2', label: '2.没有现成信息需要另行制作', groups: [RESULT, '（四）无法提供'] },
  { key: 'R3_4_3', label: '3.补正后申请内容仍不明确', groups: [RESULT, '（四）无法提供'] },
  { key: 'R3_5_1', label: '1.信访举报投诉类申请', groups: [RESULT, '（五）不予处理'] },
  { key: 'R3_5_2', label: '2.重复申请', groups: [RESULT, '（五）不予处理'] },
  { key: 'R3_5_3', label: '3.要求提供公开出版物', groups: [RESULT, '（五）不予处理'] },
  { key: 'R3_5_4', label: '4.无正当理由大量反复申请', groups: [RESULT, '（五）不予处理'] },
  {
    key: 'R3_5_5',
    label: '5.要求行政机关确认或重新出具已获取信息',
    groups: [RESULT, '（五）不予处理'],
  },
];

export const T3_ROWS_TAIL: T3RowDef[] = [
  { key: 'R3_7', label: '（七）总计', groups: [RESULT], total: true },
  { key: 'R4', label: '四、结转下年度继续办理', groups: [] },
];

export const T3_ROWS_OTHER_2021: T3RowDef[] = [
  {
    key: 'R3_6_1',
    label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    groups: [RESULT, '（六）其他处理'],
  },
  {
    key: 'R3_6_2',
    label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    groups: [RESULT, '（六）其他处理'],
  },
  { key: 'R3_6_3', label: '3.其他', groups: [RESULT, '（六）其他处理'] },
];

/** In the 2019 format （六）其他处理 is one row; it is stored under R3_6_3 (spec §2.2). */
export const T3_ROWS_OTHER_2019: T3RowDef[] = [{ key: 'R3_6_3', label: '（六）其他处理', groups: [RESULT] }];

const RESULT_COLS = (group: string, subgroup?: string, prefix = ''): T4ColumnDef[] =>
  [
    ['upheld', '结果维持'],
    ['corrected', '结果纠正'],
    ['other', '其他结果'],
    ['pending', '尚未审结'],
    ['total', '总计'],
  ].map(([k, label]) => ({ key: `${prefix}${k}`, label: label!, group, ...(subgroup ? { subgroup } : {}) }));

/** Table 四: identical in 2019 and 2021 (spec §1.4). */
export const T4_COLUMNS: T4ColumnDef[] = [
  ...RESULT_COLS('行政复议', undefined, 'review.'),
  ...RESULT_COLS('行政诉讼', '未经复议直接起诉', 'direct.'),
  ...RESULT_COLS('行政诉讼', '复议后起诉', 'afterReview.'),
];

/** The three groups of table 四 that T4-01 checks. */
export const T4_GROUPS = [
  { prefix: 'review.', label: '行政复议' },
  { prefix: 'direct.', label: '行政诉讼（未经复议直接起诉）' },
  { prefix: 'afterReview.', label: '行政诉讼（复议后起诉）' },
] as const;
