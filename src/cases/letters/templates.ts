/**
 * The letters of a disclosure case (spec §6.1) as data: one template per procedural notice and one
 * reply (答复书 / 告知书) per outcome code. An agency edits a template by saving a new version
 * (`LetterTemplateSchema` checks it) with a later `effectiveFrom`; `templateFor` picks the version
 * in force on a letter's date.
 *
 * Legal basis: the 2019 Regulations (国务院令第711号) with their 2019 article numbers, never the
 * 2007 numbering that circulating templates still use (spec §6.1 warning), and the 2023
 * 行政复议法 for the remedy notice (spec §6.2):
 *   - `reviewFirst` (DOC-01, 复议法第二十三条第一款第（四）项): a refusal or a partial refusal says
 *     that 行政复议 comes first, and offers no direct lawsuit;
 *   - `reviewOrLitigation`: 行政复议 within 60 days (复议法第二十条) or a lawsuit within six months
 *     (行政诉讼法第四十六条);
 *   - `none`: procedural notices.
 * The reviewing body comes from the agency's kind (agency.ts, DOC-02).
 */
import { z } from 'zod';
import type { IsoDate } from '../../calendar/types.ts';
import { isIsoDate } from '../dates.ts';
import { OUTCOME_CODES, OUTCOMES, type OutcomeCode, REVIEW_FIRST_OUTCOMES } from '../outcomes.ts';
import { LetterDataError } from './agency.ts';
import { isPlaceholderName, PLACEHOLDERS, placeholdersIn, strayBraces } from './placeholders.ts';

// ---------------------------------------------------------------------------------------------
// Kinds

export const PROCEDURAL_LETTERS = {
  receipt: { label: '登记回执', article: '条例第三十一条、第四十五条' },
  correctionNotice: { label: '补正告知书', article: '条例第三十条' },
  reasonsRequest: { label: '说明理由告知书', article: '条例第三十五条' },
  extensionNotice: { label: '延期答复告知书', article: '条例第三十三条第二款' },
  laterDeadlineNotice: { label: '延迟答复告知书', article: '条例第三十五条' },
  consultationLetter: { label: '征求意见书（第三方）', article: '条例第三十二条' },
  consultationLetterAgency: { label: '征求意见书（共同制作机关）', article: '条例第三十四条' },
  consultationNoticeToApplicant: { label: '征求意见告知书（申请人）', article: '条例第三十三条第三款' },
  disclosureToThirdPartyNotice: { label: '决定公开告知书（第三方）', article: '条例第十五条、第三十二条' },
  feeNotice: { label: '收费通知书', article: '条例第四十二条、国办函〔2020〕109号' },
  /** Generic: the reason and its basis are data (the outcome replies correctionLapsed / feeLapsed are specific). */
  terminationNotice: {
    label: '终止处理告知书',
    article: '条例第三十条或者国办函〔2020〕109号（按终止原因）',
  },
} as const;

export type ProceduralLetterKind = keyof typeof PROCEDURAL_LETTERS;
export type ReplyLetterKind = `reply:${OutcomeCode}`;
export type LetterKind = ProceduralLetterKind | ReplyLetterKind;

export const replyKind = (outcome: OutcomeCode): ReplyLetterKind => `reply:${outcome}`;

/** The outcome of a reply kind ('reply:disclosed' → 'disclosed'), or null for a procedural kind. */
export function outcomeOfKind(kind: LetterKind): OutcomeCode | null {
  return kind.startsWith('reply:') ? (kind.slice(6) as OutcomeCode) : null;
}

export const LETTER_KINDS: LetterKind[] = [
  ...(Object.keys(PROCEDURAL_LETTERS) as ProceduralLetterKind[]),
  ...OUTCOME_CODES.map(replyKind),
];

export function letterKindLabel(kind: LetterKind): string {
  const outcome = outcomeOfKind(kind);
  return outcome
    ? `答复：${OUTCOMES[outcome].label}`
    : PROCEDURAL_LETTERS[kind as ProceduralLetterKind].label;
}

// ---------------------------------------------------------------------------------------------
// Remedy notice (spec §6.2)

export type RemedyKind = 'reviewFirst' | 'reviewOrLitigation' | 'none';
export const REMEDY_KINDS = ['reviewFirst', 'reviewOrLitigation', 'none'] as const;

export interface RemedyTexts {
  reviewFirst: string;
  reviewOrLitigation: string;
}

/**
 * 复议法第二十条 (60 days), 第二十三条 (review first; the agency must say so), 第三十四条 and
 * 行政诉讼法第四十五条 (15 days after the review decision), 行政诉讼法第四十六条 (six months).
 * {{letterNoun}} is the letter's own name (本答复书, 本告知书).
 */
export const REMEDY_TEXTS: RemedyTexts = {
  reviewFirst:
    '如对本{{letterNoun}}不服，依照《中华人民共和国行政复议法》第二十三条第一款第（四）项的规定，' +
    '应当先申请行政复议：可以自收到本{{letterNoun}}之日起六十日内向{{reviewBody}}申请行政复议；' +
    '对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼。',
  reviewOrLitigation:
    '如对本{{letterNoun}}不服，可以自收到本{{letterNoun}}之日起六十日内向{{reviewBody}}申请行政复议，' +
    '也可以自收到本{{letterNoun}}之日起六个月内向{{court}}提起行政诉讼。',
};

/** The words of a direct-lawsuit alternative, which a review-first notice must not contain. */
const DIRECT_LAWSUIT = /六个月|6个月|半年/;

// ---------------------------------------------------------------------------------------------
// Outdated references

/**
 * Wording a template must never carry (spec §6.1 warning, §6.2 DOC-02): 2007-era article numbers
 * of the Regulations and the pre-2024 reviewing-body formula. Only references that cannot be read
 * as a 2019 article are listed (2019 Art. 8 is on information systems, Art. 14 has one paragraph).
 */
export const OUTDATED_REFERENCES: readonly { pattern: RegExp; text: string; message: string }[] = [
  {
    pattern: /上级主管部门或者本级人民政府/,
    text: '上级主管部门或者本级人民政府',
    message: '是2024年以前的复议机关表述，行政复议法（2023年修订）施行后政府部门的复议机关为本级人民政府',
  },
  {
    pattern: /条例》?(?:（[^）]{0,20}）)?第八条/,
    text: '条例第八条',
    message: '是2007年条例的条文序号（危及安全和稳定的信息，2019年条例为第十四条）',
  },
  {
    pattern: /第十四条第四款/,
    text: '第十四条第四款',
    message: '是2007年条例的条文序号（国家秘密、商业秘密、个人隐私，2019年条例为第十四条、第十五条）',
  },
  {
    pattern: /(?:15|十五)个工作日内(?:予以)?答复/,
    text: '15个工作日内答复',
    message: '是2007年条例的答复期限（2019年条例第三十三条为20个工作日）',
  },
  {
    pattern: /生产、生活、科研等特殊需要/,
    text: '生产、生活、科研等特殊需要',
    message: '是2007年条例的申请条件，2019年条例已删除',
  },
];

export function outdatedReferences(text: string): { text: string; message: string }[] {
  return OUTDATED_REFERENCES.filter((r) => r.pattern.test(text)).map(({ text, message }) => ({
    text,
    message,
  }));
}

// ---------------------------------------------------------------------------------------------
// Templates

export interface LetterTemplate {
  kind: LetterKind;
  /** The document's name, printed after the agency's name: '政府信息公开申请答复书'. */
  title: string;
  version: string;
  effectiveFrom: IsoDate;
  /** The document number's 机关代字 and series, e.g. '{{agencyAbbr}}公开' → 某科工公开〔2026〕12号. */
  docNumberPrefix?: string;
  /**
   * Paragraphs with placeholders. The first is the addressee line ('{{applicantName}}：'). A
   * paragraph that is only a list placeholder ('{{correctionItems}}') becomes one numbered
   * paragraph per item; a paragraph with an optional placeholder ('{{grounds?}}') without a value
   * is left out. The remedy notice goes where '{{remedyNotice}}' stands, else at the end.
   */
  paragraphs: string[];
  remedy: RemedyKind;
}

export const TEMPLATES_VERSION = '2024.1';
/** In force with the 2023 行政复议法 (复议前置 for refusals). */
export const TEMPLATES_EFFECTIVE_FROM: IsoDate = '2024-01-01';

const REG = '《中华人民共和国政府信息公开条例》';
const TO_APPLICANT = '{{applicantName}}：';
const RECEIVED = '本机关于{{receivedDate}}收到您（单位）提出的政府信息公开申请';
const REPLY_OPENING = `${RECEIVED}，您申请获取“{{informationDescription}}”。现答复如下：`;
const NOTICE_OPENING = `${RECEIVED}，您申请获取“{{informationDescription}}”。`;
const NOTICE_REPLY_OPENING = `${NOTICE_OPENING}现告知如下：`;

const SERIES = {
  reply: '{{agencyAbbr}}公开',
  notice: '{{agencyAbbr}}公开告',
  letter: '{{agencyAbbr}}公开函',
} as const;

const REPLY_TITLE = '政府信息公开申请答复书';
const NOTICE_TITLE = '政府信息公开申请告知书';
const TERMINATION_TITLE = '政府信息公开申请终止处理告知书';

const refusal = (what: string): string[] => [
  `经审查，您申请获取的政府信息${what}。根据${REG}{{article}}和第三十六条第（三）项的规定，本机关决定不予公开。`,
  '不予公开的理由：{{grounds}}。',
];

/** The decision paragraphs of each reply (between the opening and the remedy notice). */
const REPLIES: Record<OutcomeCode, { title: string; body: string[]; closing?: string; opening?: string }> = {
  disclosed: {
    title: REPLY_TITLE,
    body: [
      `您申请获取的政府信息属于可以公开的政府信息。根据${REG}{{article}}的规定，本机关予以公开，{{deliveryMethod}}。`,
      '您也可以通过以下方式、途径获取：{{accessChannel?}}。',
    ],
  },
  alreadyPublic: {
    title: REPLY_TITLE,
    body: [
      `您申请获取的政府信息本机关已经主动公开。根据${REG}{{article}}的规定，现告知您获取该政府信息的方式、途径：{{accessChannel}}。`,
    ],
  },
  partlyDisclosed: {
    title: REPLY_TITLE,
    body: [
      `您申请获取的政府信息中含有不应当公开的内容，但是能够作区分处理。根据${REG}{{article}}的规定，本机关向您提供可以公开的政府信息内容：{{providedContent}}，{{deliveryMethod}}。`,
      '对其中{{withheldContent}}，本机关不予公开，理由是：{{grounds}}。',
    ],
  },
  withheldStateSecret: { title: REPLY_TITLE, body: refusal('属于依法确定为国家秘密的政府信息') },
  withheldOtherLaw: { title: REPLY_TITLE, body: refusal('属于法律、行政法规禁止公开的政府信息') },
  withheldSecurity: {
    title: REPLY_TITLE,
    body: refusal('公开后可能危及国家安全、公共安全、经济安全、社会稳定'),
  },
  withheldThirdParty: {
    title: REPLY_TITLE,
    body: refusal('涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害'),
  },
  withheldInternalAffairs: {
    title: REPLY_TITLE,
    body: refusal('属于行政机关的内部事务信息（人事管理、后勤管理、内部工作流程等方面的信息）'),
  },
  withheldProcess: {
    title: REPLY_TITLE,
    body: refusal(
      '属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息',
    ),
  },
  withheldEnforcementFile: { title: REPLY_TITLE, body: refusal('属于行政执法案卷信息') },
  specialProcedure: {
    title: REPLY_TITLE,
    body: [
      `您申请获取的信息属于工商、不动产登记资料等信息，{{specialLaw}}对信息的获取有特别规定。根据${REG}{{article}}的规定，请您依照{{specialLaw}}的规定办理。`,
      '办理途径：{{accessChannel?}}。',
    ],
  },
  notHeld: {
    title: REPLY_TITLE,
    body: [
      '本机关对{{searchScope?}}进行了检索。',
      `经检索，本机关没有您申请公开的政府信息。根据${REG}{{article}}的规定，现告知您：您申请公开的政府信息不存在。`,
      '说明：{{grounds?}}。',
    ],
  },
  notResponsible: {
    title: REPLY_TITLE,
    body: [
      `根据${REG}{{article}}的规定，现告知您：您申请获取的政府信息不属于本机关负责公开的政府信息，理由是：{{grounds}}。`,
      '负责公开该政府信息的行政机关为{{referredAgency?}}，您可以向该机关提出申请。',
      '该机关的联系方式：{{referredAgencyContact?}}。',
    ],
  },
  needsCreation: {
    title: REPLY_TITLE,
    body: [
      `行政机关向申请人提供的信息，应当是已制作或者获取的政府信息。您申请获取的信息，需要本机关对现有政府信息进行加工、分析方能形成。根据${REG}{{article}}的规定，本机关不予提供。`,
      '具体说明：{{grounds?}}。',
    ],
  },
  stillUnclear: {
    title: REPLY_TITLE,
    body: [
      `本机关已于{{correctionRequestedDate}}告知您对申请内容作出补正，您于{{correctionReceivedDate}}提交了补正。经审查，补正后的申请内容仍不明确，本机关无法确定您所申请的政府信息。根据${REG}{{article}}的规定，本机关无法按照您的申请提供政府信息。`,
      '具体说明：{{grounds?}}。',
      '您可以在明确所需政府信息的名称、文号或者便于本机关查询的其他特征性描述后，重新提出申请。',
    ],
  },
  petition: {
    title: NOTICE_TITLE,
    opening: NOTICE_REPLY_OPENING,
    closing: '特此告知。',
    body: [
      `您提出的申请，实质是以政府信息公开申请的形式进行信访、投诉、举报等活动。根据${REG}{{article}}的规定，本机关不作为政府信息公开申请处理。`,
      '您可以通过{{properChannel?}}提出。',
    ],
  },
  repeated: {
    title: REPLY_TITLE,
    body: [
      `本机关已于{{previousReplyDate}}就您提出的政府信息公开申请作出答复，您本次申请公开的政府信息与该申请相同。根据${REG}{{article}}的规定，本机关不予重复处理。`,
      '前次答复的文号：{{previousReplyNumber?}}。',
    ],
  },
  publication: {
    title: NOTICE_TITLE,
    opening: NOTICE_REPLY_OPENING,
    closing: '特此告知。',
    body: [
      `您申请获取的信息属于政府公报、报刊、书籍等公开出版物。根据${REG}{{article}}的规定，现告知您获取途径：{{accessChannel}}。`,
    ],
  },
  excessive: {
    title: REPLY_TITLE,
    body: [
      `您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由。经审查，本机关认为您的申请理由不合理：{{grounds}}。根据${REG}{{article}}的规定，本机关对您的申请不予处理。`,
    ],
  },
  confirmOrReissue: {
    title: NOTICE_TITLE,
    opening: NOTICE_REPLY_OPENING,
    closing: '特此告知。',
    body: [
      '您要求本机关确认或者重新出具您已经获取的政府信息。该请求不属于申请获取政府信息，本机关不作为政府信息公开申请处理。',
      '具体说明：{{grounds?}}。',
    ],
  },
  correctionLapsed: {
    title: TERMINATION_TITLE,
    opening: NOTICE_OPENING,
    closing: '特此告知。',
    body: [
      `本机关已于{{correctionRequestedDate}}告知您对申请内容作出补正，补正期限至{{dueDate}}。您无正当理由逾期未补正。根据${REG}{{article}}的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。`,
    ],
  },
  feeLapsed: {
    title: TERMINATION_TITLE,
    opening: NOTICE_OPENING,
    closing: '特此告知。',
    body: [
      `本机关已于{{feeNoticeDate}}向您发出收费通知，缴费期限至{{dueDate}}。您逾期未缴纳信息处理费。根据${REG}第四十二条和{{article}}的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。`,
    ],
  },
  withdrawn: {
    title: TERMINATION_TITLE,
    opening: NOTICE_OPENING,
    closing: '特此告知。',
    body: ['您于{{withdrawnDate}}撤回上述政府信息公开申请。本机关终止办理该申请。'],
  },
  otherClosure: {
    title: NOTICE_TITLE,
    opening: NOTICE_OPENING,
    closing: '特此告知。',
    body: ['经审查，{{grounds}}。'],
  },
};

const common = { version: TEMPLATES_VERSION, effectiveFrom: TEMPLATES_EFFECTIVE_FROM };

const PROCEDURAL: Record<ProceduralLetterKind, LetterTemplate> = {
  receipt: {
    ...common,
    kind: 'receipt',
    title: '政府信息公开申请登记回执',
    remedy: 'none',
    paragraphs: [
      TO_APPLICANT,
      '本机关于{{receivedDate}}收到您（单位）通过{{channel}}提交的政府信息公开申请，申请获取“{{informationDescription}}”。',
      '登记编号：{{caseNumber?}}。',
      `根据${REG}第三十一条的规定，收到申请之日为{{receivedDate}}。根据${REG}第三十三条的规定，本机关将自收到申请之日起20个工作日内予以答复；需要延长答复期限的，将另行告知，延长的期限最长不超过20个工作日。征求第三方和其他机关意见所需时间不计算在答复期限内。`,
      '答复期限届满日：{{dueDate?}}。',
      '特此告知。',
    ],
  },
  correctionNotice: {
    ...common,
    kind: 'correctionNotice',
    title: '政府信息公开申请补正告知书',
    docNumberPrefix: SERIES.notice,
    remedy: 'none',
    paragraphs: [
      TO_APPLICANT,
      `${RECEIVED}。经审查，您的申请内容不明确。根据${REG}第三十条的规定，请您对以下事项作出补正：`,
      '{{correctionItems}}',
      '指导和释明：{{guidance?}}。',
      '请您于{{dueDate}}前向本机关提交补正后的申请。答复期限自本机关收到补正的申请之日起计算。您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。',
      '特此告知。',
    ],
  },
  reasonsRequest: {
    ...common,
    kind: 'reasonsRequest',
    title: '政府信息公开申请说明理由告知书',
    docNumberPrefix: SERIES.notice,
    remedy: 'none',
    paragraphs: [
      TO_APPLICANT,
      `${RECEIVED}。经审查，您申请公开政府信息的数量、频次明显超过合理范围。根据${REG}第三十五条的规定，请您于{{dueDate}}前向本机关说明理由。`,
      `本机关认为申请理由不合理的，将告知您不予处理；认为申请理由合理，但是无法在${REG}第三十三条规定的期限内答复的，将确定延迟答复的合理期限并告知您。`,
      '特此告知。',
    ],
  },
  extensionNotice: {
    ...common,
    kind: 'extensionNotice',
    title: '政府信息公开申请延期答复告知书',
    docNumberPrefix: SERIES.notice,
    remedy: 'none',
    paragraphs: [
      TO_APPLICANT,
      `${NOTICE_OPENING}因{{extensionReason}}，本机关不能在20个工作日内作出答复。根据${REG}第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{{extensionDays}}个工作日，本机关将于{{dueDate}}前作出答复。`,
      '特此告知。',
    ],
  },
  laterDeadlineNotice: {
    ...common,
    kind: 'laterDeadlineNotice',
    title: '政府信息公开申请延迟答复告知书',
    docNumberPrefix: SERIES.notice,
    remedy: 'none',
    paragraphs: [
      TO_APPLICANT,
      `${RECEIVED}。您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由。经审查，本机关认为您的申请理由合理，但是无法在${REG}第三十三条规定的期限内答复。根据${REG}第三十五条的规定，本机关确定延迟答复的期限为{{dueDate}}前。`,
      '特此告知。',
    ],
  },
  consultationLetter: {
    ...common,
    kind: 'consultationLetter',
    title: '政府信息公开征求意见书',
    docNumberPrefix: SERIES.letter,
    remedy: 'none',
    paragraphs: [
      '{{partyName}}：',
      '本机关于{{receivedDate}}收到政府信息公开申请，申请获取“{{informationDescription}}”。经审查，公开该政府信息可能损害贵方的合法权益。',
      '涉及的权益：{{consultationMatter?}}。',
      `根据${REG}第三十二条的规定，现书面征求贵方意见。请贵方自收到本征求意见书之日起15个工作日内提出书面意见；不同意公开的，请说明理由。`,
      `贵方逾期未提出意见的，由本机关依照${REG}的规定决定是否公开。贵方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知贵方。`,
      '特此函告。',
    ],
  },
  consultationLetterAgency: {
    ...common,
    kind: 'consultationLetterAgency',
    title: '政府信息公开征求意见书',
    docNumberPrefix: SERIES.letter,
    remedy: 'none',
    paragraphs: [
      '{{partyName}}：',
      `本机关于{{receivedDate}}收到政府信息公开申请，申请获取“{{informationDescription}}”。该政府信息由本机关与贵机关共同制作。根据${REG}第三十四条的规定，现征求贵机关意见。`,
      '请贵机关自收到本征求意见书之日起15个工作日内提出意见。逾期未提出意见的，视为同意公开。',
      '特此函告。',
    ],
  },
  consultationNoticeToApplicant: {
    ...common,
    kind: 'consultationNoticeToApplicant',
    title: '政府信息公开申请征求意见告知书',
    docNumberPrefix: SERIES.notice,
    remedy: 'none',
    paragraphs: [
      TO_APPLICANT,
      `${NOTICE_OPENING}因该政府信息涉及{{partyKind}}，本机关已于{{consultationSentDate}}书面征求{{partyKind}}的意见。`,
      `根据${REG}第三十三条第三款的规定，征求第三方和其他机关意见所需时间不计算在答复期限内。本机关将在收到意见或者征求意见期限届满后依法作出答复。`,
      '特此告知。',
    ],
  },
  disclosureToThirdPartyNotice: {
    ...common,
    kind: 'disclosureToThirdPartyNotice',
    title: '依申请公开政府信息第三方告知书',
    docNumberPrefix: SERIES.letter,
    remedy: 'reviewOrLitigation',
    paragraphs: [
      '{{partyName}}：',
      `本机关于{{consultationSentDate}}就政府信息公开申请所涉政府信息“{{informationDescription}}”书面征求贵方意见，贵方不同意公开。本机关认为不公开可能对公共利益造成重大影响，根据${REG}第十五条、第三十二条的规定，决定予以公开。`,
      '决定公开的政府信息内容：{{disclosureContent}}。',
      '决定公开的理由：{{publicInterestReasons}}。',
      '{{remedyNotice}}',
      '特此告知。',
    ],
  },
  feeNotice: {
    ...common,
    kind: 'feeNotice',
    title: '政府信息公开信息处理费收费通知书',
    docNumberPrefix: SERIES.notice,
    remedy: 'none',
    paragraphs: [
      TO_APPLICANT,
      `${RECEIVED}。您申请公开政府信息的数量、频次明显超过合理范围。根据${REG}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关决定收取信息处理费。`,
      '收费方式：{{feeMethod}}。',
      '收费标准：{{feeStandard}}。',
      '应缴金额：人民币{{feeAmount}}元。',
      '缴费方式：{{paymentMethod}}。',
      '请您自收到本通知书次日起20个工作日内缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。',
      '缴费截止日期：{{dueDate?}}。',
      '特此通知。',
    ],
  },
  terminationNotice: {
    ...common,
    kind: 'terminationNotice',
    title: TERMINATION_TITLE,
    docNumberPrefix: SERIES.reply,
    remedy: 'reviewOrLitigation',
    paragraphs: [
      TO_APPLICANT,
      `${NOTICE_OPENING}{{terminationReason}}。根据{{legalBasis}}的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。`,
      '{{remedyNotice}}',
      '特此告知。',
    ],
  },
};

function replyTemplate(outcome: OutcomeCode): LetterTemplate {
  const r = REPLIES[outcome];
  return {
    ...common,
    kind: replyKind(outcome),
    title: r.title,
    docNumberPrefix: SERIES.reply,
    remedy: REVIEW_FIRST_OUTCOMES.has(outcome) ? 'reviewFirst' : 'reviewOrLitigation',
    paragraphs: [
      TO_APPLICANT,
      r.opening ?? REPLY_OPENING,
      ...r.body,
      '{{remedyNotice}}',
      r.closing ?? '特此答复。',
    ],
  };
}

export const DEFAULT_TEMPLATES: Readonly<Record<LetterKind, LetterTemplate>> = Object.freeze({
  ...PROCEDURAL,
  ...(Object.fromEntries(OUTCOME_CODES.map((o) => [replyKind(o), replyTemplate(o)])) as Record<
    ReplyLetterKind,
    LetterTemplate
  >),
});

// ---------------------------------------------------------------------------------------------
// Validation of an edited template

/** Problems of a template's text (placeholders, remedy, outdated references), in Chinese. */
export function templateProblems(t: LetterTemplate): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const name = `模板“${t.title}”`;
  const outcome = outcomeOfKind(t.kind);
  const check = (text: string, path: (string | number)[], where: string, allowed?: readonly string[]) => {
    for (const p of placeholdersIn(text)) {
      if (!isPlaceholderName(p.name)) {
        out.push({
          path,
          message: `${name}${where}：未知的占位符“${p.raw}”（可用的占位符：${Object.keys(PLACEHOLDERS).join('、')}）`,
        });
        continue;
      }
      if (allowed && !allowed.includes(p.name)) {
        out.push({ path, message: `${name}${where}：不能使用占位符“${p.raw}”` });
        continue;
      }
      if (p.name === 'article' && (outcome === null || OUTCOMES[outcome].article === ''))
        out.push({
          path,
          message: `${name}${where}：占位符“${p.raw}”（法律依据条款）只能用于有法定条款的答复模板`,
        });
      if (p.name === 'remedyNotice' && t.remedy === 'none')
        out.push({
          path,
          message: `${name}${where}：救济途径为“不告知”，不能使用占位符“${p.raw}”`,
        });
    }
    const stray = strayBraces(text);
    if (stray !== null)
      out.push({ path, message: `${name}${where}：占位符不完整（“${stray}”），应写作{{名称}}` });
    for (const r of outdatedReferences(text))
      out.push({ path, message: `${name}${where}：“${r.text}”${r.message}` });
  };
  check(t.title, ['title'], '的标题', []);
  if (t.docNumberPrefix !== undefined)
    check(t.docNumberPrefix, ['docNumberPrefix'], '的发文字号', ['agencyAbbr']);
  t.paragraphs.forEach((p, i) => {
    check(p, ['paragraphs', i], `第${i + 1}段`);
  });
  if (outcome !== null) {
    const reviewFirst = REVIEW_FIRST_OUTCOMES.has(outcome);
    if (reviewFirst && t.remedy !== 'reviewFirst')
      out.push({
        path: ['remedy'],
        message: `${name}：不予公开、部分公开的答复必须告知先申请行政复议（行政复议法第二十三条，DOC-01）`,
      });
    if (!reviewFirst && t.remedy === 'reviewFirst')
      out.push({
        path: ['remedy'],
        message: `${name}：“${OUTCOMES[outcome].label}”不属于复议前置的情形，不能告知先申请行政复议`,
      });
  } else if (t.remedy === 'reviewFirst')
    out.push({ path: ['remedy'], message: `${name}：复议前置告知只适用于不予公开、部分公开的答复` });
  return out;
}

const text = (label: string, max: number) =>
  z
    .string({ error: (i) => (i.input === undefined ? `${label}：必填` : `${label}：须为文字`) })
    .trim()
    .min(1, { error: `${label}：必填` })
    .max(max, { error: `${label}：不超过${max}个字` });

export const LetterTemplateSchema = z
  .object({
    kind: z.enum(LETTER_KINDS as [LetterKind, ...LetterKind[]], { error: '文书类型：无效' }),
    title: text('文书标题', 60),
    version: text('模板版本', 60),
    effectiveFrom: z
      .string({ error: '生效日期：必填' })
      .refine(isIsoDate, { error: '生效日期：须为有效日期（YYYY-MM-DD）' }),
    docNumberPrefix: text('发文字号机关代字', 40).optional(),
    paragraphs: z
      .array(text('段落', 4000), { error: '段落：必填' })
      .min(1, { error: '段落：至少一段' })
      .max(60, { error: '段落：不超过60段' }),
    remedy: z.enum(REMEDY_KINDS, { error: '救济途径：须为复议前置、复议或者诉讼、不告知之一' }),
  })
  .superRefine((t, ctx) => {
    for (const p of templateProblems(t)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
  });

export type LetterTemplateInput = z.input<typeof LetterTemplateSchema>;

export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; errors: { path: string; message: string }[] };

const issues = (e: z.ZodError) =>
  e.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));

/** Validates an agency's edited template (Chinese messages naming the field or placeholder). */
export function parseLetterTemplate(input: unknown): ParseResult<LetterTemplate> {
  const r = LetterTemplateSchema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: issues(r.error) };
}

function remedyProblems(kind: keyof RemedyTexts, s: string): string[] {
  const name = kind === 'reviewFirst' ? '复议前置告知' : '复议或者诉讼告知';
  const out: string[] = [];
  for (const p of placeholdersIn(s))
    if (!['reviewBody', 'court', 'letterNoun', 'agencyName'].includes(p.name))
      out.push(
        `${name}：不能使用占位符“${p.raw}”（可用：{{reviewBody}}、{{court}}、{{letterNoun}}、{{agencyName}}）`,
      );
  if (strayBraces(s) !== null) out.push(`${name}：占位符不完整，应写作{{名称}}`);
  if (!s.includes('{{reviewBody}}'))
    out.push(`${name}：须写明行政复议机关{{reviewBody}}（行政复议法第二十条第三款）`);
  if (!/六十日|60日/.test(s)) out.push(`${name}：须写明申请行政复议的期限六十日（行政复议法第二十条）`);
  if (kind === 'reviewFirst') {
    if (!/先申请行政复议|先向.{0,30}申请行政复议/.test(s))
      out.push(`${name}：须告知先申请行政复议（行政复议法第二十三条第二款）`);
    if (DIRECT_LAWSUIT.test(s)) out.push(`${name}：不能告知直接提起行政诉讼的期限（复议前置，DOC-01）`);
  } else if (!DIRECT_LAWSUIT.test(s))
    out.push(`${name}：须写明提起行政诉讼的期限六个月（行政诉讼法第四十六条）`);
  for (const r of outdatedReferences(s)) out.push(`${name}：“${r.text}”${r.message}`);
  return out;
}

export const RemedyTextsSchema = z
  .object({
    reviewFirst: text('复议前置告知', 1000),
    reviewOrLitigation: text('复议或者诉讼告知', 1000),
  })
  .superRefine((r, ctx) => {
    for (const k of ['reviewFirst', 'reviewOrLitigation'] as const)
      for (const message of remedyProblems(k, r[k])) ctx.addIssue({ code: 'custom', path: [k], message });
  });

export function parseRemedyTexts(input: unknown): ParseResult<RemedyTexts> {
  const r = RemedyTextsSchema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: issues(r.error) };
}

// ---------------------------------------------------------------------------------------------
// Selection

export interface TemplateChoice {
  /** The agency's edited versions (validated with parseLetterTemplate). */
  overrides?: readonly LetterTemplate[];
  /** The letter's date: the version in force that day; default the latest version. */
  on?: IsoDate;
}

/**
 * The template of `kind`: the agency's latest version in force on `on` (the later
 * `effectiveFrom` wins; an override wins over the default), else the default.
 */
export function templateFor(kind: LetterKind, choice: TemplateChoice = {}): LetterTemplate {
  if (!LETTER_KINDS.includes(kind)) throw new LetterDataError(`文书类型“${kind}”无效`);
  const { overrides = [], on } = choice;
  const inForce = (t: LetterTemplate) => on === undefined || t.effectiveFrom <= on;
  const own = overrides
    .filter((t) => t.kind === kind && inForce(t))
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : a.effectiveFrom > b.effectiveFrom ? -1 : 0));
  if (own[0]) return own[0];
  const def = DEFAULT_TEMPLATES[kind];
  if (inForce(def)) return def;
  throw new LetterDataError(
    `没有${on}适用的“${letterKindLabel(kind)}”模板（默认模板自${def.effectiveFrom}起适用）`,
  );
}

/** The reply template of an outcome (spec §6.1: one per reply type). */
export function letterForOutcome(outcome: OutcomeCode, choice: TemplateChoice = {}): LetterTemplate {
  if (!Object.hasOwn(OUTCOMES, outcome)) throw new LetterDataError(`答复结果“${outcome}”无效`);
  return templateFor(replyKind(outcome), choice);
}
