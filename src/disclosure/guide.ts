/**
 * The 政府信息公开指南 (Art. 12): editable sections, each with a default text from the Regulations
 * that an agency adapts. The office's address, hours and contact have no default: the guide says
 * so until the agency fills them in.
 */

export interface GuideSectionDef {
  title: string;
  /** Default text (paragraphs separated by blank lines); empty when the agency must write it. */
  defaultText: string;
  required: boolean;
}

export const GUIDE_SECTIONS = {
  proactive: {
    title: '主动公开',
    required: true,
    defaultText: [
      '本机关依照《中华人民共和国政府信息公开条例》第十九条、第二十条的规定，主动公开涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策的政府信息。',
      '主动公开的政府信息，自该信息形成或者变更之日起20个工作日内，通过本机关门户网站“政府信息公开”专栏予以公开（条例第二十六条）。公众可以通过政府信息公开目录按类别查阅，或者使用全文检索查询；也可以到政府信息公开查阅场所查阅。',
    ].join('\n\n'),
  },
  onRequest: {
    title: '依申请公开',
    required: true,
    defaultText: [
      '除本机关主动公开的政府信息外，公民、法人或者其他组织可以向本机关申请获取相关政府信息（条例第二十七条）。',
      '申请应当采用包括信件、数据电文在内的书面形式，内容包括：申请人的姓名或者名称、身份证明、联系方式；申请公开的政府信息的名称、文号或者便于查询的其他特征性描述；申请公开的政府信息的形式要求，包括获取信息的方式、途径（条例第二十九条）。可以通过本网站在线提交，也可以当面提交或者邮寄。',
      '本机关收到申请，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日（条例第三十三条）。',
    ].join('\n\n'),
  },
  office: {
    title: '政府信息公开工作机构',
    required: true,
    defaultText: '',
  },
  fees: {
    title: '收费',
    required: true,
    defaultText:
      '行政机关依申请提供政府信息，不收取费用。但是，申请人申请公开政府信息的数量、频次明显超过合理范围的，行政机关可以收取信息处理费（条例第四十二条；《政府信息公开信息处理费管理办法》，国办函〔2020〕109号）。',
  },
  remedies: {
    title: '监督和救济',
    required: true,
    defaultText:
      '公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼（条例第五十一条）。',
  },
} as const satisfies Record<string, GuideSectionDef>;

export type GuideSectionKey = keyof typeof GUIDE_SECTIONS;
export const GUIDE_SECTION_KEYS = Object.keys(GUIDE_SECTIONS) as GuideSectionKey[];
export const MAX_GUIDE_SECTION_CHARS = 10_000;

export class GuideError extends Error {}

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Checks one section's new text; returns it trimmed with normalised line breaks. */
export function checkGuideSection(section: string, text: unknown): string {
  if (!(section in GUIDE_SECTIONS))
    throw new GuideError(
      `公开指南：没有“${section}”这一部分，可编辑的部分是${GUIDE_SECTION_KEYS.map((k) => GUIDE_SECTIONS[k].title).join('、')}`,
    );
  const title = GUIDE_SECTIONS[section as GuideSectionKey].title;
  if (typeof text !== 'string') throw new GuideError(`公开指南“${title}”：须为文字`);
  const t = text.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
  if (t.length > MAX_GUIDE_SECTION_CHARS)
    throw new GuideError(`公开指南“${title}”：不超过${MAX_GUIDE_SECTION_CHARS}个字`);
  return t;
}
