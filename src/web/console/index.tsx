/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The staff console: the inbox (GET /console), the case page (GET /console/cases/:id) and the
 * actions on a case (POST /console/cases/:id/<action>). Every route runs behind requireStaff();
 * cases outside the user's agencies answer 404; supervisors only read (403 on actions); the
 * extension (条例第三十三条第二款) is only for the head of the disclosure office. Every action needs
 * its confirmation checkbox (works without JavaScript); a refused event shows the rule's message
 * (400) and writes nothing.
 */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { ACTOR_ROLES, type CaseEventType, CONSULTATION_PARTIES, EVENT_TYPES } from '../../cases/events.ts';
import { FEE_METHODS } from '../../cases/fees.ts';
import type { Application } from '../../cases/intake.ts';
import type { CaseView } from '../../cases/machine.ts';
import { APPLICANT_TYPES, OUTCOME_CODES, OUTCOMES } from '../../cases/outcomes.ts';
import { appendCaseEvent, CaseRuleError, caseView } from '../../store/cases.ts';
import { type AppContext, type AppEnv, caseDeps, nowIsoOf, type SessionUser, todayOf } from '../context.ts';
import { ErrorSummary, type FieldErrors } from '../forms.tsx';
import {
  canActForAgency,
  NotFoundError,
  requireAgency,
  requireStaff,
  staffUser,
  UnauthorizedRoleError,
} from '../guard.ts';
import { attachmentDisposition, formBody, seeOther, text } from '../http.ts';
import { CsrfInput } from '../layout.tsx';
import {
  getLetter,
  issueLetter,
  type LetterListItem,
  letterFilename,
  listLetters,
  storedLetterDocx,
} from '../letters.ts';
import { beijingDateTime, DateText } from '../portal/common.tsx';
import { addFlash } from '../session.ts';
import { actionEventInput, type ReplyLetter, replyLetter } from './action-input.ts';
import { daysLeft, InboxPage, loadInbox, UrgencyTag, urgencyOf } from './inbox.tsx';
import { CONSOLE_CSS, CONSOLE_CSS_URL } from './style.ts';

// ---------------------------------------------------------------------------------------------
// Actions

export type ActionName = 'correction' | 'consultation' | 'extension' | 'fee' | 'reply';

interface ActionDef {
  title: string;
  note: string;
  /** Roles that may take it (besides the agency scope; supervisors never). */
  roles?: readonly SessionUser['role'][];
}

export const ACTIONS: Record<ActionName, ActionDef> = {
  correction: {
    title: '告知补正',
    note: '条例第三十条：申请内容不明确的，应当自收到申请之日起7个工作日内一次性告知申请人作出补正，说明需要补正的事项和合理的补正期限。答复期限自收到补正的申请之日起计算。',
  },
  consultation: {
    title: '征求意见',
    note: '条例第三十二条：依申请公开的政府信息公开会损害第三方合法权益的，应当书面征求第三方的意见，第三方应当自收到征求意见书之日起15个工作日内提出意见。征求意见所需时间不计算在答复期限内（条例第三十三条第三款）；征求其他机关意见的，依照条例第三十四条。',
  },
  extension: {
    title: '延期答复',
    note: '条例第三十三条第二款：不能当场答复的，应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。',
    roles: ['officeHead'],
  },
  fee: {
    title: '发出收费通知',
    note: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）：申请人申请公开政府信息的数量、频次明显超过合理范围的，可以收取信息处理费，只能选择按件或者按量一种标准计收；申请人应当自收到收费通知次日起20个工作日内缴纳。',
  },
  reply: {
    title: '作出答复',
    note: '条例第三十六条至第三十九条：根据情况分别作出答复，并生成答复书。不予公开或者部分公开的，答复书告知申请人应当先申请行政复议（行政复议法第二十三条）。',
  },
};

const ACTION_NAMES = Object.keys(ACTIONS) as ActionName[];

const OPEN_FOR_ACTIONS = new Set([
  'open',
  'awaitingCorrection',
  'inConsultation',
  'awaitingFee',
  'awaitingConfirmation',
]);

/** Whether the user may take the action on a case of the agency (role and scope; not the case's state). */
export function mayTake(user: SessionUser, agencyId: number, action: ActionName): boolean {
  if (!canActForAgency(user, agencyId)) return false;
  const roles = ACTIONS[action].roles;
  return !roles || roles.includes(user.role);
}

/** The actions offered now on the case page (the state machine has the last word). */
function offered(user: SessionUser, agencyId: number, v: CaseView): ActionName[] {
  if (!OPEN_FOR_ACTIONS.has(v.status)) return [];
  return ACTION_NAMES.filter((a) => {
    if (!mayTake(user, agencyId, a)) return false;
    if (a === 'extension' && v.extension) return false;
    if (a === 'fee' && v.fee) return false;
    if (a === 'correction' && v.correction) return false;
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Case data

interface ConsoleCase {
  id: number;
  number: string;
  agencyId: number;
  agencyName: string;
  application: Application;
  view: CaseView;
  events: { type: string; on: string; at: string; actorRole: string; actorName: string | null }[];
  letters: LetterListItem[];
}

async function loadCase(c: AppContext, param: string | undefined): Promise<ConsoleCase> {
  const deps = c.get('deps');
  const id = /^\d{1,12}$/.test(param ?? '') ? Number(param) : Number.NaN;
  if (!Number.isSafeInteger(id)) throw new NotFoundError();
  const row = await deps.store.db
    .selectFrom('application_case')
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
  if (!row) throw new NotFoundError();
  requireAgency(c, Number(row.agencyId));
  const view = await caseView(deps.store, id, caseDeps(deps), todayOf(deps));
  if (!view) throw new NotFoundError();
  const events = await deps.store.db
    .selectFrom('case_event')
    .select(['type', 'occurred_on', 'recorded_at', 'actor_role', 'payload'])
    .where('case_id', '=', id)
    .orderBy('seq')
    .execute();
  return {
    id,
    number: row.number,
    agencyId: Number(row.agencyId),
    agencyName: row.agencyName,
    application: JSON.parse(row.intake) as Application,
    view,
    events: events.map((e) => {
      const p = JSON.parse(e.payload) as { actorName?: unknown };
      return {
        type: e.type,
        on: e.occurred_on,
        at: e.recorded_at,
        actorRole: e.actor_role,
        actorName: typeof p.actorName === 'string' ? p.actorName : null,
      };
    }),
    letters: await listLetters(deps.store.db, id, null),
  };
}

// ---------------------------------------------------------------------------------------------
// Pages

const Note: FC<{ text: string }> = ({ text: t }) => (
  <p class="hint legal-note">
    <strong>法律依据：</strong>
    {t}
  </p>
);

const Confirm: FC<{ action: ActionName; errors: FieldErrors }> = ({ action, errors }) => {
  const id = `f-${action}-confirm`;
  const err = errors.confirm;
  return (
    <div class={`field${err?.length ? ' has-error' : ''}`}>
      {err?.length ? (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">错误：</span>
          {err.join('；')}
        </p>
      ) : null}
      <div class="choice">
        <input
          type="checkbox"
          id={id}
          name="confirm"
          value="1"
          aria-invalid={err?.length ? 'true' : undefined}
        />
        <label for={id}>我已核对以上内容，确认登记“{ACTIONS[action].title}”（登记后不能撤销）</label>
      </div>
    </div>
  );
};

const Field: FC<{
  id: string;
  name: string;
  label: string;
  hint?: string;
  value?: string;
  type?: string;
  required?: boolean;
}> = (p) => (
  <div class="field">
    <label for={p.id}>
      {p.label}
      <span class="req">{p.required ? '（必填）' : '（选填）'}</span>
    </label>
    {p.hint ? (
      <p class="hint" id={`${p.id}-hint`}>
        {p.hint}
      </p>
    ) : null}
    <input
      type={p.type ?? 'text'}
      id={p.id}
      name={p.name}
      value={p.value ?? ''}
      aria-describedby={p.hint ? `${p.id}-hint` : undefined}
    />
  </div>
);

const Area: FC<{
  id: string;
  name: string;
  label: string;
  hint?: string;
  value?: string;
  required?: boolean;
}> = (p) => (
  <div class="field">
    <label for={p.id}>
      {p.label}
      <span class="req">{p.required ? '（必填）' : '（选填）'}</span>
    </label>
    {p.hint ? (
      <p class="hint" id={`${p.id}-hint`}>
        {p.hint}
      </p>
    ) : null}
    <textarea id={p.id} name={p.name} rows={3} aria-describedby={p.hint ? `${p.id}-hint` : undefined}>
      {p.value ?? ''}
    </textarea>
  </div>
);

const Select: FC<{
  id: string;
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string;
}> = (p) => (
  <div class="field">
    <label for={p.id}>
      {p.label}
      <span class="req">（必填）</span>
    </label>
    <select id={p.id} name={p.name}>
      {p.options.map((o) => (
        <option value={o.value} selected={o.value === p.value}>
          {o.label}
        </option>
      ))}
    </select>
  </div>
);

const ActionFields: FC<{ action: ActionName; values: Record<string, string> }> = ({ action, values: v }) => {
  const id = (n: string) => `f-${action}-${n}`;
  switch (action) {
    case 'correction':
      return (
        <>
          <Area
            id={id('items')}
            name="items"
            label="补正事项"
            hint="每行一项，须一次性列明全部事项。"
            value={v.items}
            required
          />
          <Field
            id={id('dueWorkingDays')}
            name="dueWorkingDays"
            label="补正期限（工作日）"
            value={v.dueWorkingDays ?? '15'}
            required
          />
        </>
      );
    case 'consultation':
      return (
        <>
          <Select
            id={id('party')}
            name="party"
            label="征求对象类型"
            value={v.party}
            options={Object.entries(CONSULTATION_PARTIES).map(([k, p]) => ({
              value: k,
              label: `${p.label}（${p.article}）`,
            }))}
          />
          <Field id={id('name')} name="name" label="征求对象名称" value={v.name} required />
        </>
      );
    case 'extension':
      return (
        <>
          <Field
            id={id('days')}
            name="days"
            label="延长的工作日数"
            hint="最长20个工作日，只能延长一次。"
            value={v.days ?? '20'}
            required
          />
          <Area id={id('reason')} name="reason" label="延期理由" value={v.reason} required />
        </>
      );
    case 'fee':
      return (
        <>
          <Select
            id={id('method')}
            name="method"
            label="收费方式"
            value={v.method}
            options={Object.entries(FEE_METHODS).map(([k, m]) => ({
              value: k,
              label: `${m.label}（办法${m.article}）`,
            }))}
          />
          <Field id={id('pieces')} name="pieces" label="件数（按件计收）" value={v.pieces} />
          <Field
            id={id('priorPieces')}
            name="priorPieces"
            label="申请人本自然月此前申请件数（按件计收）"
            value={v.priorPieces ?? '0'}
          />
          <Field id={id('pages')} name="pages" label="页数（按量计收）" value={v.pages} />
        </>
      );
    case 'reply':
      return (
        <>
          <Select
            id={id('outcome')}
            name="outcome"
            label="答复结果"
            value={v.outcome}
            options={OUTCOME_CODES.map((o) => ({
              value: o,
              label: OUTCOMES[o].article
                ? `${OUTCOMES[o].label}（条例${OUTCOMES[o].article}）`
                : OUTCOMES[o].label,
            }))}
          />
          <Area
            id={id('providedContent')}
            name="providedContent"
            label="予以公开的内容"
            value={v.providedContent}
          />
          <Area
            id={id('withheldContent')}
            name="withheldContent"
            label="不予公开的内容"
            value={v.withheldContent}
          />
          <Area id={id('grounds')} name="grounds" label="理由和依据" value={v.grounds} />
          <Area
            id={id('accessChannel')}
            name="accessChannel"
            label="获取方式和途径"
            value={v.accessChannel}
          />
          <Field
            id={id('referredAgency')}
            name="referredAgency"
            label="负责公开的行政机关"
            value={v.referredAgency}
          />
        </>
      );
  }
};

const ActionForm: FC<{
  d: ConsoleCase;
  action: ActionName;
  csrf: string;
  values: Record<string, string>;
  errors: FieldErrors;
}> = ({ d, action, csrf, values, errors }) => (
  <section class="panel action" aria-labelledby={`action-${action}`}>
    <h3 id={`action-${action}`}>{ACTIONS[action].title}</h3>
    <Note text={ACTIONS[action].note} />
    <form method="post" action={`/console/cases/${d.id}/${action}`} class="stack" novalidate>
      <CsrfInput token={csrf} />
      <ActionFields action={action} values={values} />
      <Confirm action={action} errors={errors} />
      <div class="actions">
        <button type="submit" class="button">
          确认登记
        </button>
      </div>
    </form>
  </section>
);

const actorLabel = (role: string) => ACTOR_ROLES[role as keyof typeof ACTOR_ROLES]?.label ?? role;

const CasePage: FC<{
  d: ConsoleCase;
  user: SessionUser;
  csrf: string;
  today: string;
  left: number | null;
  failed?: { action: ActionName; values: Record<string, string>; errors: FieldErrors };
}> = ({ d, user, csrf, today, left, failed }) => {
  const v = d.view;
  const a = d.application;
  const urgency = v.concludedOn ? null : urgencyOf(today, v.dueDate ?? null, left);
  const actions = offered(user, d.agencyId, v);
  if (failed && !actions.includes(failed.action)) actions.push(failed.action);
  const readOnly = !canActForAgency(user, d.agencyId);
  return (
    <>
      <h1>
        申请 {d.number}
        {urgency ? (
          <>
            {' '}
            <UrgencyTag urgency={urgency} />
          </>
        ) : null}
      </h1>
      {failed ? <ErrorSummary errors={failed.errors} /> : null}
      <h2>申请人和申请内容</h2>
      <dl class="summary-list">
        <dt>受理机关</dt>
        <dd>{d.agencyName}</dd>
        <dt>申请人</dt>
        <dd>
          {a.applicant.name}（{APPLICANT_TYPES[a.applicant.type]?.label ?? a.applicant.type}）
        </dd>
        <dt>联系方式</dt>
        <dd>
          {[
            a.contact.phone && `电话 ${a.contact.phone}`,
            a.contact.email && `邮箱 ${a.contact.email}`,
            a.contact.address && `地址 ${a.contact.address}`,
          ]
            .filter(Boolean)
            .join('；') || '—'}
        </dd>
        <dt>所需信息</dt>
        <dd>{a.information.description}</dd>
        <dt>当前状态</dt>
        <dd>
          <strong>{v.statusLabel}</strong>
        </dd>
        <dt>收到申请日期</dt>
        <dd>{v.receivedDate ? <DateText date={v.receivedDate} /> : '待确认'}</dd>
        <dt>答复期限</dt>
        <dd>
          <DateText date={v.dueDate} />
          {left !== null && !v.concludedOn
            ? left < 0
              ? `（逾期${-left}个工作日）`
              : `（剩余${left}个工作日）`
            : ''}
        </dd>
        {v.outcomeLabel ? (
          <>
            <dt>办理结果</dt>
            <dd>{v.outcomeLabel}</dd>
          </>
        ) : null}
      </dl>
      <h2>期限计算说明</h2>
      <p>{v.deadline?.text ?? '答复期限尚未开始计算。'}</p>
      {v.warnings.length ? (
        <div class="notice">
          {v.warnings.map((w) => (
            <p>{w.message}</p>
          ))}
        </div>
      ) : null}
      <h2>办理记录</h2>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">事件</th>
              <th scope="col">日期</th>
              <th scope="col">登记人</th>
              <th scope="col">登记时间</th>
            </tr>
          </thead>
          <tbody>
            {d.events.map((e) => (
              <tr>
                <td>{EVENT_TYPES[e.type as CaseEventType]?.label ?? e.type}</td>
                <td>
                  <DateText date={e.on} />
                </td>
                <td>
                  {actorLabel(e.actorRole)}
                  {e.actorName ? ` ${e.actorName}` : ''}
                </td>
                <td>{beijingDateTime(e.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>已出具的文书</h2>
      {d.letters.length ? (
        <ul>
          {d.letters.map((l) => (
            <li>
              <a href={`/console/cases/${d.id}/letters/${l.id}`}>{l.title}</a>
              {l.docNumber ? ` ${l.docNumber}` : ''}（<DateText date={l.issuedOn} />）
            </li>
          ))}
        </ul>
      ) : (
        <p>尚未出具文书。</p>
      )}
      <h2>办理操作</h2>
      {readOnly ? (
        <p>您的角色只能查看本案件，不能登记办理事项。</p>
      ) : actions.length ? (
        actions.map((act) => (
          <ActionForm
            d={d}
            action={act}
            csrf={csrf}
            values={failed?.action === act ? failed.values : {}}
            errors={failed?.action === act ? failed.errors : {}}
          />
        ))
      ) : (
        <p>本案件当前没有可以登记的办理事项。</p>
      )}
    </>
  );
};

// ---------------------------------------------------------------------------------------------
// Routes

export function consoleRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get(CONSOLE_CSS_URL.replace(/^\/console/, ''), (c) =>
    c.body(CONSOLE_CSS, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=31536000, immutable',
    }),
  );

  app.use('*', requireStaff());

  app.get('/', async (c) => {
    const user = staffUser(c);
    const filters = {
      status: c.req.query('status') ?? '',
      applicantType: c.req.query('applicantType') ?? '',
      overdue: c.req.query('overdue') === '1',
    };
    const rows = await loadInbox(c, filters);
    return c.render(
      <>
        <link rel="stylesheet" href={CONSOLE_CSS_URL} />
        <InboxPage rows={rows} filters={filters} agencyName={user.agencyName} />
      </>,
      { title: '待办申请', area: 'console' },
    );
  });

  const renderCase = (c: AppContext, d: ConsoleCase, failed?: Parameters<typeof CasePage>[0]['failed']) => {
    const deps = c.get('deps');
    const today = todayOf(deps);
    const left = daysLeft(deps.calendar, today, d.view.dueDate ?? null);
    return c.render(
      <>
        <link rel="stylesheet" href={CONSOLE_CSS_URL} />
        <CasePage
          d={d}
          user={staffUser(c)}
          csrf={c.get('session')?.csrfToken ?? ''}
          today={today}
          left={left}
          failed={failed}
        />
      </>,
      {
        title: `申请 ${d.number}`,
        area: 'console',
        crumbs: [{ href: '/console', label: '待办申请' }, { label: d.number }],
      },
    );
  };

  app.get('/cases/:id', async (c) => renderCase(c, await loadCase(c, c.req.param('id'))));

  app.get('/cases/:id/letters/:letterId', async (c) => {
    const d = await loadCase(c, c.req.param('id'));
    const row = await getLetter(c.get('deps').store.db, d.id, Number(c.req.param('letterId')));
    if (!row) throw new NotFoundError();
    const body = await storedLetterDocx(row);
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'Content-Disposition': attachmentDisposition(letterFilename(d.number, row.title)),
    });
  });

  app.post('/cases/:id/:action', async (c) => {
    const action = c.req.param('action') as ActionName;
    const d = await loadCase(c, c.req.param('id'));
    if (!ACTION_NAMES.includes(action)) throw new NotFoundError();
    const user = staffUser(c);
    if (!mayTake(user, d.agencyId, action))
      throw new UnauthorizedRoleError(
        action === 'extension'
          ? '延期答复须经政府信息公开工作机构负责人批准（条例第三十三条第二款），您的角色无权登记。'
          : '您的角色只能查看案件，无权登记办理事项。',
      );
    const body = await formBody(c);
    const values: Record<string, string> = {};
    for (const k of Object.keys(body)) if (k !== '_csrf' && k !== 'confirm') values[k] = text(body, k);
    const fail = (message: string, field = '') => {
      c.status(400);
      return renderCase(c, d, { action, values, errors: { [field]: [message] } });
    };
    if (text(body, 'confirm') !== '1') return fail('请勾选确认后再提交（登记后不能撤销）。', 'confirm');
    const deps = c.get('deps');
    try {
      const input = actionEventInput(deps, user, d, action, values);
      let letter: ReplyLetter | null = null;
      if (action === 'reply') {
        const r = await replyLetter(deps, d, values);
        if ('error' in r) return fail(r.error);
        letter = r.letter;
      }
      await appendCaseEvent(deps.store, d.id, input, caseDeps(deps));
      if (letter)
        await issueLetter(deps.store.db, {
          caseId: d.id,
          letter,
          issuedOn: todayOf(deps),
          issuedBy: `staff:${user.id}`,
          at: nowIsoOf(deps),
        });
    } catch (e) {
      if (e instanceof CaseRuleError) return fail(e.message);
      throw e;
    }
    await addFlash(c, `已登记“${ACTIONS[action].title}”。`);
    return seeOther(c, `/console/cases/${d.id}`);
  });

  return app;
}
