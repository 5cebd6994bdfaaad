/**
 * The procedural periods of the Regulations and the practice choices the spec leaves open, as data
 * (DESIGN principle 1: law as data, with a version and an effective date). A deployment may override
 * any field; `defaultCaseConfig()` is the 2019 Regulations as read in spec §3–§4.
 */
import type { IsoDate } from '../calendar/types.ts';
import { defaultOutcomeMapping, type OutcomeCode, type OutcomeRowMapping } from './outcomes.ts';

/** How applications arrive (条例第三十一条). */
export const CHANNELS = {
  inPerson: { label: '当面提交' },
  registeredPost: { label: '邮寄（需签收）' },
  ordinaryLetter: { label: '平常信函' },
  online: { label: '互联网渠道' },
  fax: { label: '传真' },
} as const;

export type Channel = keyof typeof CHANNELS;
export const CHANNEL_CODES = Object.keys(CHANNELS) as Channel[];

export interface CaseRules {
  /** Which text these periods come from, e.g. '条例（国务院令第711号）'. */
  version: string;
  effectiveFrom: IsoDate;
  /** Art. 33 ¶2: reply within 20 working days of receipt (CASE-07). */
  replyWorkingDays: number;
  /** Art. 33 ¶2: one extension of at most 20 working days (CASE-08). */
  maxExtensionWorkingDays: number;
  /** Art. 30: the 补正 notice within 7 working days of receipt (CASE-01). */
  correctionNoticeWorkingDays: number;
  /** Art. 32 / 34: the consulted party answers within 15 working days of receiving the letter. */
  consultationReplyWorkingDays: number;
  /** 办法109: pay within 20 working days from the day after the notice is received (FEE-04). */
  feePaymentWorkingDays: number;
  /** Art. 31 (三)(四): channels whose receipt date is the confirmation date (CASE-05). */
  confirmationChannels: Channel[];
  /** Art. 31 (三): a plain letter must be confirmed on the day it arrives (a later one is flagged). */
  sameDayConfirmationChannels: Channel[];
}

export const REGULATIONS_2019: CaseRules = {
  version: '《中华人民共和国政府信息公开条例》（国务院令第711号）',
  effectiveFrom: '2019-05-15',
  replyWorkingDays: 20,
  maxExtensionWorkingDays: 20,
  correctionNoticeWorkingDays: 7,
  consultationReplyWorkingDays: 15,
  feePaymentWorkingDays: 20,
  confirmationChannels: ['ordinaryLetter', 'online', 'fax'],
  sameDayConfirmationChannels: ['ordinaryLetter'],
};

export interface CaseConfig {
  rules: CaseRules;
  /** Outcome → table 三 row (spec §1.3 mapping caveat). */
  outcomeMapping: OutcomeRowMapping;
  /**
   * FEE-05: whether waiting for payment pauses the reply clock. The spec's suggested default is
   * "paused"; the issue for this module decided "a fee notice pauses nothing unless configured".
   */
  feePausesClock: boolean;
  /** CASE-08 (UNCONFIRMED timing): the extension must be approved on or before the current due date. */
  extensionMustPrecedeDue: boolean;
  /**
   * T3-05: how a reply with several parts (none disclosed) picks its one outcome. `null`: the
   * first part (the main requested item); otherwise the first code of this list found among the parts.
   */
  outcomePrecedence: OutcomeCode[] | null;
  /** The outcome of a case forwarded to another agency (`referred` with scope external). */
  externalReferralOutcome: OutcomeCode;
  /** Working days for a new reply after a review decision or judgment, when it fixes no date. */
  reopenWorkingDays: number;
}

export function defaultCaseConfig(overrides: Partial<CaseConfig> = {}): CaseConfig {
  return {
    rules: REGULATIONS_2019,
    outcomeMapping: defaultOutcomeMapping(),
    feePausesClock: false,
    extensionMustPrecedeDue: true,
    outcomePrecedence: null,
    externalReferralOutcome: 'notResponsible',
    reopenWorkingDays: 20,
    ...overrides,
  };
}
