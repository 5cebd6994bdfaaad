/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The staff console for 主动公开 (mounted at /console/disclosure):
 *   GET  /                 the items of an agency in the user's scope, with filters, and the Art. 26
 *                          list (overdue / at risk, working days left) at the top
 *   GET  /new, POST /new   the draft form
 *   GET  /:id              the item: metadata, the review chain with each step's state, the history
 *                          (append-only events), the actions the user may take now
 *   GET|POST /:id/edit     a change (a published item keeps its public version until the change
 *                          has passed the whole chain again)
 *   POST /:id/<action>     submit, approve, return, publish, unpublish, validity
 *   GET  /:id/preview      the current version as the public would see it
 *   GET  /:id/attachments/:aid
 *   /guide                 the guide sections editor (disclosureGuide.tsx)
 *
 * Access: staff only; items outside the user's agencies answer 404; supervisors only read (403 on
 * every POST); each review step is decided only by its role — the state machine
 * (src/disclosure/machine.ts) has the last word and its refusals are shown in Chinese (400), with
 * nothing written. Every action needs its confirmation checkbox (works without JavaScript).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import {
  ATTRIBUTES,
  CATEGORIES,
  categoryLabel,
  POLICY_KINDS,
  VALIDITY,
} from '../../disclosure/categories.ts';
import { ACTOR_ROLES, type ActorRole, type ReviewStep } from '../../disclosure/events.ts';
import { type ItemFields, parseItemFields } from '../../disclosure/fields.ts';
import { ITEM_EVENT_ROLES, ITEM_STATUS, type ItemStatus, type ItemView } from '../../disclosure/machine.ts';
import {
  appendItemEvent,
  createItem,
  DisclosureRuleError,
  getDisclosureSettings,
  type ItemDetail,
  type ItemSummary,
  itemDetail,
  itemsAtRisk,
  listItems,
} from '../../store/disclosure.ts';
import { type AppContext, type AppEnv, nowIsoOf, type SessionUser, todayOf } from '../context.ts';
import { attachmentsDir, formatSize } from '../files.ts';
import { addError, ErrorText, type FieldErrors, hasErrors } from '../forms.tsx';
import {
  agencyFilter,
  canActForAgency,
  NotFoundError,
  requireAgency,
  requireStaff,
  scopeToAgency,
  staffUser,
  UnauthorizedRoleError,
} from '../guard.ts';
import { attachmentDisposition, type FormBody, formBody, seeOther, text } from '../http.ts';
import { CsrfInput } from '../layout.tsx';
import { beijingDateTime, DateText } from '../portal/common.tsx';
import { addFlash } from '../session.ts';
import {
  errorsByField,
  type FormValues,
  fieldsFromValues,
  formNameOf,
  ItemForm,
  keptAttachments,
  removedByCleaning,
  storeFormAttachments,
  valuesFromBody,
  valuesOf,
} from './disclosureForm.tsx';
import { guideRoutes } from './disclosureGuide.tsx';
import { settingsRoutes } from './disclosureSettings.tsx';
import { daysLeft } from './inbox.tsx';
import { CONSOLE_CSS_URL } from './style.ts';

const BASE = '/console/disclosure';
const Css: FC = () => <link rel="stylesheet" href={CONSOLE_CSS_URL} />;

// ---------------------------------------------------------------------------------------------
// Who may do what (the machine checks again)

const DRAFTERS = ITEM_EVENT_ROLES.drafted as readonly string[];
const UNPUBLISHERS = ITEM_EVENT_ROLES.unpublished as readonly string[];

export type ItemActionName = 'submit' | 'approve' | 'return' | 'publish' | 'unpublish' | 'validity';

export const ITEM_ACTIONS: Record<ItemActionName, { title: string; note: string }> = {
  submit: {
    title: '送审',
    note: '送审后按审核链逐级审核：股室负责人 → 分管领导 → 办公室（保密审查）。审核中的信息不能修改。',
  },
  approve: {
    title: '审核通过',
    note: '“所有公开的信息均经过各股室负责人、分管领导和办公室的保密审查才可以发布”：只有本级指定的角色可以审核。',
  },
  return: { title: '退回修改', note: '退回须写明意见，说明需要修改的内容；修改后重新送审。' },
  publish: {
    title: '发布',
    note: '经审核链最后一级批准后发布；发布日期为今天。条例第二十六条：自信息形成或者变更之日起20个工作日内公开。',
  },
  unpublish: {
    title: '撤下',
    note: '撤下后公众不能再看到本信息；须写明理由，理由记入办理记录。',
  },
  validity: {
    title: '效力变更',
    note: '规章和行政规范性文件失效或废止时登记，公开页面同步显示效力状态和日期。',
  },
};
const ACTION_NAMES = Object.keys(ITEM_ACTIONS) as ItemActionName[];

/** The actions offered to the user now (the state machine has the last word). */
export function offeredActions(user: SessionUser, agencyId: number, v: ItemView): ItemActionName[] {
  if (!canActForAgency(user, agencyId)) return [];
  const out: ItemActionName[] = [];
  const drafter = DRAFTERS.includes(user.role);
  if (drafter && ['draft', 'returned', 'unpublished'].includes(v.status)) out.push('submit');
  if (v.status === 'inReview' && v.waitingFor?.role === user.role) out.push('approve', 'return');
  if (drafter && v.status === 'approved') out.push('publish');
  if (v.live && UNPUBLISHERS.includes(user.role)) out.push('unpublish');
  if (drafter && v.firstPublishedOn && v.status !== 'inReview' && (v.fields.policyKind || v.fields.validity))
    out.push('validity');
  return out;
}

const mayEdit = (user: SessionUser, agencyId: number, v: ItemView) =>
  canActForAgency(user, agencyId) && DRAFTERS.includes(user.role) && v.status !== 'inReview';

const actorOf = (user: SessionUser) => ({
  id: `staff:${user.id}`,
  role: user.role,
  name: user.displayName.slice(0, 60),
});

const roleLabel = (r: string | null | undefined) => (r ? (ACTOR_ROLES[r as ActorRole] ?? r) : '');

/** '审核中（待分管领导审核）' */
function statusText(status: ItemStatus, waitingRole: string | null, live: boolean): string {
  let s = ITEM_STATUS[status];
  if (status === 'inReview' && waitingRole) s += `（待${roleLabel(waitingRole)}审核）`;
  if (live && status !== 'published') s += '（已发布的版本仍公开）';
  return s;
}

// ---------------------------------------------------------------------------------------------
// Loading

interface ConsoleItem extends ItemDetail {
  agencyName: string;
  chainShown: ReviewStep[];
}

async function loadItem(c: AppContext, param: string | undefined): Promise<ConsoleItem> {
  const deps = c.get('deps');
  const id = /^\d{1,12}$/.test(param ?? '') ? Number(param) : Number.NaN;
  if (!Number.isSafeInteger(id)) throw new NotFoundError();
  const row = await deps.store.db
    .selectFrom('disclosure_item')
    .innerJoin('agency', 'agency.id', 'disclosure_item.agency_id')
    .select(['disclosure_item.agency_id as agencyId', 'agency.name as agencyName'])
    .where('disclosure_item.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  requireAgency(c, Number(row.agencyId));
  const d = await itemDetail(deps.store, id, { calendar: deps.calendar });
  if (!d) throw new NotFoundError();
  const settings = await getDisclosureSettings(deps.store.db, d.agencyId);
  return { ...d, agencyName: row.agencyName, chainShown: d.view.chain ?? settings.reviewChain };
}

/** The agencies the user may look at (for the list's agency choice). */
async function agenciesInScope(c: AppContext): Promise<{ id: number; name: string }[]> {
  const user = staffUser(c);
  const scope = agencyFilter(user);
  let q = c.get('deps').store.db.selectFrom('agency').select(['id', 'name']).orderBy('id');
  if (scope) {
    if (!scope.length) return [];
    q = q.where('id', 'in', scope);
  }
  return (await q.execute()).map((r) => ({ id: Number(r.id), name: r.name }));
}

// ---------------------------------------------------------------------------------------------
// The list

interface ListFilters {
  agencyId: number;
  status: string;
  category: string;
  mine: boolean;
  q: string;
  page: number;
}

const STATUS_FILTERS = Object.keys(ITEM_STATUS) as ItemStatus[];

function filterQuery(f: ListFilters, page: number): string {
  const p = new URLSearchParams();
  p.set('agency', String(f.agencyId));
  if (f.status) p.set('status', f.status);
  if (f.category) p.set('category', f.category);
  if (f.mine) p.set('mine', '1');
  if (f.q) p.set('q', f.q);
  if (page > 1) p.set('page', String(page));
  return `${BASE}?${p}`;
}

type RiskRow = Awaited<ReturnType<typeof itemsAtRisk>>['overdue'][number];

const RiskTable: FC<{ caption: string; rows: RiskRow[]; overdue: boolean }> = ({
  caption,
  rows,
  overdue,
}) => (
  <div class="table-scroll">
    <table class="inbox">
      <caption>
        {caption}（{rows.length}条）
      </caption>
      <thead>
        <tr>
          <th scope="col">标题和索引号</th>
          <th scope="col">状态</th>
          <th scope="col">形成或变更日期</th>
          <th scope="col">公开期限</th>
          <th scope="col">{overdue ? '逾期' : '剩余'}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr class={overdue ? 'row-overdue' : ''}>
            <th scope="row">
              <a href={`${BASE}/${r.id}`}>{r.title}</a>
              <br />
              <span class="muted">{r.indexNumber}</span>
            </th>
            <td>{r.statusLabel}</td>
            <td>
              <DateText date={r.formedOn} />
            </td>
            <td>
              <DateText date={r.dueOn} />
            </td>
            <td>
              {overdue ? (
                <span class="urgency urgency-overdue">
                  已逾期{r.workingDaysOverdue !== null ? `${r.workingDaysOverdue}个工作日` : ''}
                </span>
              ) : (
                <span class={`urgency ${(r.workingDaysLeft ?? 99) <= 3 ? 'urgency-urgent' : 'urgency-soon'}`}>
                  {r.workingDaysLeft === null ? '即将到期' : `剩余${r.workingDaysLeft}个工作日`}
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

const ListPage: FC<{
  user: SessionUser;
  agencies: { id: number; name: string }[];
  filters: ListFilters;
  list: { total: number; items: ItemSummary[] };
  risk: { overdue: RiskRow[]; atRisk: RiskRow[] };
  pageSize: number;
  canDraft: boolean;
}> = ({ user, agencies, filters: f, list, risk, pageSize, canDraft }) => {
  const agencyName = agencies.find((a) => a.id === f.agencyId)?.name ?? '';
  const pages = Math.max(1, Math.ceil(list.total / pageSize));
  return (
    <>
      <h1>主动公开</h1>
      <p class="lead">
        {agencyName}的政府信息：起草、逐级审核（股室负责人 → 分管领导 → 办公室保密审查）、发布和撤下。
      </p>
      <p class="actions">
        {canDraft ? (
          <a class="button" href={`${BASE}/new`}>
            起草新信息
          </a>
        ) : null}
        <a href={`${BASE}/guide?agency=${f.agencyId}`}>政府信息公开指南</a>
        <a href={`${BASE}/settings?agency=${f.agencyId}`}>索引号和审核链设置</a>
      </p>
      <section aria-labelledby="art26-title" class="panel">
        <h2 id="art26-title">公开期限预警（条例第二十六条）</h2>
        <p class="hint">
          主动公开的信息应当自形成或者变更之日起20个工作日内公开。以下是已逾期和5个工作日内到期、尚未发布的信息；天数按工作日计算。
        </p>
        {risk.overdue.length ? (
          <RiskTable caption="已逾期" rows={risk.overdue} overdue />
        ) : (
          <p>没有逾期未公开的信息。</p>
        )}
        {risk.atRisk.length ? (
          <RiskTable caption="即将到期" rows={risk.atRisk} overdue={false} />
        ) : (
          <p>没有即将到期的信息。</p>
        )}
      </section>
      <h2>信息列表</h2>
      <form method="get" action={BASE} class="filters">
        {agencies.length > 1 ? (
          <div class="field">
            <label for="f-agency">机关</label>
            <select id="f-agency" name="agency">
              {agencies.map((a) => (
                <option value={String(a.id)} selected={a.id === f.agencyId}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <input type="hidden" name="agency" value={String(f.agencyId)} />
        )}
        <div class="field">
          <label for="f-status">状态</label>
          <select id="f-status" name="status">
            <option value="">全部</option>
            {STATUS_FILTERS.map((s) => (
              <option value={s} selected={f.status === s}>
                {ITEM_STATUS[s]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-category">公开类别</label>
          <select id="f-category" name="category">
            <option value="">全部</option>
            {Object.keys(CATEGORIES).map((k) => (
              <option value={k} selected={f.category === k}>
                {categoryLabel(k)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-q">标题、文号或索引号</label>
          <input type="text" id="f-q" name="q" value={f.q} />
        </div>
        <div class="field">
          <div class="choice">
            <input type="checkbox" id="f-mine" name="mine" value="1" checked={f.mine} />
            <label for="f-mine">只看待我审核的（{roleLabel(user.role)}）</label>
          </div>
        </div>
        <div class="actions">
          <button type="submit" class="button">
            筛选
          </button>
          <a href={BASE}>清除筛选</a>
        </div>
      </form>
      {list.items.length ? (
        <div class="table-scroll">
          <table>
            <caption>
              共{list.total}条{pages > 1 ? `，第${f.page}/${pages}页` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">标题和索引号</th>
                <th scope="col">文号</th>
                <th scope="col">公开类别</th>
                <th scope="col">状态</th>
                <th scope="col">发布日期</th>
                <th scope="col">公开期限</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={`${BASE}/${r.id}`}>{r.title}</a>
                    <br />
                    <span class="muted">{r.indexNumber}</span>
                  </th>
                  <td>{r.documentNumber ?? '—'}</td>
                  <td>{CATEGORIES[r.category]?.label ?? r.category}</td>
                  <td>{statusText(r.status, r.waitingRole, r.live)}</td>
                  <td>
                    <DateText date={r.publishedOn} />
                  </td>
                  <td>
                    <DateText date={r.dueOn} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>没有符合条件的信息。</p>
      )}
      {pages > 1 ? (
        <nav aria-label="翻页">
          <p>
            {f.page > 1 ? <a href={filterQuery(f, f.page - 1)}>上一页</a> : null}
            {f.page > 1 && f.page < pages ? ' ｜ ' : null}
            {f.page < pages ? <a href={filterQuery(f, f.page + 1)}>下一页</a> : null}
          </p>
        </nav>
      ) : null}
    </>
  );
};

// ---------------------------------------------------------------------------------------------
// The item page

const Confirm: FC<{ action: ItemActionName; errors: FieldErrors }> = ({ action, errors }) => {
  const id = `f-${action}-confirm`;
  const err = errors.confirm;
  return (
    <div class={`field${err?.length ? ' has-error' : ''}`}>
      <ErrorText id={`${id}-error`} messages={err} />
      <div class="choice">
        <input
          type="checkbox"
          id={id}
          name="confirm"
          value="1"
          aria-invalid={err?.length ? 'true' : undefined}
          aria-describedby={err?.length ? `${id}-error` : undefined}
        />
        <label for={id}>我已核对，确认“{ITEM_ACTIONS[action].title}”（登记后不能撤销）</label>
      </div>
    </div>
  );
};

const ActionArea: FC<{
  action: ItemActionName;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  value?: string;
  errors: FieldErrors;
}> = (p) => {
  const id = `f-${p.action}-${p.name}`;
  const err = p.errors[p.name];
  return (
    <div class={`field${err?.length ? ' has-error' : ''}`}>
      <label for={id}>
        {p.label}
        <span class="req">{p.required ? '（必填）' : '（选填）'}</span>
      </label>
      {p.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      <ErrorText id={`${id}-error`} messages={err} />
      <textarea
        id={id}
        name={p.name}
        rows={3}
        aria-invalid={err?.length ? 'true' : undefined}
        aria-describedby={
          [p.hint ? `${id}-hint` : '', err?.length ? `${id}-error` : ''].filter(Boolean).join(' ') ||
          undefined
        }
      >
        {p.value ?? ''}
      </textarea>
    </div>
  );
};

const isSecrecyStep = (step: ReviewStep | undefined) => !!step && /保密/.test(step.label);

const ActionForm: FC<{
  d: ConsoleItem;
  action: ItemActionName;
  csrf: string;
  values: Record<string, string>;
  errors: FieldErrors;
}> = ({ d, action, csrf, values: v, errors }) => {
  const view = d.view;
  const step = view.waitingFor ? d.chainShown[view.waitingFor.step] : undefined;
  const lastStep = !!view.waitingFor && view.waitingFor.step === d.chainShown.length - 1;
  const failed = Object.keys(errors).length > 0;
  return (
    <section class="panel action" aria-labelledby={`action-${action}`}>
      <h3 id={`action-${action}`}>
        {ITEM_ACTIONS[action].title}
        {(action === 'approve' || action === 'return') && view.waitingFor
          ? `：第${view.waitingFor.step + 1}级 ${view.waitingFor.label}`
          : ''}
      </h3>
      <p class="hint legal-note">{ITEM_ACTIONS[action].note}</p>
      <form method="post" action={`${BASE}/${d.id}/${action}`} class="stack" novalidate>
        <CsrfInput token={csrf} />
        {errors['']?.length ? (
          <div class="error-summary" role="alert">
            {errors[''].map((m) => (
              <p>{m}</p>
            ))}
          </div>
        ) : null}
        {action === 'approve' || action === 'return' ? (
          <input type="hidden" name="step" value={String(v.step ?? view.waitingFor?.step ?? '')} />
        ) : null}
        {action === 'approve' ? (
          <>
            <ActionArea action={action} name="comment" label="审核意见" value={v.comment} errors={errors} />
            {isSecrecyStep(step) ? (
              <div class={`field${errors.secrecy?.length ? ' has-error' : ''}`}>
                <ErrorText id="f-approve-secrecy-error" messages={errors.secrecy} />
                <div class="choice">
                  <input
                    type="checkbox"
                    id="f-approve-secrecy"
                    name="secrecy"
                    value="1"
                    checked={v.secrecy === '1'}
                    aria-invalid={errors.secrecy?.length ? 'true' : undefined}
                  />
                  <label for="f-approve-secrecy">
                    已进行保密审查：本信息不涉及国家秘密、工作秘密，公开后不危及国家安全、公共安全、经济安全和社会稳定（条例第十四条、第十七条）
                  </label>
                </div>
              </div>
            ) : null}
            {lastStep && view.fields.attribute === 'proactive' ? (
              <div class="field">
                <div class="choice">
                  <input
                    type="checkbox"
                    id="f-approve-publish"
                    name="publish"
                    value="1"
                    checked={failed ? v.publish === '1' : true}
                  />
                  <label for="f-approve-publish">审核通过后立即发布（发布日期为今天）</label>
                </div>
              </div>
            ) : null}
          </>
        ) : null}
        {action === 'return' ? (
          <ActionArea
            action={action}
            name="comment"
            label="退回意见"
            hint="写明需要修改的内容。"
            required
            value={v.comment}
            errors={errors}
          />
        ) : null}
        {action === 'unpublish' ? (
          <ActionArea
            action={action}
            name="reason"
            label="撤下理由"
            required
            value={v.reason}
            errors={errors}
          />
        ) : null}
        {action === 'validity' ? (
          <>
            <div class={`field${errors.validity?.length ? ' has-error' : ''}`}>
              <label for="f-validity-validity">
                新的效力状态<span class="req">（必填）</span>
              </label>
              <ErrorText id="f-validity-validity-error" messages={errors.validity} />
              <select id="f-validity-validity" name="validity">
                <option value="">请选择</option>
                {Object.entries(VALIDITY).map(([k, l]) => (
                  <option value={k} selected={(v.validity ?? '') === k}>
                    {l}
                  </option>
                ))}
              </select>
            </div>
            <ActionArea
              action={action}
              name="note"
              label="说明"
              hint="例如废止该文件的文件名称和文号。效力变更日期为今天。"
              value={v.note}
              errors={errors}
            />
          </>
        ) : null}
        <Confirm action={action} errors={errors} />
        <div class="actions">
          <button type="submit" class="button">
            确认{ITEM_ACTIONS[action].title}
          </button>
        </div>
      </form>
    </section>
  );
};

const FieldsTable: FC<{ f: ItemFields; indexNumber: string; interprets: ConsoleItem['interprets'] }> = ({
  f,
  indexNumber,
  interprets,
}) => (
  <dl class="summary-list">
    <dt>索引号</dt>
    <dd>{indexNumber}</dd>
    <dt>标题</dt>
    <dd>{f.title}</dd>
    <dt>文号</dt>
    <dd>{f.documentNumber ?? '—'}</dd>
    <dt>发布机构</dt>
    <dd>{f.issuer}</dd>
    <dt>成文日期</dt>
    <dd>
      <DateText date={f.writtenOn} />
    </dd>
    <dt>形成或变更日期</dt>
    <dd>
      <DateText date={f.formedOn} />
    </dd>
    <dt>公开类别</dt>
    <dd>{categoryLabel(f.category)}</dd>
    <dt>主题分类</dt>
    <dd>{f.topic ?? '—'}</dd>
    <dt>公开属性</dt>
    <dd>
      {ATTRIBUTES[f.attribute]}
      {f.attributeReason ? `（${f.attributeReason}）` : ''}
    </dd>
    <dt>文件类型</dt>
    <dd>{f.policyKind ? POLICY_KINDS[f.policyKind] : '—'}</dd>
    <dt>施行日期</dt>
    <dd>
      <DateText date={f.effectiveOn} />
    </dd>
    <dt>效力状态</dt>
    <dd>
      {f.validity ? VALIDITY[f.validity] : '—'}
      {f.validityOn ? `（${f.validityOn}）` : ''}
    </dd>
    <dt>所解读的文件</dt>
    <dd>
      {interprets ? (
        <a href={`${BASE}/${interprets.id}`}>
          {interprets.title}（{interprets.indexNumber}）
        </a>
      ) : (
        '—'
      )}
    </dd>
    {f.deadlineOn ? (
      <>
        <dt>法定公开期限</dt>
        <dd>
          <DateText date={f.deadlineOn} />（{f.deadlineBasis}）
        </dd>
      </>
    ) : null}
    <dt>内容概述</dt>
    <dd>{f.summary ?? '—'}</dd>
  </dl>
);

type StepState = { label: string; who?: string; on?: string; comment?: string; state: string };

function chainStates(d: ConsoleItem): StepState[] {
  const v = d.view;
  const inRound = !!v.chain;
  return d.chainShown.map((step, i) => {
    const base = `第${i + 1}级 ${step.label}（${roleLabel(step.role)}）`;
    const a = inRound ? v.approvals.find((x) => x.step === i) : undefined;
    if (a)
      return {
        label: base,
        state: '已通过',
        who: `${roleLabel(a.actor.role)} ${a.actor.name ?? ''}`.trim(),
        on: a.on,
        comment: a.comment,
      };
    if (v.waitingFor?.step === i) return { label: base, state: '待审核' };
    if (inRound && v.status === 'returned' && v.lastReturn?.step === i)
      return {
        label: base,
        state: '已退回',
        who: `${roleLabel(v.lastReturn.actor.role)} ${v.lastReturn.actor.name ?? ''}`.trim(),
        on: v.lastReturn.on,
        comment: v.lastReturn.comment,
      };
    return { label: base, state: inRound ? '未到本级' : '未送审' };
  });
}

const ItemPage: FC<{
  d: ConsoleItem;
  user: SessionUser;
  csrf: string;
  /** Working days left to the Art. 26 due date (negative: overdue), or null. */
  left: number | null;
  failed?: { action: ItemActionName; values: Record<string, string>; errors: FieldErrors };
}> = ({ d, user, csrf, left, failed }) => {
  const v = d.view;
  const actions = offeredActions(user, d.agencyId, v);
  if (failed && !actions.includes(failed.action)) actions.push(failed.action);
  const readOnly = !canActForAgency(user, d.agencyId);
  return (
    <>
      <h1>{v.fields.title}</h1>
      <dl class="summary-list">
        <dt>状态</dt>
        <dd>
          <strong>{statusText(v.status, v.waitingFor?.role ?? null, !!v.live)}</strong>
        </dd>
        <dt>机关</dt>
        <dd>{d.agencyName}</dd>
        <dt>发布日期</dt>
        <dd>
          {v.publishedOn ? <DateText date={v.publishedOn} /> : '未公开'}
          {v.unpublished ? `（${v.unpublished.on}撤下：${v.unpublished.reason}）` : ''}
        </dd>
        <dt>公开期限（条例第二十六条）</dt>
        <dd>
          {v.clock ? (
            <>
              {v.clock.explanation}
              {v.clock.dueOn && left !== null ? (
                left < 0 ? (
                  <span class="urgency urgency-overdue">已逾期{-left}个工作日</span>
                ) : (
                  <span class={`urgency ${left <= 5 ? 'urgency-urgent' : 'urgency-later'}`}>
                    剩余{left}个工作日
                  </span>
                )
              ) : null}
            </>
          ) : (
            '当前版本不计算公开期限（已发布、已撤下或不属于主动公开）'
          )}
        </dd>
      </dl>
      {v.lastReturn && v.status === 'returned' ? (
        <div class="notice">
          <p>
            <strong>已被退回：</strong>
            {roleLabel(v.lastReturn.actor.role)} {v.lastReturn.actor.name ?? ''}于{v.lastReturn.on}
            退回，意见：
            {v.lastReturn.comment}
          </p>
        </div>
      ) : null}
      <p class="actions">
        <a href={`${BASE}/${d.id}/preview`}>预览公开页面</a>
        {v.live ? <a href={`/agencies/${d.agencyId}/disclosure/items/${d.id}`}>查看公开页面</a> : null}
        {mayEdit(user, d.agencyId, v) ? <a href={`${BASE}/${d.id}/edit`}>修改</a> : null}
      </p>
      <h2>信息内容</h2>
      <FieldsTable f={v.fields} indexNumber={d.indexNumber} interprets={d.interprets} />
      {d.attachments.length ? (
        <>
          <h3>附件</h3>
          <ul>
            {d.attachments.map((a) => (
              <li>
                <a href={`${BASE}/${d.id}/attachments/${a.id}`}>{a.filename}</a>（{formatSize(a.size)}）
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {d.interpretations.length ? (
        <>
          <h3>政策解读</h3>
          <ul>
            {d.interpretations.map((i) => (
              <li>
                <a href={`${BASE}/${i.id}`}>{i.title}</a>（{ITEM_STATUS[i.status]}）
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>审核链</h2>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">审核环节</th>
              <th scope="col">状态</th>
              <th scope="col">审核人</th>
              <th scope="col">日期</th>
              <th scope="col">意见</th>
            </tr>
          </thead>
          <tbody>
            {chainStates(d).map((s) => (
              <tr>
                <th scope="row">{s.label}</th>
                <td>{s.state}</td>
                <td>{s.who ?? '—'}</td>
                <td>{s.on ? <DateText date={s.on} /> : '—'}</td>
                <td>{s.comment ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>操作</h2>
      {readOnly ? (
        <p>您的角色只能查看本信息，不能登记操作。</p>
      ) : actions.length ? (
        actions.map((a) => (
          <ActionForm
            d={d}
            action={a}
            csrf={csrf}
            values={failed?.action === a ? failed.values : {}}
            errors={failed?.action === a ? failed.errors : {}}
          />
        ))
      ) : (
        <p>
          {v.status === 'inReview' && v.waitingFor
            ? `本信息正在等待${roleLabel(v.waitingFor.role)}审核（第${v.waitingFor.step + 1}级 ${v.waitingFor.label}），您当前没有可以登记的操作。`
            : '您当前没有可以登记的操作。'}
        </p>
      )}
      <h2>办理记录</h2>
      <div class="table-scroll">
        <table>
          <caption>全部事件，按登记顺序（只增不改）</caption>
          <thead>
            <tr>
              <th scope="col">序号</th>
              <th scope="col">事件</th>
              <th scope="col">登记时间</th>
            </tr>
          </thead>
          <tbody>
            {d.history.map((h) => (
              <tr>
                <td>{h.seq}</td>
                <td>{h.text}</td>
                <td>{beijingDateTime(h.event.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
};

const PreviewPage: FC<{ d: ConsoleItem; live: boolean }> = ({ d, live }) => {
  const f = live && d.view.live ? d.view.live : d.view.fields;
  return (
    <>
      <div class="notice" role="status">
        <p>
          {live
            ? '这是公众现在看到的版本。'
            : d.view.status === 'published'
              ? '这是当前版本，与公开的版本相同。'
              : '预览：这是当前版本，尚未公开；经审核链最后一级批准并发布后公众才能看到。'}
          {!live && d.view.live ? (
            <>
              {' '}
              <a href={`${BASE}/${d.id}/preview?version=live`}>查看公开的版本</a>
            </>
          ) : null}
        </p>
      </div>
      <h1>{f.title}</h1>
      <div class="table-scroll">
        <table>
          <tbody>
            <tr>
              <th scope="row">索引号</th>
              <td>{d.indexNumber}</td>
              <th scope="row">主题分类</th>
              <td>{f.topic ?? categoryLabel(f.category)}</td>
            </tr>
            <tr>
              <th scope="row">发布机构</th>
              <td>{f.issuer}</td>
              <th scope="row">成文日期</th>
              <td>
                <DateText date={f.writtenOn} />
              </td>
            </tr>
            <tr>
              <th scope="row">文号</th>
              <td>{f.documentNumber ?? '—'}</td>
              <th scope="row">发布日期</th>
              <td>{d.view.publishedOn ? <DateText date={d.view.publishedOn} /> : '（发布时填写）'}</td>
            </tr>
            <tr>
              <th scope="row">有效性</th>
              <td colspan={3}>
                {f.validity ? VALIDITY[f.validity] : '—'}
                {f.validityOn ? `（${f.validityOn}）` : ''}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <div class="item-body" dangerouslySetInnerHTML={{ __html: f.bodyHtml }} />
      {d.attachments.length ? (
        <>
          <h2>附件</h2>
          <ul>
            {d.attachments.map((a) => (
              <li>
                <a href={`${BASE}/${d.id}/attachments/${a.id}`}>{a.filename}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <a href={`${BASE}/${d.id}`}>返回信息页面</a>
      </p>
    </>
  );
};

// ---------------------------------------------------------------------------------------------
// Events from the action forms

function actionInput(
  c: AppContext,
  action: ItemActionName,
  body: FormBody,
): { input: Record<string, unknown>; errors: FieldErrors } {
  const deps = c.get('deps');
  const user = staffUser(c);
  const base = { on: todayOf(deps), at: nowIsoOf(deps), actor: actorOf(user) };
  const errors: FieldErrors = {};
  const comment = text(body, 'comment').trim();
  const stepText = text(body, 'step');
  const step = /^\d{1,2}$/.test(stepText) ? Number(stepText) : -1;
  switch (action) {
    case 'submit':
      return { input: { ...base, type: 'submitted' }, errors };
    case 'approve':
    case 'return': {
      if (step < 0) addError(errors, '', '审核级次无效，请刷新页面后重试。');
      const input: Record<string, unknown> = {
        ...base,
        type: action === 'approve' ? 'approved' : 'returned',
        step,
      };
      if (comment) input.comment = comment;
      return { input, errors };
    }
    case 'publish':
      return { input: { ...base, type: 'published' }, errors };
    case 'unpublish': {
      const reason = text(body, 'reason').trim();
      return { input: { ...base, type: 'unpublished', ...(reason ? { reason } : {}) }, errors };
    }
    case 'validity': {
      const note = text(body, 'note').trim();
      return {
        input: {
          ...base,
          type: 'validityChanged',
          validity: text(body, 'validity'),
          ...(note ? { note } : {}),
        },
        errors,
      };
    }
  }
}

/** Which action field a machine refusal belongs to. */
function fieldOfRule(action: ItemActionName, rule: string): string {
  if (rule === 'DIS-08') return 'comment';
  if (rule === 'DIS-12' && action === 'unpublish') return 'reason';
  if (rule === 'DIS-13' && action === 'validity') return 'validity';
  return '';
}

// ---------------------------------------------------------------------------------------------
// Routes

export function disclosureConsoleRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requireStaff());
  app.route('/guide', guideRoutes());
  app.route('/settings', settingsRoutes());

  app.get('/', async (c) => {
    const deps = c.get('deps');
    const user = staffUser(c);
    const agencies = await agenciesInScope(c);
    const asked = c.req.query('agency');
    let agencyId = user.agencyId;
    if (asked !== undefined && asked !== '') {
      const id = /^\d{1,12}$/.test(asked) ? Number(asked) : Number.NaN;
      if (!Number.isSafeInteger(id) || !scopeToAgency(user, id)) throw new NotFoundError();
      agencyId = id;
    }
    if (!agencies.some((a) => a.id === agencyId)) throw new NotFoundError();
    const status = c.req.query('status') ?? '';
    const category = c.req.query('category') ?? '';
    const pageText = c.req.query('page') ?? '1';
    const filters: ListFilters = {
      agencyId,
      status: STATUS_FILTERS.includes(status as ItemStatus) ? status : '',
      category: Object.hasOwn(CATEGORIES, category) ? category : '',
      mine: c.req.query('mine') === '1',
      q: (c.req.query('q') ?? '').slice(0, 100),
      page: /^\d{1,6}$/.test(pageText) ? Math.max(1, Number(pageText)) : 1,
    };
    const pageSize = 50;
    const list = await listItems(deps.store, {
      agencyId,
      ...(filters.status ? { status: filters.status as ItemStatus } : {}),
      ...(filters.category ? { category: filters.category } : {}),
      ...(filters.mine ? { waitingRole: user.role } : {}),
      ...(filters.q.trim() ? { q: filters.q } : {}),
      page: filters.page,
      pageSize,
    });
    const risk = await itemsAtRisk(deps.store.db, agencyId, todayOf(deps), deps.calendar);
    return c.render(
      <>
        <Css />
        <ListPage
          user={user}
          agencies={agencies}
          filters={filters}
          list={list}
          risk={risk}
          pageSize={pageSize}
          canDraft={canActForAgency(user, user.agencyId) && DRAFTERS.includes(user.role)}
        />
      </>,
      {
        title: '主动公开',
        area: 'console',
        crumbs: [{ href: '/console', label: '工作台' }, { label: '主动公开' }],
      },
    );
  });

  // ------------------------------------------------------------------ the draft form

  const renderForm = async (
    c: AppContext,
    opts: {
      agencyId: number;
      values: FormValues;
      errors: FieldErrors;
      item?: ConsoleItem;
      attachmentIds?: number[];
    },
  ) => {
    const deps = c.get('deps');
    const settings = await getDisclosureSettings(deps.store.db, opts.agencyId);
    const attachments = await keptAttachments(
      c,
      opts.agencyId,
      (opts.attachmentIds ?? []).map(String).concat(opts.values.keep ?? []),
    );
    const item = opts.item;
    const title = item ? `修改：${item.view.fields.title}` : '起草新信息';
    if (hasErrors(opts.errors)) c.status(400);
    return c.render(
      <>
        <Css />
        <h1>{title}</h1>
        {item?.view.live ? (
          <div class="notice">
            <p>本信息已发布。修改后须重新经过审核链；新版本发布前，公众继续看到已发布的版本。</p>
          </div>
        ) : null}
        <ItemForm
          action={item ? `${BASE}/${item.id}/edit` : `${BASE}/new`}
          csrf={c.get('session')?.csrfToken ?? ''}
          values={opts.values}
          errors={opts.errors}
          topics={settings.topics}
          attachments={attachments}
          editing={!!item}
          validityLocked={!!item?.view.firstPublishedOn}
          maxFiles={deps.config.uploads.maxFiles}
          maxFileMb={Math.round(deps.config.uploads.maxFileBytes / 1048576)}
        />
      </>,
      {
        title,
        area: 'console',
        crumbs: [
          { href: BASE, label: '主动公开' },
          ...(item ? [{ href: `${BASE}/${item.id}`, label: item.indexNumber }] : []),
          { label: item ? '修改' : '起草' },
        ],
      },
    );
  };

  const requireDrafter = (c: AppContext, agencyId: number) => {
    const user = staffUser(c);
    if (!canActForAgency(user, agencyId) || !DRAFTERS.includes(user.role))
      throw new UnauthorizedRoleError('您的角色只能查看主动公开信息，不能起草或修改。');
    return user;
  };

  app.get('/new', async (c) => {
    const user = staffUser(c);
    requireDrafter(c, user.agencyId);
    return renderForm(c, {
      agencyId: user.agencyId,
      values: { issuer: user.agencyName, formedOn: todayOf(c.get('deps')), attribute: 'proactive' },
      errors: {},
    });
  });

  /** Reads the form: uploads first, the 政策解读 link by 索引号; returns fields or errors. */
  const readForm = async (c: AppContext, agencyId: number, body: FormBody, selfId: number | null) => {
    const user = staffUser(c);
    const values = valuesFromBody(body);
    const errors: FieldErrors = {};
    const up = await storeFormAttachments(c, body, agencyId, `staff:${user.id}`);
    for (const e of up.errors) addError(errors, 'attachments', e);
    const kept = await keptAttachments(c, agencyId, values.keep ?? []);
    const attachmentIds = [...kept.map((a) => a.id), ...up.ids];
    // uploaded files stay with the form when something else is wrong
    values.keep = attachmentIds.map(String);
    let interpretsItemId: number | null = null;
    const ref = (values.interprets ?? '').trim();
    if (ref) {
      const row = await c
        .get('deps')
        .store.db.selectFrom('disclosure_item')
        .select('id')
        .where('agency_id', '=', agencyId)
        .where('index_number', '=', ref)
        .executeTakeFirst();
      if (!row) addError(errors, 'interprets', `所解读的文件：本机关没有索引号为“${ref}”的信息`);
      else if (Number(row.id) === selfId) addError(errors, 'interprets', '所解读的文件：不能解读自己');
      else interpretsItemId = Number(row.id);
    }
    return {
      values,
      errors,
      fields: fieldsFromValues(values, interpretsItemId, attachmentIds),
      attachmentIds,
    };
  };

  const cleanedNotice = async (c: AppContext, body: string) => {
    const removed = removedByCleaning(body);
    if (removed.length)
      await addFlash(
        c,
        `正文已保存，但清理了不安全或不支持的内容：${removed.join('、')}。请预览核对正文。`,
        'info',
      );
  };

  app.post('/new', async (c) => {
    const deps = c.get('deps');
    const user = requireDrafter(c, staffUser(c).agencyId);
    const body = await formBody(c);
    const r = await readForm(c, user.agencyId, body, null);
    if (hasErrors(r.errors)) {
      // check the rest too, so every field's problem shows at once
      const p = parseItemFields({ issuer: user.agencyName, ...r.fields });
      if (!p.ok)
        for (const e of p.errors) addError(r.errors, formNameOf(e.path.split('.')[0] ?? ''), e.message);
      return renderForm(c, { agencyId: user.agencyId, values: r.values, errors: r.errors });
    }
    try {
      const created = await createItem(
        deps.store,
        user.agencyId,
        { on: todayOf(deps), at: nowIsoOf(deps), actor: actorOf(user), fields: r.fields },
        { calendar: deps.calendar },
      );
      await addFlash(c, `已保存草稿，索引号 ${created.indexNumber}。核对后请送审。`);
      await cleanedNotice(c, r.values.bodyHtml ?? '');
      return seeOther(c, `${BASE}/${created.id}`);
    } catch (e) {
      if (!(e instanceof DisclosureRuleError)) throw e;
      return renderForm(c, {
        agencyId: user.agencyId,
        values: r.values,
        errors: errorsByField(e.errors, e.message),
      });
    }
  });

  // ------------------------------------------------------------------ one item

  const renderItem = (c: AppContext, d: ConsoleItem, failed?: Parameters<typeof ItemPage>[0]['failed']) => {
    const deps = c.get('deps');
    const today = todayOf(deps);
    const left = d.view.clock?.dueOn ? daysLeft(deps.calendar, today, d.view.clock.dueOn) : null;
    return c.render(
      <>
        <Css />
        <ItemPage
          d={d}
          user={staffUser(c)}
          csrf={c.get('session')?.csrfToken ?? ''}
          left={left}
          failed={failed}
        />
      </>,
      {
        title: d.view.fields.title,
        area: 'console',
        crumbs: [{ href: BASE, label: '主动公开' }, { label: d.indexNumber }],
      },
    );
  };

  app.get('/:id{[0-9]+}', async (c) => renderItem(c, await loadItem(c, c.req.param('id'))));

  app.get('/:id{[0-9]+}/preview', async (c) => {
    const d = await loadItem(c, c.req.param('id'));
    const live = c.req.query('version') === 'live' && !!d.view.live;
    return c.render(
      <>
        <Css />
        <PreviewPage d={d} live={live} />
      </>,
      {
        title: `预览：${d.view.fields.title}`,
        area: 'console',
        crumbs: [
          { href: BASE, label: '主动公开' },
          { href: `${BASE}/${d.id}`, label: d.indexNumber },
          { label: '预览' },
        ],
      },
    );
  });

  app.get('/:id{[0-9]+}/attachments/:aid{[0-9]+}', async (c) => {
    const d = await loadItem(c, c.req.param('id'));
    const aid = Number(c.req.param('aid'));
    const row = await c
      .get('deps')
      .store.db.selectFrom('disclosure_attachment')
      .selectAll()
      .where('id', '=', aid)
      .where('agency_id', '=', d.agencyId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError();
    const bytes = await readFile(join(attachmentsDir(c.get('deps')), row.storage_key));
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': row.media_type,
      'Content-Disposition': attachmentDisposition(row.filename),
      'Cache-Control': 'private, no-store',
    });
  });

  app.get('/:id{[0-9]+}/edit', async (c) => {
    const d = await loadItem(c, c.req.param('id'));
    requireDrafter(c, d.agencyId);
    if (d.view.status === 'inReview') {
      await addFlash(c, '审核中的信息不能修改；如需修改，请审核人退回后再改。', 'error');
      return seeOther(c, `${BASE}/${d.id}`);
    }
    return renderForm(c, {
      agencyId: d.agencyId,
      item: d,
      values: valuesOf(d.view.fields, d.interprets?.indexNumber ?? null),
      errors: {},
    });
  });

  app.post('/:id{[0-9]+}/edit', async (c) => {
    const deps = c.get('deps');
    const d = await loadItem(c, c.req.param('id'));
    const user = requireDrafter(c, d.agencyId);
    const body = await formBody(c);
    const r = await readForm(c, d.agencyId, body, d.id);
    if (hasErrors(r.errors))
      return renderForm(c, { agencyId: d.agencyId, item: d, values: r.values, errors: r.errors });
    const changes: Record<string, unknown> = { ...r.fields };
    if (d.view.firstPublishedOn) {
      // DIS-13: validity of a published item changes through 效力变更 only
      delete changes.validity;
      delete changes.validityOn;
    }
    const note = (r.values.note ?? '').trim();
    try {
      await appendItemEvent(
        deps.store,
        d.id,
        {
          type: 'edited',
          on: todayOf(deps),
          at: nowIsoOf(deps),
          actor: actorOf(user),
          changes,
          ...(note ? { note } : {}),
        },
        { calendar: deps.calendar },
      );
    } catch (e) {
      if (!(e instanceof DisclosureRuleError)) throw e;
      return renderForm(c, {
        agencyId: d.agencyId,
        item: d,
        values: r.values,
        errors: errorsByField(e.errors, e.message),
      });
    }
    await addFlash(
      c,
      d.view.live
        ? '已保存修改。请送审；新版本发布前，公众继续看到已发布的版本。'
        : '已保存修改。核对后请送审。',
    );
    await cleanedNotice(c, r.values.bodyHtml ?? '');
    return seeOther(c, `${BASE}/${d.id}`);
  });

  app.post('/:id{[0-9]+}/:action', async (c) => {
    const deps = c.get('deps');
    const action = c.req.param('action') as ItemActionName;
    const d = await loadItem(c, c.req.param('id'));
    if (!ACTION_NAMES.includes(action)) throw new NotFoundError();
    const user = staffUser(c);
    if (!canActForAgency(user, d.agencyId))
      throw new UnauthorizedRoleError('您的角色只能查看主动公开信息，不能登记操作。');
    const body = await formBody(c);
    const values: Record<string, string> = {};
    for (const k of Object.keys(body)) if (k !== '_csrf' && k !== 'confirm') values[k] = text(body, k);
    const fail = (errors: FieldErrors) => {
      c.status(400);
      return renderItem(c, d, { action, values, errors });
    };
    const { input, errors } = actionInput(c, action, body);
    if (text(body, 'confirm') !== '1') addError(errors, 'confirm', '请勾选确认后再提交（登记后不能撤销）。');
    if (
      action === 'approve' &&
      d.view.waitingFor &&
      isSecrecyStep(d.chainShown[d.view.waitingFor.step]) &&
      d.view.waitingFor.role === user.role &&
      text(body, 'secrecy') !== '1'
    )
      addError(errors, 'secrecy', '保密审查：请确认已进行保密审查后再审核通过。');
    if (hasErrors(errors)) return fail(errors);
    if (action === 'approve' && text(body, 'secrecy') === '1') {
      const c0 = (input.comment as string | undefined) ?? '';
      input.comment = `${c0 ? `${c0}；` : ''}已进行保密审查`.slice(0, 1000);
    }
    let view: ItemView;
    try {
      view = await appendItemEvent(deps.store, d.id, input, { calendar: deps.calendar });
    } catch (e) {
      if (!(e instanceof DisclosureRuleError)) throw e;
      const errs: FieldErrors = {};
      addError(errs, fieldOfRule(action, e.rule), e.message);
      return fail(errs);
    }
    let message = `已登记“${ITEM_ACTIONS[action].title}”。`;
    if (action === 'approve' && view.status === 'approved' && text(body, 'publish') === '1') {
      try {
        await appendItemEvent(
          deps.store,
          d.id,
          { type: 'published', on: todayOf(deps), at: nowIsoOf(deps), actor: actorOf(user) },
          { calendar: deps.calendar },
        );
        message = '已审核通过并发布，公众现在可以看到本信息。';
      } catch (e) {
        if (!(e instanceof DisclosureRuleError)) throw e;
        await addFlash(c, `已审核通过，但未能发布：${e.message}`, 'error');
        return seeOther(c, `${BASE}/${d.id}`);
      }
    } else if (action === 'approve' && view.status === 'inReview' && view.waitingFor)
      message = `已审核通过，转${roleLabel(view.waitingFor.role)}审核（第${view.waitingFor.step + 1}级 ${view.waitingFor.label}）。`;
    else if (action === 'publish') message = '已发布，公众现在可以看到本信息。';
    else if (action === 'submit' && view.waitingFor)
      message = `已送审，等待${roleLabel(view.waitingFor.role)}审核（第1级 ${view.waitingFor.label}）。`;
    await addFlash(c, message);
    return seeOther(c, `${BASE}/${d.id}`);
  });

  return app;
}
