/**
 * The state machine of an information item: `validateItemEvent` (strict: refuses what the review
 * chain and the Regulations do not allow, with a Chinese message naming the rule), `applyItemEvent`
 * (a lenient fold: stored events are replayed as they are), `appendItemEvent` (parse + validate +
 * apply, for the store) and `projectItem` (status, public version, Art. 26 clock).
 *
 * The public version (`live`) is a copy of the fields taken by a `published` event, which is only
 * allowed after the last step of the chain approved the current version; edits after that make a
 * new version that needs the whole chain again while the public keeps seeing the old one.
 */
import type { IsoDate, WorkingCalendar } from '../calendar/types.ts';
import { shanghaiDateOf } from '../cases/dates.ts';
import { ATTRIBUTES, POLICY_KINDS, VALIDITY, type Validity } from './categories.ts';
import { type Art26Due, art26Due } from './clock.ts';
import {
  ACTOR_ROLES,
  type ActorRole,
  DEFAULT_REVIEW_CHAIN,
  ITEM_EVENT_TYPES,
  type ItemActor,
  type ItemEvent,
  type ItemEventType,
  parseItemEventInput,
  type ReviewStep,
} from './events.ts';
import {
  FIELD_LABELS,
  type FieldError,
  type ItemFields,
  parseItemChanges,
  parseItemFields,
} from './fields.ts';

export const DISCLOSURE_RULES = {
  'DIS-01': '事件须按发生顺序登记，且不得晚于登记时间',
  'DIS-02': '须先起草（或导入）信息；起草只登记一次',
  'DIS-03': '各角色可登记的事件',
  'DIS-04': '审核中的信息不能修改；修改后须重新送审',
  'DIS-05': '只有草稿、被退回或已撤下的信息可以送审',
  'DIS-06': '审核须按审核链的顺序逐级进行',
  'DIS-07': '每一级审核只能由该级指定的角色作出',
  'DIS-08': '退回须写明意见',
  'DIS-09': '经审核链最后一级批准后才能发布，此前不得公开',
  'DIS-10': '只有公开属性为“主动公开”的信息可以发布',
  'DIS-11': '政策解读与所解读的文件同步发布，不得早于文件',
  'DIS-12': '撤下已发布的信息须写明理由',
  'DIS-13': '效力状态变更须有变化，日期不早于成文日期；已发布信息的效力状态只能通过效力变更登记',
  'DIS-14': '修订只适用于规章和行政规范性文件',
} as const;
export type DisclosureRuleId = keyof typeof DISCLOSURE_RULES;

export type ItemStatus = 'draft' | 'inReview' | 'returned' | 'approved' | 'published' | 'unpublished';
export const ITEM_STATUS: Record<ItemStatus, string> = {
  draft: '草稿',
  inReview: '审核中',
  returned: '已退回',
  approved: '审核通过待发布',
  published: '已发布',
  unpublished: '已撤下',
};

const STAFF: ActorRole[] = ['clerk', 'sectionHead', 'officeHead', 'leader'];
/** Who may record which event; approvals and returns are checked against the step instead (DIS-07). */
export const ITEM_EVENT_ROLES: Record<ItemEventType, ActorRole[]> = {
  drafted: [...STAFF, 'system'],
  imported: ['officeHead', 'admin', 'system'],
  edited: [...STAFF, 'system'],
  submitted: [...STAFF, 'system'],
  approved: ['sectionHead', 'officeHead', 'leader'],
  returned: ['sectionHead', 'officeHead', 'leader'],
  published: [...STAFF, 'system'],
  unpublished: ['officeHead', 'leader'],
  validityChanged: [...STAFF, 'system'],
  amended: [...STAFF, 'system'],
};

export interface Approval {
  step: number;
  on: IsoDate;
  actor: ItemActor;
  comment?: string;
}

export interface ItemState {
  started: boolean;
  fields: ItemFields | null;
  status: ItemStatus;
  /** The chain of the current review round (as it was when submitted). */
  chain: ReviewStep[] | null;
  /** The step waiting for a decision (inReview only). */
  step: number | null;
  approvals: Approval[];
  lastReturn: { step: number; on: IsoDate; actor: ItemActor; comment: string } | null;
  /** The public version, or null when nothing is public. */
  live: ItemFields | null;
  publishedOn: IsoDate | null;
  firstPublishedOn: IsoDate | null;
  /** formedOn of the version published last: the clock of that formation is settled. */
  publishedFormedOn: IsoDate | null;
  unpublished: { on: IsoDate; reason: string } | null;
  amendments: { on: IsoDate; documentNumber?: string; note?: string }[];
  publications: { on: IsoDate; formedOn: IsoDate; deadlineOn: IsoDate | null }[];
  imported: { file: string; row: number; sha256: string } | null;
  lastOn: IsoDate | null;
  /** Events applied; and the count when the public version last changed. */
  seq: number;
  publicSeq: number;
}

export function emptyItemState(): ItemState {
  return {
    started: false,
    fields: null,
    status: 'draft',
    chain: null,
    step: null,
    approvals: [],
    lastReturn: null,
    live: null,
    publishedOn: null,
    firstPublishedOn: null,
    publishedFormedOn: null,
    unpublished: null,
    amendments: [],
    publications: [],
    imported: null,
    lastOn: null,
    seq: 0,
    publicSeq: 0,
  };
}

export type ItemCheck = { ok: true } | { ok: false; rule: DisclosureRuleId; message: string };
const fail = (rule: DisclosureRuleId, message: string): ItemCheck => ({ ok: false, rule, message });
const OK: ItemCheck = { ok: true };

/** What the machine needs to know besides the events (looked up by the store). */
export interface ItemContext {
  /** For a 政策解读 being published: whether the document it interprets is public now. */
  interpretedLive?: boolean;
}

const roleLabel = (r: ActorRole) => ACTOR_ROLES[r];
const stepName = (chain: ReviewStep[], i: number) =>
  `第${i + 1}级“${chain[i]!.label}”（${roleLabel(chain[i]!.role)}）`;

/** Checks a (parsed) event against the item so far; the first broken rule with a Chinese message. */
export function validateItemEvent(s: ItemState, e: ItemEvent, ctx: ItemContext = {}): ItemCheck {
  const label = ITEM_EVENT_TYPES[e.type];
  const recorded = shanghaiDateOf(e.at);
  if (e.on > recorded) return fail('DIS-01', `事件日期（${e.on}）不能晚于登记日期（${recorded}）`);
  if (s.lastOn && e.on < s.lastOn)
    return fail('DIS-01', `事件日期（${e.on}）不能早于上一事件的日期（${s.lastOn}）`);
  if (e.type === 'drafted' || e.type === 'imported') {
    if (s.started) return fail('DIS-02', '该信息已经起草，不能再次起草或导入');
    if (!ITEM_EVENT_ROLES[e.type].includes(e.actor.role))
      return fail('DIS-03', `“${roleLabel(e.actor.role)}”无权登记“${label}”`);
    if (e.type === 'imported' && e.publishedOn && e.publishedOn > e.on)
      return fail('DIS-01', `发布日期（${e.publishedOn}）不能晚于导入日期（${e.on}）`);
    if (e.type === 'imported' && e.publishedOn && e.fields.attribute !== 'proactive')
      return fail(
        'DIS-10',
        `公开属性为“${ATTRIBUTES[e.fields.attribute]}”的信息不能有发布日期（只有主动公开的信息才发布）`,
      );
    return OK;
  }
  if (!s.started || !s.fields) return fail('DIS-02', '须先起草（或导入）信息');
  if (e.type === 'approved' || e.type === 'returned') {
    if (s.status !== 'inReview' || !s.chain || s.step === null)
      return fail('DIS-06', `该信息不在审核中（当前状态：${ITEM_STATUS[s.status]}），不能${label}`);
    if (e.step !== s.step)
      return fail(
        'DIS-06',
        e.step >= s.chain.length
          ? `审核链只有${s.chain.length}级，没有第${e.step + 1}级`
          : `审核须按顺序进行：当前应由${stepName(s.chain, s.step)}审核，不能${e.type === 'approved' ? '先' : ''}在${stepName(s.chain, e.step)}${label}`,
      );
    const want = s.chain[s.step]!.role;
    if (e.actor.role !== want)
      return fail(
        'DIS-07',
        `${stepName(s.chain, s.step)}只能由${roleLabel(want)}作出，“${roleLabel(e.actor.role)}”无权${e.type === 'approved' ? '审核通过' : '退回'}`,
      );
    if (e.type === 'returned' && !e.comment?.trim())
      return fail('DIS-08', '退回须写明意见，说明需要修改的内容');
    return OK;
  }
  if (!ITEM_EVENT_ROLES[e.type].includes(e.actor.role))
    return fail('DIS-03', `“${roleLabel(e.actor.role)}”无权登记“${label}”`);
  switch (e.type) {
    case 'edited': {
      if (s.status === 'inReview')
        return fail('DIS-04', '审核中的信息不能修改；如需修改，请审核人退回后再改');
      if (s.firstPublishedOn && ('validity' in e.changes || 'validityOn' in e.changes))
        return fail('DIS-13', '已发布信息的效力状态不能直接修改，请登记“效力变更”（注明失效或废止日期）');
      return OK;
    }
    case 'submitted': {
      if (!['draft', 'returned', 'unpublished'].includes(s.status))
        return fail(
          'DIS-05',
          s.status === 'published'
            ? '该信息已发布且没有修改，无需送审；如需更正，请先修改'
            : `当前状态为“${ITEM_STATUS[s.status]}”，不能送审`,
        );
      if (!e.chain.length) return fail('DIS-05', '审核链为空，不能送审');
      return OK;
    }
    case 'published': {
      if (s.status !== 'approved') {
        const why =
          s.status === 'inReview' && s.chain && s.step !== null
            ? `还在${stepName(s.chain, s.step)}`
            : s.status === 'published'
              ? '该信息已发布'
              : `当前状态为“${ITEM_STATUS[s.status]}”`;
        return fail('DIS-09', `经审核链最后一级批准后才能发布：${why}`);
      }
      if (s.fields.attribute !== 'proactive')
        return fail(
          'DIS-10',
          `公开属性为“${ATTRIBUTES[s.fields.attribute]}”的信息不能主动发布；如应主动公开，请修改公开属性并重新送审`,
        );
      if (s.fields.interpretsItemId && ctx.interpretedLive === false)
        return fail('DIS-11', '政策解读须与所解读的文件同步发布：该文件尚未发布，不能先发布解读');
      const lastApproval = s.approvals[s.approvals.length - 1];
      if (lastApproval && e.on < lastApproval.on)
        return fail('DIS-09', `发布日期（${e.on}）不能早于最后一级批准的日期（${lastApproval.on}）`);
      return OK;
    }
    case 'unpublished': {
      if (!s.live) return fail('DIS-12', '该信息没有公开的版本，无需撤下');
      if (!e.reason?.trim()) return fail('DIS-12', '撤下已发布的信息须写明理由');
      return OK;
    }
    case 'validityChanged': {
      const current = s.fields.validity;
      if (current === e.validity) return fail('DIS-13', `效力状态已经是“${VALIDITY[e.validity]}”`);
      if (s.fields.writtenOn && e.on < s.fields.writtenOn)
        return fail('DIS-13', `效力变更日期（${e.on}）不能早于成文日期（${s.fields.writtenOn}）`);
      return OK;
    }
    case 'amended': {
      if (!s.fields.policyKind)
        return fail('DIS-14', `修订只适用于${Object.values(POLICY_KINDS).join('和')}；其他信息请直接修改`);
      return OK;
    }
  }
  return OK;
}

/** Folds one event into the state (lenient: does not validate). */
export function applyItemEvent(state: ItemState, e: ItemEvent): ItemState {
  const s: ItemState = { ...state, seq: state.seq + 1, lastOn: e.on };
  const publish = (fields: ItemFields, on: IsoDate) => {
    s.live = { ...fields };
    s.publishedOn = on;
    s.firstPublishedOn ??= on;
    s.publishedFormedOn = fields.formedOn;
    s.unpublished = null;
    s.status = 'published';
    s.publications = [...s.publications, { on, formedOn: fields.formedOn, deadlineOn: fields.deadlineOn }];
    s.publicSeq = s.seq;
  };
  switch (e.type) {
    case 'drafted':
      s.started = true;
      s.fields = e.fields;
      s.status = 'draft';
      break;
    case 'imported':
      s.started = true;
      s.fields = e.fields;
      s.status = 'draft';
      s.imported = e.source;
      if (e.publishedOn && e.fields.attribute === 'proactive') publish(e.fields, e.publishedOn);
      break;
    case 'edited':
      s.fields = { ...s.fields!, ...e.changes };
      s.status = 'draft';
      s.chain = null;
      s.step = null;
      s.approvals = [];
      break;
    case 'submitted':
      s.status = 'inReview';
      s.chain = e.chain;
      s.step = 0;
      s.approvals = [];
      break;
    case 'approved': {
      const a: Approval = { step: e.step, on: e.on, actor: e.actor };
      if (e.comment) a.comment = e.comment;
      s.approvals = [...s.approvals, a];
      const next = e.step + 1;
      if (s.chain && next >= s.chain.length) {
        s.status = 'approved';
        s.step = null;
      } else s.step = next;
      break;
    }
    case 'returned':
      s.status = 'returned';
      s.step = null;
      s.lastReturn = { step: e.step, on: e.on, actor: e.actor, comment: e.comment ?? '' };
      break;
    case 'published':
      publish(s.fields!, e.on);
      break;
    case 'unpublished':
      s.live = null;
      s.publishedOn = null;
      s.status = 'unpublished';
      s.unpublished = { on: e.on, reason: e.reason ?? '' };
      s.publicSeq = s.seq;
      break;
    case 'validityChanged': {
      const change = (f: ItemFields): ItemFields => ({
        ...f,
        validity: e.validity as Validity,
        validityOn: e.validity === 'valid' ? null : e.on,
      });
      s.fields = change(s.fields!);
      if (s.live) {
        s.live = change(s.live);
        s.publicSeq = s.seq;
      }
      break;
    }
    case 'amended': {
      const a: ItemState['amendments'][number] = { on: e.on };
      if (e.documentNumber) a.documentNumber = e.documentNumber;
      if (e.note) a.note = e.note;
      s.amendments = [...s.amendments, a];
      if (s.live) s.publicSeq = s.seq;
      break;
    }
  }
  return s;
}

export function replayItem(events: ItemEvent[]): ItemState {
  return events.reduce(applyItemEvent, emptyItemState());
}

export type ItemAppendResult =
  | { ok: true; event: ItemEvent; state: ItemState }
  | { ok: false; rule: DisclosureRuleId | 'SCHEMA'; message: string; errors?: FieldError[] };

/**
 * Parses, validates and applies one event. Item fields are parsed here (sanitising the body);
 * `submitted` takes the chain from the input or else `defaultChain` (the agency's chain).
 */
export function appendItemEvent(
  events: ItemEvent[],
  input: unknown,
  ctx: ItemContext & { defaultChain?: ReviewStep[] } = {},
): ItemAppendResult {
  const parsed = parseItemEventInput(input);
  if (!parsed.ok)
    return {
      ok: false,
      rule: 'SCHEMA',
      message: parsed.errors.map((x) => x.message).join('；'),
      errors: parsed.errors,
    };
  const state = replayItem(events);
  const raw = parsed.value;
  let event: ItemEvent;
  if (raw.type === 'drafted' || raw.type === 'imported') {
    const f = parseItemFields(raw.fields);
    if (!f.ok) return schemaError(f.errors);
    event = { ...raw, fields: f.value };
  } else if (raw.type === 'edited') {
    if (!state.fields) return { ok: false, rule: 'DIS-02', message: '须先起草（或导入）信息' };
    const f = parseItemChanges(state.fields, raw.changes);
    if (!f.ok) return schemaError(f.errors);
    if (!Object.keys(f.changed).length) return { ok: false, rule: 'SCHEMA', message: '没有修改任何内容' };
    event = { ...raw, changes: f.changed };
  } else if (raw.type === 'submitted') {
    event = { ...raw, chain: raw.chain ?? ctx.defaultChain ?? DEFAULT_REVIEW_CHAIN };
  } else event = raw;
  const v = validateItemEvent(state, event, ctx);
  if (!v.ok) return v;
  return { ok: true, event, state: applyItemEvent(state, event) };
}

function schemaError(errors: FieldError[]): ItemAppendResult {
  return { ok: false, rule: 'SCHEMA', message: errors.map((x) => x.message).join('；'), errors };
}

// ---------------------------------------------------------------------------------------------
// Projection

export interface ItemView {
  status: ItemStatus;
  statusLabel: string;
  fields: ItemFields;
  /** The version the public sees, or null. */
  live: ItemFields | null;
  publishedOn: IsoDate | null;
  firstPublishedOn: IsoDate | null;
  /** True when a version differs from the public one (an edit of a published item in progress). */
  pendingRevision: boolean;
  chain: ReviewStep[] | null;
  /** The step waiting for a decision, with the role that decides it. */
  waitingFor: { step: number; role: ActorRole; label: string } | null;
  approvals: Approval[];
  lastReturn: ItemState['lastReturn'];
  unpublished: ItemState['unpublished'];
  amendments: ItemState['amendments'];
  /** PRO-01: the due date of the version not yet published (null when no clock runs). */
  clock: (Art26Due & { formedOn: IsoDate }) | null;
  /** Publications after their due date (PRO-01), for the record. */
  latePublications: { on: IsoDate; dueOn: IsoDate }[];
  imported: ItemState['imported'];
  publicSeq: number;
  seq: number;
}

/**
 * Whether the Art. 26 clock runs for the current version: proactive, not yet public in this
 * formation (an edit that keeps the formed/changed date of the published version starts nothing),
 * and not deliberately taken down.
 */
export function clockRuns(s: ItemState): boolean {
  const f = s.fields;
  if (f?.attribute !== 'proactive') return false;
  if (s.status === 'published' || s.status === 'unpublished') return false;
  return s.publishedFormedOn === null || f.formedOn > s.publishedFormedOn;
}

export function projectItem(events: ItemEvent[], calendar: WorkingCalendar): ItemView {
  return viewOf(replayItem(events), calendar);
}

export function viewOf(s: ItemState, calendar: WorkingCalendar): ItemView {
  if (!s.fields) throw new Error('信息没有起草事件');
  const late: ItemView['latePublications'] = [];
  for (const p of s.publications) {
    const due = art26Due({ formedOn: p.formedOn, deadlineOn: p.deadlineOn, deadlineBasis: null }, calendar);
    if (due.dueOn && p.on > due.dueOn) late.push({ on: p.on, dueOn: due.dueOn });
  }
  return {
    status: s.status,
    statusLabel: ITEM_STATUS[s.status],
    fields: s.fields,
    live: s.live,
    publishedOn: s.publishedOn,
    firstPublishedOn: s.firstPublishedOn,
    pendingRevision: !!s.live && s.status !== 'published',
    chain: s.chain,
    waitingFor:
      s.status === 'inReview' && s.chain && s.step !== null
        ? { step: s.step, role: s.chain[s.step]!.role, label: s.chain[s.step]!.label }
        : null,
    approvals: s.approvals,
    lastReturn: s.lastReturn,
    unpublished: s.unpublished,
    amendments: s.amendments,
    clock: clockRuns(s) ? { ...art26Due(s.fields, calendar), formedOn: s.fields.formedOn } : null,
    latePublications: late,
    imported: s.imported,
    publicSeq: s.publicSeq,
    seq: s.seq,
  };
}

/** One line of an item's history in Chinese, e.g. “2026-03-02 股室负责人 张三：审核通过（第1级 股室负责人审核）”. */
export function describeItemEvent(e: ItemEvent, chain?: ReviewStep[] | null): string {
  const who = `${ACTOR_ROLES[e.actor.role]}${e.actor.name ? ` ${e.actor.name}` : ''}`;
  const what = ITEM_EVENT_TYPES[e.type];
  let detail = '';
  switch (e.type) {
    case 'edited':
      detail = Object.keys(e.changes)
        .map((k) => FIELD_LABELS[k as keyof ItemFields] ?? k)
        .join('、');
      break;
    case 'approved':
    case 'returned':
      detail = `第${e.step + 1}级${chain?.[e.step] ? ` ${chain[e.step]!.label}` : ''}${e.comment ? `；意见：${e.comment}` : ''}`;
      break;
    case 'unpublished':
      detail = `理由：${e.reason ?? ''}`;
      break;
    case 'validityChanged':
      detail = `${VALIDITY[e.validity]}${e.note ? `；${e.note}` : ''}`;
      break;
    case 'amended':
      detail = [e.documentNumber, e.note].filter(Boolean).join('；');
      break;
    case 'imported':
      detail = `${e.source.file} 第${e.source.row}行${e.publishedOn ? `；原发布日期 ${e.publishedOn}` : ''}`;
      break;
    case 'submitted':
      detail = e.chain.map((c) => c.label).join(' → ');
      break;
  }
  return `${e.on} ${who}：${what}${detail ? `（${detail}）` : ''}`;
}
