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
import { eventDetail } from '../../cases/eventDetail.ts';
import { ACTOR_ROLES, type CaseEventType, EVENT_TYPES, parseEvent } from '../../cases/events.ts';
import type { Application } from '../../cases/intake.ts';
import type { CaseView } from '../../cases/machine.ts';
import { APPLICANT_TYPES } from '../../cases/outcomes.ts';
import { CaseRuleError, caseViewWithEvents } from '../../store/cases.ts';
import { type AppContext, type AppEnv, caseDeps, type SessionUser, todayOf } from '../context.ts';
import { formatSize, listAttachments, sendAttachment } from '../files.ts';
import { addError, ErrorSummary, type FieldErrors } from '../forms.tsx';
import {
  canActForAgency,
  NotFoundError,
  requireAgency,
  requireStaff,
  staffUser,
  UnauthorizedRoleError,
} from '../guard.ts';
import { attachmentDisposition, formBody, seeOther, text } from '../http.ts';
import { getLetter, type LetterListItem, letterFilename, listLetters, storedLetterDocx } from '../letters.ts';
import { beijingDateTime, DateText } from '../portal/common.tsx';
import { addFlash } from '../session.ts';
import { actionEventInput, type ReplyLetter, recordAction, replyLetter } from './action-input.ts';
import {
  ACTION_NAMES,
  ACTIONS,
  ActionForm,
  type ActionName,
  actionFieldId,
  mayTake,
  offered,
  roleRefusal,
} from './actions.tsx';
import { daysLeft, InboxPage, loadInbox, UrgencyTag, urgencyOf } from './inbox.tsx';
import { intakeRoutes } from './intake.tsx';
import { CONSOLE_CSS, CONSOLE_CSS_URL } from './style.ts';

// ---------------------------------------------------------------------------------------------
// Actions (defined in actions.tsx; re-exported for the JSON API)

export { ACTIONS, type ActionName, mayTake } from './actions.tsx';

// ---------------------------------------------------------------------------------------------
// Case data

interface ConsoleCase {
  id: number;
  number: string;
  agencyId: number;
  agencyName: string;
  application: Application;
  view: CaseView;
  events: {
    type: string;
    on: string;
    at: string;
    actorRole: string;
    actorName: string | null;
    detail: string[];
  }[];
  letters: LetterListItem[];
  attachments: { id: number; filename: string; size: number; purpose: string; uploadedAt: string }[];
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
  const loaded = await caseViewWithEvents(deps.store, id, caseDeps(deps), todayOf(deps));
  if (!loaded) throw new NotFoundError();
  const { view, events } = loaded;
  return {
    id,
    number: row.number,
    agencyId: Number(row.agencyId),
    agencyName: row.agencyName,
    application: JSON.parse(row.intake) as Application,
    view,
    events: events.map((e) => {
      const p = JSON.parse(e.payload) as Record<string, unknown>;
      return {
        type: e.type,
        on: e.occurred_on,
        at: e.recorded_at,
        actorRole: e.actor_role,
        actorName: typeof p.actorName === 'string' ? p.actorName : null,
        detail: eventDetail(e.type, p),
      };
    }),
    letters: await listLetters(deps.store.db, id, null),
    attachments: (await listAttachments(deps.store.db, id)).map((f) => ({
      id: Number(f.id),
      filename: f.filename,
      size: Number(f.size),
      purpose: f.purpose,
      uploadedAt: f.uploaded_at,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Pages

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
      {failed ? (
        <ErrorSummary
          errors={failed.errors}
          anchors={Object.fromEntries(
            Object.keys(failed.errors).map((k) => [k, actionFieldId(failed.action, k)]),
          )}
        />
      ) : null}
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
              <th scope="col">详情</th>
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
                <td class="event-detail">
                  {e.detail.length
                    ? e.detail.map((line, i) => (
                        <>
                          {i ? <br /> : null}
                          {line}
                        </>
                      ))
                    : '—'}
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
      <h2>申请人提交的材料</h2>
      {d.attachments.length ? (
        <ul>
          {d.attachments.map((f) => (
            <li>
              <a href={`/console/cases/${d.id}/attachments/${f.id}`}>{f.filename}</a>（
              {f.purpose === 'correction' ? '补正材料' : '申请材料'}，{formatSize(f.size)}，
              {beijingDateTime(f.uploadedAt)}）
            </li>
          ))}
        </ul>
      ) : (
        <p>没有附件。</p>
      )}
      <div class="actions no-print">
        <button type="button" class="button secondary print-button" hidden>
          打印本页
        </button>
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
            caseId={d.id}
            view={v}
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

/** The event's validation errors on the form's fields (the path's first part is the field name). */
function eventFieldErrors(errors: { path: string; message: string }[], action: ActionName): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors) {
    const name = e.path.split('.')[0] ?? '';
    addError(out, ACTIONS[action].fields.includes(name) ? name : '', e.message);
  }
  return out;
}

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
  app.route('/intake', intakeRoutes());

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
        printable: true,
        crumbs: [{ href: '/console', label: '待办申请' }, { label: d.number }],
      },
    );
  };

  app.get('/cases/:id', async (c) => renderCase(c, await loadCase(c, c.req.param('id'))));

  app.get('/cases/:id/attachments/:attachmentId', async (c) => {
    const d = await loadCase(c, c.req.param('id'));
    const p = c.req.param('attachmentId');
    const row = /^\d{1,12}$/.test(p)
      ? await c
          .get('deps')
          .store.db.selectFrom('attachment')
          .selectAll()
          .where('case_id', '=', d.id)
          .where('id', '=', Number(p))
          .executeTakeFirst()
      : undefined;
    if (!row) throw new NotFoundError();
    return sendAttachment(c, row);
  });

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
    if (!mayTake(user, d.agencyId, action)) throw new UnauthorizedRoleError(roleRefusal(action));
    const body = await formBody(c);
    const values: Record<string, string> = {};
    for (const k of Object.keys(body)) if (k !== '_csrf' && k !== 'confirm') values[k] = text(body, k);
    const fail = (errors: FieldErrors) => {
      c.status(400);
      return renderCase(c, d, { action, values, errors });
    };
    if (text(body, 'confirm') !== '1') return fail({ confirm: ['请勾选确认后再提交（登记后不能撤销）。'] });
    const deps = c.get('deps');
    let type: string;
    try {
      const input = actionEventInput(deps, user, d, action, values);
      // the event's own checks first, so that each message stands next to its field
      const parsed = parseEvent(input);
      if (!parsed.ok) return fail(eventFieldErrors(parsed.errors, action));
      type = parsed.value.type;
      let letter: ReplyLetter | null = null;
      if (action === 'reply') {
        const r = await replyLetter(deps, d, values);
        if ('error' in r) return fail({ '': [r.error] });
        letter = r.letter;
      }
      // the event, its letter and the audit entry in one transaction
      await recordAction(deps, user, d, action, { ...input, type }, letter);
    } catch (e) {
      if (e instanceof CaseRuleError) return fail({ '': [e.message] });
      throw e;
    }
    await addFlash(c, `已登记“${ACTIONS[action].title}”。`);
    return seeOther(c, `/console/cases/${d.id}`);
  });

  return app;
}
