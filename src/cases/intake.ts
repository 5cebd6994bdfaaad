/**
 * Intake of an application (依申请公开): the content required by 条例第二十九条, the channel that
 * fixes the receipt date under 条例第三十一条, and the applicant type that fixes the table 三 column.
 * Every message names the field in Chinese ("申请人姓名：必填").
 */
import { z } from 'zod';
import { CHANNEL_CODES, CHANNELS } from './config.ts';
import { APPLICANT_TYPES, type ApplicantType } from './outcomes.ts';

// ---------------------------------------------------------------------------------------------
// Identity numbers

const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from the 31-character set (no I, O, S, V, Z);
 * characters 3–8 are the administrative division code (digits); the 18th is the check character
 * `31 − (Σ value·weight mod 31)` (31 → 0) with weights 3^i mod 31.
 */
export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

/** The check character (18th) of a 统一社会信用代码 from its first 17 characters. */
export function creditCodeCheckChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARS.indexOf(body[i]!) * CREDIT_CODE_WEIGHTS[i]!;
  return CREDIT_CODE_CHARS[(31 - (sum % 31)) % 31]!;
}

/** The characters a 统一社会信用代码 is written with (31: no I, O, S, V, Z). */
export const CREDIT_CODE_ALPHABET = CREDIT_CODE_CHARS;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/**
 * 18-digit 公民身份号码 (GB 11643-1999), also used by 港澳台居民居住证: a valid birth date in
 * characters 7–14 and the ISO 7064 MOD 11-2 check character.
 */
export function isValidResidentIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const d = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== birth || birth < '1900-01-01')
    return false;
  return residentIdCheckChar(id.slice(0, 17)) === id[17];
}

/** The check character (18th) of a 公民身份号码 from its first 17 digits (ISO 7064 MOD 11-2). */
export function residentIdCheckChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

export const ID_DOCUMENT_TYPES = {
  residentIdCard: { label: '居民身份证', pattern: null },
  residencePermitHkMacauTaiwan: { label: '港澳台居民居住证', pattern: null },
  hkMacauPermit: { label: '港澳居民来往内地通行证', pattern: /^[HM]\d{8}(\d{2})?$/ },
  taiwanPermit: { label: '台湾居民来往大陆通行证', pattern: /^\d{8}$/ },
  passport: { label: '护照', pattern: /^[A-Z0-9]{5,17}$/ },
  foreignPermanentResidentCard: { label: '外国人永久居留身份证', pattern: /^[A-Z0-9]{15,18}$/ },
  other: { label: '其他身份证明', pattern: /^.{2,40}$/ },
} as const;

export type IdDocumentType = keyof typeof ID_DOCUMENT_TYPES;
const ID_DOCUMENT_CODES = Object.keys(ID_DOCUMENT_TYPES) as [IdDocumentType, ...IdDocumentType[]];

/** 信息的指定提供形式 (Art. 29 (三), Art. 40). */
export const INFORMATION_FORMS = {
  paper: { label: '纸质文本' },
  electronic: { label: '电子文本' },
  media: { label: '光盘、移动存储介质等' },
} as const;
export type InformationForm = keyof typeof INFORMATION_FORMS;

/** 获取信息的方式、途径 (Art. 29 (三)). */
export const DELIVERY_WAYS = {
  collect: { label: '自行领取' },
  post: { label: '邮寄' },
  email: { label: '电子邮件' },
  fax: { label: '传真' },
  online: { label: '网上获取（本平台）' },
  inspect: { label: '当场查阅、抄录' },
} as const;
export type DeliveryWay = keyof typeof DELIVERY_WAYS;

// ---------------------------------------------------------------------------------------------
// Field helpers

const typeMessage =
  (label: string, what = '文字') =>
  (iss: { input?: unknown }) =>
    iss.input === undefined || iss.input === null ? `${label}：必填` : `${label}：须为${what}`;

/** A required trimmed text field with Chinese messages naming the field. */
function text(label: string, opts: { min?: number; max?: number } = {}) {
  const min = opts.min ?? 1;
  const max = opts.max ?? 200;
  return z
    .string({ error: typeMessage(label) })
    .trim()
    .min(min, {
      error: (iss) => (iss.input === '' ? `${label}：必填` : `${label}：至少${min}个字`),
    })
    .max(max, { error: `${label}：不超过${max}个字` });
}

/** Blank strings from forms count as absent. */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

function optionalText(label: string, max = 200) {
  return z.preprocess(blankToUndefined, text(label, { max }).optional());
}

function choice<const T extends string>(
  label: string,
  codes: readonly [T, ...T[]],
  labels: (c: T) => string,
) {
  const list = codes.map(labels).join('、');
  return z.enum(codes, {
    error: (iss) => (iss.input === undefined ? `${label}：必填` : `${label}：须为${list}之一`),
  });
}

const upper = (v: unknown) => (typeof v === 'string' ? v.trim().toUpperCase() : v);

// ---------------------------------------------------------------------------------------------
// Applicant

export const IdDocumentSchema = z
  .object(
    {
      type: choice('身份证明类型', ID_DOCUMENT_CODES, (c) => ID_DOCUMENT_TYPES[c].label),
      number: z.preprocess(upper, text('身份证明号码', { max: 40 })),
    },
    { error: typeMessage('身份证明') },
  )
  .superRefine((doc, ctx) => {
    const t = ID_DOCUMENT_TYPES[doc.type];
    const ok =
      doc.type === 'residentIdCard' || doc.type === 'residencePermitHkMacauTaiwan'
        ? isValidResidentIdNumber(doc.number)
        : (t.pattern?.test(doc.number) ?? false);
    if (!ok)
      ctx.addIssue({ code: 'custom', path: ['number'], message: `身份证明号码：不是有效的${t.label}号码` });
  });

const ORGANIZATION_TYPES = [
  'commercial',
  'research',
  'nonprofit',
  'legalServices',
  'otherOrganization',
] as const;
const applicantTypeList = (Object.keys(APPLICANT_TYPES) as ApplicantType[])
  .map((t) => APPLICANT_TYPES[t].label)
  .join('、');

export const NaturalPersonSchema = z.object({
  type: z.literal('naturalPerson'),
  name: text('申请人姓名', { max: 60 }),
  idDocument: IdDocumentSchema,
  workUnit: optionalText('工作单位', 100),
});

export const OrganizationSchema = z.object({
  type: z.enum(ORGANIZATION_TYPES),
  name: text('申请人名称', { max: 100 }),
  creditCode: z.preprocess(
    upper,
    z
      .string({ error: typeMessage('统一社会信用代码') })
      .min(1, { error: '统一社会信用代码：必填', abort: true })
      .refine((c) => c.length === 18, { error: '统一社会信用代码：应为18位', abort: true })
      .refine(isValidCreditCode, { error: '统一社会信用代码：格式或校验位错误（GB 32100-2015）' }),
  ),
  legalRepresentative: optionalText('法定代表人或者负责人', 60),
  contactPerson: optionalText('联系人姓名', 60),
});

export const ApplicantSchema = z.discriminatedUnion('type', [NaturalPersonSchema, OrganizationSchema], {
  error: (iss) =>
    iss.input === undefined
      ? '申请人：必填'
      : `申请人类型：须为${applicantTypeList}之一（年度报告表三的申请人分类）`,
});

// ---------------------------------------------------------------------------------------------
// Contact, information, form

const PHONE = /^\+?[\d\s\-()（）]{7,24}$/;

export const ContactSchema = z
  .object(
    {
      phone: z.preprocess(
        blankToUndefined,
        z
          .string({ error: typeMessage('联系电话') })
          .trim()
          .refine((p) => PHONE.test(p) && (p.match(/\d/g)?.length ?? 0) >= 7, {
            error: '联系电话：格式不正确',
          })
          .optional(),
      ),
      email: z.preprocess(
        blankToUndefined,
        z
          .email({
            error: (iss) => (typeof iss.input === 'string' ? '电子邮箱：格式不正确' : '电子邮箱：须为文字'),
          })
          .optional(),
      ),
      address: optionalText('通信地址', 200),
      postcode: z.preprocess(
        blankToUndefined,
        z
          .string({ error: typeMessage('邮政编码') })
          .trim()
          .regex(/^\d{6}$/, { error: '邮政编码：应为6位数字' })
          .optional(),
      ),
      fax: z.preprocess(
        blankToUndefined,
        z
          .string({ error: typeMessage('传真号码') })
          .trim()
          .refine((p) => PHONE.test(p), { error: '传真号码：格式不正确' })
          .optional(),
      ),
    },
    { error: typeMessage('联系方式') },
  )
  .refine((c) => c.phone !== undefined || c.email !== undefined || c.address !== undefined, {
    error: '联系方式：联系电话、电子邮箱、通信地址至少填写一项（条例第二十九条）',
  });

/** Minimum length of the description of the information requested (a guard against empty input). */
export const MIN_DESCRIPTION_LENGTH = 4;

export const InformationRequestSchema = z.object(
  {
    description: text('所需政府信息的名称、文号或者便于查询的特征性描述', {
      min: MIN_DESCRIPTION_LENGTH,
      max: 2000,
    }),
    title: optionalText('信息名称', 200),
    documentNumber: optionalText('文号', 100),
  },
  { error: typeMessage('所需政府信息') },
);

export const ApplicationSchema = z
  .object(
    {
      applicant: ApplicantSchema,
      contact: ContactSchema,
      information: InformationRequestSchema,
      form: choice(
        '信息的指定提供形式',
        Object.keys(INFORMATION_FORMS) as [InformationForm, ...InformationForm[]],
        (c) => INFORMATION_FORMS[c].label,
      ),
      delivery: choice(
        '获取信息的方式',
        Object.keys(DELIVERY_WAYS) as [DeliveryWay, ...DeliveryWay[]],
        (c) => DELIVERY_WAYS[c].label,
      ),
      channel: choice(
        '提交方式',
        CHANNEL_CODES as [keyof typeof CHANNELS, ...(keyof typeof CHANNELS)[]],
        (c) => CHANNELS[c].label,
      ),
      /** 用途: optional — the 2019 text sets no purpose condition (spec §3.2). */
      purpose: optionalText('用途', 500),
      /** Art. 29 ¶1: written on the applicant's behalf because writing was really difficult. */
      filledOnBehalf: z.boolean({ error: '代为填写：须为是或否' }).optional(),
      /** Art. 43: the applicant needs help (reading, hearing or visual difficulties). */
      needsAssistance: z.boolean({ error: '需要必要帮助：须为是或否' }).optional(),
    },
    { error: typeMessage('申请') },
  )
  .superRefine((a, ctx) => {
    // The chosen way of delivery needs the matching contact detail.
    if (a.delivery === 'email' && a.contact.email === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['contact', 'email'],
        message: '电子邮箱：选择电子邮件方式获取信息的，必填',
      });
    if (a.delivery === 'post' && a.contact.address === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['contact', 'address'],
        message: '通信地址：选择邮寄方式获取信息的，必填',
      });
    if (a.delivery === 'fax' && a.contact.fax === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['contact', 'fax'],
        message: '传真号码：选择传真方式获取信息的，必填',
      });
  });

export type Application = z.output<typeof ApplicationSchema>;
export type ApplicationInput = z.input<typeof ApplicationSchema>;
export type Applicant = Application['applicant'];

export interface FieldError {
  /** Dotted path of the field, e.g. 'applicant.name' ('' for the whole form). */
  path: string;
  /** Chinese message naming the field. */
  message: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export function validateApplication(input: unknown): ValidationResult<Application> {
  const r = ApplicationSchema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  };
}

/** A stable key for "the same applicant" (per-application fee counting, 办法109 Art. 4 / FEE-03). */
export function applicantKey(applicant: Applicant): string {
  return applicant.type === 'naturalPerson'
    ? `person:${applicant.idDocument.type}:${applicant.idDocument.number}`
    : `org:${applicant.creditCode}`;
}
