/**
 * Reply types of 条例 Art. 36–39 and the Art. 30/35 and 办法109 closures, and their default mapping
 * to exactly one row of table 三 (spec §1.3 "mapping caveat": practice, not law — configurable).
 */

export const OUTCOMES = {
  // 予以公开
  disclosed: { label: '予以公开', article: '第三十六条第（二）项', row: 'R3_1' },
  alreadyPublic: { label: '已主动公开，告知获取方式和途径', article: '第三十六条第（一）项', row: 'R3_1' },
  // 部分公开 (区分处理: counted only here, T3-04)
  partlyDisclosed: { label: '部分公开', article: '第三十七条', row: 'R3_2' },
  // 不予公开
  withheldStateSecret: { label: '不予公开（属于国家秘密）', article: '第十四条', row: 'R3_3_1' },
  withheldOtherLaw: { label: '不予公开（其他法律行政法规禁止公开）', article: '第十四条', row: 'R3_3_2' },
  withheldSecurity: { label: '不予公开（危及“三安全一稳定”）', article: '第十四条', row: 'R3_3_3' },
  withheldThirdParty: {
    label: '不予公开（保护第三方合法权益）',
    article: '第十五条、第三十二条',
    row: 'R3_3_4',
  },
  withheldInternalAffairs: {
    label: '不予公开（三类内部事务信息）',
    article: '第十六条第一款',
    row: 'R3_3_5',
  },
  withheldProcess: { label: '不予公开（四类过程性信息）', article: '第十六条第二款', row: 'R3_3_6' },
  withheldEnforcementFile: { label: '不予公开（行政执法案卷）', article: '第十六条第二款', row: 'R3_3_7' },
  specialProcedure: {
    label: '属于行政查询事项，告知依特别规定办理',
    article: '第三十六条第（七）项',
    row: 'R3_3_8',
  },
  // 无法提供
  notHeld: { label: '本机关不掌握（信息不存在）', article: '第三十六条第（四）项', row: 'R3_4_1' },
  notResponsible: { label: '非本机关负责公开，告知公开机关', article: '第三十六条第（五）项', row: 'R3_4_1' },
  needsCreation: { label: '没有现成信息，需要另行制作', article: '第三十八条', row: 'R3_4_2' },
  stillUnclear: { label: '补正后申请内容仍不明确', article: '第三十条', row: 'R3_4_3' },
  // 不予处理
  petition: {
    label: '信访举报投诉类申请，不作为政府信息公开申请处理',
    article: '第三十九条第一款',
    row: 'R3_5_1',
  },
  repeated: { label: '重复申请，不予重复处理', article: '第三十六条第（六）项', row: 'R3_5_2' },
  publication: { label: '要求提供公开出版物，告知获取途径', article: '第三十九条第二款', row: 'R3_5_3' },
  excessive: { label: '无正当理由大量反复申请，不予处理', article: '第三十五条', row: 'R3_5_4' },
  confirmOrReissue: { label: '要求确认或重新出具已获取信息', article: '', row: 'R3_5_5' },
  // 其他处理
  correctionLapsed: {
    label: '逾期不补正，视为放弃申请',
    article: '第三十条',
    row: 'R3_6_1',
  },
  feeLapsed: {
    label: '逾期未缴纳信息处理费，视为放弃申请',
    article: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）',
    row: 'R3_6_2',
  },
  withdrawn: { label: '申请人撤回申请', article: '', row: 'R3_6_3' },
  otherClosure: { label: '其他处理', article: '', row: 'R3_6_3' },
} as const satisfies Record<string, { label: string; article: string; row: string }>;

export type OutcomeCode = keyof typeof OUTCOMES;

export const OUTCOME_CODES = Object.keys(OUTCOMES) as OutcomeCode[];

/** Outcomes that withhold information: their letter must say 复议前置 (spec DOC-01). */
export const REVIEW_FIRST_OUTCOMES: ReadonlySet<OutcomeCode> = new Set<OutcomeCode>([
  'partlyDisclosed',
  'withheldStateSecret',
  'withheldOtherLaw',
  'withheldSecurity',
  'withheldThirdParty',
  'withheldInternalAffairs',
  'withheldProcess',
  'withheldEnforcementFile',
]);

/** The configurable outcome → table 三 row mapping (default: the practice in spec §1.3). */
export type OutcomeRowMapping = Record<OutcomeCode, string>;

export function defaultOutcomeMapping(): OutcomeRowMapping {
  return Object.fromEntries(OUTCOME_CODES.map((c) => [c, OUTCOMES[c].row])) as OutcomeRowMapping;
}

/** Applicant kinds = the six applicant columns of table 三. */
export const APPLICANT_TYPES = {
  naturalPerson: { label: '自然人', column: 'c1' },
  commercial: { label: '商业企业', column: 'c2' },
  research: { label: '科研机构', column: 'c3' },
  nonprofit: { label: '社会公益组织', column: 'c4' },
  legalServices: { label: '法律服务机构', column: 'c5' },
  otherOrganization: { label: '其他', column: 'c6' },
} as const;

export type ApplicantType = keyof typeof APPLICANT_TYPES;
