/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The annual report editor (mounted at /console/reports):
 *   GET  /                                   agencies × years with status and publication deadline
 *   GET  /:agencyId/:year                    editor: sections, tables 二/三/四, rule findings, workflow, history
 *   GET  /:agencyId/:year/cells/:row/:col    the cases behind a table 三 cell
 *   GET  /:agencyId/:year/t2/:cell           the policy-library documents behind a table 二 (一) cell
 *   GET  /:agencyId/:year/t4/:key            the reconsideration/litigation records behind a table 四 cell
 *   POST /:agencyId/:year/sections           save the narrative sections (optimistic concurrency)
 *   POST /:agencyId/:year/inputs             table 二 manual inputs (errors per cell, all or nothing)
 *   POST /:agencyId/:year/workflow/:action   submit | approve | return | publish | reopen (with confirmation)
 *   GET  /:agencyId/:year/export.{docx,pdf,html,txt}
 * Every route runs behind requireStaff(); an agency outside the user's scope answers 404;
 * supervisors only read (403 on every POST). The workflow is src/report/workflow.ts; the store is
 * src/store/annualReports.ts. A published report shows its frozen snapshot.
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { APPLICANT_TYPES } from '../../cases/outcomes.ts';
import { FORMATS, type FormatId, type ReportFormat } from '../../report/formats/index.ts';
import type { Report } from '../../report/model.ts';
import { type LayoutCell, type TableLayout, tableLayout } from '../../report/render/layout.ts';
import { renderText } from '../../report/render/txt.ts';
import type { RuleResult } from '../../report/rules/types.ts';
import {
  actionsAllowed,
  blockingFindings,
  deadlineText,
  publicationDeadline,
  REPORT_ACTION_LABEL,
  REPORT_STATUS_LABEL,
  type ReportAction,
  sectionHeading,
  WorkflowError,
} from '../../report/workflow.ts';
import { ROLES, type Role } from '../../store/agencies.ts';
import {
  type Actor,
  type AnnualReport,
  assembleReport,
  listAnnualReports,
  loadAnnualReport,
  publishedSnapshot,
  ReportConflictError,
  type ReportEvent,
  reportEvents,
  reportFindings,
  reviewsForT4Cell,
  SECTION_KEYS,
  saveSections,
  saveTable2Inputs,
  Table2InputErrors,
  transitionReport,
} from '../../store/annualReports.ts';
import { casesForT3Cell, loadTable2Inputs } from '../../store/compile.ts';
import { documentsForT2Cell, libraryTable2 } from '../../store/disclosurePublic.ts';
import { listAgencies } from '../agencies.ts';
import { type AppContext, type AppEnv, nowIsoOf, type SessionUser, todayOf } from '../context.ts';
import { ErrorSummary, type FieldErrors } from '../forms.tsx';
import {
  agencyFilter,
  canActForAgency,
  NotFoundError,
  requireAgency,
  requireStaff,
  UnauthorizedRoleError,
} from '../guard.ts';
import { attachmentDisposition, type FormBody, formBody, seeOther, text } from '../http.ts';
import { CsrfInput } from '../layout.tsx';
import { beijingDateTime, DateText } from '../portal/common.tsx';
import { reportHtmlResponse } from '../reportHtml.ts';
import { addFlash } from '../session.ts';

// ---------------------------------------------------------------------------------------------
// Styles

export const REPORTS_CSS = `
main .wrap:has(.report-editor) { max-width: 96rem; }
.report-editor form.stack { max-width: none; }
.report-editor textarea { width: 100%; max-width: none; }
.report-editor { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1.5rem; }
@media (min-width: 70rem) { .report-editor { grid-template-columns: minmax(0, 3fr) minmax(16rem, 1fr); } }
.report-editor aside { align-self: start; }
@media (min-width: 70rem) { .report-editor aside { position: sticky; top: 1rem; max-height: calc(100vh - 2rem); overflow-y: auto; } }
table.grid { border-collapse: collapse; width: 100%; margin: 0 0 1.5rem; font-size: .95rem; }
table.grid caption { text-align: left; font-weight: 700; padding-bottom: .5rem; }
table.grid th, table.grid td { border: 1px solid #767676; padding: .25rem .4rem; vertical-align: middle; }
table.grid th { background: #f3f3f3; font-weight: normal; text-align: center; }
table.grid th.label { text-align: left; }
table.grid td { text-align: right; font-variant-numeric: tabular-nums; }
table.grid .total { font-weight: bold; }
table.grid td.flagged { background: #fbe9ea; outline: 2px solid #a4141c; }
table.grid td.library { background: #eef5fb; }
.status-tag { display: inline-block; padding: 0 .5em; border: 2px solid #555; border-radius: 3px; font-weight: bold; }
.status-published { color: #1d5c2e; border-color: #2e7d43; background: #e2f4e6; }
.status-draft { color: #444; background: #eee; }
.status-submitted, .status-approved { color: #5c4a00; border-color: #8a6d00; background: #fff6c2; }
.deadline-overdue { color: #a4141c; font-weight: bold; }
.findings li { margin-bottom: .6em; }
.finding-error { border-left: 4px solid #a4141c; padding-left: .5em; }
.finding-warning { border-left: 4px solid #8a6d00; padding-left: .5em; }
.rule-id { font-family: monospace; font-weight: bold; }
.workflow form { display: inline-block; vertical-align: top; margin: 0 1rem 1rem 0; padding: .75rem; border: 1px solid #ccc; max-width: 28rem; }
.t2-inputs { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: .25rem 1rem; }
.t2-inputs input { width: 10em; }
.history td, .history th { font-size: .95rem; }
.paragraphs p { margin: 0 0 .5em; text-indent: 2em; }
`;

export const REPORTS_CSS_URL = `/console/reports/reports.${createHash('sha256').update(REPORTS_CSS).digest('hex').slice(0, 12)}.css`;

// ---------------------------------------------------------------------------------------------
// Helpers

const base = (agencyId: number, year: number) => `/console/reports/${agencyId}/${year}`;

const reportTitle = (r: { agencyName: string; year: number }) =>
  `${r.agencyName}${r.year}年政府信息公开工作年度报告`;

function actorOf(user: SessionUser): Actor {
  return { id: `staff:${user.id}`, role: user.role, name: user.displayName };
}

function param(c: AppContext, name: string): number {
  const p = c.req.param(name) ?? '';
  return /^\d{1,9}$/.test(p) ? Number(p) : Number.NaN;
}

/** The report of the route (404 when the agency is out of scope or the year has no format). */
async function routeReport(c: AppContext): Promise<{ user: SessionUser; r: AnnualReport }> {
  const agencyId = param(c, 'agencyId');
  const year = param(c, 'year');
  if (!Number.isSafeInteger(agencyId) || !Number.isSafeInteger(year)) throw new NotFoundError();
  const user = requireAgency(c, agencyId);
  const current = Number(todayOf(c.get('deps')).slice(0, 4));
  if (year < 2019 || year > current) throw new NotFoundError('没有这一年度的年度报告。');
  const exists = await c
    .get('deps')
    .store.db.selectFrom('agency')
    .select('id')
    .where('id', '=', agencyId)
    .executeTakeFirst();
  if (!exists) throw new NotFoundError();
  return { user, r: await loadAnnualReport(c.get('deps').store.db, agencyId, year) };
}

/** The report model to show: the frozen snapshot once published (until reopened), else as it stands. */
async function shownReport(c: AppContext, r: AnnualReport): Promise<Report> {
  const db = c.get('deps').store.db;
  if (r.status === 'published') {
    const snap = await publishedSnapshot(db, r.agencyId, r.year);
    if (snap) return snap;
  }
  return assembleReport(db, r);
}

const StatusTag: FC<{ status: AnnualReport['status'] }> = ({ status }) => (
  <span class={`status-tag status-${status}`}>{REPORT_STATUS_LABEL[status]}</span>
);

const DeadlineLine: FC<{ r: AnnualReport; today: string }> = ({ r, today }) => {
  const d = publicationDeadline(r.agencyKind, r.year);
  const t = deadlineText(d, today, r.publishedOn);
  const overdue = t.includes('逾期');
  return (
    <span>
      {d.date ? <DateText date={d.date} /> : '—'}
      {'（'}
      <span class={overdue ? 'deadline-overdue' : undefined}>{t}</span>
      {'）'}
    </span>
  );
};

// ---------------------------------------------------------------------------------------------
// List

interface ListRow {
  agencyId: number;
  agencyName: string;
  r: { year: number; status: AnnualReport['status']; publishedOn: string | null; updatedAt: string | null };
  kind: string;
}

const ListPage: FC<{ rows: ListRow[]; today: string }> = ({ rows, today }) => (
  <>
    <h1>政府信息公开工作年度报告</h1>
    <p>
      年度报告的表二（部分）、表三、表四由本平台登记的数据汇总生成，正文由各机关填写，经政府信息公开工作机构负责人审核后发布。政府部门应当在每年1月31日前、县级以上人民政府应当在每年3月31日前公布上一年度的年度报告（《条例》第四十九条）。
    </p>
    <div class="table-scroll">
      <table class="data">
        <caption>各机关年度报告</caption>
        <thead>
          <tr>
            <th scope="col">机关</th>
            <th scope="col">年度</th>
            <th scope="col">状态</th>
            <th scope="col">发布期限</th>
            <th scope="col">发布日期</th>
            <th scope="col">最后修改</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((x) => {
            const d = publicationDeadline(x.kind, x.r.year);
            const t = deadlineText(d, today, x.r.publishedOn);
            return (
              <tr>
                <th scope="row">
                  <a href={base(x.agencyId, x.r.year)}>
                    {x.agencyName}
                    {x.r.year}年度报告
                  </a>
                </th>
                <td>{x.r.year}年</td>
                <td>
                  <StatusTag status={x.r.status} />
                </td>
                <td>
                  {d.date ? <DateText date={d.date} /> : '—'}
                  <br />
                  <span class={t.includes('逾期') ? 'deadline-overdue' : undefined}>{t}</span>
                </td>
                <td>{x.r.publishedOn ? <DateText date={x.r.publishedOn} /> : '—'}</td>
                <td>{x.r.updatedAt ? beijingDateTime(x.r.updatedAt) : '尚未编辑'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  </>
);

// ---------------------------------------------------------------------------------------------
// Tables

type CellHref = (cell: LayoutCell) => string | null;

const GridTable: FC<{
  layout: TableLayout;
  caption: string;
  id: string;
  href: CellHref;
  flagged: Set<string>;
  library?: Set<string>;
}> = ({ layout, caption, id, href, flagged, library }) => {
  const head = layout.rows.slice(0, layout.headerRows);
  const body = layout.rows.slice(layout.headerRows);
  const cellOf = (cell: LayoutCell) => {
    const span = {
      ...(cell.rowSpan > 1 ? { rowspan: cell.rowSpan } : {}),
      ...(cell.colSpan > 1 ? { colspan: cell.colSpan } : {}),
    };
    if (cell.role !== 'data') {
      const scope =
        cell.role === 'head'
          ? cell.colSpan > 1
            ? 'colgroup'
            : 'col'
          : cell.role === 'block'
            ? 'colgroup'
            : 'row';
      return (
        <th
          scope={scope}
          class={
            `${cell.role === 'label' || cell.role === 'block' ? 'label' : ''}${cell.total ? ' total' : ''}`.trim() ||
            undefined
          }
          {...span}
        >
          {cell.text}
        </th>
      );
    }
    const link = href(cell);
    const classes = [
      cell.total ? 'total' : '',
      cell.key && flagged.has(cell.key) ? 'flagged' : '',
      cell.key && library?.has(cell.key) ? 'library' : '',
    ]
      .filter(Boolean)
      .join(' ');
    return (
      <td
        id={cell.key ? `${id}-${cell.key.replace(/\./g, '-')}` : undefined}
        class={classes || undefined}
        {...span}
      >
        {link ? (
          <a href={link}>{cell.text === '' ? '（空白）' : cell.text}</a>
        ) : cell.text === '' ? (
          '（空白）'
        ) : (
          cell.text
        )}
      </td>
    );
  };
  return (
    <div class="table-scroll">
      <table class="grid" id={id}>
        <caption>{caption}</caption>
        {head.length ? (
          <thead>
            {head.map((row) => (
              <tr>{row.map(cellOf)}</tr>
            ))}
          </thead>
        ) : null}
        <tbody>
          {body.map((row) => (
            <tr>{row.map(cellOf)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

// ---------------------------------------------------------------------------------------------
// Findings

const cellAnchor = (table: string, key: string) =>
  table === 'T2' || table === 'T3' || table === 'T4'
    ? `#${table.toLowerCase()}-${key.replace(/\./g, '-')}`
    : null;

const Findings: FC<{ findings: RuleResult[] }> = ({ findings }) => {
  const failed = findings.filter((f) => f.status === 'fail');
  const errors = failed.filter((f) => f.severity === 'error');
  const warnings = failed.filter((f) => f.severity === 'warning');
  const pass = findings.filter((f) => f.status === 'pass').length;
  const na = findings.filter((f) => f.status === 'not-assessable');
  const blocking = blockingFindings(findings).length;
  const item = (f: RuleResult) => (
    <li class={`finding-${f.severity}`}>
      <span class="rule-id">{f.ruleId}</span> {f.severity === 'error' ? '错误' : '警告'}：{f.message}
      {f.cells.length ? (
        <ul>
          {f.cells.slice(0, 8).map((ref) => {
            const a = cellAnchor(ref.table, ref.key);
            const shown =
              ref.table === 'text' || ref.table === 'meta'
                ? ref.raw || (ref.value === null ? '' : String(ref.value))
                : ref.raw || '（空白）';
            const label = shown ? `${ref.label || ref.key}：${shown}` : ref.label || ref.key;
            return <li>{a ? <a href={a}>{label}</a> : label}</li>;
          })}
        </ul>
      ) : null}
    </li>
  );
  return (
    <section aria-labelledby="findings-title" class="findings">
      <h2 id="findings-title">检查结果</h2>
      <p>
        错误{errors.length}个，警告{warnings.length}个，通过{pass}项，无法判断{na.length}项。
        {blocking ? '有错误的年报不能发布（AR-06）。' : '没有影响发布的错误。'}
      </p>
      {failed.length ? <ul>{[...errors, ...warnings].map(item)}</ul> : <p>各项规则均未发现问题。</p>}
      {na.length ? (
        <details>
          <summary>无法判断的规则（{na.length}项）</summary>
          <ul>
            {na.map((f) => (
              <li>
                <span class="rule-id">{f.ruleId}</span> {f.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
};

// ---------------------------------------------------------------------------------------------
// Editor

interface EditorData {
  r: AnnualReport;
  report: Report;
  findings: RuleResult[];
  events: ReportEvent[];
  inputs: Record<string, string>;
  library: Set<string>;
  user: SessionUser;
  today: string;
  csrf: string;
}

interface EditorState {
  /** A refusal shown at the top (role=alert). */
  error?: string;
  /** Sections as the user typed them (kept on a refusal or conflict). */
  sections?: Record<string, string>;
  /** The newer saved sections (conflict). */
  newer?: Record<string, string>;
  inputs?: Record<string, string>;
  inputErrors?: Record<string, string>;
  actionErrors?: { action: ReportAction; errors: FieldErrors; comment?: string };
}

const SECTION_HINT: Record<string, string> = {
  overview:
    '主动公开、依申请公开、政府信息管理、平台建设、监督保障等情况（人民政府还应说明工作考核、社会评议和责任追究结果）。',
  proactive: '表二由系统生成；此处可填写表前的说明文字（选填）。',
  applications: '表三由系统根据登记的申请生成；此处可填写说明文字（选填）。',
  reviewLitigation: '表四由系统根据登记的行政复议、行政诉讼生成；此处可填写说明文字（选填）。',
  problems: '存在的主要问题及改进情况。',
  other: '其他需要报告的事项，包括信息处理费的收取情况。',
};

const REQUIRED = new Set(['overview', 'problems', 'other']);

const EVENT_LABEL: Record<string, string> = {
  created: '创建年报',
  sectionsSaved: '保存正文',
  inputsSaved: '填报表二数据',
  submitted: '提交审核',
  approved: '审核通过',
  returned: '退回修改',
  published: '发布',
  reopened: '更正已发布的年报',
};

function eventDetail(e: ReportEvent): string {
  const p = e.payload;
  if (e.type === 'sectionsSaved' && p.sections && typeof p.sections === 'object')
    return `修改了：${Object.keys(p.sections).map(sectionHeading).join('、')}`;
  if (e.type === 'inputsSaved' && p.cells && typeof p.cells === 'object')
    return Object.entries(p.cells as Record<string, { from: string | null; to: string }>)
      .map(([k, v]) => `${k}：${v.from ?? '（空白）'} → ${v.to}`)
      .join('；');
  if (e.type === 'published')
    return `第${String(p.version)}版，发布日期${String(p.publishedOn)}${p.late ? `；${String(p.late)}` : ''}`;
  return '';
}

function t2InputCells(format: ReportFormat, library: Set<string>) {
  const out: { key: string; label: string; hint: string }[] = [];
  for (const b of format.table2.blocks)
    for (const row of b.rows)
      for (const col of b.columns) {
        const key = `${b.key}.${row.key}.${col.key}`;
        if (library.has(key)) continue;
        out.push({
          key,
          label: `${b.label} ${row.label}：${col.label}`,
          hint: col.valueType === 'decimal' ? '单位：万元' : '件数，没有的填0',
        });
      }
  return out;
}

const inputId = (key: string) => `t2-in-${key.replace(/\./g, '-')}`;

const ConfirmBox: FC<{ id: string; error?: string[] }> = ({ id, error }) => (
  <div class={`field${error?.length ? ' has-error' : ''}`}>
    {error?.length ? (
      <p class="error-message" id={`${id}-error`}>
        <span class="visually-hidden">错误：</span>
        {error.join('；')}
      </p>
    ) : null}
    <div class="choice">
      <input
        type="checkbox"
        id={id}
        name="confirm"
        value="1"
        aria-describedby={error?.length ? `${id}-error` : undefined}
      />
      <label for={id}>我已核对，确认办理</label>
    </div>
  </div>
);

const ACTION_NOTE: Partial<Record<ReportAction, string>> = {
  submit: '提交后正文和表二数据不能再修改，除非被退回。',
  approve: '审核通过后由政府信息公开工作机构负责人发布。',
  return: '退回后年报回到草稿状态，承办人可以修改。',
  publish:
    '发布后公众在门户网站看到的是此时生成的年度报告，之后新登记的申请不会改变已发布的内容；发布日期记为今天。检查结果有错误的不能发布。',
  reopen:
    '已发布的年报需要更正时使用：写明理由后年报回到草稿状态，更正内容经审核发布为新的版本；在此之前公众仍看到已发布的版本。',
};

const WorkflowForms: FC<{ d: EditorData; s: EditorState }> = ({ d, s }) => {
  const actions = canActForAgency(d.user, d.r.agencyId)
    ? actionsAllowed(d.r, d.user.role).filter((a) => a !== 'edit')
    : [];
  return (
    <section aria-labelledby="workflow-title" class="workflow">
      <h2 id="workflow-title">审核和发布</h2>
      {actions.length === 0 ? (
        <p>
          {d.user.role === 'supervisor' || d.user.role === 'admin'
            ? '您只能查看这份年报。'
            : '当前状态下您没有可办理的操作（提交由承办人办理，审核、退回、发布和更正由政府信息公开工作机构负责人办理）。'}
        </p>
      ) : null}
      {actions.map((a) => {
        const errs = s.actionErrors?.action === a ? s.actionErrors.errors : {};
        const needsComment = a === 'return' || a === 'reopen';
        const cid = `wf-${a}-comment`;
        return (
          <form method="post" action={`${base(d.r.agencyId, d.r.year)}/workflow/${a}`}>
            <CsrfInput token={d.csrf} />
            <input type="hidden" name="revision" value={String(d.r.revision)} />
            <h3>{REPORT_ACTION_LABEL[a]}</h3>
            {ACTION_NOTE[a] ? <p class="hint">{ACTION_NOTE[a]}</p> : null}
            {needsComment ? (
              <div class={`field${errs.comment?.length ? ' has-error' : ''}`}>
                <label for={cid}>
                  {a === 'return' ? '退回意见' : '更正理由'}
                  <span class="req">（必填）</span>
                </label>
                {errs.comment?.length ? (
                  <p class="error-message" id={`${cid}-error`}>
                    <span class="visually-hidden">错误：</span>
                    {errs.comment.join('；')}
                  </p>
                ) : null}
                <textarea
                  id={cid}
                  name="comment"
                  rows={3}
                  aria-describedby={errs.comment?.length ? `${cid}-error` : undefined}
                >
                  {s.actionErrors?.action === a ? (s.actionErrors.comment ?? '') : ''}
                </textarea>
              </div>
            ) : null}
            <ConfirmBox id={`wf-${a}-confirm`} error={errs.confirm} />
            <button type="submit" class={a === 'return' || a === 'reopen' ? 'button warning' : 'button'}>
              {REPORT_ACTION_LABEL[a]}
            </button>
          </form>
        );
      })}
    </section>
  );
};

const SectionsForm: FC<{ d: EditorData; s: EditorState; editable: boolean }> = ({ d, s, editable }) => {
  const values = s.sections ?? d.r.sections;
  if (!editable)
    return (
      <section aria-labelledby="sections-title">
        <h2 id="sections-title">正文</h2>
        {SECTION_KEYS.map((k) => (
          <>
            <h3>{sectionHeading(k)}</h3>
            <div class="paragraphs">
              {(d.report.sections.find((x) => x.key === k)?.paragraphs ?? []).map((p) => (
                <p>{p}</p>
              ))}
              {(d.report.sections.find((x) => x.key === k)?.paragraphs.length ?? 0) === 0 ? (
                <p class="muted">（未填写）</p>
              ) : null}
            </div>
          </>
        ))}
      </section>
    );
  return (
    <section aria-labelledby="sections-title">
      <h2 id="sections-title">正文</h2>
      <form method="post" action={`${base(d.r.agencyId, d.r.year)}/sections`} class="stack">
        <CsrfInput token={d.csrf} />
        <input type="hidden" name="revision" value={String(d.r.revision)} />
        {SECTION_KEYS.map((k) => {
          const id = `section-${k}`;
          const newer = s.newer?.[k];
          return (
            <div class="field">
              <label for={id}>
                {sectionHeading(k)}
                <span class="req">{REQUIRED.has(k) ? '（提交审核前必填）' : '（选填）'}</span>
              </label>
              <p class="hint" id={`${id}-hint`}>
                {SECTION_HINT[k]}每段一行。
              </p>
              <textarea id={id} name={k} rows={REQUIRED.has(k) ? 8 : 3} aria-describedby={`${id}-hint`}>
                {values[k] ?? ''}
              </textarea>
              {newer !== undefined && newer !== (values[k] ?? '') ? (
                <details open>
                  <summary>他人保存的最新内容</summary>
                  <div class="paragraphs">
                    {newer.split('\n').map((p) => (
                      <p>{p}</p>
                    ))}
                  </div>
                </details>
              ) : null}
            </div>
          );
        })}
        <button type="submit" class="button">
          保存正文
        </button>
      </form>
    </section>
  );
};

const Table2Inputs: FC<{ d: EditorData; s: EditorState; fmt: ReportFormat }> = ({ d, s, fmt }) => {
  const cells = t2InputCells(fmt, d.library);
  const values = s.inputs ?? d.inputs;
  const errors = s.inputErrors ?? {};
  return (
    <form method="post" action={`${base(d.r.agencyId, d.r.year)}/inputs`}>
      <CsrfInput token={d.csrf} />
      <input type="hidden" name="revision" value={String(d.r.revision)} />
      <fieldset>
        <legend>填报表二数据</legend>
        <p class="hint">
          以下数据不能从本平台的记录生成，由本机关填报，系统记录填报人和时间。
          {d.library.size ? '第二十条第（一）项的规章和行政规范性文件件数来自政策文件库，不在此填报。' : ''}
        </p>
        <div class="t2-inputs">
          {cells.map((x) => {
            const id = inputId(x.key);
            const err = errors[x.key];
            return (
              <div class={`field${err ? ' has-error' : ''}`}>
                <label for={id}>{x.label}</label>
                <p class="hint" id={`${id}-hint`}>
                  {x.hint}
                </p>
                {err ? (
                  <p class="error-message" id={`${id}-error`}>
                    <span class="visually-hidden">错误：</span>
                    {err}
                  </p>
                ) : null}
                <input
                  type="text"
                  inputmode="decimal"
                  id={id}
                  name={`t2:${x.key}`}
                  value={values[x.key] ?? ''}
                  aria-describedby={`${id}-hint${err ? ` ${id}-error` : ''}`}
                  aria-invalid={err ? 'true' : undefined}
                />
              </div>
            );
          })}
        </div>
        <button type="submit" class="button">
          保存表二数据
        </button>
      </fieldset>
    </form>
  );
};

const History: FC<{ events: ReportEvent[] }> = ({ events }) => (
  <section aria-labelledby="history-title">
    <h2 id="history-title">办理记录</h2>
    {events.length ? (
      <div class="table-scroll">
        <table class="data history">
          <caption class="visually-hidden">年报的办理记录</caption>
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">办理人</th>
              <th scope="col">事项</th>
              <th scope="col">意见或内容</th>
            </tr>
          </thead>
          <tbody>
            {[...events].reverse().map((e) => (
              <tr>
                <td>{beijingDateTime(e.at)}</td>
                <td>
                  {e.actorName}（{ROLES[e.actorRole as Role] ?? e.actorRole}）
                </td>
                <th scope="row">{EVENT_LABEL[e.type] ?? e.type}</th>
                <td>
                  {e.comment ? <p>{e.comment}</p> : null}
                  {eventDetail(e)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    ) : (
      <p>尚无办理记录。</p>
    )}
  </section>
);

const EditorPage: FC<{ d: EditorData; s: EditorState }> = ({ d, s }) => {
  const { r, report } = d;
  const fmt = FORMATS[r.format as FormatId];
  const editable = canActForAgency(d.user, r.agencyId) && actionsAllowed(r, d.user.role).includes('edit');
  const flagged = new Set(
    d.findings.filter((f) => f.status === 'fail').flatMap((f) => f.cells.map((x) => x.key)),
  );
  const url = base(r.agencyId, r.year);
  const deadline = publicationDeadline(r.agencyKind, r.year);
  const errorItems: FieldErrors = {};
  for (const [k, v] of Object.entries(s.inputErrors ?? {})) errorItems[k] = [v];
  return (
    <>
      <link rel="stylesheet" href={REPORTS_CSS_URL} />
      <h1>{reportTitle(r)}</h1>
      {s.error ? (
        <div class="notice error" role="alert">
          <p>
            <span class="visually-hidden">错误：</span>
            {s.error}
          </p>
        </div>
      ) : null}
      <ErrorSummary
        errors={errorItems}
        anchors={Object.fromEntries(Object.keys(errorItems).map((k) => [k, inputId(k)]))}
      />
      <dl class="summary-list">
        <dt>状态</dt>
        <dd>
          <StatusTag status={r.status} />
          {r.status !== 'published' && r.publishedVersion > 0
            ? `（第${r.publishedVersion}版已发布，正在更正；公众仍看到已发布的版本）`
            : ''}
        </dd>
        <dt>发布期限</dt>
        <dd>
          <DeadlineLine r={r} today={d.today} />
          <br />
          <span class="hint">
            {deadline.rule}：{deadline.basis}
          </span>
        </dd>
        <dt>发布日期</dt>
        <dd>
          {r.publishedOn ? (
            <>
              <DateText date={r.publishedOn} />
              （第{r.publishedVersion}版，{r.publishedBy}发布）
            </>
          ) : (
            '尚未发布'
          )}
        </dd>
        <dt>年报格式</dt>
        <dd>{fmt.basis}</dd>
        <dt>导出</dt>
        <dd>
          <a href={`${url}/export.docx`}>Word</a>
          {' · '}
          <a href={`${url}/export.pdf`}>PDF</a>
          {' · '}
          <a href={`${url}/export.html`}>网页</a>
          {' · '}
          <a href={`${url}/export.txt`}>纯文本</a>
          {r.status === 'published' ? '（已发布的版本）' : '（当前内容）'}
        </dd>
      </dl>
      <div class="report-editor">
        <div>
          <WorkflowForms d={d} s={s} />
          <SectionsForm d={d} s={s} editable={editable} />
          <section aria-labelledby="t2-title">
            <h2 id="t2-title">表二 主动公开政府信息情况</h2>
            <GridTable
              layout={tableLayout(2, report, fmt)}
              caption="表二"
              id="t2"
              flagged={flagged}
              library={d.library}
              href={(cell) =>
                cell.key && d.library.has(cell.key) && r.status !== 'published'
                  ? `${url}/t2/${encodeURIComponent(cell.key)}`
                  : null
              }
            />
            {d.library.size ? (
              <p class="hint">底色为浅蓝的数字来自政策文件库，点击可查看对应的文件。</p>
            ) : null}
            {editable ? <Table2Inputs d={d} s={s} fmt={fmt} /> : null}
          </section>
          <section aria-labelledby="t3-title">
            <h2 id="t3-title">表三 收到和处理政府信息公开申请情况</h2>
            <p class="hint">
              {r.status === 'published'
                ? '已发布的数字。点击数字查看当前登记的对应申请。'
                : '由本平台登记的申请生成。点击数字查看对应的申请。'}
            </p>
            <GridTable
              layout={tableLayout(3, report, fmt)}
              caption="表三"
              id="t3"
              flagged={flagged}
              href={(cell) => {
                const [row, col] = (cell.key ?? '').split('.');
                return row && col ? `${url}/cells/${row}/${col}` : null;
              }}
            />
          </section>
          <section aria-labelledby="t4-title">
            <h2 id="t4-title">表四 政府信息公开行政复议、行政诉讼情况</h2>
            <p class="hint">由本平台登记的行政复议、行政诉讼生成。点击数字查看对应的记录和申请。</p>
            <GridTable
              layout={tableLayout(4, report, fmt)}
              caption="表四"
              id="t4"
              flagged={flagged}
              href={(cell) => (cell.key ? `${url}/t4/${cell.key}` : null)}
            />
          </section>
          <History events={d.events} />
        </div>
        <aside aria-label="检查结果">
          <Findings findings={d.findings} />
        </aside>
      </div>
    </>
  );
};

async function loadEditor(c: AppContext, user: SessionUser, r: AnnualReport): Promise<EditorData> {
  const deps = c.get('deps');
  const db = deps.store.db;
  const report = await shownReport(c, r);
  const findings = await reportFindings(db, r, report, r.status === 'published' ? r.publishedOn : null);
  const lib = await libraryTable2(db, r.agencyId, r.year);
  return {
    r,
    report,
    findings,
    events: r.id === null ? [] : await reportEvents(db, r.id),
    inputs: await loadTable2Inputs(db, r.agencyId, r.year),
    library: new Set(lib ? Object.keys(lib) : []),
    user,
    today: todayOf(deps),
    csrf: c.get('session')?.csrfToken ?? '',
  };
}

async function renderEditor(c: AppContext, user: SessionUser, r: AnnualReport, s: EditorState = {}) {
  const d = await loadEditor(c, user, r);
  return c.render(<EditorPage d={d} s={s} />, {
    title: reportTitle(r),
    area: 'console',
    crumbs: [
      { href: '/console', label: '工作台' },
      { href: '/console/reports', label: '年度报告' },
      { label: `${r.agencyName}${r.year}年` },
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Exports

// ---------------------------------------------------------------------------------------------
// Routes

function mustAct(user: SessionUser, agencyId: number): void {
  if (!canActForAgency(user, agencyId))
    throw new UnauthorizedRoleError('您只能查看年度报告，不能修改或办理。');
}

const revisionOf = (body: FormBody) => {
  const v = text(body, 'revision');
  return /^\d{1,9}$/.test(v) ? Number(v) : -1;
};

const TABLE_NAMES = { t2: '表二', t3: '表三', t4: '表四' } as const;

/** The page listing what one table cell counts (cases, review records or documents). */
function renderCellList(
  c: AppContext,
  r: AnnualReport,
  o: {
    table: keyof typeof TABLE_NAMES;
    title: string;
    intro: string;
    what: string;
    headers: string[];
    rows: unknown;
    count: number;
  },
) {
  const published =
    o.table !== 't2' && r.status === 'published' ? '年报已经发布，已发布的数字不随之后登记的数据变化。' : '';
  return c.render(
    <>
      <h1>{o.title}</h1>
      <p>
        {o.intro}
        {published}
      </p>
      {o.count ? (
        <div class="table-scroll">
          <table class="data">
            <caption>计入这一单元格的{o.what}</caption>
            <thead>
              <tr>
                {o.headers.map((h) => (
                  <th scope="col">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>{o.rows}</tbody>
          </table>
        </div>
      ) : (
        <p>没有计入这一单元格的{o.what}。</p>
      )}
      <p>
        <a href={`${base(r.agencyId, r.year)}#${o.table}`}>返回年度报告</a>
      </p>
    </>,
    {
      title: o.title,
      area: 'console',
      crumbs: [
        { href: '/console/reports', label: '年度报告' },
        { href: base(r.agencyId, r.year), label: `${r.agencyName}${r.year}年` },
        { label: `${TABLE_NAMES[o.table]}单元格` },
      ],
    },
  );
}

export function reportRoutes() {
  const app = new Hono<AppEnv>();

  app.get(REPORTS_CSS_URL.replace(/^\/console\/reports/, ''), (c) =>
    c.body(REPORTS_CSS, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=31536000, immutable',
    }),
  );

  app.use('*', requireStaff());

  app.get('/', async (c) => {
    const deps = c.get('deps');
    const user = c.get('user')!;
    const filter = agencyFilter(user);
    const agencies = (await listAgencies(deps.store.db)).filter((a) => !filter || filter.includes(a.id));
    const stored = await listAnnualReports(deps.store.db, filter);
    const today = todayOf(deps);
    const current = Number(today.slice(0, 4));
    const rows: ListRow[] = [];
    for (const a of agencies) {
      const mine = stored.filter((x) => x.agencyId === a.id);
      const years = new Set([...mine.map((x) => x.year), current - 1, current].filter((y) => y >= 2019));
      for (const y of [...years].sort((p, q) => q - p)) {
        const s = mine.find((x) => x.year === y);
        rows.push({
          agencyId: a.id,
          agencyName: a.name,
          kind: a.kind,
          r: {
            year: y,
            status: s?.status ?? 'draft',
            publishedOn: s?.publishedOn ?? null,
            updatedAt: s?.updatedAt ?? null,
          },
        });
      }
    }
    rows.sort((p, q) => q.r.year - p.r.year || p.agencyId - q.agencyId);
    return c.render(
      <>
        <link rel="stylesheet" href={REPORTS_CSS_URL} />
        <ListPage rows={rows} today={today} />
      </>,
      {
        title: '年度报告',
        area: 'console',
        crumbs: [{ href: '/console', label: '工作台' }, { label: '年度报告' }],
      },
    );
  });

  app.get('/:agencyId/:year', async (c) => {
    const { user, r } = await routeReport(c);
    return renderEditor(c, user, r);
  });

  app.get('/:agencyId/:year/cells/:row/:col', async (c) => {
    const { r } = await routeReport(c);
    const fmt = FORMATS[r.format as FormatId];
    const rowKey = c.req.param('row');
    const colKey = c.req.param('col');
    const rowDef = fmt.table3.rows.find((x) => x.key === rowKey);
    const colDef = fmt.table3.columns.find((x) => x.key === colKey);
    if (!rowDef || !colDef) throw new NotFoundError('表三没有这个单元格。');
    const db = c.get('deps').store.db;
    // 2019 format: its single （六）其他处理 row holds what the 2021 rows (六)1/2/3 hold
    const keys = r.format === '2019' && rowKey === 'R3_6_3' ? ['R3_6_1', 'R3_6_2', 'R3_6_3'] : [rowKey];
    const numbers = (
      await Promise.all(keys.map((k) => casesForT3Cell(db, r.agencyId, r.year, `${k}.${colKey}`)))
    ).flat();
    const cases = numbers.length
      ? await db
          .selectFrom('application_case')
          .select([
            'id',
            'number',
            'applicant_type',
            'applicant_name',
            'received_on',
            'concluded_on',
            'status',
          ])
          .where('agency_id', '=', r.agencyId)
          .where('number', 'in', numbers)
          .orderBy('number')
          .execute()
      : [];
    const colLabel = colDef.group && colKey !== 'c7' ? `${colDef.group}：${colDef.label}` : colDef.label;
    const title = `表三 ${rowDef.groups.length ? `${rowDef.groups.join(' ')} ` : ''}${rowDef.label} / ${colLabel}`;
    return renderCellList(c, r, {
      table: 't3',
      title,
      intro: `${reportTitle(r)}：按当前登记的数据，这一单元格计入${cases.length}件申请。`,
      what: '申请',
      headers: ['登记编号', '申请人类型', '申请人', '收到申请日期', '办结日期'],
      rows: (
        <>
          {cases.map((x) => (
            <tr>
              <th scope="row">
                <a href={`/console/cases/${x.id}`}>{x.number}</a>
              </th>
              <td>
                {APPLICANT_TYPES[x.applicant_type as keyof typeof APPLICANT_TYPES]?.label ?? x.applicant_type}
              </td>
              <td>{x.applicant_name}</td>
              <td>
                <DateText date={x.received_on} />
              </td>
              <td>{x.concluded_on ? <DateText date={x.concluded_on} /> : '尚未办结'}</td>
            </tr>
          ))}
        </>
      ),
      count: cases.length,
    });
  });

  app.get('/:agencyId/:year/t4/:key', async (c) => {
    const { r } = await routeReport(c);
    const key = c.req.param('key');
    const fmt = FORMATS[r.format as FormatId];
    const col = fmt.table4.columns.find((x) => x.key === key);
    if (!col) throw new NotFoundError('表四没有这个单元格。');
    const rows = await reviewsForT4Cell(c.get('deps').store.db, r.agencyId, r.year, key);
    const title = `表四 ${[col.group, col.subgroup, col.label].filter(Boolean).join(' ')}`;
    const KIND: Record<string, string> = {
      reconsideration: '行政复议',
      litigationDirect: '行政诉讼（未经复议直接起诉）',
      litigationAfterReview: '行政诉讼（复议后起诉）',
    };
    const RESULT: Record<string, string> = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果' };
    return renderCellList(c, r, {
      table: 't4',
      title,
      intro: `${reportTitle(r)}：本年度收到的行政复议、行政诉讼中，计入这一单元格的共${rows.length}件。`,
      what: '记录',
      headers: ['类别', '收到日期', '审结日期', '结果', '涉及的申请'],
      rows: (
        <>
          {rows.map((x) => (
            <tr>
              <th scope="row">{KIND[x.kind] ?? x.kind}</th>
              <td>
                <DateText date={x.receivedOn} />
              </td>
              <td>{x.decidedOn ? <DateText date={x.decidedOn} /> : '尚未审结'}</td>
              <td>
                {x.result && x.decidedOn && x.decidedOn <= `${r.year}-12-31`
                  ? (RESULT[x.result] ?? x.result)
                  : '尚未审结'}
              </td>
              <td>
                {x.caseId ? <a href={`/console/cases/${x.caseId}`}>{x.caseNumber ?? x.caseId}</a> : '—'}
              </td>
            </tr>
          ))}
        </>
      ),
      count: rows.length,
    });
  });

  app.get('/:agencyId/:year/t2/:cell', async (c) => {
    const { r } = await routeReport(c);
    const cell = c.req.param('cell');
    const db = c.get('deps').store.db;
    const lib = await libraryTable2(db, r.agencyId, r.year);
    if (!lib || !(cell in lib)) throw new NotFoundError('这个单元格的数字不来自政策文件库。');
    const docs = await documentsForT2Cell(db, r.agencyId, r.year, cell);
    const fmt = FORMATS[r.format as FormatId];
    const [bk, rk, ck] = cell.split('.');
    const block = fmt.table2.blocks.find((b) => b.key === bk);
    const title = `表二 ${block?.label ?? ''} ${block?.rows.find((x) => x.key === rk)?.label ?? ''}：${block?.columns.find((x) => x.key === ck)?.label ?? ''}`;
    return renderCellList(c, r, {
      table: 't2',
      title,
      intro: `${reportTitle(r)}：政策文件库中计入这一单元格的文件共${docs.length}件。`,
      what: '文件',
      headers: ['索引号', '标题', '文号', '成文日期', '效力'],
      rows: (
        <>
          {docs.map((x) => (
            <tr>
              <td>{x.indexNumber}</td>
              <th scope="row">
                <a href={`/console/disclosure/${x.id}`}>{x.title}</a>
              </th>
              <td>{x.documentNumber ?? '—'}</td>
              <td>
                <DateText date={x.writtenOn} />
              </td>
              <td>
                {({ valid: '有效', expired: '失效', repealed: '废止' } as Record<string, string>)[
                  x.validity ?? ''
                ] ?? '—'}
                {x.validityOn ? (
                  <>
                    （<DateText date={x.validityOn} />）
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </>
      ),
      count: docs.length,
    });
  });

  app.post('/:agencyId/:year/sections', async (c) => {
    const { user, r } = await routeReport(c);
    mustAct(user, r.agencyId);
    const body = await formBody(c);
    const sections = Object.fromEntries(SECTION_KEYS.map((k) => [k, text(body, k)]));
    try {
      await saveSections(
        c.get('deps').store.db,
        r.agencyId,
        r.year,
        revisionOf(body),
        sections,
        actorOf(user),
        {
          at: nowIsoOf(c.get('deps')),
        },
      );
    } catch (e) {
      if (e instanceof ReportConflictError) {
        c.status(409);
        return renderEditor(c, user, e.current, { error: e.message, sections, newer: e.current.sections });
      }
      if (e instanceof WorkflowError) {
        c.status(e.rule === 'AR-09' ? 403 : 400);
        return renderEditor(c, user, r, { error: e.message, sections });
      }
      throw e;
    }
    await addFlash(c, '正文已保存。');
    return seeOther(c, `${base(r.agencyId, r.year)}#sections-title`);
  });

  app.post('/:agencyId/:year/inputs', async (c) => {
    const { user, r } = await routeReport(c);
    mustAct(user, r.agencyId);
    const body = await formBody(c);
    const values: Record<string, string> = {};
    for (const k of Object.keys(body)) if (k.startsWith('t2:')) values[k.slice(3)] = text(body, k).trim();
    // blank fields are not inputs (a blank cell stays blank); only the filled ones are saved
    const filled = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
    try {
      await saveTable2Inputs(
        c.get('deps').store.db,
        r.agencyId,
        r.year,
        revisionOf(body),
        filled,
        actorOf(user),
        {
          at: nowIsoOf(c.get('deps')),
        },
      );
    } catch (e) {
      if (e instanceof Table2InputErrors) {
        c.status(400);
        return renderEditor(c, user, r, { inputs: values, inputErrors: e.errors });
      }
      if (e instanceof ReportConflictError) {
        c.status(409);
        return renderEditor(c, user, e.current, { error: e.message, inputs: values });
      }
      if (e instanceof WorkflowError) {
        c.status(e.rule === 'AR-09' ? 403 : 400);
        return renderEditor(c, user, r, { error: e.message, inputs: values });
      }
      throw e;
    }
    await addFlash(c, '表二数据已保存。');
    return seeOther(c, `${base(r.agencyId, r.year)}#t2-title`);
  });

  app.post('/:agencyId/:year/workflow/:action', async (c) => {
    const { user, r } = await routeReport(c);
    mustAct(user, r.agencyId);
    const action = c.req.param('action') as ReportAction;
    if (!['submit', 'approve', 'return', 'publish', 'reopen'].includes(action)) throw new NotFoundError();
    const body = await formBody(c);
    const comment = text(body, 'comment').trim();
    const errors: FieldErrors = {};
    if (text(body, 'confirm') !== '1') errors.confirm = ['请勾选“我已核对，确认办理”后再提交'];
    if ((action === 'return' || action === 'reopen') && !comment)
      errors.comment = [action === 'return' ? '请填写退回意见' : '请填写更正理由'];
    if (Object.keys(errors).length) {
      c.status(400);
      return renderEditor(c, user, r, { actionErrors: { action, errors, comment } });
    }
    try {
      await transitionReport(
        c.get('deps').store.db,
        r.agencyId,
        r.year,
        revisionOf(body),
        action as Exclude<ReportAction, 'edit'>,
        actorOf(user),
        { at: nowIsoOf(c.get('deps')), comment },
      );
    } catch (e) {
      if (e instanceof ReportConflictError) {
        c.status(409);
        return renderEditor(c, user, e.current, { error: e.message });
      }
      if (e instanceof WorkflowError) {
        c.status(e.rule === 'AR-09' ? 403 : 400);
        return renderEditor(c, user, r, { error: e.message, actionErrors: { action, errors: {}, comment } });
      }
      throw e;
    }
    await addFlash(c, `已${REPORT_ACTION_LABEL[action]}。`);
    return seeOther(c, base(r.agencyId, r.year));
  });

  const exportName = (r: AnnualReport, ext: string) =>
    `${reportTitle(r)}${r.status === 'published' ? '' : '（草稿）'}.${ext}`;

  app.get('/:agencyId/:year/export.docx', async (c) => {
    const { r } = await routeReport(c);
    const { renderDocx } = await import('../../report/render/docx.ts');
    const bytes = await renderDocx(await shownReport(c, r));
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'Content-Disposition': attachmentDisposition(exportName(r, 'docx')),
      'Cache-Control': 'no-store',
    });
  });

  app.get('/:agencyId/:year/export.txt', async (c) => {
    const { r } = await routeReport(c);
    return c.body(renderText(await shownReport(c, r)), 200, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Disposition': attachmentDisposition(exportName(r, 'txt')),
      'Cache-Control': 'no-store',
    });
  });

  app.get('/:agencyId/:year/export.html', async (c) => {
    const { r } = await routeReport(c);
    const res = reportHtmlResponse(c, await shownReport(c, r));
    res.headers.set('Content-Disposition', attachmentDisposition(exportName(r, 'html')));
    res.headers.set('Cache-Control', 'no-store');
    return res;
  });

  app.get('/:agencyId/:year/export.pdf', async (c) => {
    const { r } = await routeReport(c);
    const { PdfRenderError, renderPdf } = await import('../../report/render/pdf.ts');
    try {
      const bytes = await renderPdf(await shownReport(c, r));
      return c.body(new Uint8Array(bytes), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': attachmentDisposition(exportName(r, 'pdf')),
        'Cache-Control': 'no-store',
      });
    } catch (e) {
      if (!(e instanceof PdfRenderError)) throw e;
      c.status(503);
      return c.render(
        <>
          <h1>暂时无法生成PDF</h1>
          <p>服务器上没有可用于生成PDF的浏览器组件，请先导出Word版，或请系统管理员安装后再试。</p>
          <p class="hint">{e.message}</p>
          <p>
            <a href={`${base(r.agencyId, r.year)}/export.docx`}>导出Word版</a>
          </p>
        </>,
        { title: '暂时无法生成PDF', area: 'console' },
      );
    }
  });

  return app;
}
