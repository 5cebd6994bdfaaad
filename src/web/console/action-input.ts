/**
 * The input of the console's case actions, shared by the console forms (POST
 * /console/cases/:id/<action>) and the JSON API (POST /api/cases/:id/events), so both go through
 * the same checks: the values (flat strings, as the form sends them) become the event input that
 * `appendCaseEvent` validates with the state machine; a reply also renders its letter first (a
 * letter that cannot be generated refuses the reply, nothing is written).
 */
import { computeFee, feeScheduleFor } from '../../cases/fees.ts';
import type { Application } from '../../cases/intake.ts';
import { LetterDataError } from '../../cases/letters/agency.ts';
import { letterValuesFromCase } from '../../cases/letters/case.ts';
import { renderLetter } from '../../cases/letters/render.ts';
import { letterForOutcome, replyKind } from '../../cases/letters/templates.ts';
import type { CaseView } from '../../cases/machine.ts';
import { OUTCOMES, type OutcomeCode } from '../../cases/outcomes.ts';
import { audit } from '../../store/audit.ts';
import { appendCaseEvent, CaseRuleError } from '../../store/cases.ts';
import { getAgency, letterProfileOf } from '../agencies.ts';
import { type AppDeps, caseDeps, nowIsoOf, type SessionUser, todayOf } from '../context.ts';
import { NotFoundError } from '../guard.ts';
import { issueLetter, renderReceipt } from '../letters.ts';
import type { ActionName } from './index.tsx';

/** The case an action is taken on. */
export interface ActionCase {
  id: number;
  number: string;
  agencyId: number;
  application: Application;
  view: CaseView;
}

const int = (s: string) => (/^\s*\d{1,9}\s*$/.test(s) ? Number(s) : Number.NaN);

/**
 * The event input of an action from the form's values (missing fields are ''). Throws
 * CaseRuleError for values the state machine cannot judge (e.g. a fee without pages).
 */
export function actionEventInput(
  deps: AppDeps,
  user: SessionUser,
  d: ActionCase,
  action: ActionName,
  values: Record<string, string>,
): Record<string, unknown> {
  const text = (k: string) => values[k] ?? '';
  const on = todayOf(deps);
  const base = {
    on,
    at: nowIsoOf(deps),
    actor: { id: `staff:${user.id}`, role: user.role, name: user.displayName.slice(0, 60) },
  };
  /** A field left blank is absent; `asInt` turns it into a number (NaN when not one: the schema says so). */
  const opt = (k: string, as: string = k, asInt = false) => {
    const v = text(k).trim();
    return v === '' ? {} : { [as]: asInt ? int(v) : v };
  };
  /** The legal date of the act when the form asks for it (blank: today). */
  const dated = { ...base, on: text('on').trim() || on };
  switch (action) {
    case 'confirm':
      return { ...dated, type: 'receiptConfirmed', ...opt('means') };
    case 'correctionReceived':
      return { ...dated, type: 'correctionReceived', ...opt('supplement'), ...opt('goodReason') };
    case 'correctionLapsed':
      return { ...base, type: 'correctionLapsed' };
    case 'consultationAnswered':
      return { ...dated, type: 'consultationAnswered', ...opt('name'), opinion: text('opinion') };
    case 'consultationLapsed':
      return { ...base, type: 'consultationLapsed', ...opt('name') };
    case 'feePaid':
      return { ...dated, type: 'feePaid', ...opt('amountYuan', 'amountYuan', true), ...opt('receiptNo') };
    case 'feeLapsed':
      return { ...base, type: 'feeLapsed' };
    case 'referral':
      return { ...base, type: 'referred', scope: text('scope'), to: text('to'), ...opt('reason') };
    case 'withdrawal':
      return { ...dated, type: 'withdrawn', ...opt('reason') };
    case 'reopen':
      return {
        ...base,
        type: 'reopened',
        decision: text('decision'),
        ...opt('decidedOn'),
        ...opt('dueWorkingDays', 'dueWorkingDays', true),
        ...opt('dueDate'),
      };
    case 'correction':
      return {
        ...base,
        type: 'correctionRequested',
        items: text('items')
          .split(/\r?\n/)
          .map((s) => s.trim())
          .filter(Boolean),
        dueWorkingDays: int(text('dueWorkingDays')),
      };
    case 'consultation':
      return { ...base, type: 'consultationSent', party: text('party'), name: text('name') };
    case 'extension':
      return {
        ...base,
        type: 'extensionApproved',
        days: int(text('days')),
        reason: text('reason'),
        approvedBy: base.actor,
      };
    case 'fee': {
      const method = text('method');
      const schedule = feeScheduleFor(d.view.receivedDate ?? on);
      if (method === 'perPage') {
        const pages = int(text('pages'));
        if (!(pages >= 1)) throw new CaseRuleError('FEE-01', '页数：按量计收须填写页数（至少1页）');
        const fee = computeFee({ method: 'perPage', pages }, schedule);
        return {
          ...base,
          type: 'feeNoticeSent',
          method,
          pages,
          amountYuan: fee.amountYuan,
          scheduleVersion: schedule.version,
        };
      }
      const pieces = int(text('pieces'));
      const prior = int(text('priorPieces') || '0');
      if (!(pieces >= 1) || !(prior >= 0))
        throw new CaseRuleError('FEE-01', '件数：按件计收须填写件数（至少1件）和本自然月此前件数');
      const fee = computeFee({ method: 'perApplication', pieces, priorPiecesThisMonth: prior }, schedule);
      return {
        ...base,
        type: 'feeNoticeSent',
        method: 'perApplication',
        pieces,
        priorPiecesThisMonth: prior,
        amountYuan: fee.amountYuan,
        scheduleVersion: schedule.version,
      };
    }
    case 'reply': {
      const grounds = text('grounds').trim();
      const referredTo = text('referredAgency').trim();
      return {
        ...base,
        type: 'replied',
        outcome: text('outcome'),
        ...(grounds ? { grounds } : {}),
        ...(referredTo ? { referredTo } : {}),
      };
    }
  }
  throw new CaseRuleError('ACTION', '无效的办理事项');
}

export type ReplyLetter = ReturnType<typeof renderLetter>;

/** The reply letter (答复书) of a reply action, or the Chinese reason it cannot be generated. */
export async function replyLetter(
  deps: AppDeps,
  d: ActionCase,
  values: Record<string, string>,
): Promise<{ letter: ReplyLetter } | { error: string }> {
  const outcome = (values.outcome ?? '') as OutcomeCode;
  if (!Object.hasOwn(OUTCOMES, outcome)) return { error: '答复结果：无效' };
  const agency = await getAgency(deps.store.db, d.agencyId);
  if (!agency) throw new NotFoundError();
  const on = todayOf(deps);
  const extra: Record<string, string> = {};
  for (const k of ['providedContent', 'withheldContent', 'grounds', 'accessChannel', 'referredAgency'])
    if (values[k]?.trim()) extra[k] = values[k].trim();
  try {
    return {
      letter: renderLetter(letterForOutcome(outcome, { on }), {
        agency: letterProfileOf(agency),
        issuedOn: on,
        values: letterValuesFromCase(
          replyKind(outcome),
          { view: d.view, application: d.application, caseNumber: d.number },
          extra,
        ),
      }),
    };
  } catch (e) {
    if (e instanceof LetterDataError) return { error: `答复书无法生成：${e.problems.join('；')}` };
    throw e;
  }
}

/**
 * Records an action on a case in one transaction: the event (through the state machine), the
 * letter it issues — the reply's 答复书, or the 登记回执 when a receipt is confirmed after intake
 * (it states the receipt date) — and the audit entry. A refusal (CaseRuleError) or any failure
 * writes nothing. Used by the console form and the JSON API alike.
 */
export async function recordAction(
  deps: AppDeps,
  user: SessionUser,
  d: ActionCase,
  action: ActionName,
  input: { type: string },
  reply: ReplyLetter | null,
): Promise<{ view: CaseView; letterId: number | null }> {
  const on = todayOf(deps);
  const at = nowIsoOf(deps);
  let letterId: number | null = null;
  const view = await appendCaseEvent(deps.store, d.id, input, caseDeps(deps), async (trx, after) => {
    let letter = reply;
    if (input.type === 'receiptConfirmed') {
      const issued = await trx
        .selectFrom('case_letter')
        .select('id')
        .where('case_id', '=', d.id)
        .where('kind', '=', 'receipt')
        .executeTakeFirst();
      const agency = issued ? null : await getAgency(trx, d.agencyId);
      if (agency)
        letter = renderReceipt(agency, { view: after, application: d.application, caseNumber: d.number }, on);
    }
    if (letter)
      letterId = await issueLetter(trx, {
        caseId: d.id,
        letter,
        issuedOn: on,
        issuedBy: `staff:${user.id}`,
        at,
      });
    await audit(trx, {
      actor: `staff:${user.id}`,
      entity: 'application_case',
      entityId: d.id,
      action: `event:${input.type}`,
      detail: { action, number: d.number },
    });
  });
  return { view, letterId };
}
