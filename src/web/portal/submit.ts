/**
 * Filing a validated online application: the case and its `received` event, the system's receipt
 * confirmation when WebConfig.confirmOnlineReceipt is on (条例第三十一条第（四）项), and the 登记回执.
 * The portal form (POST /agencies/:id/apply, with its attachments, stored before) and the JSON
 * API (POST /api/applications, without attachments) both file through this.
 */

import type { Kysely } from 'kysely';
import type { Application } from '../../cases/intake.ts';
import { CaseRuleError, createCase, type NewCase } from '../../store/cases.ts';
import type { Database } from '../../store/schema.ts';
import type { AgencyWithProfile } from '../agencies.ts';
import { type AppDeps, caseDeps, nowIsoOf, todayOf } from '../context.ts';
import { recordAttachments, removeStored, type StoredFile } from '../files.ts';
import { issueLetter, renderReceipt } from '../letters.ts';

export type FiledApplication = NewCase;

/**
 * `stored`: the application's attachments, already written; removed again if the case cannot be.
 * The case, its events, the attachment rows, the 登记回执 and whatever `also` writes (the portal:
 * the session that lets the applicant follow the case) are one transaction: an applicant is never
 * shown an error for a case that was filed all the same.
 */
export async function fileOnlineApplication(
  deps: AppDeps,
  agency: AgencyWithProfile,
  application: Application,
  stored: StoredFile[] = [],
  also?: (trx: Kysely<Database>, created: NewCase) => Promise<void>,
): Promise<FiledApplication> {
  const at = nowIsoOf(deps);
  const on = todayOf(deps);
  const received = { on, at, actor: { id: 'portal', role: 'applicant' as const } };
  // the system's receipt (条例第三十一条第（四）项) in the same transaction as the case
  const confirmed = deps.config.confirmOnlineReceipt
    ? [
        {
          type: 'receiptConfirmed',
          on,
          at,
          actor: { id: 'system', role: 'system' },
          means: '网上申请系统即时回执',
        },
      ]
    : [];
  const alongside = async (trx: Kysely<Database>, created: NewCase) => {
    await recordAttachments(trx, created.id, 'application', 'applicant', stored, at);
    const letter = renderReceipt(agency, { view: created.view, application, caseNumber: created.number }, on);
    if (letter) await issueLetter(trx, { caseId: created.id, letter, issuedOn: on, issuedBy: 'system', at });
    if (also) await also(trx, created);
  };
  const file = (then: unknown[]) =>
    createCase(deps.store, agency.id, application, received, caseDeps(deps), then, alongside);
  try {
    try {
      return await file(confirmed);
    } catch (e) {
      // the machine refused the confirmation (nothing was written): file the case, staff confirm it
      if (!(e instanceof CaseRuleError) || !confirmed.length) throw e;
      return await file([]);
    }
  } catch (e) {
    await removeStored(deps, stored);
    throw e;
  }
}
