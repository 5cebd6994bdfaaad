/**
 * The case state machine: `validateEvent` (strict: refuses an event the Regulations do not allow,
 * with a Chinese message naming the rule), `applyEvent` (a lenient fold: stored events are the truth
 * and are replayed even if a later configuration would have refused them), `appendEvent` (parse +
 * validate + apply, for the store), and `project` (status, clock, outcome, table 三 row).
 */
import type { IsoDate, WorkingCalendar } from '../calendar/types.ts';
import { CalendarCoverageError } from '../calendar/types.ts';
import {
  type ClockInput,
  type ClockPauseInput,
  consultationReplyDeadline,
  type DeadlineExplanation,
  explainClock,
} from './clock.ts';
import { type CaseConfig, CHANNELS, type Channel, defaultCaseConfig } from './config.ts';
import { minDate, shanghaiDateOf } from './dates.ts';
import {
  ACTOR_ROLES,
  type Actor,
  type CaseEvent,
  CONSULTATION_PARTIES,
  type ConsultationParty,
  EVENT_ROLES,
  EVENT_TYPES,
  type EventOf,
  parseEvent,
} from './events.ts';
import {
  computeFee,
  DEFAULT_FEE_SCHEDULES,
  type FeeMethod,
  type FeeSchedule,
  feePaymentDeadline,
  findFeeSchedule,
} from './fees.ts';
import type { Application } from './intake.ts';
import { APPLICANT_TYPES, type ApplicantType, OUTCOMES, type OutcomeCode } from './outcomes.ts';

// ---------------------------------------------------------------------------------------------
// Rules: each refusal names one of these (spec IDs where the spec has one).

export const CASE_RULES = {
  'EV-01': '事件须按发生顺序登记，且不得晚于登记时间',
  'EV-02': '须先登记收到申请；收到申请只登记一次',
  'EV-03': '办结后除经行政复议或行政诉讼重新办理外不再登记事件',
  'EV-04': '各角色可登记的事件',
  'CASE-01': '补正告知须在收到申请之日起7个工作日内一次性发出（条例第三十条）',
  'CASE-02': '答复期限自收到补正之日起重新计算；补正期间不作答复（条例第三十条）',
  'CASE-03': '无正当理由逾期不补正的，视为放弃申请（条例第三十条）',
  'CASE-04': '“补正后申请内容仍不明确”须在补正后作出（条例第三十条）',
  'CASE-05': '平常信函、互联网、传真提交的申请以确认之日为收到申请之日（条例第三十一条）',
  'CASE-06': '征求第三方和其他机关意见（条例第三十二条、第三十三条第三款、第三十四条）',
  'CASE-08': '延期答复须经机构负责人批准，只能一次，最长20个工作日（条例第三十三条第二款）',
  'CASE-10': '超过答复期限作出答复',
  'FEE-01': '每件申请只能选择一种收费标准（办法第三条），金额按收费标准计算',
  'FEE-04': '收费通知须在答复期限内发出；缴费期限为收到通知次日起20个工作日',
  'FEE-06': '逾期未缴纳的视为放弃申请（国办函〔2020〕109号）',
  'T3-04': '区分处理的申请只计“部分公开”（条例第三十七条；年度报告表三（二））',
  'T3-05': '一件申请只计一个办理结果',
  'OUT-01': '逾期未补正、逾期未缴费、撤回申请须登记相应事件',
  'REOPEN-01': '重新办理须在办结后、依据行政复议决定或裁判',
  'WD-01': '日历数据须覆盖期限所在年度',
} as const;

export type CaseRuleId = keyof typeof CASE_RULES;

export type EventCheck = { ok: true } | { ok: false; rule: CaseRuleId; message: string };

// ---------------------------------------------------------------------------------------------
// State

/** What the state machine needs to know about a case besides its events. */
export interface CaseRecord {
  id: string;
  channel: Channel;
  applicantType: ApplicantType;
}

export function caseRecordFrom(id: string, application: Application): CaseRecord {
  return { id, channel: application.channel, applicantType: application.applicant.type };
}

export type ClosureKind = 'replied' | 'withdrawn' | 'correctionLapsed' | 'feeLapsed' | 'referred';

export interface ConsultationState {
  round: number;
  name: string;
  party: ConsultationParty;
  sentOn: IsoDate;
  partyReceivedOn?: IsoDate;
  answeredOn?: IsoDate;
  opinion?: 'consent' | 'objection' | 'other';
  lapsedOn?: IsoDate;
}

export interface RoundState {
  kind: 'initial' | 'reopened';
  /** Reopened rounds: the day handling resumed (counting starts the day after). */
  start?: IsoDate;
  baseDays: number;
  fixedDue?: IsoDate;
  reopen?: { decision: 'reconsideration' | 'litigation'; decidedOn: IsoDate; reviewRecordId?: string };
  extension?: {
    approvedOn: IsoDate;
    days: number;
    reason: string;
    approvedBy: Pick<Actor, 'id' | 'role' | 'name'>;
    notifiedOn: IsoDate;
  };
}

export interface FeeState {
  round: number;
  noticeOn: IsoDate;
  deliveredOn?: IsoDate;
  method: FeeMethod;
  amountYuan: number;
  scheduleVersion: string;
  paidOn?: IsoDate;
  paidYuan?: number;
  lapsedOn?: IsoDate;
}

export interface Conclusion {
  on: IsoDate;
  kind: ClosureKind;
  outcome: OutcomeCode;
  round: number;
}

export interface CaseState {
  record: CaseRecord;
  eventCount: number;
  lastOn?: IsoDate;
  /** The day the application arrived (handed in, signed for, or reached the office). */
  arrivedOn?: IsoDate;
  confirmedOn?: IsoDate;
  /** 收到申请之日 (Art. 31): arrival, or confirmation for the channels that need one. */
  receivedDate?: IsoDate;
  correction?: {
    requestedOn: IsoDate;
    items: string[];
    dueDate?: IsoDate;
    dueWorkingDays?: number;
    receivedOn?: IsoDate;
    /** What the applicant supplied (correctionReceived): the application as amended. */
    supplement?: string;
    lapsedOn?: IsoDate;
  };
  consultations: ConsultationState[];
  fee?: FeeState;
  referrals: { on: IsoDate; scope: 'internal' | 'external'; to: string }[];
  rounds: RoundState[];
  closure?: Conclusion;
  conclusions: Conclusion[];
}

export type CaseStatus =
  | 'notReceived'
  | 'awaitingConfirmation'
  | 'open'
  | 'awaitingCorrection'
  | 'inConsultation'
  | 'awaitingFee'
  | 'replied'
  | 'referred'
  | 'closed'
  | 'withdrawn';

export const STATUS_LABELS: Record<CaseStatus, string> = {
  notReceived: '未收到',
  awaitingConfirmation: '待确认收到日期',
  open: '办理中',
  awaitingCorrection: '待补正',
  inConsultation: '征求意见中',
  awaitingFee: '待缴费',
  replied: '已答复',
  referred: '已转送其他机关',
  closed: '已终止（不再处理）',
  withdrawn: '已撤回',
};

export interface CaseContext {
  calendar: WorkingCalendar;
  config?: CaseConfig;
  feeSchedules?: FeeSchedule[];
}

export function initialState(record: CaseRecord, config: CaseConfig = defaultCaseConfig()): CaseState {
  return {
    record,
    eventCount: 0,
    consultations: [],
    referrals: [],
    rounds: [{ kind: 'initial', baseDays: config.rules.replyWorkingDays }],
    conclusions: [],
  };
}

const currentRound = (s: CaseState) => s.rounds.length - 1;
const round = (s: CaseState) => s.rounds[s.rounds.length - 1]!;

const needsConfirmation = (s: CaseState, config: CaseConfig) =>
  config.rules.confirmationChannels.includes(s.record.channel);

const openConsultations = (s: CaseState) =>
  s.consultations.filter(
    (c) => c.round === currentRound(s) && c.answeredOn === undefined && c.lapsedOn === undefined,
  );

const correctionPending = (s: CaseState) =>
  s.correction !== undefined && s.correction.receivedOn === undefined && s.correction.lapsedOn === undefined;

const feePending = (s: CaseState) =>
  s.fee !== undefined &&
  s.fee.round === currentRound(s) &&
  s.fee.paidOn === undefined &&
  s.fee.lapsedOn === undefined;

export function statusOf(s: CaseState): CaseStatus {
  if (s.arrivedOn === undefined) return 'notReceived';
  if (s.closure) {
    const k = s.closure.kind;
    return k === 'replied'
      ? 'replied'
      : k === 'withdrawn'
        ? 'withdrawn'
        : k === 'referred'
          ? 'referred'
          : 'closed';
  }
  if (s.receivedDate === undefined) return 'awaitingConfirmation';
  if (correctionPending(s)) return 'awaitingCorrection';
  if (feePending(s)) return 'awaitingFee';
  if (openConsultations(s).length) return 'inConsultation';
  return 'open';
}

function close(s: CaseState, on: IsoDate, kind: ClosureKind, outcome: OutcomeCode): CaseState {
  const c: Conclusion = { on, kind, outcome, round: currentRound(s) };
  return { ...s, closure: c, conclusions: [...s.conclusions, c] };
}

function findConsultation(s: CaseState, name: string | undefined): ConsultationState | undefined {
  const open = openConsultations(s);
  if (name === undefined) return open.length === 1 ? open[0] : undefined;
  return open.find((c) => c.name === name);
}

/**
 * Folds one event into the state. Lenient: it never refuses (validation happens on append), so a
 * stored history always replays.
 */
export function applyEvent(state: CaseState, event: CaseEvent, ctx?: Partial<CaseContext>): CaseState {
  const config = ctx?.config ?? defaultCaseConfig();
  let s: CaseState = { ...state, eventCount: state.eventCount + 1, lastOn: event.on };
  switch (event.type) {
    case 'received':
      if (s.arrivedOn === undefined) {
        s.arrivedOn = event.on;
        if (!needsConfirmation(s, config)) s.receivedDate = event.on;
      }
      return s;
    case 'receiptConfirmed':
      if (s.confirmedOn === undefined) {
        s.confirmedOn = event.on;
        s.receivedDate = event.on;
      }
      return s;
    case 'correctionRequested':
      s.correction = {
        requestedOn: event.on,
        items: event.items,
        ...(event.dueDate !== undefined ? { dueDate: event.dueDate } : {}),
        ...(event.dueWorkingDays !== undefined ? { dueWorkingDays: event.dueWorkingDays } : {}),
      };
      return s;
    case 'correctionReceived':
      if (s.correction)
        s.correction = {
          ...s.correction,
          receivedOn: event.on,
          ...(event.supplement ? { supplement: event.supplement } : {}),
        };
      return s;
    case 'correctionLapsed':
      if (s.correction) s.correction = { ...s.correction, lapsedOn: event.on };
      return close(s, event.on, 'correctionLapsed', 'correctionLapsed');
    case 'consultationSent':
      s.consultations = [
        ...s.consultations,
        {
          round: currentRound(s),
          name: event.name,
          party: event.party,
          sentOn: event.on,
          ...(event.partyReceivedOn !== undefined ? { partyReceivedOn: event.partyReceivedOn } : {}),
        },
      ];
      return s;
    case 'consultationAnswered':
    case 'consultationLapsed': {
      const c = findConsultation(s, event.name);
      if (!c) return s;
      const updated: ConsultationState =
        event.type === 'consultationAnswered'
          ? { ...c, answeredOn: event.on, opinion: event.opinion }
          : { ...c, lapsedOn: event.on };
      s.consultations = s.consultations.map((x) => (x === c ? updated : x));
      return s;
    }
    case 'extensionApproved': {
      const r = round(s);
      if (r.extension) return s;
      s.rounds = [
        ...s.rounds.slice(0, -1),
        {
          ...r,
          extension: {
            approvedOn: event.on,
            days: event.days,
            reason: event.reason,
            approvedBy: event.approvedBy,
            notifiedOn: event.notifiedOn ?? event.on,
          },
        },
      ];
      return s;
    }
    case 'feeNoticeSent':
      if (s.fee) return s;
      s.fee = {
        round: currentRound(s),
        noticeOn: event.on,
        method: event.method,
        amountYuan: event.amountYuan,
        scheduleVersion: event.scheduleVersion,
        ...(event.deliveredOn !== undefined ? { deliveredOn: event.deliveredOn } : {}),
      };
      return s;
    case 'feePaid':
      if (s.fee)
        s.fee = {
          ...s.fee,
          paidOn: event.on,
          ...(event.amountYuan !== undefined ? { paidYuan: event.amountYuan } : {}),
        };
      return s;
    case 'feeLapsed':
      if (s.fee) s.fee = { ...s.fee, lapsedOn: event.on };
      return close(s, event.on, 'feeLapsed', 'feeLapsed');
    case 'referred':
      s.referrals = [...s.referrals, { on: event.on, scope: event.scope, to: event.to }];
      return event.scope === 'external' ? close(s, event.on, 'referred', config.externalReferralOutcome) : s;
    case 'withdrawn':
      return close(s, event.on, 'withdrawn', 'withdrawn');
    case 'replied':
      return close(s, event.on, 'replied', event.outcome);
    case 'reopened': {
      const { closure: _, ...rest } = s;
      s = rest;
      s.rounds = [
        ...s.rounds,
        {
          kind: 'reopened',
          start: event.on,
          baseDays: event.dueWorkingDays ?? config.reopenWorkingDays,
          ...(event.dueDate !== undefined ? { fixedDue: event.dueDate } : {}),
          reopen: {
            decision: event.decision,
            decidedOn: event.decidedOn,
            ...(event.reviewRecordId !== undefined ? { reviewRecordId: event.reviewRecordId } : {}),
          },
        },
      ];
      return s;
    }
  }
}

export function replay(record: CaseRecord, events: CaseEvent[], ctx?: Partial<CaseContext>): CaseState {
  const config = ctx?.config ?? defaultCaseConfig();
  return events.reduce((s, e) => applyEvent(s, e, { ...ctx, config }), initialState(record, config));
}

// ---------------------------------------------------------------------------------------------
// Clock

/** The clock of the current round, or null when it is not running (not received/confirmed, awaiting correction). */
export function clockInput(s: CaseState, calendar: WorkingCalendar, config: CaseConfig): ClockInput | null {
  if (s.receivedDate === undefined) return null;
  const r = round(s);
  const idx = currentRound(s);
  let kind: ClockInput['kind'];
  let start: IsoDate;
  if (r.kind === 'reopened') {
    kind = 'reopened';
    start = r.start!;
  } else if (s.correction?.receivedOn !== undefined) {
    kind = 'afterCorrection';
    start = s.correction.receivedOn;
  } else if (correctionPending(s) || s.correction?.lapsedOn !== undefined) {
    return null;
  } else {
    kind = 'initial';
    start = s.receivedDate;
  }
  const pauses: ClockPauseInput[] = s.consultations
    .filter((c) => c.round === idx)
    .map((c) => {
      const limit = consultationReplyDeadline(c.sentOn, c.partyReceivedOn, calendar, config);
      const end = c.answeredOn !== undefined ? minDate(c.answeredOn, limit) : limit;
      return {
        from: c.sentOn,
        to: end,
        reason: 'consultation' as const,
        party: c.party,
        name: c.name,
        open: c.answeredOn === undefined && c.lapsedOn === undefined,
      };
    });
  if (config.feePausesClock && s.fee && s.fee.round === idx) {
    const deadline = feePaymentDeadline(
      s.fee.deliveredOn ?? s.fee.noticeOn,
      calendar,
      config.rules.feePaymentWorkingDays,
    );
    pauses.push({
      from: s.fee.noticeOn,
      to: s.fee.paidOn ?? deadline,
      reason: 'fee',
      open: s.fee.paidOn === undefined && s.fee.lapsedOn === undefined,
    });
  }
  return {
    kind,
    receivedDate: s.receivedDate,
    start,
    baseDays: r.baseDays,
    ...(r.extension
      ? {
          extension: {
            days: r.extension.days,
            approvedBy: r.extension.approvedBy,
            approvedOn: r.extension.approvedOn,
            reason: r.extension.reason,
          },
        }
      : {}),
    pauses,
    ...(r.fixedDue !== undefined ? { fixedDue: r.fixedDue } : {}),
    ...(r.reopen ? { reopen: { decision: r.reopen.decision, decidedOn: r.reopen.decidedOn } } : {}),
  };
}

/** The explanation of the current deadline, or null while the clock is not running. */
export function explainDeadline(
  s: CaseState,
  calendar: WorkingCalendar,
  config: CaseConfig = defaultCaseConfig(),
): DeadlineExplanation | null {
  const input = clockInput(s, calendar, config);
  return input ? explainClock(input, calendar) : null;
}

function correctionDue(s: CaseState, calendar: WorkingCalendar): IsoDate | undefined {
  const c = s.correction;
  if (!c) return undefined;
  return c.dueDate ?? calendar.addWorkingDays(c.requestedOn, c.dueWorkingDays!);
}

function feeDeadline(s: CaseState, calendar: WorkingCalendar, config: CaseConfig): IsoDate | undefined {
  if (!s.fee) return undefined;
  return feePaymentDeadline(
    s.fee.deliveredOn ?? s.fee.noticeOn,
    calendar,
    config.rules.feePaymentWorkingDays,
  );
}

// ---------------------------------------------------------------------------------------------
// Validation

const fail = (rule: CaseRuleId, message: string): EventCheck => ({ ok: false, rule, message });
const OK: EventCheck = { ok: true };

const CLOSURE_LABELS: Record<ClosureKind, string> = {
  replied: '作出答复',
  withdrawn: '撤回申请',
  correctionLapsed: '逾期未补正',
  feeLapsed: '逾期未缴费',
  referred: '转送其他机关',
};

const FEE_RULE = '（国办函〔2020〕109号）';

/**
 * Checks an event against the case so far. Returns the first broken rule with a Chinese message.
 * Throws nothing: a calendar gap is reported as WD-01.
 */
export function validateEvent(state: CaseState, event: CaseEvent, ctx: CaseContext): EventCheck {
  const config = ctx.config ?? defaultCaseConfig();
  try {
    return check(state, event, ctx.calendar, config, ctx.feeSchedules ?? DEFAULT_FEE_SCHEDULES);
  } catch (e) {
    if (e instanceof CalendarCoverageError)
      return fail(
        'WD-01',
        `日历数据未覆盖${e.year}年，无法计算期限；请先录入该年度节假日安排（${e.message}）`,
      );
    throw e;
  }
}

function check(
  s: CaseState,
  e: CaseEvent,
  cal: WorkingCalendar,
  config: CaseConfig,
  schedules: FeeSchedule[],
): EventCheck {
  // Who, when, in which order.
  if (!EVENT_ROLES[e.type].includes(e.actor.role))
    return fail('EV-04', `“${ACTOR_ROLES[e.actor.role].label}”无权登记“${EVENT_TYPES[e.type].label}”`);
  const recorded = shanghaiDateOf(e.at);
  if (e.on > recorded) return fail('EV-01', `事件日期（${e.on}）不能晚于登记日期（${recorded}）`);
  if (s.lastOn !== undefined && e.on < s.lastOn)
    return fail('EV-01', `事件日期（${e.on}）早于本案上一事件的日期（${s.lastOn}），请按发生顺序登记`);

  if (e.type === 'received') {
    if (s.arrivedOn !== undefined) return fail('EV-02', `本案已于${s.arrivedOn}登记收到申请`);
    return OK;
  }
  if (s.arrivedOn === undefined) return fail('EV-02', '须先登记收到申请');

  if (s.closure && e.type !== 'reopened')
    return fail(
      'EV-03',
      `本案已于${s.closure.on}办结（${CLOSURE_LABELS[s.closure.kind]}），除经行政复议或行政诉讼后重新办理外，不能再登记事件`,
    );

  const channel = CHANNELS[s.record.channel].label;
  if (e.type === 'receiptConfirmed') {
    if (!needsConfirmation(s, config))
      return fail(
        'CASE-05',
        `${channel}的申请以${s.record.channel === 'registeredPost' ? '签收之日' : '提交之日'}为收到申请之日，无需确认（条例第三十一条）`,
      );
    if (s.confirmedOn !== undefined) return fail('CASE-05', `本案已于${s.confirmedOn}确认收到申请日期`);
    return OK;
  }
  if (e.type === 'withdrawn') return OK;
  if (s.receivedDate === undefined)
    return fail(
      'CASE-05',
      `以${channel}方式提交的申请，须先与申请人确认收到日期，答复期限自确认之日起算（条例第三十一条）`,
    );
  if (e.type === 'reopened') return checkReopened(s, e);

  const clock = clockInput(s, cal, config);
  const due = clock ? explainClock(clock, cal).due : undefined;

  switch (e.type) {
    case 'correctionRequested': {
      if (s.correction)
        return fail(
          'CASE-01',
          `补正告知应一次性发出（条例第三十条），本案已于${s.correction.requestedOn}告知补正`,
        );
      const last = cal.addWorkingDays(s.receivedDate, config.rules.correctionNoticeWorkingDays);
      if (e.on > last)
        return fail(
          'CASE-01',
          `补正告知须在收到申请之日起${config.rules.correctionNoticeWorkingDays}个工作日内一次性发出（条例第三十条），本案最迟应于${last}发出`,
        );
      if (e.dueDate !== undefined && e.dueDate <= e.on)
        return fail('CASE-01', '补正期限须晚于告知日期（条例第三十条：合理的补正期限）');
      return OK;
    }
    case 'correctionReceived': {
      if (!correctionPending(s)) return fail('CASE-02', '本案没有待补正的告知');
      const cdue = correctionDue(s, cal)!;
      if (e.on > cdue && e.goodReason === undefined)
        return fail(
          'CASE-03',
          `补正期限已于${cdue}届满，申请人无正当理由逾期不补正的，视为放弃申请（条例第三十条）；如有正当理由，请注明`,
        );
      return OK;
    }
    case 'correctionLapsed': {
      if (!correctionPending(s)) return fail('CASE-03', '本案没有待补正的告知');
      const cdue = correctionDue(s, cal)!;
      if (e.on <= cdue)
        return fail('CASE-03', `补正期限至${cdue}届满，届满前不能按逾期未补正处理（条例第三十条）`);
      return OK;
    }
    case 'consultationSent': {
      if (correctionPending(s))
        return fail('CASE-02', '申请内容待补正，须在补正后再征求意见（条例第三十条）');
      if (openConsultations(s).some((c) => c.name === e.name))
        return fail('CASE-06', `已向“${e.name}”征求意见，尚未答复或届满`);
      if (e.partyReceivedOn !== undefined && e.partyReceivedOn < e.on)
        return fail('CASE-06', '对方收到征求意见书的日期不能早于发出日期');
      return OK;
    }
    case 'consultationAnswered':
    case 'consultationLapsed': {
      const open = openConsultations(s);
      if (!open.length) return fail('CASE-06', '本案没有正在进行的征求意见');
      const c = findConsultation(s, e.name);
      if (!c)
        return fail(
          'CASE-06',
          e.name === undefined
            ? '有多项征求意见正在进行，请注明征求对象名称'
            : `没有正在进行的向“${e.name}”的征求意见`,
        );
      if (e.type === 'consultationLapsed') {
        const limit = consultationReplyDeadline(c.sentOn, c.partyReceivedOn, cal, config);
        const art = CONSULTATION_PARTIES[c.party].article;
        if (e.on <= limit)
          return fail(
            'CASE-06',
            `征求意见的答复期限（自收到征求意见书之日起${config.rules.consultationReplyWorkingDays}个工作日，${art}）至${limit}届满，届满前不能按逾期未答复处理`,
          );
      }
      return OK;
    }
    case 'extensionApproved': {
      if (e.approvedBy.role !== 'officeHead')
        return fail('CASE-08', '延期答复须经政府信息公开工作机构负责人批准（条例第三十三条第二款）');
      if (round(s).extension) return fail('CASE-08', '延期答复只能一次（条例第三十三条第二款）');
      if (e.days > config.rules.maxExtensionWorkingDays)
        return fail(
          'CASE-08',
          `延长的期限最长不得超过${config.rules.maxExtensionWorkingDays}个工作日（条例第三十三条第二款）`,
        );
      if (!clock || due === undefined)
        return fail('CASE-02', '申请内容待补正，答复期限尚未起算，不能延期（条例第三十条）');
      if (clock.fixedDue !== undefined)
        return fail('CASE-08', '重新答复期限由行政复议决定或裁判确定，不能延期');
      if (config.extensionMustPrecedeDue && e.on > due)
        return fail(
          'CASE-08',
          `延期答复须在答复期限届满前经批准并告知申请人（条例第三十三条第二款），本案答复期限已于${due}届满`,
        );
      if (e.notifiedOn !== undefined && e.notifiedOn < e.on)
        return fail('CASE-08', '告知申请人日期不能早于批准日期');
      return OK;
    }
    case 'feeNoticeSent': {
      if (s.fee)
        return fail(
          'FEE-01',
          `本案已于${s.fee.noticeOn}发出收费通知；每件申请只能选择一种收费标准，不得同时按照两种标准重复计算（办法第三条）`,
        );
      if (!clock || due === undefined)
        return fail('FEE-04', '申请内容待补正，答复期限尚未起算，不能发出收费通知');
      if (e.on > due) return fail('FEE-04', `收费通知须在答复期限内发出${FEE_RULE}，本案答复期限至${due}`);
      if (e.deliveredOn !== undefined && e.deliveredOn < e.on)
        return fail('FEE-04', '申请人收到收费通知的日期不能早于发出日期');
      const schedule = findFeeSchedule(e.scheduleVersion, schedules);
      if (!schedule) return fail('FEE-01', `未找到收费标准“${e.scheduleVersion}”`);
      if (
        s.receivedDate < schedule.effectiveFrom ||
        (schedule.effectiveTo && s.receivedDate >= schedule.effectiveTo)
      )
        return fail('FEE-01', `收费标准“${e.scheduleVersion}”不适用于${s.receivedDate}收到的申请`);
      let fee: ReturnType<typeof computeFee>;
      if (e.method === 'perPage') {
        if (e.pages === undefined || e.pieces !== undefined || e.priorPiecesThisMonth !== undefined)
          return fail('FEE-01', '按量计收须注明页数，不得同时按件计收（办法第三条）');
        fee = computeFee({ method: 'perPage', pages: e.pages }, schedule);
      } else {
        if (e.pieces === undefined || e.priorPiecesThisMonth === undefined || e.pages !== undefined)
          return fail('FEE-01', '按件计收须注明件数和申请人本自然月此前件数，不得同时按量计收（办法第三条）');
        fee = computeFee(
          { method: 'perApplication', pieces: e.pieces, priorPiecesThisMonth: e.priorPiecesThisMonth },
          schedule,
        );
      }
      if (fee.amountYuan !== e.amountYuan)
        return fail('FEE-01', `收费金额${e.amountYuan}元与收费标准不符：${fee.basis}`);
      return OK;
    }
    case 'feePaid': {
      if (!feePending(s)) return fail('FEE-06', '本案没有待缴纳的信息处理费');
      const deadline = feeDeadline(s, cal, config)!;
      if (e.on > deadline)
        return fail(
          'FEE-06',
          `缴费期限（收到收费通知次日起${config.rules.feePaymentWorkingDays}个工作日）已于${deadline}届满，逾期未缴纳的视为放弃申请${FEE_RULE}`,
        );
      if (e.amountYuan !== undefined && e.amountYuan !== s.fee!.amountYuan)
        return fail('FEE-06', `缴费金额（${e.amountYuan}元）与收费通知金额（${s.fee!.amountYuan}元）不符`);
      return OK;
    }
    case 'feeLapsed': {
      if (!feePending(s)) return fail('FEE-06', '本案没有待缴纳的信息处理费');
      const deadline = feeDeadline(s, cal, config)!;
      if (e.on <= deadline)
        return fail('FEE-06', `缴费期限至${deadline}届满，届满前不能按逾期未缴费处理${FEE_RULE}`);
      return OK;
    }
    case 'referred':
      return OK;
    case 'replied':
      return checkReplied(s, e, config);
  }
}

function checkReplied(s: CaseState, e: EventOf<'replied'>, config: CaseConfig): EventCheck {
  if (e.outcome === 'correctionLapsed' || e.outcome === 'feeLapsed' || e.outcome === 'withdrawn')
    return fail(
      'OUT-01',
      `“${OUTCOMES[e.outcome].label}”须登记相应事件（逾期未补正、逾期未缴费或撤回申请），不能作为答复结果`,
    );
  if (correctionPending(s))
    return fail('CASE-02', '申请人补正期间不能作出答复；请登记收到补正或逾期未补正（条例第三十条）');
  if (openConsultations(s).length)
    return fail('CASE-06', '征求意见尚未答复或届满，不能作出答复（条例第三十二条、第三十四条）');
  if (feePending(s)) return fail('FEE-06', `已发出收费通知，须待缴费或缴费期限届满后再处理${FEE_RULE}`);
  if (e.outcome === 'stillUnclear' && s.correction?.receivedOn === undefined)
    return fail('CASE-04', '“补正后申请内容仍不明确”须在申请人补正后作出（条例第三十条）');
  if (e.parts) {
    const expected = resolveOutcome(e.parts, config);
    if (expected !== e.outcome)
      return expected === 'partlyDisclosed'
        ? fail(
            'T3-04',
            '区分处理的申请只计“部分公开”一项（条例第三十七条；年度报告表三（二）），本答复应登记为“部分公开”',
          )
        : fail(
            'T3-05',
            `按各项的办理结果，本答复应登记为“${OUTCOMES[expected].label}”（一件申请只计一个办理结果）`,
          );
  }
  return OK;
}

function checkReopened(s: CaseState, e: EventOf<'reopened'>): EventCheck {
  if (!s.closure) return fail('REOPEN-01', '本案尚未办结，无需重新办理');
  if (s.closure.kind === 'withdrawn') return fail('REOPEN-01', '申请已撤回，不能重新办理');
  if (e.decidedOn > e.on) return fail('REOPEN-01', '重新办理日期不能早于决定或裁判日期');
  if (e.decidedOn < s.closure.on)
    return fail('REOPEN-01', `决定或裁判日期不能早于本案办结日期（${s.closure.on}）`);
  if (e.dueDate !== undefined && e.dueDate <= e.on)
    return fail('REOPEN-01', '重新答复期限须晚于重新办理日期');
  return OK;
}

const DISCLOSING: ReadonlySet<OutcomeCode> = new Set<OutcomeCode>(['disclosed', 'alreadyPublic']);

/**
 * The one outcome of a reply handled item by item (T3-04, T3-05): any mix of provided and not
 * provided items is 部分公开; otherwise the configured precedence, or the first item (main request).
 */
export function resolveOutcome(parts: OutcomeCode[], config: CaseConfig = defaultCaseConfig()): OutcomeCode {
  if (parts.length === 0) throw new Error('分项结果：至少一项');
  if (parts.includes('partlyDisclosed')) return 'partlyDisclosed';
  const some = parts.some((p) => DISCLOSING.has(p));
  const all = parts.every((p) => DISCLOSING.has(p));
  if (some && !all) return 'partlyDisclosed';
  if (all) return parts.includes('disclosed') ? 'disclosed' : 'alreadyPublic';
  if (config.outcomePrecedence) {
    const first = config.outcomePrecedence.find((c) => parts.includes(c));
    if (first) return first;
  }
  return parts[0]!;
}

// ---------------------------------------------------------------------------------------------
// Append (for the store)

export type AppendResult =
  | { ok: true; event: CaseEvent; events: CaseEvent[]; state: CaseState }
  | { ok: false; rule: CaseRuleId | 'SCHEMA'; message: string; errors?: { path: string; message: string }[] };

/** Parses, validates and appends one event; the store persists `event` when ok. */
export function appendEvent(
  record: CaseRecord,
  events: CaseEvent[],
  input: unknown,
  ctx: CaseContext,
): AppendResult {
  const parsed = parseEvent(input);
  if (!parsed.ok)
    return {
      ok: false,
      rule: 'SCHEMA',
      message: parsed.errors.map((x) => x.message).join('；'),
      errors: parsed.errors,
    };
  const state = replay(record, events, ctx);
  const v = validateEvent(state, parsed.value, ctx);
  if (!v.ok) return v;
  return {
    ok: true,
    event: parsed.value,
    events: [...events, parsed.value],
    state: applyEvent(state, parsed.value, ctx),
  };
}

// ---------------------------------------------------------------------------------------------
// Projection

export interface CaseWarning {
  rule: string;
  message: string;
}

/**
 * What table 三 needs from one case, shaped like `CaseFacts` of src/report/compile.ts
 * (`t3CellsOfCase({ id, number, ...view.statistics }, year)`).
 */
export interface CaseStatistics {
  applicantType: ApplicantType;
  /** Table 三 column of the applicant type (c1…c6). */
  column: string;
  /** 收到申请之日 (Art. 31); null until confirmed. */
  receivedOn: IsoDate | null;
  /**
   * The conclusion counted in table 三: the first one. A case reopened after a review decision is
   * not counted again, so that R2 of a year stays R4 of the year before (T3-06, XY-01).
   */
  concludedOn: IsoDate | null;
  outcome: OutcomeCode | null;
  /** Table 三 row of that outcome by the configured mapping. */
  tableRow: string | null;
}

export interface CaseView {
  caseId: string;
  channel: Channel;
  applicantType: ApplicantType;
  status: CaseStatus;
  statusLabel: string;
  arrivedOn?: IsoDate;
  confirmedOn?: IsoDate;
  /** 收到申请之日 (Art. 31). */
  receivedDate?: IsoDate;
  /** Counting starts the day after (receipt, correction or reopening). */
  clockStart?: IsoDate;
  dueDate?: IsoDate;
  dueProvisional: boolean;
  /** Current round: replied after the due date, or (open) `asOf` after it. */
  overdue: boolean;
  /** The latest conclusion (current state). */
  concludedOn?: IsoDate;
  outcome?: OutcomeCode;
  outcomeLabel?: string;
  tableRow?: string;
  conclusions: (Conclusion & { row: string })[];
  correction?: NonNullable<CaseState['correction']> & { dueDate?: IsoDate };
  /** CASE-01: the last day for the 补正 notice (7 working days after receipt). */
  correctionNoticeDeadline?: IsoDate;
  consultations: (ConsultationState & { replyDeadline?: IsoDate })[];
  extension?: RoundState['extension'];
  fee?: FeeState & { paymentDeadline?: IsoDate };
  referrals: CaseState['referrals'];
  deadline: DeadlineExplanation | null;
  statistics: CaseStatistics;
  warnings: CaseWarning[];
  eventCount: number;
}

export interface ProjectOptions {
  /** Today, for `overdue` of open cases. */
  asOf?: IsoDate;
}

/** Calls `f`, turning a calendar gap into a warning (WD-01) and `undefined`. */
function guarded<T>(warnings: CaseWarning[], f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof CalendarCoverageError) {
      if (!warnings.some((w) => w.rule === 'WD-01')) warnings.push({ rule: 'WD-01', message: e.message });
      return undefined;
    }
    throw e;
  }
}

export function project(
  record: CaseRecord,
  events: CaseEvent[],
  calendar: WorkingCalendar,
  config: CaseConfig = defaultCaseConfig(),
  options: ProjectOptions = {},
): CaseView {
  const s = replay(record, events, { config });
  const warnings: CaseWarning[] = [];
  const status = statusOf(s);
  const deadline = guarded(warnings, () => explainDeadline(s, calendar, config)) ?? null;
  const row = (o: OutcomeCode) => config.outcomeMapping[o];

  const current = s.closure?.round === s.rounds.length - 1 ? s.closure : undefined;
  let overdue = false;
  if (deadline) {
    if (current)
      overdue = current.on > deadline.due && (current.kind === 'replied' || current.kind === 'referred');
    else if (!s.closure && options.asOf !== undefined) overdue = options.asOf > deadline.due;
    if (overdue)
      warnings.push({
        rule: 'CASE-10',
        message: current
          ? `答复日期（${current.on}）晚于答复期限（${deadline.due}）`
          : `已超过答复期限（${deadline.due}）`,
      });
  }

  if (
    s.confirmedOn !== undefined &&
    s.arrivedOn !== undefined &&
    s.confirmedOn !== s.arrivedOn &&
    config.rules.sameDayConfirmationChannels.includes(record.channel)
  )
    warnings.push({
      rule: 'CASE-05',
      message: `平常信函应于收到当日与申请人确认（条例第三十一条），本案${s.arrivedOn}收到、${s.confirmedOn}确认`,
    });

  const correction = s.correction
    ? {
        ...s.correction,
        ...optional(
          'dueDate',
          guarded(warnings, () => correctionDue(s, calendar)),
        ),
      }
    : undefined;
  const correctionNoticeDeadline =
    s.receivedDate !== undefined
      ? guarded(warnings, () =>
          calendar.addWorkingDays(s.receivedDate!, config.rules.correctionNoticeWorkingDays),
        )
      : undefined;

  const first = s.conclusions[0];
  const view: CaseView = {
    caseId: record.id,
    channel: record.channel,
    applicantType: record.applicantType,
    status,
    statusLabel: STATUS_LABELS[status],
    ...optional('arrivedOn', s.arrivedOn),
    ...optional('confirmedOn', s.confirmedOn),
    ...optional('receivedDate', s.receivedDate),
    ...optional('clockStart', deadline?.start),
    ...optional('dueDate', deadline?.due),
    dueProvisional: deadline?.provisional ?? false,
    overdue,
    ...optional('concludedOn', s.closure?.on),
    ...optional('outcome', s.closure?.outcome),
    ...optional('outcomeLabel', s.closure ? OUTCOMES[s.closure.outcome].label : undefined),
    ...optional('tableRow', s.closure ? row(s.closure.outcome) : undefined),
    conclusions: s.conclusions.map((c) => ({ ...c, row: row(c.outcome) })),
    ...optional('correction', correction),
    ...optional('correctionNoticeDeadline', correctionNoticeDeadline),
    consultations: s.consultations.map((c) => ({
      ...c,
      ...optional(
        'replyDeadline',
        guarded(warnings, () => consultationReplyDeadline(c.sentOn, c.partyReceivedOn, calendar, config)),
      ),
    })),
    ...optional('extension', s.rounds[s.rounds.length - 1]!.extension),
    ...optional(
      'fee',
      s.fee
        ? {
            ...s.fee,
            ...optional(
              'paymentDeadline',
              guarded(warnings, () => feeDeadline(s, calendar, config)),
            ),
          }
        : undefined,
    ),
    referrals: s.referrals,
    deadline,
    statistics: {
      applicantType: record.applicantType,
      column: APPLICANT_TYPES[record.applicantType].column,
      receivedOn: s.receivedDate ?? null,
      concludedOn: first?.on ?? null,
      outcome: first?.outcome ?? null,
      tableRow: first ? row(first.outcome) : null,
    },
    warnings,
    eventCount: s.eventCount,
  };
  return view;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
