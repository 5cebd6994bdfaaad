/**
 * The events of an information item (DESIGN principle 3): drafting, edits, the review chain,
 * publication, unpublication, validity changes and amendments. As for cases, every event carries
 * `on` (the legal date: e.g. the 发布日期 of `published`), `at` (when it was recorded) and `actor`.
 * Payload fields are flat on the event. Item fields inside `drafted`/`imported`/`edited` are checked
 * by fields.ts in the state machine (so their messages name the field).
 */
import { z } from 'zod';
import { isIsoDate } from '../cases/dates.ts';
import { VALIDITY, type Validity } from './categories.ts';
import type { ItemFields } from './fields.ts';

/** The staff roles of src/store/agencies.ts (ROLES), plus the system (imports, demo). */
export const ACTOR_ROLES = {
  clerk: '承办人',
  sectionHead: '股室负责人',
  officeHead: '政府信息公开工作机构负责人',
  leader: '分管领导',
  supervisor: '监督人员',
  admin: '系统管理员',
  system: '系统',
} as const;
export type ActorRole = keyof typeof ACTOR_ROLES;
const ROLE_CODES = Object.keys(ACTOR_ROLES) as [ActorRole, ...ActorRole[]];

/** The roles a review step may name. */
export const REVIEWER_ROLES = ['sectionHead', 'leader', 'officeHead'] as const;
export type ReviewerRole = (typeof REVIEWER_ROLES)[number];

export interface ReviewStep {
  role: ReviewerRole;
  /** What the step is, e.g. '保密审查'. */
  label: string;
}

/** The seed's chain: 股室负责人 → 分管领导 → 办公室 (保密审查). */
export const DEFAULT_REVIEW_CHAIN: ReviewStep[] = [
  { role: 'sectionHead', label: '股室负责人审核' },
  { role: 'leader', label: '分管领导审核' },
  { role: 'officeHead', label: '办公室保密审查' },
];

export const ITEM_EVENT_TYPES = {
  drafted: '起草',
  imported: '导入',
  edited: '修改',
  submitted: '送审',
  approved: '审核通过',
  returned: '退回',
  published: '发布',
  unpublished: '撤下',
  validityChanged: '效力变更',
  amended: '修订',
} as const;
export type ItemEventType = keyof typeof ITEM_EVENT_TYPES;

const dateField = (label: string) =>
  z
    .string({ error: (i) => (i.input === undefined ? `${label}：必填` : `${label}：须为YYYY-MM-DD`) })
    .refine(isIsoDate, { error: `${label}：须为有效日期（YYYY-MM-DD）` });

const text = (label: string, max: number) =>
  z
    .string({ error: `${label}：须为文字` })
    .trim()
    .max(max, { error: `${label}：不超过${max}个字` });

export const ItemActorSchema = z.object(
  {
    id: z.string({ error: '登记人：必填' }).trim().min(1, { error: '登记人：必填' }).max(100),
    role: z.enum(ROLE_CODES, { error: '登记人角色：无效' }),
    name: text('登记人姓名', 60).optional(),
  },
  { error: '登记人：必填' },
);
export type ItemActor = z.infer<typeof ItemActorSchema>;

const base = {
  on: dateField('事件日期'),
  at: z.iso.datetime({ offset: true, error: '登记时间：须为带时区的ISO时间' }),
  actor: ItemActorSchema,
};

const ReviewStepSchema = z.object({
  role: z.enum(REVIEWER_ROLES, {
    error: '审核环节：角色应为股室负责人、分管领导或政府信息公开工作机构负责人',
  }),
  label: z.string().trim().min(1, { error: '审核环节：须写明名称' }).max(50),
});
export const ReviewChainSchema = z
  .array(ReviewStepSchema, { error: '审核链：无效' })
  .min(1, { error: '审核链：至少一级审核' })
  .max(6, { error: '审核链：不超过6级' });

const record = z.record(z.string(), z.unknown(), { error: '信息内容：必填' });

const EventInputSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('drafted'), ...base, fields: record }),
    z.object({
      type: z.literal('imported'),
      ...base,
      fields: record,
      /** 发布日期 on the portal the item comes from (then it is public at once). */
      publishedOn: dateField('发布日期').optional(),
      source: z.object({ file: z.string().max(300), row: z.number().int(), sha256: z.string().max(64) }),
    }),
    z.object({ type: z.literal('edited'), ...base, changes: record, note: text('修改说明', 500).optional() }),
    z.object({ type: z.literal('submitted'), ...base, chain: ReviewChainSchema.optional() }),
    z.object({
      type: z.literal('approved'),
      ...base,
      step: z.number({ error: '审核级次：须为数字' }).int().min(0),
      comment: text('审核意见', 1000).optional(),
    }),
    z.object({
      type: z.literal('returned'),
      ...base,
      step: z.number({ error: '审核级次：须为数字' }).int().min(0),
      comment: text('退回意见', 1000).optional(),
    }),
    z.object({ type: z.literal('published'), ...base }),
    z.object({ type: z.literal('unpublished'), ...base, reason: text('撤下理由', 1000).optional() }),
    z.object({
      type: z.literal('validityChanged'),
      ...base,
      validity: z.enum(Object.keys(VALIDITY) as [Validity, ...Validity[]], {
        error: '效力状态：应为有效、失效、废止之一',
      }),
      /** e.g. the repealing document. */
      note: text('说明', 500).optional(),
    }),
    z.object({
      type: z.literal('amended'),
      ...base,
      documentNumber: text('修订文件文号', 100).optional(),
      note: text('说明', 500).optional(),
    }),
  ],
  { error: '事件类型：无效' },
);

export type ItemEventInput = z.infer<typeof EventInputSchema>;

/** A stored event: item fields inside are the parsed, canonical fields. */
export type ItemEvent =
  | (Omit<Extract<ItemEventInput, { type: 'drafted' }>, 'fields'> & { fields: ItemFields })
  | (Omit<Extract<ItemEventInput, { type: 'imported' }>, 'fields'> & { fields: ItemFields })
  | (Omit<Extract<ItemEventInput, { type: 'edited' }>, 'changes'> & { changes: Partial<ItemFields> })
  | (Omit<Extract<ItemEventInput, { type: 'submitted' }>, 'chain'> & { chain: ReviewStep[] })
  | Exclude<ItemEventInput, { type: 'drafted' | 'imported' | 'edited' | 'submitted' }>;

export function parseItemEventInput(
  input: unknown,
): { ok: true; value: ItemEventInput } | { ok: false; errors: { path: string; message: string }[] } {
  const r = EventInputSchema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, errors: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
}

/** Splits an event into the stored columns (type, on, at, actor) and the payload (JSON). */
export function splitItemEvent(e: ItemEvent): {
  type: ItemEventType;
  on: string;
  at: string;
  actor: ItemActor;
  payload: Record<string, unknown>;
} {
  const { type, on, at, actor, ...payload } = e;
  return { type, on, at, actor, payload };
}

export function joinItemEvent(parts: {
  type: string;
  on: string;
  at: string;
  actor: ItemActor;
  payload: Record<string, unknown>;
}): ItemEvent {
  return { type: parts.type, on: parts.on, at: parts.at, actor: parts.actor, ...parts.payload } as ItemEvent;
}
