/**
 * The vocabularies of proactive disclosure as data (spec §3.1): the catalogue taxonomy of
 * 条例第二十条 (15 mandatory items) and 第二十一条 (local items), the disclosure attribute decided at
 * the source with the legal reasons for withholding, validity, and the two kinds of policy document
 * that feed table 二 (一).
 */

export interface CategoryDef {
  label: string;
  /** Where it comes from, e.g. '条例第二十条第（一）项'. */
  basis: string;
  /** Art. 20 item number (1–15); absent for Art. 21 items. */
  item?: number;
  /** Art. 21: which level of government lists it. */
  level?: ('county' | 'township')[];
}

const CN_NUMBERS = [
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
];
export const cnItem = (n: number) => `（${CN_NUMBERS[n - 1]}）`;

const ART20_LABELS = [
  '行政法规、规章和规范性文件',
  '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名',
  '国民经济和社会发展规划、专项规划、区域规划及相关政策',
  '国民经济和社会发展统计信息',
  '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果',
  '实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定',
  '财政预算、决算信息',
  '行政事业性收费项目及其依据、标准',
  '政府集中采购项目的目录、标准及实施情况',
  '重大建设项目的批准和实施情况',
  '扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况',
  '突发公共事件的应急预案、预警信息及应对情况',
  '环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况',
  '公务员招考的职位、名额、报考条件等事项以及录用结果',
  '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息',
] as const;

/** Art. 21 local items: 设区的市级、县级 governments and departments (county) and 乡（镇） (township). */
const ART21: [string, string, ('county' | 'township')[]][] = [
  ['municipal', '市政建设', ['county']],
  ['publicServices', '公共服务', ['county']],
  ['publicWelfare', '公益事业', ['county']],
  ['landExpropriation', '土地征收', ['county', 'township']],
  ['housingExpropriation', '房屋征收', ['county', 'township']],
  ['publicSecurity', '治安管理', ['county']],
  ['socialAssistance', '社会救助', ['county', 'township']],
  ['ruralPolicy', '农业农村政策', ['township']],
  ['irrigation', '农田水利工程建设运营', ['township']],
  ['landContractTransfer', '农村土地承包经营权流转', ['township']],
  ['homestead', '宅基地使用情况审核', ['township']],
  ['fundsAndLabour', '筹资筹劳', ['township']],
];

function buildCategories(): Record<string, CategoryDef> {
  const out: Record<string, CategoryDef> = {};
  ART20_LABELS.forEach((label, i) => {
    out[`art20.${i + 1}`] = { label, basis: `条例第二十条第${cnItem(i + 1)}项`, item: i + 1 };
  });
  for (const [key, label, level] of ART21) out[`art21.${key}`] = { label, basis: '条例第二十一条', level };
  return out;
}

/** Catalogue categories by code: 'art20.1' … 'art20.15', 'art21.municipal' … */
export const CATEGORIES: Readonly<Record<string, CategoryDef>> = buildCategories();
export const CATEGORY_CODES = Object.keys(CATEGORIES) as [string, ...string[]];
export const POLICY_CATEGORY = 'art20.1';

/** “第二十条第（一）项 行政法规、规章和规范性文件” */
export function categoryLabel(code: string): string {
  const c = CATEGORIES[code];
  return c ? `${c.basis.replace('条例', '')} ${c.label}` : code;
}

/**
 * Finds a category from what a spreadsheet or a form says: the code, the label, the Art. 20 item
 * written as '（一）', '第二十条第（一）项', '第1项' or '1', or an Art. 21 label.
 */
export function findCategory(text: string): string | null {
  const s = text.normalize('NFKC').replace(/\s+/g, '');
  if (!s) return null;
  if (CATEGORIES[s]) return s;
  for (const [code, c] of Object.entries(CATEGORIES)) if (c.label === s) return code;
  const item = /^(?:条例)?(?:第二十条)?(?:第)?\(?([一二三四五六七八九十]+|\d{1,2})\)?(?:项)?$/.exec(s);
  if (item) {
    const n = /^\d+$/.test(item[1]!) ? Number(item[1]) : CN_NUMBERS.indexOf(item[1]!) + 1;
    if (n >= 1 && n <= 15) return `art20.${n}`;
  }
  // a label that starts the official label (e.g. '财政预算、决算') or a common short name
  const short: Record<string, string> = {
    规范性文件: 'art20.1',
    政策文件: 'art20.1',
    机构职能: 'art20.2',
    规划计划: 'art20.3',
    统计信息: 'art20.4',
    行政许可: 'art20.5',
    行政处罚: 'art20.6',
    财政预决算: 'art20.7',
    行政事业性收费: 'art20.8',
    政府采购: 'art20.9',
    重大建设项目: 'art20.10',
    应急管理: 'art20.12',
    人事信息: 'art20.14',
    公务员招考: 'art20.14',
  };
  if (short[s]) return short[s];
  const prefix = Object.entries(CATEGORIES).filter(([, c]) => s.length >= 4 && c.label.startsWith(s));
  return prefix.length === 1 ? prefix[0]![0] : null;
}

// ---------------------------------------------------------------------------------------------

/** The disclosure attribute decided when the information is made (公开属性源头认定). */
export const ATTRIBUTES = {
  proactive: '主动公开',
  onRequest: '依申请公开',
  withheld: '不予公开',
} as const;
export type Attribute = keyof typeof ATTRIBUTES;

/** The legal reasons for 不予公开 (条例第十四条至第十六条); a form offers these, free text is allowed. */
export const WITHHELD_REASONS = [
  '条例第十四条：依法确定为国家秘密',
  '条例第十四条：法律、行政法规禁止公开',
  '条例第十四条：公开后可能危及国家安全、公共安全、经济安全、社会稳定',
  '条例第十五条：涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害',
  '条例第十六条第一款：人事管理、后勤管理、内部工作流程等内部事务信息',
  '条例第十六条第二款：讨论记录、过程稿、磋商信函、请示报告等过程性信息',
  '条例第十六条第二款：行政执法案卷信息',
] as const;

export const VALIDITY = {
  valid: '有效',
  expired: '失效',
  repealed: '废止',
} as const;
export type Validity = keyof typeof VALIDITY;

/** The policy library (政策文件库): the two kinds table 二 (一) counts. */
export const POLICY_KINDS = {
  regulation: '规章',
  normativeDoc: '行政规范性文件',
} as const;
export type PolicyKind = keyof typeof POLICY_KINDS;

export function findAttribute(text: string): Attribute | null {
  const s = text.replace(/\s+/g, '');
  for (const [k, v] of Object.entries(ATTRIBUTES)) if (v === s || k === s) return k as Attribute;
  if (s === '不公开' || s === '免予公开') return 'withheld';
  return null;
}

export function findValidity(text: string): Validity | null {
  const s = text.replace(/\s+/g, '');
  if (['有效', '现行有效', '生效', 'valid'].includes(s)) return 'valid';
  if (['失效', '已失效', '宣布失效', 'expired'].includes(s)) return 'expired';
  if (['废止', '已废止', 'repealed'].includes(s)) return 'repealed';
  return null;
}

export function findPolicyKind(text: string): PolicyKind | null {
  const s = text.replace(/\s+/g, '');
  if (['规章', '政府规章', '部门规章', 'regulation'].includes(s)) return 'regulation';
  if (['行政规范性文件', '规范性文件', 'normativeDoc'].includes(s)) return 'normativeDoc';
  return null;
}
