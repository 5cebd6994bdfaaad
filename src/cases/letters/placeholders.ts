/**
 * The placeholders a letter template may use: `{{name}}`, or `{{name?}}` for an optional one (a
 * paragraph holding an optional placeholder without a value is left out of the letter). The
 * registry is closed: a template naming anything else is refused (templates.ts), so a typo in an
 * agency's edited template is caught when it is saved, not when a letter goes out.
 */

export type PlaceholderType = 'text' | 'date' | 'number' | 'list';

export interface PlaceholderDef {
  /** Chinese name, used in error messages and in lenient drafts (【申请人姓名或者名称】). */
  label: string;
  type: PlaceholderType;
  /** Filled by the renderer from the agency profile, the template and the date (never by the caller). */
  auto?: true;
}

export const PLACEHOLDERS = {
  // Filled by the renderer
  agencyName: { label: '机关名称', type: 'text', auto: true },
  agencyAbbr: { label: '机关代字', type: 'text', auto: true },
  issuedDate: { label: '成文日期', type: 'date', auto: true },
  article: { label: '法律依据条款', type: 'text', auto: true },
  reviewBody: { label: '行政复议机关', type: 'text', auto: true },
  court: { label: '人民法院', type: 'text', auto: true },
  letterNoun: { label: '文书名称', type: 'text', auto: true },
  remedyNotice: { label: '救济途径告知', type: 'text', auto: true },

  // The application and the case
  applicantName: { label: '申请人姓名或者名称', type: 'text' },
  caseNumber: { label: '申请登记编号', type: 'text' },
  channel: { label: '申请提交方式', type: 'text' },
  receivedDate: { label: '收到申请日期', type: 'date' },
  informationDescription: { label: '申请公开的政府信息', type: 'text' },
  dueDate: { label: '期限', type: 'date' },
  grounds: { label: '理由', type: 'text' },

  // Replies
  deliveryMethod: { label: '提供方式', type: 'text' },
  providedContent: { label: '予以公开的内容', type: 'text' },
  withheldContent: { label: '不予公开的内容', type: 'text' },
  accessChannel: { label: '获取方式和途径', type: 'text' },
  searchScope: { label: '检索范围', type: 'text' },
  referredAgency: { label: '负责公开的行政机关', type: 'text' },
  referredAgencyContact: { label: '负责公开的行政机关联系方式', type: 'text' },
  specialLaw: { label: '有关法律、行政法规', type: 'text' },
  previousReplyDate: { label: '前次答复日期', type: 'date' },
  previousReplyNumber: { label: '前次答复文号', type: 'text' },
  properChannel: { label: '相应渠道', type: 'text' },
  withdrawnDate: { label: '撤回申请日期', type: 'date' },
  terminationReason: { label: '终止处理的原因', type: 'text' },
  legalBasis: { label: '法律依据', type: 'text' },

  // Correction (补正), reasons (说明理由), extension (延期)
  correctionItems: { label: '补正事项', type: 'list' },
  correctionRequestedDate: { label: '告知补正日期', type: 'date' },
  correctionReceivedDate: { label: '收到补正日期', type: 'date' },
  guidance: { label: '指导和释明', type: 'text' },
  extensionDays: { label: '延长工作日数', type: 'number' },
  extensionReason: { label: '延期理由', type: 'text' },

  // Consultation (征求意见)
  partyName: { label: '征求意见对象', type: 'text' },
  partyKind: { label: '征求意见对象类型', type: 'text' },
  consultationSentDate: { label: '征求意见日期', type: 'date' },
  consultationMatter: { label: '涉及的权益', type: 'text' },
  disclosureContent: { label: '决定公开的政府信息内容', type: 'text' },
  publicInterestReasons: { label: '决定公开的理由', type: 'text' },

  // Fees (办法109)
  feeMethod: { label: '收费方式', type: 'text' },
  feeStandard: { label: '收费标准', type: 'text' },
  feeAmount: { label: '收费金额（元）', type: 'number' },
  feeNoticeDate: { label: '收费通知日期', type: 'date' },
  paymentMethod: { label: '缴费方式', type: 'text' },
} as const satisfies Record<string, PlaceholderDef>;

export type PlaceholderName = keyof typeof PLACEHOLDERS;
export type AutoPlaceholder = {
  [K in PlaceholderName]: (typeof PLACEHOLDERS)[K] extends { auto: true } ? K : never;
}[PlaceholderName];
/** The placeholders a caller fills. */
export type DataPlaceholder = Exclude<PlaceholderName, AutoPlaceholder>;

export const PLACEHOLDER_NAMES = Object.keys(PLACEHOLDERS) as PlaceholderName[];

export const isPlaceholderName = (n: string): n is PlaceholderName => Object.hasOwn(PLACEHOLDERS, n);

export const isAutoPlaceholder = (n: PlaceholderName): n is AutoPlaceholder =>
  (PLACEHOLDERS[n] as PlaceholderDef).auto === true;

/** `{{name}}` or `{{name?}}`, spaces inside the braces allowed. */
export const PLACEHOLDER_RE = /\{\{\s*([^{}?\s]*)\s*(\?)?\s*\}\}/g;

export interface PlaceholderUse {
  name: string;
  optional: boolean;
  /** The text as written, e.g. '{{ grounds? }}'. */
  raw: string;
  index: number;
}

export function placeholdersIn(text: string): PlaceholderUse[] {
  return [...text.matchAll(PLACEHOLDER_RE)].map((m) => ({
    name: m[1]!,
    optional: m[2] === '?',
    raw: m[0],
    index: m.index,
  }));
}

/** Unbalanced braces left after the well-formed placeholders are taken out ('{{grounds}' …). */
export function strayBraces(text: string): string | null {
  const rest = text.replace(PLACEHOLDER_RE, '');
  const m = /\{\{|\}\}|\{[A-Za-z]|[A-Za-z?]\}/.exec(rest);
  if (!m) return null;
  return rest.slice(Math.max(0, m.index - 6), m.index + 8);
}
