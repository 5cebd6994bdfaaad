/**
 * What a letter needs to know about the agency that signs it: its name, its kind (the store's
 * agency kinds), its 机关代字 for document numbers, and where its acts are reviewed.
 *
 * The reviewing body (spec §6.2, DOC-02) follows the 2023 行政复议法, in force 2024-01-01:
 *   - a department of a county-level-or-above local government → the people's government at the
 *     same level (第二十四条第一款第（一）项; a department's 派出机构: 第二十四条第四款);
 *   - a government → the government at the next level up (第二十四条第一款第（二）项); a
 *     provincial government reviews its own acts (第二十四条第二款), as a State Council
 *     department does (第二十五条): `reviewsOwnActs`;
 *   - a township government or a sub-district office → the county-level government above it
 *     (第二十四条第一款第（二）项、第（三）项);
 *   - vertically led bodies (海关、金融、外汇管理、税务、国家安全) → the next higher authority
 *     (第二十七条): `vertical` with `superiorAuthority`;
 *   - a 司法行政部门 may also be reviewed by the next higher 司法行政部门 (第二十八条):
 *     `alternativeReviewBody`.
 * The pre-2024 wording "向上级主管部门或者本级人民政府申请行政复议" is never produced.
 */
import type { IsoDate } from '../../calendar/types.ts';
import type { AgencyKind } from '../../store/agencies.ts';
import { isIsoDate } from '../dates.ts';

export interface AgencyProfile {
  /** The name the letter is signed with, e.g. '某市科学技术和工业局'. */
  name: string;
  kind: AgencyKind;
  /** 机关代字 of the document numbers, e.g. '某科工' (→ 某科工公开〔2026〕12号). */
  docAbbr?: string;
  /**
   * The people's government above the agency: for a department, the government it belongs to
   * (本级人民政府, e.g. '某市人民政府'); for a government, a township or a sub-district office, the
   * government at the next level up (e.g. '某省人民政府', '某县人民政府').
   */
  parentGovernment?: string;
  /** 复议法第二十七条: a vertically led body (海关、金融、外汇管理、税务、国家安全机关). */
  vertical?: boolean;
  /** The next higher authority of a vertically led body, e.g. '国家税务总局某省税务局'. */
  superiorAuthority?: string;
  /** 复议法第二十四条第二款 (省级人民政府) and 第二十五条 (国务院部门): the agency reviews its own acts. */
  reviewsOwnActs?: boolean;
  /** 复议法第二十八条: the other body a 司法行政部门's acts may be taken to, e.g. '某省司法厅'. */
  alternativeReviewBody?: string;
  /** The court named for a direct lawsuit; default “人民法院” (jurisdiction varies: 集中管辖). */
  court?: string;
}

/**
 * The store's agency kind labels (src/store/agencies.ts AGENCY_KINDS), repeated here so that this
 * pure module does not load the store and its database drivers.
 */
const KIND_LABELS: Record<AgencyKind, string> = {
  government: '人民政府',
  department: '政府部门',
  township: '乡镇（街道）',
};

export class LetterDataError extends Error {
  constructor(
    message: string,
    public readonly problems: string[] = [message],
  ) {
    super(message);
    this.name = 'LetterDataError';
  }
}

export interface ReviewBody {
  /** One body, or two for 第二十八条 (the applicant chooses). */
  bodies: string[];
  /** The bodies as the letter names them: '某市人民政府' or 'A或者B'. */
  text: string;
  /** The article of the 行政复议法 the choice rests on. */
  basis: string;
}

const REVIEW_LAW = '《中华人民共和国行政复议法》';

/** DOC-02: the reviewing body of the agency's acts, from its kind and configuration. */
export function reviewBodyFor(agency: AgencyProfile): ReviewBody {
  const missing = (what: string, article: string): never => {
    throw new LetterDataError(
      `行政复议机关：${KIND_LABELS[agency.kind]}“${agency.name}”未配置${what}（行政复议法${article}）`,
    );
  };
  let body: string;
  let basis: string;
  if (agency.reviewsOwnActs) {
    body = agency.name;
    basis = agency.kind === 'government' ? '第二十四条第二款' : '第二十五条';
  } else if (agency.vertical) {
    body = agency.superiorAuthority?.trim() || missing('上一级主管部门', '第二十七条');
    basis = '第二十七条';
  } else if (agency.kind === 'department') {
    body = agency.parentGovernment?.trim() || missing('本级人民政府', '第二十四条第一款第（一）项');
    basis = '第二十四条第一款第（一）项';
  } else if (agency.kind === 'government') {
    body = agency.parentGovernment?.trim() || missing('上一级人民政府', '第二十四条第一款第（二）项');
    basis = '第二十四条第一款第（二）项';
  } else {
    body = agency.parentGovernment?.trim() || missing('县级人民政府', '第二十四条第一款');
    basis = '第二十四条第一款';
  }
  const bodies = [body];
  const alt = agency.alternativeReviewBody?.trim();
  if (alt && alt !== body) {
    bodies.push(alt);
    basis = '第二十八条';
  }
  return { bodies, text: bodies.join('或者'), basis: `${REVIEW_LAW}${basis}` };
}

// ---------------------------------------------------------------------------------------------
// Document numbers (发文字号, GB/T 9704-2012 §7.2.4): 机关代字 + 年份 + 发文顺序号. The year is
// written in full in hexagonal brackets 〔〕; the number has no 第 and no leading zeros.

export interface DocNumber {
  prefix: string;
  year: number;
  seq: number;
}

export function formatDocNumber({ prefix, year, seq }: DocNumber): string {
  const p = prefix.trim();
  if (p === '') throw new LetterDataError('发文字号：机关代字不能为空');
  if (/[〔〕[\]［］()（）]/.test(p)) throw new LetterDataError(`发文字号：机关代字“${p}”不能含括号`);
  if (!Number.isInteger(year) || year < 1949 || year > 9999)
    throw new LetterDataError(`发文字号：年份“${year}”应为四位公元年份`);
  if (!Number.isInteger(seq) || seq < 1) throw new LetterDataError(`发文字号：顺序号“${seq}”应为正整数`);
  return `${p}〔${year}〕${seq}号`;
}

/** Reads a number written as formatDocNumber writes it (also with 〔〕 typed as [] or ［］, or 第…号). */
export function parseDocNumber(text: string): DocNumber | null {
  const m = /^\s*(.+?)\s*[〔[［（(]\s*(\d{4})\s*[〕\]］）)]\s*第?\s*0*(\d+)\s*号\s*$/.exec(text);
  if (!m) return null;
  return { prefix: m[1]!, year: Number(m[2]), seq: Number(m[3]) };
}

// ---------------------------------------------------------------------------------------------
// Dates

/**
 * GB/T 9704-2012 §7.3.5.1: Arabic numerals, the year in full, month and day without leading
 * zeros ('2026年3月5日'). `chinese`: the older style in Chinese numerals ('二〇二六年三月五日').
 */
export type DateStyle = 'arabic' | 'chinese';

const CN_DIGITS = '〇一二三四五六七八九';

function cnSmall(n: number): string {
  if (n < 10) return CN_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones === 0 ? '' : CN_DIGITS[ones]}`;
}

export function formatLetterDate(date: IsoDate, style: DateStyle = 'arabic'): string {
  if (!isIsoDate(date)) throw new LetterDataError(`日期“${String(date)}”无效（应为YYYY-MM-DD）`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (style === 'arabic') return `${y}年${m}月${d}日`;
  const year = [...String(y)].map((c) => CN_DIGITS[Number(c)]).join('');
  return `${year}年${cnSmall(m)}月${cnSmall(d)}日`;
}
