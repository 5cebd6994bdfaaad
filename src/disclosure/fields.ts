/**
 * The fields of an information item (as on real portals) and their validation: zod for each field,
 * then the rules between fields. Messages are Chinese and name the field. The body is sanitised on
 * input (sanitize.ts), so stored HTML is always allow-listed.
 */
import { z } from 'zod';
import type { IsoDate } from '../calendar/types.ts';
import { isIsoDate } from '../cases/dates.ts';
import {
  ATTRIBUTES,
  type Attribute,
  CATEGORIES,
  CATEGORY_CODES,
  POLICY_CATEGORY,
  POLICY_KINDS,
  type PolicyKind,
  VALIDITY,
  type Validity,
} from './categories.ts';
import { sanitizeHtml } from './sanitize.ts';

export interface ItemFields {
  title: string;
  /** 文号, e.g. 某府办发〔2026〕3号 */
  documentNumber: string | null;
  /** 发布机构 (defaults to the agency's name). */
  issuer: string;
  /** 成文日期 */
  writtenOn: IsoDate | null;
  /** The date the information was formed or changed: starts the Art. 26 clock (PRO-01). */
  formedOn: IsoDate;
  /** Catalogue category (categories.ts). */
  category: string;
  /** The agency's own 主题分类. */
  topic: string | null;
  attribute: Attribute;
  /** Required for 不予公开: the legal reason (条例第十四条至第十六条). */
  attributeReason: string | null;
  /** 内容概述 (Art. 12); the catalogue derives one from the body when empty. */
  summary: string | null;
  /** Sanitised HTML. */
  bodyHtml: string;
  /** 规章 / 行政规范性文件: the document is in the policy library (table 二 (一)). */
  policyKind: PolicyKind | null;
  /** 施行日期 */
  effectiveOn: IsoDate | null;
  validity: Validity | null;
  /** The date it expired or was repealed. */
  validityOn: IsoDate | null;
  /** A 政策解读: the item it interprets (published with, never before, its document). */
  interpretsItemId: number | null;
  /** Art. 26: another law's period; the date it sets and the law. */
  deadlineOn: IsoDate | null;
  deadlineBasis: string | null;
  attachmentIds: number[];
}

export const FIELD_LABELS: Record<keyof ItemFields, string> = {
  title: '标题',
  documentNumber: '文号',
  issuer: '发布机构',
  writtenOn: '成文日期',
  formedOn: '形成或变更日期',
  category: '公开类别',
  topic: '主题分类',
  attribute: '公开属性',
  attributeReason: '不予公开理由',
  summary: '内容概述',
  bodyHtml: '正文',
  policyKind: '文件类型',
  effectiveOn: '施行日期',
  validity: '效力状态',
  validityOn: '失效或废止日期',
  interpretsItemId: '所解读的文件',
  deadlineOn: '法定公开期限',
  deadlineBasis: '期限依据',
  attachmentIds: '附件',
};

export const MAX_BODY_CHARS = 2_000_000;

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

const text = (key: keyof ItemFields, max: number) =>
  z
    .string({
      error: (i) => (i.input == null ? `${FIELD_LABELS[key]}：必填` : `${FIELD_LABELS[key]}：须为文字`),
    })
    .trim()
    .min(1, { error: `${FIELD_LABELS[key]}：必填` })
    .max(max, { error: `${FIELD_LABELS[key]}：不超过${max}个字` });

const optText = (key: keyof ItemFields, max: number) =>
  z.preprocess(blankToNull, text(key, max).nullable().optional()).transform((v) => v ?? null);

const date = (key: keyof ItemFields) =>
  z
    .string({
      error: (i) => (i.input == null ? `${FIELD_LABELS[key]}：必填` : `${FIELD_LABELS[key]}：须为YYYY-MM-DD`),
    })
    .refine(isIsoDate, { error: `${FIELD_LABELS[key]}：须为有效日期（YYYY-MM-DD）` });

const optDate = (key: keyof ItemFields) =>
  z.preprocess(blankToNull, date(key).nullable().optional()).transform((v) => v ?? null);

const enumOf = <T extends string>(key: keyof ItemFields, values: Record<T, string>) =>
  z.enum(Object.keys(values) as [T, ...T[]], {
    error: `${FIELD_LABELS[key]}：应为${Object.values<string>(values).join('、')}之一`,
  });

const FieldsSchema = z.object({
  title: text('title', 200),
  documentNumber: optText('documentNumber', 100),
  issuer: text('issuer', 100),
  writtenOn: optDate('writtenOn'),
  formedOn: date('formedOn'),
  category: z.enum(CATEGORY_CODES, { error: `${FIELD_LABELS.category}：不是有效的公开类别` }),
  topic: optText('topic', 50),
  attribute: enumOf('attribute', ATTRIBUTES),
  attributeReason: optText('attributeReason', 300),
  summary: optText('summary', 500),
  bodyHtml: z
    .string({ error: `${FIELD_LABELS.bodyHtml}：须为文字` })
    .max(MAX_BODY_CHARS, { error: `${FIELD_LABELS.bodyHtml}：过长（不超过200万字符）` })
    .transform(sanitizeHtml),
  policyKind: z.preprocess(blankToNull, enumOf('policyKind', POLICY_KINDS).nullable()),
  effectiveOn: optDate('effectiveOn'),
  validity: z.preprocess(blankToNull, enumOf('validity', VALIDITY).nullable()),
  validityOn: optDate('validityOn'),
  interpretsItemId: z.preprocess(
    blankToNull,
    z
      .number({ error: `${FIELD_LABELS.interpretsItemId}：无效` })
      .int()
      .positive()
      .nullable(),
  ),
  deadlineOn: optDate('deadlineOn'),
  deadlineBasis: optText('deadlineBasis', 200),
  attachmentIds: z
    .array(
      z
        .number({ error: `${FIELD_LABELS.attachmentIds}：无效` })
        .int()
        .positive(),
      {
        error: `${FIELD_LABELS.attachmentIds}：无效`,
      },
    )
    .max(50, { error: `${FIELD_LABELS.attachmentIds}：不超过50个` }),
});

export interface FieldError {
  path: string;
  message: string;
}

export type FieldsResult = { ok: true; value: ItemFields } | { ok: false; errors: FieldError[] };

const DEFAULTS: Partial<Record<keyof ItemFields, unknown>> = {
  documentNumber: null,
  writtenOn: null,
  topic: null,
  attribute: 'proactive',
  attributeReason: null,
  summary: null,
  bodyHtml: '',
  policyKind: null,
  effectiveOn: null,
  validity: null,
  validityOn: null,
  interpretsItemId: null,
  deadlineOn: null,
  deadlineBasis: null,
  attachmentIds: [],
};

/** The rules between fields; each error names its field. */
export function crossCheck(f: ItemFields): FieldError[] {
  const errors: FieldError[] = [];
  const err = (path: keyof ItemFields, message: string) =>
    errors.push({ path, message: `${FIELD_LABELS[path]}：${message}` });
  if (f.attribute === 'withheld' && !f.attributeReason)
    err('attributeReason', '“不予公开”须写明法定理由（条例第十四条至第十六条）');
  if (f.policyKind) {
    if (f.category !== POLICY_CATEGORY)
      err('category', `${POLICY_KINDS[f.policyKind]}应归入“${CATEGORIES[POLICY_CATEGORY]!.label}”`);
    if (!f.documentNumber) err('documentNumber', `${POLICY_KINDS[f.policyKind]}须填写文号`);
    if (!f.writtenOn)
      err('writtenOn', `${POLICY_KINDS[f.policyKind]}须填写成文日期（表二“本年制发件数”按成文日期统计）`);
    if (!f.validity) err('validity', `${POLICY_KINDS[f.policyKind]}须注明效力状态（有效、失效或废止）`);
  }
  if (f.validity && f.validity !== 'valid' && !f.validityOn)
    err('validityOn', `效力状态为“${VALIDITY[f.validity]}”时须填写日期`);
  if (f.validity === 'valid' && f.validityOn) err('validityOn', '效力状态为“有效”时不填写失效或废止日期');
  if (f.validityOn && f.writtenOn && f.validityOn < f.writtenOn)
    err('validityOn', `不能早于成文日期（${f.writtenOn}）`);
  if (f.deadlineOn && !f.deadlineBasis) err('deadlineBasis', '另行规定公开期限时须写明法律、法规依据');
  if (f.deadlineOn && f.deadlineOn < f.formedOn) err('deadlineOn', `不能早于形成或变更日期（${f.formedOn}）`);
  if (new Set(f.attachmentIds).size !== f.attachmentIds.length) err('attachmentIds', '同一附件只能添加一次');
  if (f.attribute !== 'proactive' && f.interpretsItemId)
    err('attribute', '政策解读须主动公开（与所解读的文件同步发布）');
  return errors;
}

function zodErrors(e: z.ZodError): FieldError[] {
  return e.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/** Full fields from input (missing optional fields take their defaults). */
export function parseItemFields(input: unknown): FieldsResult {
  if (typeof input !== 'object' || input === null)
    return { ok: false, errors: [{ path: '', message: '信息内容：必填' }] };
  const merged: Record<string, unknown> = { ...DEFAULTS };
  for (const [k, v] of Object.entries(input)) if (v !== undefined) merged[k] = v;
  if (merged.policyKind && (merged.category === undefined || merged.category === ''))
    merged.category = POLICY_CATEGORY;
  if (merged.policyKind && (merged.validity == null || merged.validity === '')) merged.validity = 'valid';
  const r = FieldsSchema.safeParse(merged);
  if (!r.success) return { ok: false, errors: zodErrors(r.error) };
  const value = r.data as ItemFields;
  const errors = crossCheck(value);
  return errors.length ? { ok: false, errors } : { ok: true, value };
}

const KEYS = Object.keys(FIELD_LABELS) as (keyof ItemFields)[];

/** Applies changes to current fields; returns the new fields and only the keys that changed. */
export function parseItemChanges(
  current: ItemFields,
  changes: unknown,
): { ok: true; value: ItemFields; changed: Partial<ItemFields> } | { ok: false; errors: FieldError[] } {
  if (typeof changes !== 'object' || changes === null)
    return { ok: false, errors: [{ path: '', message: '修改内容：必填' }] };
  const unknown = Object.keys(changes).filter((k) => !KEYS.includes(k as keyof ItemFields));
  if (unknown.length)
    return { ok: false, errors: [{ path: unknown[0]!, message: `不认识的字段：${unknown.join('、')}` }] };
  const r = parseItemFields({ ...current, ...changes });
  if (!r.ok) return r;
  const changed: Partial<ItemFields> = {};
  for (const k of KEYS)
    if (JSON.stringify(r.value[k]) !== JSON.stringify(current[k]))
      (changed as Record<string, unknown>)[k] = r.value[k];
  return { ok: true, value: r.value, changed };
}
