/**
 * The events of a case (DESIGN principle 3: an append-only list is the truth; status, clocks and
 * statistics are computed from it). Every event carries:
 *   - `on`: the legal date of the act (the date the law's periods count from), 'YYYY-MM-DD';
 *   - `at`: when it was recorded (ISO timestamp with offset);
 *   - `actor`: who recorded it.
 * Payload fields are flat on the event. The zod schema is the contract for storage and the web.
 */
import { z } from 'zod';
import type { IsoDate } from '../calendar/types.ts';
import { isIsoDate } from './dates.ts';
import { OUTCOME_CODES, type OutcomeCode } from './outcomes.ts';

export const ACTOR_ROLES = {
  clerk: { label: '经办人' },
  sectionHead: { label: '股室负责人' },
  officeHead: { label: '政府信息公开工作机构负责人' },
  leader: { label: '分管领导' },
  supervisor: { label: '政府信息公开工作主管部门' },
  admin: { label: '系统管理员' },
  applicant: { label: '申请人' },
  system: { label: '系统' },
} as const;

export type ActorRole = keyof typeof ACTOR_ROLES;
const ROLE_CODES = Object.keys(ACTOR_ROLES) as [ActorRole, ...ActorRole[]];

export const EVENT_TYPES = {
  received: { label: '收到申请' },
  receiptConfirmed: { label: '确认收到申请' },
  correctionRequested: { label: '告知补正' },
  correctionReceived: { label: '收到补正' },
  correctionLapsed: { label: '逾期未补正' },
  consultationSent: { label: '征求意见' },
  consultationAnswered: { label: '收到征求意见答复' },
  consultationLapsed: { label: '征求意见逾期未答复' },
  extensionApproved: { label: '延期答复' },
  feeNoticeSent: { label: '发出收费通知' },
  feePaid: { label: '缴纳信息处理费' },
  feeLapsed: { label: '逾期未缴费' },
  referred: { label: '转办' },
  withdrawn: { label: '撤回申请' },
  replied: { label: '作出答复' },
  reopened: { label: '重新办理' },
} as const;

export type CaseEventType = keyof typeof EVENT_TYPES;

const STAFF: ActorRole[] = ['clerk', 'sectionHead', 'officeHead', 'leader', 'admin'];

/** Who may record which event (the supervisor only reads). */
export const EVENT_ROLES: Record<CaseEventType, ActorRole[]> = {
  received: [...STAFF, 'applicant', 'system'],
  receiptConfirmed: [...STAFF, 'system'],
  correctionRequested: STAFF,
  correctionReceived: [...STAFF, 'applicant', 'system'],
  correctionLapsed: [...STAFF, 'system'],
  consultationSent: STAFF,
  consultationAnswered: STAFF,
  consultationLapsed: [...STAFF, 'system'],
  extensionApproved: STAFF,
  feeNoticeSent: STAFF,
  feePaid: [...STAFF, 'system'],
  feeLapsed: [...STAFF, 'system'],
  referred: STAFF,
  withdrawn: [...STAFF, 'applicant'],
  replied: STAFF,
  reopened: STAFF,
};

// ---------------------------------------------------------------------------------------------
// Field schemas

export const IsoDateSchema = z
  .string({ error: (i) => (i.input === undefined ? '日期：必填' : '日期：须为YYYY-MM-DD') })
  .refine(isIsoDate, { error: '日期：须为有效日期（YYYY-MM-DD）' });

const dateField = (label: string) =>
  z
    .string({ error: (i) => (i.input === undefined ? `${label}：必填` : `${label}：须为YYYY-MM-DD`) })
    .refine(isIsoDate, { error: `${label}：须为有效日期（YYYY-MM-DD）` });

const text = (label: string, max = 500) =>
  z
    .string({ error: (i) => (i.input === undefined ? `${label}：必填` : `${label}：须为文字`) })
    .trim()
    .min(1, { error: `${label}：必填` })
    .max(max, { error: `${label}：不超过${max}个字` });

const workingDays = (label: string, max: number) =>
  z
    .number({ error: `${label}：须为数字` })
    .int({ error: `${label}：须为整数` })
    .min(1, { error: `${label}：至少1个工作日` })
    .max(max, { error: `${label}：不超过${max}个工作日` });

export const ActorSchema = z.object(
  {
    id: text('登记人', 100),
    role: z.enum(ROLE_CODES, { error: '登记人角色：无效' }),
    name: text('登记人姓名', 60).optional(),
  },
  { error: '登记人：必填' },
);
export type Actor = z.infer<typeof ActorSchema>;

const outcomeEnum = z.enum(OUTCOME_CODES as [OutcomeCode, ...OutcomeCode[]], { error: '答复结果：无效' });

const base = {
  on: dateField('事件日期'),
  at: z.iso.datetime({ offset: true, error: '登记时间：须为带时区的ISO时间' }),
  actor: ActorSchema,
  note: text('备注', 2000).optional(),
};

const ev = <T extends CaseEventType, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...base, ...shape });

// ---------------------------------------------------------------------------------------------
// The events

/** The application arrived: handed in, signed for, or reached the office (letter, internet, fax). */
export const ReceivedSchema = ev('received', {});

/** Art. 31 (三)(四): the receipt date agreed with the applicant (plain letter, internet, fax). */
export const ReceiptConfirmedSchema = ev('receiptConfirmed', {
  /** How it was confirmed, e.g. '电话确认' or '系统回执'. */
  means: text('确认方式', 100).optional(),
});

/** Art. 30: the one-time 补正告知 with every item and a reasonable period (a date, or working days after `on`). */
export const CorrectionRequestedSchema = ev('correctionRequested', {
  items: z
    .array(text('补正事项', 500), { error: '补正事项：必填' })
    .min(1, { error: '补正事项：至少一项（条例第三十条：说明需要补正的事项）' }),
  dueDate: dateField('补正期限').optional(),
  dueWorkingDays: workingDays('补正期限', 60).optional(),
}).refine((e) => (e.dueDate === undefined) !== (e.dueWorkingDays === undefined), {
  error: '补正期限：须注明截止日期或工作日数（二者选一，条例第三十条：合理的补正期限）',
  path: ['dueDate'],
});

export const CorrectionReceivedSchema = ev('correctionReceived', {
  /** What the applicant supplied (the amended description is stored by the adapter). */
  supplement: text('补正内容', 2000).optional(),
  /** A good reason for a correction after the period (条例第三十条 "无正当理由逾期不补正"). */
  goodReason: text('逾期补正的正当理由', 500).optional(),
});

export const CorrectionLapsedSchema = ev('correctionLapsed', {});

export const CONSULTATION_PARTIES = {
  thirdParty: { label: '第三方', article: '条例第三十二条' },
  otherAgency: { label: '其他机关', article: '条例第三十四条' },
} as const;
export type ConsultationParty = keyof typeof CONSULTATION_PARTIES;

/** Art. 32 / 34: a written consultation. `name` identifies it among the case's consultations. */
export const ConsultationSentSchema = ev('consultationSent', {
  party: z.enum(['thirdParty', 'otherAgency'], { error: '征求对象类型：须为第三方或其他机关' }),
  name: text('征求对象名称', 200),
  /** The day the party received the letter, when known: the 15 working days run from it. */
  partyReceivedOn: dateField('对方收到征求意见书日期').optional(),
});

export const ConsultationAnsweredSchema = ev('consultationAnswered', {
  /** Which consultation; may be omitted when only one is open. */
  name: text('征求对象名称', 200).optional(),
  opinion: z.enum(['consent', 'objection', 'other'], { error: '意见：须为同意公开、不同意公开或其他' }),
});

export const ConsultationLapsedSchema = ev('consultationLapsed', {
  name: text('征求对象名称', 200).optional(),
});

/** Art. 33 ¶2: approved by the head of the disclosure office and notified to the applicant. */
export const ExtensionApprovedSchema = ev('extensionApproved', {
  days: workingDays('延长天数', 366),
  reason: text('延期理由', 500),
  approvedBy: z.object(
    {
      id: text('批准人', 100),
      role: z.enum(ROLE_CODES, { error: '批准人角色：无效' }),
      name: text('批准人姓名', 60).optional(),
    },
    { error: '批准人：必填（条例第三十三条第二款）' },
  ),
  /** The day the 延期答复告知书 was sent; defaults to `on`. */
  notifiedOn: dateField('告知申请人日期').optional(),
});

/** 办法109: the 收费通知 (one method, FEE-01). `basis` lets the amount be re-computed from the schedule. */
export const FeeNoticeSentSchema = ev('feeNoticeSent', {
  method: z.enum(['perApplication', 'perPage'], { error: '收费方式：须为按件计收或按量计收（办法第三条）' }),
  amountYuan: z
    .number({ error: '收费金额：须为数字' })
    .int({ error: '收费金额：须为整数元' })
    .min(1, { error: '收费金额：须大于0' }),
  scheduleVersion: text('收费标准版本', 100),
  pieces: z.number().int().min(1, { error: '件数：至少1件' }).optional(),
  priorPiecesThisMonth: z.number().int().min(0, { error: '本自然月此前件数：不能为负' }).optional(),
  pages: z.number().int().min(1, { error: '页数：至少1页' }).optional(),
  /** The day the applicant received the notice: the payment period runs from the next day. */
  deliveredOn: dateField('申请人收到收费通知日期').optional(),
});

export const FeePaidSchema = ev('feePaid', {
  amountYuan: z
    .number({ error: '缴费金额：须为数字' })
    .int({ error: '缴费金额：须为整数元' })
    .min(0)
    .optional(),
  receiptNo: text('票据号', 100).optional(),
});

export const FeeLapsedSchema = ev('feeLapsed', {});

/** Internal assignment to a handling unit, or forwarding to another agency (which closes the case). */
export const ReferredSchema = ev('referred', {
  scope: z.enum(['internal', 'external'], { error: '转办范围：须为本机关内部或其他机关' }),
  to: text('转办对象', 200),
  reason: text('转办理由', 500).optional(),
});

export const WithdrawnSchema = ev('withdrawn', {
  reason: text('撤回理由', 500).optional(),
});

/** The reply (答复书). `parts`: the outcome of each requested item when handled item by item. */
export const RepliedSchema = ev('replied', {
  outcome: outcomeEnum,
  parts: z.array(outcomeEnum).min(1, { error: '分项结果：至少一项' }).optional(),
  letterNo: text('答复书文号', 100).optional(),
  deliveredOn: dateField('送达日期').optional(),
  grounds: text('理由和依据', 2000).optional(),
  /** Art. 36 (五): the agency responsible, when it can be determined. */
  referredTo: text('负责公开的机关', 200).optional(),
});

/** A new handling after a reconsideration decision or a judgment (e.g. 责令重新答复). */
export const ReopenedSchema = ev('reopened', {
  decision: z.enum(['reconsideration', 'litigation'], { error: '决定类型：须为行政复议或行政诉讼' }),
  decidedOn: dateField('决定或裁判日期'),
  reviewRecordId: text('复议诉讼记录', 100).optional(),
  dueDate: dateField('重新答复期限').optional(),
  dueWorkingDays: workingDays('重新答复期限', 366).optional(),
}).refine((e) => !(e.dueDate !== undefined && e.dueWorkingDays !== undefined), {
  error: '重新答复期限：截止日期与工作日数只能填一项',
  path: ['dueDate'],
});

export const CaseEventSchema = z.discriminatedUnion(
  'type',
  [
    ReceivedSchema,
    ReceiptConfirmedSchema,
    CorrectionRequestedSchema,
    CorrectionReceivedSchema,
    CorrectionLapsedSchema,
    ConsultationSentSchema,
    ConsultationAnsweredSchema,
    ConsultationLapsedSchema,
    ExtensionApprovedSchema,
    FeeNoticeSentSchema,
    FeePaidSchema,
    FeeLapsedSchema,
    ReferredSchema,
    WithdrawnSchema,
    RepliedSchema,
    ReopenedSchema,
  ],
  { error: '事件类型：无效' },
);

export type CaseEvent = z.infer<typeof CaseEventSchema>;
export type CaseEventInput = z.input<typeof CaseEventSchema>;
export type EventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

export function parseEvent(
  input: unknown,
): { ok: true; value: CaseEvent } | { ok: false; errors: { path: string; message: string }[] } {
  const r = CaseEventSchema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  };
}

/**
 * An event as columns for storage: the common fields, and the rest as a JSON payload
 * (the store's `case_event`: type, occurred_on, recorded_at, actor_id, actor_role, payload).
 */
export interface StoredEventParts {
  type: CaseEventType;
  on: IsoDate;
  at: string;
  actor: Actor;
  payload: Record<string, unknown>;
}

export function splitEvent(e: CaseEvent): StoredEventParts {
  const { type, on, at, actor, ...payload } = e;
  return { type, on, at, actor, payload };
}

/** Rebuilds and re-validates a stored event (throws with the Chinese messages when invalid). */
export function joinEvent(parts: StoredEventParts): CaseEvent {
  const r = parseEvent({
    ...parts.payload,
    type: parts.type,
    on: parts.on,
    at: parts.at,
    actor: parts.actor,
  });
  if (!r.ok) throw new Error(`事件数据无效：${r.errors.map((x) => x.message).join('；')}`);
  return r.value;
}

export type { IsoDate };
