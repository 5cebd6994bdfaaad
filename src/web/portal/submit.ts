/**
 * Filing a validated online application: the case and its `received` event, the system's receipt
 * confirmation when WebConfig.confirmOnlineReceipt is on (条例第三十一条第（四）项), and the 登记回执.
 * The JSON API (POST /api/applications) files through this; it does the same steps as the portal
 * form's submission (src/web/portal/apply.tsx), which stores the uploads around them.
 */
import type { Application } from '../../cases/intake.ts';
import type { CaseView } from '../../cases/machine.ts';
import { appendCaseEvent, CaseRuleError, createCase } from '../../store/cases.ts';
import type { AgencyWithProfile } from '../agencies.ts';
import { type AppDeps, caseDeps, nowIsoOf, todayOf } from '../context.ts';
import { issueLetter, renderReceipt } from '../letters.ts';

export interface FiledApplication {
  id: number;
  number: string;
  queryCode: string;
  view: CaseView;
}

export async function fileOnlineApplication(
  deps: AppDeps,
  agency: AgencyWithProfile,
  application: Application,
): Promise<FiledApplication> {
  const at = nowIsoOf(deps);
  const on = todayOf(deps);
  const created = await createCase(
    deps.store,
    agency.id,
    application,
    { on, at, actor: { id: 'portal', role: 'applicant' } },
    caseDeps(deps),
  );
  let view = created.view;
  if (deps.config.confirmOnlineReceipt) {
    try {
      view = await appendCaseEvent(
        deps.store,
        created.id,
        {
          type: 'receiptConfirmed',
          on,
          at,
          actor: { id: 'system', role: 'system' },
          means: '网上申请系统即时回执',
        },
        caseDeps(deps),
      );
    } catch (e) {
      if (!(e instanceof CaseRuleError)) throw e;
      // left for staff to confirm
    }
  }
  const letter = renderReceipt(agency, { view, application, caseNumber: created.number }, on);
  if (letter)
    await issueLetter(deps.store.db, { caseId: created.id, letter, issuedOn: on, issuedBy: 'system', at });
  return { id: created.id, number: created.number, queryCode: created.queryCode, view };
}
