/**
 * Staff API routes (session cookie from /login; POSTs carry X-CSRF-Token): the inbox, a case with
 * its timeline and deadline, recording an action through the console's input code and the case
 * state machine, and the compiled annual report with the rule findings. Scoping as in the console:
 * another agency's case or report is 404, like one that does not exist; supervisors only read (403
 * on actions); the extension is for the office head only (403).
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { type CaseEventType, EVENT_TYPES } from '../../cases/events.ts';
import type { Application } from '../../cases/intake.ts';
import { STATUS_LABELS } from '../../cases/machine.ts';
import { APPLICANT_TYPES } from '../../cases/outcomes.ts';
import { summarize } from '../../report/rules/index.ts';
import {
  assembleReport,
  loadAnnualReport,
  publishedSnapshot,
  reportFindings,
} from '../../store/annualReports.ts';
import { CaseRuleError, caseView, caseViewWithEvents } from '../../store/cases.ts';
import { getAgency } from '../agencies.ts';
import { actionEventInput, type ReplyLetter, recordAction, replyLetter } from '../console/action-input.ts';
import { ACTIONS, type ActionName, mayTake, roleRefusal } from '../console/actions.tsx';
import { daysLeft, loadInbox, OPEN_STATUSES, URGENCY_LABELS } from '../console/inbox.tsx';
import { type AppContext, type AppEnv, caseDeps, type SessionUser, todayOf } from '../context.ts';
import { addError, type FieldErrors, hasErrors } from '../forms.tsx';
import { requireAgency, staffUser } from '../guard.ts';
import { listLetters } from '../letters.ts';
import { ApiError, apiStaff, idParam, jsonObject, validationErrors } from './http.ts';
import type { ApiRegistry } from './openapi.ts';
import { parseQuery } from './public.ts';
import {
  AnnualReportSchema,
  BadRequestSchema,
  CaseDetailSchema,
  CaseEventRequestSchema,
  CaseEventResultSchema,
  ErrorSchema,
  InboxSchema,
  SessionInfoSchema,
} from './schemas.ts';

const error = (description: string) => ({ description, schema: ErrorSchema });
const invalid = {
  description: '请求无效：字段错误（每个字段的中文信息）或者整个请求的错误',
  schema: BadRequestSchema,
};
const unauthorized = error('未登录');
const notFound = error('不存在，或者不在本人可以查看的机关范围内');

// ---------------------------------------------------------------------------------------------
// A case as staff see it

interface StaffCase {
  id: number;
  number: string;
  agencyId: number;
  agencyName: string;
  application: Application;
}

async function loadStaffCase(c: AppContext, id: number): Promise<StaffCase> {
  const row = await c
    .get('deps')
    .store.db.selectFrom('application_case')
    .innerJoin('agency', 'agency.id', 'application_case.agency_id')
    .select([
      'application_case.id as id',
      'application_case.number as number',
      'application_case.intake as intake',
      'agency.id as agencyId',
      'agency.name as agencyName',
    ])
    .where('application_case.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new ApiError(404, '没有这件申请，或者您无权查看。');
  requireAgency(c, Number(row.agencyId));
  return {
    id,
    number: row.number,
    agencyId: Number(row.agencyId),
    agencyName: row.agencyName,
    application: JSON.parse(row.intake) as Application,
  };
}

async function caseDetail(c: AppContext, s: StaffCase) {
  const deps = c.get('deps');
  const today = todayOf(deps);
  const loaded = await caseViewWithEvents(deps.store, s.id, caseDeps(deps), today);
  if (!loaded) throw new ApiError(404, '没有这件申请，或者您无权查看。');
  const { view, events } = loaded;
  const letters = await listLetters(deps.store.db, s.id, null);
  return {
    view,
    json: {
      id: s.id,
      number: s.number,
      agencyId: s.agencyId,
      agencyName: s.agencyName,
      application: s.application as unknown as Record<string, unknown>,
      status: view.status,
      statusLabel: view.statusLabel,
      receivedDate: view.receivedDate ?? null,
      dueDate: view.dueDate ?? null,
      dueProvisional: view.dueProvisional,
      daysLeft: view.concludedOn ? null : daysLeft(deps.calendar, today, view.dueDate ?? null),
      overdue: view.overdue,
      concludedOn: view.concludedOn ?? null,
      outcome: view.outcome ?? null,
      outcomeLabel: view.outcomeLabel ?? null,
      deadlineText: view.deadline?.text ?? null,
      warnings: view.warnings.map((w) => ({ rule: w.rule, message: w.message })),
      events: events.map((e) => {
        const p = JSON.parse(e.payload) as { actorName?: unknown };
        return {
          type: e.type,
          label: EVENT_TYPES[e.type as CaseEventType]?.label ?? e.type,
          on: e.occurred_on,
          at: e.recorded_at,
          actorRole: e.actor_role,
          actorName: typeof p.actorName === 'string' ? p.actorName : null,
        };
      }),
      letters: letters.map((l) => ({
        id: l.id,
        kind: l.kind,
        title: l.title,
        docNumber: l.docNumber,
        issuedOn: l.issuedOn,
      })),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Action bodies → the console form's values

/** The fields of each action the API takes (from the request schema). */
export const ACTION_FIELDS: Record<string, Set<string>> = Object.fromEntries(
  CaseEventRequestSchema.options.map((o) => [
    o.shape.action.value,
    new Set(Object.keys(o.shape).filter((k) => k !== 'action')),
  ]),
);

/** The JSON fields as the console form's string values; errors for types the form could not send. */
function actionValues(
  action: string,
  json: Record<string, unknown>,
): { values: Record<string, string>; errors: FieldErrors } {
  const values: Record<string, string> = {};
  const errors: FieldErrors = {};
  const allowed = ACTION_FIELDS[action] ?? new Set<string>();
  for (const [k, v] of Object.entries(json)) {
    if (k === 'action' || v === null || v === undefined) continue;
    if (!allowed.has(k)) addError(errors, k, `${k}：“${ACTIONS[action as ActionName].title}”没有这个字段`);
    else if (typeof v === 'string') values[k] = v.slice(0, 4000);
    else if (typeof v === 'number' && Number.isInteger(v)) values[k] = String(v);
    else if (k === 'items' && Array.isArray(v) && v.every((x) => typeof x === 'string'))
      values[k] = v.map((x) => x.replace(/\s+/g, ' ')).join('\n');
    else addError(errors, k, `${k}：类型无效`);
  }
  return { values, errors };
}

// ---------------------------------------------------------------------------------------------
// Routes

const STAFF_TAGS = ['工作人员'];

export function staffApiRoutes(api: ApiRegistry, app: Hono<AppEnv>): void {
  for (const p of ['/session', '/cases', '/cases/*', '/reports/*']) app.use(p, apiStaff());

  api.add(
    {
      method: 'get',
      path: '/api/session',
      operationId: 'getSession',
      summary: '当前登录的工作人员和CSRF令牌',
      tags: STAFF_TAGS,
      staff: true,
      responses: { 200: { description: '工作人员和令牌', schema: SessionInfoSchema }, 401: unauthorized },
    },
    (c) => {
      const u: SessionUser = staffUser(c);
      return c.json({
        user: {
          id: u.id,
          username: u.username,
          displayName: u.displayName,
          role: u.role,
          roleLabel: u.roleLabel,
          agencyId: u.agencyId,
          agencyName: u.agencyName,
        },
        csrfToken: c.get('session')?.csrfToken ?? '',
      });
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/cases',
      operationId: 'listCases',
      summary: '待办申请（本人可以查看的机关的未办结申请，按答复期限排序）',
      tags: STAFF_TAGS,
      staff: true,
      query: z.object({
        status: z
          .enum(OPEN_STATUSES as [string, ...string[]])
          .optional()
          .describe('状态'),
        applicantType: z
          .enum(Object.keys(APPLICANT_TYPES) as [string, ...string[]])
          .optional()
          .describe('申请人类型'),
        overdue: z.enum(['0', '1']).optional().describe('1：只看已逾期的'),
      }),
      responses: { 200: { description: '待办申请', schema: InboxSchema }, 400: invalid, 401: unauthorized },
    },
    async (c) => {
      const { values, errors } = parseQuery(c, {
        status: { label: '状态', kind: 'text', max: 40 },
        applicantType: { label: '申请人类型', kind: 'text', max: 40 },
        overdue: { label: '只看已逾期', kind: 'text', max: 5 },
      });
      const status = (values.status as string | undefined) ?? '';
      const applicantType = (values.applicantType as string | undefined) ?? '';
      const overdue = (values.overdue as string | undefined) ?? '0';
      if (status && !(OPEN_STATUSES as readonly string[]).includes(status))
        addError(errors, 'status', `状态（status）：无效，可选 ${OPEN_STATUSES.join('、')}`);
      if (applicantType && !Object.hasOwn(APPLICANT_TYPES, applicantType))
        addError(
          errors,
          'applicantType',
          `申请人类型（applicantType）：无效，可选 ${Object.keys(APPLICANT_TYPES).join('、')}`,
        );
      if (overdue !== '0' && overdue !== '1')
        addError(errors, 'overdue', '只看已逾期（overdue）：须为0或者1');
      if (hasErrors(errors)) return validationErrors(c, errors);
      const rows = await loadInbox(c, { status, applicantType, overdue: overdue === '1' });
      return c.json({
        items: rows.map((r) => ({
          id: r.id,
          number: r.number,
          agencyName: r.agencyName,
          applicantName: r.applicantName,
          applicantType: r.applicantType,
          status: r.status,
          statusLabel: STATUS_LABELS[r.status],
          dueDate: r.dueOn,
          daysLeft: r.left,
          urgency: r.urgency,
          urgencyLabel: URGENCY_LABELS[r.urgency],
        })),
      });
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/cases/{id}',
      operationId: 'getCase',
      summary: '一件申请：申请内容、状态、答复期限及其计算说明、办理记录、文书',
      tags: STAFF_TAGS,
      staff: true,
      params: z.object({ id: z.int().min(1).describe('案件编号（内部编号，见待办申请）') }),
      responses: {
        200: { description: '案件', schema: CaseDetailSchema },
        401: unauthorized,
        404: notFound,
      },
    },
    async (c) => {
      const s = await loadStaffCase(c, idParam(c, 'id'));
      return c.json((await caseDetail(c, s)).json);
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/cases/{id}/events',
      operationId: 'recordCaseEvent',
      summary: '登记办理事项（确认收到、补正、征求意见、延期、收费、转办、撤回、答复、重新办理）',
      description:
        '与工作台的办理操作使用同一套输入检查和办理规则；被规则拒绝时返回400和规则编号，不写入任何内容。作出答复时生成答复书。',
      tags: STAFF_TAGS,
      staff: true,
      params: z.object({ id: z.int().min(1).describe('案件编号') }),
      body: CaseEventRequestSchema,
      responses: {
        201: { description: '已登记；返回更新后的案件', schema: CaseEventResultSchema },
        400: invalid,
        401: unauthorized,
        403: error('角色无权登记此事项，或者缺少 X-CSRF-Token'),
        404: notFound,
        415: error('请求正文不是JSON'),
      },
    },
    async (c) => {
      const deps = c.get('deps');
      const s = await loadStaffCase(c, idParam(c, 'id'));
      const json = await jsonObject(c);
      const action = json.action;
      if (typeof action !== 'string' || !Object.hasOwn(ACTIONS, action) || !ACTION_FIELDS[action])
        return validationErrors(c, {
          action: [`办理事项（action）：无效，可选 ${Object.keys(ACTION_FIELDS).join('、')}`],
        });
      const user = staffUser(c);
      if (!mayTake(user, s.agencyId, action as ActionName))
        throw new ApiError(403, roleRefusal(action as ActionName));
      const { values, errors } = actionValues(action, json);
      if (hasErrors(errors)) return validationErrors(c, errors);
      const view = await caseView(deps.store, s.id, caseDeps(deps), todayOf(deps));
      if (!view) throw new ApiError(404, '没有这件申请，或者您无权查看。');
      const d = { ...s, view };
      let letterId: number | null = null;
      try {
        const input = actionEventInput(deps, user, d, action as ActionName, values);
        let letter: ReplyLetter | null = null;
        if (action === 'reply') {
          const r = await replyLetter(deps, d, values);
          if ('error' in r) throw new ApiError(400, r.error, 'DOC');
          letter = r.letter;
        }
        // the event, its letter and the audit entry in one transaction (as in the console)
        ({ letterId } = await recordAction(
          deps,
          user,
          d,
          action as ActionName,
          input as { type: string },
          letter,
        ));
      } catch (e) {
        if (e instanceof CaseRuleError) throw new ApiError(400, e.message, e.rule);
        throw e;
      }
      return c.json({ case: (await caseDetail(c, s)).json, letterId }, 201);
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/reports/{agencyId}/{year}',
      operationId: 'getCompiledReport',
      summary: '年度报告：编辑流程状态、当前内容（表二、表三、表四由办理记录编制）、已发布版本和规则检查结果',
      tags: STAFF_TAGS,
      staff: true,
      params: z.object({
        agencyId: z.int().min(1).describe('机关编号'),
        year: z.int().min(2008).describe('报告年度'),
      }),
      responses: {
        200: { description: '年度报告模型和检查结果', schema: AnnualReportSchema },
        400: invalid,
        401: unauthorized,
        404: notFound,
      },
    },
    async (c) => {
      const deps = c.get('deps');
      const agencyId = idParam(c, 'agencyId');
      requireAgency(c, agencyId);
      const agency = await getAgency(deps.store.db, agencyId);
      if (!agency) throw new ApiError(404, '没有这个机关。');
      const thisYear = Number(todayOf(deps).slice(0, 4));
      const y = c.req.param('year') ?? '';
      const year = /^\d{4}$/.test(y) ? Number(y) : Number.NaN;
      if (!(year >= 2008 && year <= thisYear))
        return validationErrors(c, { year: [`报告年度（year）：须为2008至${thisYear}之间的年份`] });
      // the editor's view: sections as saved, tables from the records, findings as the editor shows them
      const r = await loadAnnualReport(deps.store.db, agencyId, year);
      const report = await assembleReport(deps.store.db, r);
      const findings = await reportFindings(deps.store.db, r, report);
      return c.json({
        agencyId,
        agencyName: agency.name,
        year,
        status: r.status,
        publishedOn: r.publishedOn,
        report,
        published: await publishedSnapshot(deps.store.db, agencyId, year),
        findings,
        summary: summarize(findings),
      });
    },
  );
}
