/**
 * What an event says, in Chinese, for the staff timeline: the correction items and what the
 * applicant supplied, whom a consultation went to and what they answered, the extension's days and
 * reason, the fee, the referral, the reply's outcome and grounds, the reopening decision. The
 * payload is the stored JSON (`case_event.payload`); unknown or missing fields are left out.
 */
import { type CaseEventType, CONSULTATION_PARTIES } from './events.ts';
import { FEE_METHODS } from './fees.ts';
import { OUTCOMES } from './outcomes.ts';

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const label = <T extends Record<string, { label: string }>>(table: T, v: unknown): string | null =>
  typeof v === 'string' && v in table ? table[v as keyof T]!.label : null;

const OPINIONS: Record<string, string> = { consent: '同意公开', objection: '不同意公开', other: '其他意见' };
const DECISIONS: Record<string, string> = { reconsideration: '行政复议决定', litigation: '人民法院裁判' };

/** The event's details as short lines ("补正事项：…"); empty when there is nothing to add. */
export function eventDetail(type: CaseEventType | string, p: Record<string, unknown>): string[] {
  const out: string[] = [];
  const add = (name: string, v: string | number | null) => {
    if (v !== null && v !== '') out.push(`${name}：${v}`);
  };
  switch (type) {
    case 'receiptConfirmed':
      add('确认方式', str(p.means));
      break;
    case 'correctionRequested': {
      const items = Array.isArray(p.items) ? p.items.filter((x): x is string => typeof x === 'string') : [];
      add('补正事项', items.join('；'));
      add(
        '补正期限',
        str(p.dueDate) ?? (num(p.dueWorkingDays) !== null ? `${p.dueWorkingDays}个工作日` : null),
      );
      break;
    }
    case 'correctionReceived':
      add('补正内容', str(p.supplement));
      add('逾期补正的正当理由', str(p.goodReason));
      break;
    case 'consultationSent':
      add('征求对象', [label(CONSULTATION_PARTIES, p.party), str(p.name)].filter(Boolean).join(' '));
      add('对方收到日期', str(p.partyReceivedOn));
      break;
    case 'consultationAnswered':
      add('征求对象', str(p.name));
      add('意见', typeof p.opinion === 'string' ? (OPINIONS[p.opinion] ?? null) : null);
      break;
    case 'consultationLapsed':
      add('征求对象', str(p.name));
      break;
    case 'extensionApproved': {
      const by = (p.approvedBy ?? {}) as Record<string, unknown>;
      add('延长', num(p.days) !== null ? `${p.days}个工作日` : null);
      add('理由', str(p.reason));
      add('批准人', str(by.name));
      break;
    }
    case 'feeNoticeSent':
      add('收费方式', label(FEE_METHODS, p.method));
      add('件数', num(p.pieces));
      add('页数', num(p.pages));
      add('金额', num(p.amountYuan) !== null ? `${p.amountYuan}元` : null);
      break;
    case 'feePaid':
      add('金额', num(p.amountYuan) !== null ? `${p.amountYuan}元` : null);
      add('票据号', str(p.receiptNo));
      break;
    case 'referred':
      add(
        '转办',
        p.scope === 'external' ? '转送其他机关' : p.scope === 'internal' ? '本机关内部承办单位' : null,
      );
      add('转办对象', str(p.to));
      add('理由', str(p.reason));
      break;
    case 'withdrawn':
      add('撤回理由', str(p.reason));
      break;
    case 'replied': {
      add('答复结果', label(OUTCOMES, p.outcome));
      const parts = Array.isArray(p.parts) ? p.parts.map((x) => label(OUTCOMES, x)).filter(Boolean) : [];
      add('分项结果', parts.join('、'));
      add('答复书文号', str(p.letterNo));
      add('理由和依据', str(p.grounds));
      add('负责公开的机关', str(p.referredTo));
      break;
    }
    case 'reopened':
      add('决定类型', typeof p.decision === 'string' ? (DECISIONS[p.decision] ?? null) : null);
      add('决定或裁判日期', str(p.decidedOn));
      add(
        '重新答复期限',
        str(p.dueDate) ?? (num(p.dueWorkingDays) !== null ? `${p.dueWorkingDays}个工作日` : null),
      );
      break;
  }
  return out;
}
