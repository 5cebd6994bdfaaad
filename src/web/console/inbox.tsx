/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The staff inbox (GET /console): the open cases of the user's agencies (agencyFilter), sorted by
 * the reply deadline, with the working days left and the urgency as colour plus a text label.
 * Filters (status, applicant type, overdue only) are a plain GET form.
 */
import type { FC } from 'hono/jsx';
import type { IsoDate, WorkingCalendar } from '../../calendar/types.ts';
import { type CaseStatus, STATUS_LABELS } from '../../cases/machine.ts';
import { APPLICANT_TYPES, type ApplicantType } from '../../cases/outcomes.ts';
import type { AppContext } from '../context.ts';
import { todayOf } from '../context.ts';
import { agencyFilter, staffUser } from '../guard.ts';
import { DateText } from '../portal/common.tsx';

/** Statuses of cases still being handled. */
export const OPEN_STATUSES: readonly CaseStatus[] = [
  'notReceived',
  'awaitingConfirmation',
  'open',
  'awaitingCorrection',
  'inConsultation',
  'awaitingFee',
];

export type Urgency = 'overdue' | 'urgent' | 'soon' | 'later' | 'none';

export const URGENCY_LABELS: Record<Urgency, string> = {
  overdue: '已逾期',
  urgent: '紧急（3个工作日内到期）',
  soon: '临近（7个工作日内到期）',
  later: '期限充裕',
  none: '期限未开始计算',
};

/** Working days left until the due date (negative: overdue by that many), or null. */
export function daysLeft(calendar: WorkingCalendar, today: IsoDate, due: IsoDate | null): number | null {
  if (!due) return null;
  try {
    return due >= today ? calendar.countWorkingDays(today, due) : -calendar.countWorkingDays(due, today);
  } catch {
    return null;
  }
}

export function urgencyOf(today: IsoDate, due: IsoDate | null, left: number | null): Urgency {
  if (!due) return 'none';
  if (due < today) return 'overdue';
  if (left === null) return 'later';
  if (left <= 3) return 'urgent';
  if (left <= 7) return 'soon';
  return 'later';
}

export interface InboxFilters {
  status: string;
  applicantType: string;
  overdue: boolean;
}

export interface InboxRow {
  id: number;
  number: string;
  agencyName: string;
  applicantName: string;
  applicantType: string;
  status: CaseStatus;
  dueOn: IsoDate | null;
  left: number | null;
  urgency: Urgency;
}

export async function loadInbox(c: AppContext, f: InboxFilters): Promise<InboxRow[]> {
  const deps = c.get('deps');
  const user = staffUser(c);
  const scope = agencyFilter(user);
  const today = todayOf(deps);
  if (scope && scope.length === 0) return [];
  let q = deps.store.db
    .selectFrom('application_case')
    .innerJoin('agency', 'agency.id', 'application_case.agency_id')
    .select([
      'application_case.id as id',
      'application_case.number as number',
      'application_case.applicant_name as applicantName',
      'application_case.applicant_type as applicantType',
      'application_case.status as status',
      'application_case.due_on as dueOn',
      'agency.name as agencyName',
    ])
    .where('application_case.status', 'in', [...OPEN_STATUSES]);
  if (scope) q = q.where('application_case.agency_id', 'in', scope);
  if ((OPEN_STATUSES as readonly string[]).includes(f.status))
    q = q.where('application_case.status', '=', f.status);
  if (Object.hasOwn(APPLICANT_TYPES, f.applicantType))
    q = q.where('application_case.applicant_type', '=', f.applicantType);
  if (f.overdue) q = q.where('application_case.due_on', '<', today);
  const rows = await q.orderBy('application_case.id').execute();
  const out = rows.map((r) => {
    const dueOn = r.dueOn ?? null;
    const left = daysLeft(deps.calendar, today, dueOn);
    return {
      id: Number(r.id),
      number: r.number,
      agencyName: r.agencyName,
      applicantName: r.applicantName,
      applicantType: r.applicantType,
      status: r.status as CaseStatus,
      dueOn,
      left,
      urgency: urgencyOf(today, dueOn, left),
    };
  });
  // by deadline, the cases without one last
  return out.sort((a, b) =>
    a.dueOn === b.dueOn
      ? a.id - b.id
      : a.dueOn === null
        ? 1
        : b.dueOn === null
          ? -1
          : a.dueOn < b.dueOn
            ? -1
            : 1,
  );
}

const leftText = (r: InboxRow) =>
  r.left === null ? '—' : r.left < 0 ? `逾期${-r.left}个工作日` : `剩余${r.left}个工作日`;

export const UrgencyTag: FC<{ urgency: Urgency }> = ({ urgency }) => (
  <span class={`urgency urgency-${urgency}`}>{URGENCY_LABELS[urgency]}</span>
);

export const InboxPage: FC<{ rows: InboxRow[]; filters: InboxFilters; agencyName: string }> = ({
  rows,
  filters,
  agencyName,
}) => (
  <>
    <h1>待办申请</h1>
    <p class="lead">
      {agencyName}及有权查看的机关正在办理的依申请公开案件，按答复期限排序。剩余天数按工作日计算。
    </p>
    <form method="get" action="/console" class="filters">
      <div class="field">
        <label for="f-status">办理状态</label>
        <select id="f-status" name="status">
          <option value="">全部</option>
          {OPEN_STATUSES.map((s) => (
            <option value={s} selected={filters.status === s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-applicantType">申请人类型</label>
        <select id="f-applicantType" name="applicantType">
          <option value="">全部</option>
          {(Object.keys(APPLICANT_TYPES) as ApplicantType[]).map((t) => (
            <option value={t} selected={filters.applicantType === t}>
              {APPLICANT_TYPES[t].label}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <div class="choice">
          <input type="checkbox" id="f-overdue" name="overdue" value="1" checked={filters.overdue} />
          <label for="f-overdue">只看已逾期</label>
        </div>
      </div>
      <div class="actions">
        <button type="submit" class="button">
          筛选
        </button>
        <a href="/console">清除筛选</a>
      </div>
    </form>
    {rows.length ? (
      <div class="table-scroll">
        <table class="inbox">
          <caption>共{rows.length}件</caption>
          <thead>
            <tr>
              <th scope="col">登记编号</th>
              <th scope="col">机关</th>
              <th scope="col">申请人</th>
              <th scope="col">状态</th>
              <th scope="col">答复期限</th>
              <th scope="col">剩余时间</th>
              <th scope="col">紧急程度</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr class={`row-${r.urgency}`}>
                <th scope="row">
                  <a href={`/console/cases/${r.id}`}>{r.number}</a>
                </th>
                <td>{r.agencyName}</td>
                <td>
                  {r.applicantName}
                  <span class="muted">
                    （{APPLICANT_TYPES[r.applicantType as ApplicantType]?.label ?? r.applicantType}）
                  </span>
                </td>
                <td>{STATUS_LABELS[r.status] ?? r.status}</td>
                <td>
                  <DateText date={r.dueOn} />
                </td>
                <td>{leftText(r)}</td>
                <td>
                  <UrgencyTag urgency={r.urgency} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    ) : (
      <p>没有符合条件的待办申请。</p>
    )}
  </>
);
