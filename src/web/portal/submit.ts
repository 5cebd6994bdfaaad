/**
 * Filing a validated online application: the case and its `received` event, the system's receipt
 * confirmation when WebConfig.confirmOnlineReceipt is on (条例第三十一条第（四）项), and the 登记回执.
 * The portal form (POST /agencies/:id/apply, with its attachments, stored before) and the JSON
 * API (POST /api/applications, without attachments) both file through this.
 */
import type { Application } from '../../cases/intake.ts';
import type { CaseView } from '../../cases/machine.ts';
import { CaseRuleError, createCase } from '../../store/cases.ts';
import type { AgencyWithProfile } from '../agencies.ts';
import { type AppDeps, caseDeps, nowIsoOf, todayOf } from '../context.ts';
import { recordAttachments, removeStored, type StoredFile } from '../files.ts';
import { issueLetter, renderReceipt } from '../letters.ts';

export interface FiledApplication {
  id: number;
  number: string;
  queryCode: string;
  view: CaseView;
}

/** `stored`: the application's attachments, already written; removed again if the case cannot be. */
export async function fileOnlineApplication(
  deps: AppDeps,
  agency: AgencyWithProfile,
  application: Application,
  stored: StoredFile[] = [],
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
  let created: Awaited<ReturnType<typeof createCase>>;
  try {
    try {
      created = await createCase(deps.store, agency.id, application, received, caseDeps(deps), confirmed);
    } catch (e) {
      // the machine refused the confirmation (nothing was written): file the case, staff confirm it
      if (!(e instanceof CaseRuleError) || !confirmed.length) throw e;
      created = await createCase(deps.store, agency.id, application, received, caseDeps(deps));
    }
  } catch (e) {
    await removeStored(deps, stored);
    throw e;
  }
  if (stored.length)
    await recordAttachments(deps.store.db, created.id, 'application', 'applicant', stored, at);
  const view = created.view;
  const letter = renderReceipt(agency, { view, application, caseNumber: created.number }, on);
  if (letter)
    await issueLetter(deps.store.db, { caseId: created.id, letter, issuedOn: on, issuedBy: 'system', at });
  return { id: created.id, number: created.number, queryCode: created.queryCode, view };
}
