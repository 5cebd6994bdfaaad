/**
 * A letter from its template and the case's data: `renderLetter` (pure: the text, paragraph by
 * paragraph) and `renderLetterDocx` (the same text as an official-style Word document).
 *
 * Layout (GB/T 9704-2012, as src/report/render/docx.ts): A4, margins 37/35/28/26 mm, 22 lines
 * of 3号 text a page (exact 28.95 pt); the agency's name and the document's name as the title in
 * 2号方正小标宋简体 (fallbacks down to 黑体); the document number (发文字号, 〔〕 brackets) centred
 * under it; the addressee flush left, body in 3号仿宋_GB2312 (fallback 仿宋) indented two
 * characters; the agency's name centred over the date (成文日期 in Arabic numerals with 年月日,
 * right-indented four characters); page numbers “— 1 —” in 4号宋体.
 */
import { AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import type { IsoDate } from '../../calendar/types.ts';
import { FONTS, fontTableXml, runFont } from '../../report/render/docxFonts.ts';
import { titleLines, xmlSafe } from '../../report/render/layout.ts';
import { isIsoDate } from '../dates.ts';
import { OUTCOMES } from '../outcomes.ts';
import {
  type AgencyProfile,
  type DateStyle,
  formatDocNumber,
  formatLetterDate,
  LetterDataError,
  reviewBodyFor,
} from './agency.ts';
import {
  type DataPlaceholder,
  isPlaceholderName,
  PLACEHOLDER_RE,
  PLACEHOLDERS,
  type PlaceholderDef,
  type PlaceholderName,
  placeholdersIn,
} from './placeholders.ts';
import {
  type LetterKind,
  type LetterTemplate,
  letterKindLabel,
  outcomeOfKind,
  REMEDY_TEXTS,
  type RemedyTexts,
  templateProblems,
} from './templates.ts';

export type LetterValue = string | number | readonly string[];
/** Values of the data placeholders: dates as 'YYYY-MM-DD', lists as arrays. */
export type LetterValues = Partial<Record<DataPlaceholder, LetterValue>>;

export interface LetterData {
  agency: AgencyProfile;
  /** 成文日期. */
  issuedOn: IsoDate;
  /** The number in the series; the prefix defaults to the template's, the year to issuedOn's. */
  docNumber?: { seq: number; year?: number; prefix?: string };
  values?: LetterValues;
}

export interface RenderOptions {
  /** The agency's remedy wording (validated with parseRemedyTexts); default REMEDY_TEXTS. */
  remedies?: RemedyTexts;
  /** Dates in the letter: 'arabic' (GB/T 9704-2012, default) or 'chinese' (二〇二六年三月五日). */
  dateStyle?: DateStyle;
  /** For drafts: a missing value prints as 【its name】 instead of failing. */
  lenient?: boolean;
}

export interface RenderedLetter {
  kind: LetterKind;
  /** The document's name (the template's title). */
  title: string;
  /** The heading as printed: the agency's name and the document's name. */
  heading: string;
  /** 发文字号, or null when the letter is not numbered. */
  docNumber: string | null;
  /** The addressee line, the body, the remedy notice and the closing, in order. */
  paragraphs: string[];
  /** The remedy notice as it stands among the paragraphs, or null. */
  remedy: string | null;
  signature: { agency: string; date: string };
  template: { version: string; effectiveFrom: IsoDate };
}

// ---------------------------------------------------------------------------------------------
// Text

/** '本答复书', '本告知书' …: how the remedy notice names the letter. */
export function letterNoun(title: string): string {
  return /(答复书|告知书|通知书|决定书|意见书|回执)$/.exec(title)?.[1] ?? '答复书';
}

/** The document number's prefix (the series) of a template for an agency, or null. */
export function docNumberSeries(template: LetterTemplate, agency: AgencyProfile): string | null {
  const p = template.docNumberPrefix;
  if (p === undefined) return null;
  if (p.includes('{{') && !agency.docAbbr?.trim())
    throw new LetterDataError(`发文字号：机关“${agency.name}”未配置机关代字`);
  return p.replace(PLACEHOLDER_RE, () => agency.docAbbr!.trim());
}

const TRAILING_PUNCT = /[。；，、,;.！!]+$/;
const JOIN_PUNCT = /^[。；，：、,;:]/;

const CN_ORDINALS = '一二三四五六七八九十';
const cnOrdinal = (i: number): string =>
  i < 10 ? CN_ORDINALS[i]! : i < 20 ? `十${CN_ORDINALS[i - 10] ?? ''}` : String(i + 1);

/** Templates already checked without problems (the built-in ones, reused for every letter). */
const soundTemplates = new WeakSet<LetterTemplate>();

export function renderLetter(
  template: LetterTemplate,
  data: LetterData,
  options: RenderOptions = {},
): RenderedLetter {
  if (!soundTemplates.has(template)) {
    const problems = templateProblems(template).map((p) => p.message);
    if (problems.length) throw new LetterDataError(problems[0]!, problems);
    soundTemplates.add(template);
  }
  if (!isIsoDate(data.issuedOn)) throw new LetterDataError('成文日期：须为有效日期（YYYY-MM-DD）');
  const dateStyle = options.dateStyle ?? 'arabic';
  const missing: string[] = [];
  /** Invalid values. */
  const errors: string[] = [];
  /** What the agency's profile lacks (reviewing body, 机关代字). */
  const config: string[] = [];
  const agency = data.agency;
  const values = data.values ?? {};
  const noun = letterNoun(template.title);

  // Auto values are computed when first needed (the reviewing body fails without its configuration).
  const autoCache = new Map<PlaceholderName, string | null>();
  const auto = (name: PlaceholderName): string | null => {
    if (autoCache.has(name)) return autoCache.get(name)!;
    let v: string | null = null;
    try {
      switch (name) {
        case 'agencyName':
          v = agency.name;
          break;
        case 'agencyAbbr':
          v = agency.docAbbr?.trim() || null;
          break;
        case 'issuedDate':
          v = formatLetterDate(data.issuedOn, dateStyle);
          break;
        case 'article': {
          const o = outcomeOfKind(template.kind);
          v = o ? OUTCOMES[o].article || null : null;
          break;
        }
        case 'reviewBody':
          v = reviewBodyFor(agency).text;
          break;
        case 'court':
          v = agency.court?.trim() || '人民法院';
          break;
        case 'letterNoun':
          v = noun;
          break;
        default:
          v = null;
      }
    } catch (e) {
      if (!(e instanceof LetterDataError)) throw e;
      config.push(e.message);
      v = options.lenient ? `【${(PLACEHOLDERS[name] as PlaceholderDef).label}】` : '';
    }
    autoCache.set(name, v);
    return v;
  };

  /** A value as text, or a list of items; null when absent. */
  const valueFor = (name: PlaceholderName): string | string[] | null => {
    const def = PLACEHOLDERS[name] as PlaceholderDef;
    if (def.auto) return auto(name);
    const raw = values[name as DataPlaceholder];
    if (raw === undefined || raw === null) return null;
    const label = def.label;
    switch (def.type) {
      case 'date':
        if (typeof raw !== 'string' || !isIsoDate(raw)) {
          errors.push(`${label}：须为有效日期（YYYY-MM-DD）`);
          return null;
        }
        return formatLetterDate(raw, dateStyle);
      case 'number':
        if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
        if (typeof raw === 'string' && /^\d+(\.\d+)?$/.test(raw.trim())) return raw.trim();
        errors.push(`${label}：须为数字`);
        return null;
      case 'list': {
        const items = (typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : [String(raw)])
          .map((s) => String(s).trim())
          .filter((s) => s !== '');
        return items.length ? items : null;
      }
      default: {
        const s = (Array.isArray(raw) ? raw.join('；') : String(raw)).trim();
        return s === '' ? null : s;
      }
    }
  };

  const placeholderText = (name: PlaceholderName): string => {
    const v = valueFor(name);
    if (v === null) {
      missing.push(`${(PLACEHOLDERS[name] as PlaceholderDef).label}（{{${name}}}）`);
      return options.lenient ? `【${(PLACEHOLDERS[name] as PlaceholderDef).label}】` : '';
    }
    return Array.isArray(v) ? v.map((s) => s.replace(TRAILING_PUNCT, '')).join('；') : (v as string);
  };

  /** Fills a text's placeholders; a value's end punctuation gives way to the template's. */
  const fill = (text: string): string =>
    text.replace(PLACEHOLDER_RE, (_m, name: string, _opt: string | undefined, offset: number) => {
      if (!isPlaceholderName(name)) return '';
      if (name === 'remedyNotice') return '';
      const v = placeholderText(name);
      const next = text.slice(offset + _m.length);
      return JOIN_PUNCT.test(next) ? v.replace(TRAILING_PUNCT, '') : v;
    });

  const remedyTexts = options.remedies ?? REMEDY_TEXTS;
  const remedy = template.remedy === 'none' ? null : fill(remedyTexts[template.remedy]);

  const paragraphs: string[] = [];
  let remedyPlaced = false;
  for (const p of template.paragraphs) {
    const uses = placeholdersIn(p);
    const only = uses.length === 1 && p.trim() === uses[0]!.raw ? uses[0]! : null;
    if (only && only.name === 'remedyNotice') {
      if (remedy !== null) paragraphs.push(remedy);
      remedyPlaced = true;
      continue;
    }
    // an optional placeholder without a value leaves its paragraph out
    if (uses.some((u) => u.optional && isPlaceholderName(u.name) && valueFor(u.name) === null)) continue;
    if (only && isPlaceholderName(only.name) && (PLACEHOLDERS[only.name] as PlaceholderDef).type === 'list') {
      const items = valueFor(only.name);
      if (!Array.isArray(items)) {
        placeholderText(only.name);
        if (options.lenient) paragraphs.push(`【${(PLACEHOLDERS[only.name] as PlaceholderDef).label}】`);
        continue;
      }
      items.forEach((item, i) => {
        const end = i === items.length - 1 ? '。' : '；';
        paragraphs.push(`（${cnOrdinal(i)}）${item.replace(TRAILING_PUNCT, '')}${end}`);
      });
      continue;
    }
    if (uses.some((u) => u.name === 'remedyNotice')) remedyPlaced = true;
    paragraphs.push(fill(p));
  }
  if (remedy !== null && !remedyPlaced) paragraphs.push(remedy);

  // document number
  let docNumber: string | null = null;
  if (data.docNumber) {
    let prefix: string | null = null;
    try {
      prefix = data.docNumber.prefix ?? docNumberSeries(template, agency);
      if (prefix === null)
        throw new LetterDataError(`发文字号：模板“${template.title}”没有发文字号，须提供机关代字`);
    } catch (e) {
      if (!(e instanceof LetterDataError)) throw e;
      config.push(e.message);
    }
    if (prefix !== null)
      try {
        docNumber = formatDocNumber({
          prefix,
          year: data.docNumber.year ?? Number(data.issuedOn.slice(0, 4)),
          seq: data.docNumber.seq,
        });
      } catch (e) {
        if (!(e instanceof LetterDataError)) throw e;
        errors.push(e.message);
      }
  }

  // lenient drafts tolerate gaps (missing values, unconfigured agency data), never invalid values
  const gaps = [...new Set([...config, ...missing.map((m) => `缺少${m}`)])];
  const all = [...new Set(errors), ...(options.lenient ? [] : gaps)];
  if (all.length)
    throw new LetterDataError(`“${letterKindLabel(template.kind)}”无法生成：${all.join('；')}`, all);

  const agencyName = agency.name.trim();
  return {
    kind: template.kind,
    title: template.title,
    heading: `${agencyName}${template.title}`,
    docNumber,
    paragraphs,
    remedy,
    signature: { agency: agencyName, date: formatLetterDate(data.issuedOn, dateStyle) },
    template: { version: template.version, effectiveFrom: template.effectiveFrom },
  };
}

/** The letter as plain text (heading, number, body, signature), one paragraph a line. */
export function letterText(letter: RenderedLetter): string {
  return [
    ...titleLines(letter.heading),
    ...(letter.docNumber ? [letter.docNumber] : []),
    '',
    ...letter.paragraphs,
    '',
    letter.signature.agency,
    letter.signature.date,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// DOCX

const mm = (v: number): number => Math.round((v * 1440) / 25.4);
/** Chinese font sizes (字号) in half-points. */
const SIZE = { 二号: 44, 三号: 32, 四号: 28 } as const;
/** 22 lines on a 225 mm type area: 28.95 pt. */
const LINE_PITCH = 579;
/** One 3号 character: 16 pt. */
const CHAR = 320;

/** Width in 3号 characters: CJK full width, Latin letters and digits half. */
const textWidth = (s: string): number => [...s].reduce((w, c) => w + (c.charCodeAt(0) < 0x2e80 ? 0.5 : 1), 0);

const STYLE = {
  title: 'GkLetterTitle',
  number: 'GkLetterNumber',
  addressee: 'GkLetterAddressee',
  body: 'GkLetterBody',
  signature: 'GkLetterSignature',
} as const;

function pageNumberFooter(side: 'odd' | 'even'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: 280 } : { left: 280 },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: { ascii: FONTS.songti.name, hAnsi: FONTS.songti.name, eastAsia: FONTS.songti.name },
            size: SIZE.四号,
          }),
        ],
      }),
    ],
  });
}

/** The rendered letter as a DOCX file. */
export async function letterDocx(letter: RenderedLetter): Promise<Buffer> {
  const heading = titleLines(xmlSafe(letter.heading));
  const children: Paragraph[] = [
    new Paragraph({
      style: STYLE.title,
      children: heading.map((line, i) => new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}) })),
    }),
  ];
  if (letter.docNumber)
    children.push(new Paragraph({ style: STYLE.number, children: [new TextRun(xmlSafe(letter.docNumber))] }));
  letter.paragraphs.forEach((p, i) => {
    const addressee = i === 0 && /[:：]$/.test(p);
    children.push(
      new Paragraph({
        style: addressee ? STYLE.addressee : STYLE.body,
        children: [new TextRun(xmlSafe(p))],
        ...(i === 0 ? { spacing: { before: LINE_PITCH } } : {}),
        // the signature never stands alone on a page: the closing line goes with it
        ...(i === letter.paragraphs.length - 1 ? { keepNext: true } : {}),
      }),
    );
  });
  // 成文日期 right-indented four characters; the agency's name centred over it
  const dateIndent = 4 * CHAR;
  const nameIndent = Math.max(
    0,
    Math.round(
      dateIndent + ((textWidth(letter.signature.date) - textWidth(letter.signature.agency)) / 2) * CHAR,
    ),
  );
  children.push(
    new Paragraph({
      style: STYLE.signature,
      indent: { right: nameIndent },
      spacing: { before: 2 * LINE_PITCH },
      keepNext: true,
      children: [new TextRun(xmlSafe(letter.signature.agency))],
    }),
    new Paragraph({
      style: STYLE.signature,
      indent: { right: dateIndent },
      children: [new TextRun(xmlSafe(letter.signature.date))],
    }),
  );

  const exact = { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  const doc = new Document({
    title: xmlSafe(letter.heading),
    creator: 'gongkai',
    description: letterKindLabel(letter.kind),
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: {
            font: runFont('fangsong'),
            size: SIZE.三号,
            language: { value: 'zh-CN', eastAsia: 'zh-CN' },
          },
          paragraph: { spacing: { line: LINE_PITCH, lineRule: LineRuleType.EXACT } },
        },
      },
      paragraphStyles: [
        {
          id: STYLE.title,
          name: '文书标题',
          basedOn: 'Normal',
          next: STYLE.number,
          quickFormat: true,
          paragraph: {
            alignment: AlignmentType.CENTER,
            spacing: { line: 700, lineRule: LineRuleType.EXACT, before: 0, after: LINE_PITCH / 2 },
            keepNext: true,
            outlineLevel: 0,
          },
          run: { font: runFont('xiaobiaosong'), size: SIZE.二号 },
        },
        {
          id: STYLE.number,
          name: '发文字号',
          basedOn: 'Normal',
          next: STYLE.addressee,
          paragraph: { alignment: AlignmentType.CENTER, spacing: exact, keepNext: true },
          run: { font: runFont('fangsong'), size: SIZE.三号 },
        },
        {
          id: STYLE.addressee,
          name: '主送',
          basedOn: 'Normal',
          next: STYLE.body,
          paragraph: { alignment: AlignmentType.LEFT, spacing: exact, keepNext: true },
          run: { font: runFont('fangsong'), size: SIZE.三号 },
        },
        {
          id: STYLE.body,
          name: '公文正文',
          basedOn: 'Normal',
          quickFormat: true,
          paragraph: { indent: { firstLine: 2 * CHAR }, spacing: exact, alignment: AlignmentType.JUSTIFIED },
          run: { font: runFont('fangsong'), size: SIZE.三号 },
        },
        {
          id: STYLE.signature,
          name: '署名和成文日期',
          basedOn: 'Normal',
          paragraph: { alignment: AlignmentType.RIGHT, spacing: exact, keepLines: true },
          run: { font: runFont('fangsong'), size: SIZE.三号 },
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: {
              top: mm(37),
              bottom: mm(35),
              left: mm(28),
              right: mm(26),
              header: mm(15),
              footer: mm(21),
            },
          },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}

/** renderLetter, then the DOCX. */
export async function renderLetterDocx(
  template: LetterTemplate,
  data: LetterData,
  options: RenderOptions = {},
): Promise<Buffer> {
  return letterDocx(renderLetter(template, data, options));
}
