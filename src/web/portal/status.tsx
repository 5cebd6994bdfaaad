/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The applicant's status page. Access: the case number and query code (POST /status) put the case
 * into the visitor's session; then /status/cases/:caseId shows where the case stands, the deadline
 * and how it was computed, the letters issued (DOCX), the attachments, and — while possible — the
 * online correction (补正) and the withdrawal. A wrong number or code gives one generic answer,
 * and failed look-ups are rate-limited per address in the database. Cases not in the session answer
 * 404 like cases that do not exist.
 */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { sql } from 'kysely';
import { type CaseEventType, EVENT_TYPES } from '../../cases/events.ts';
import type { Application } from '../../cases/intake.ts';
import type { CaseStatus, CaseView } from '../../cases/machine.ts';
import { appendCaseEvent, CaseRuleError, caseViewWithEvents } from '../../store/cases.ts';
import { type AppContext, type AppEnv, caseDeps, nowIsoOf, todayOf } from '../context.ts';
import {
  ACCEPT,
  acceptedTypesText,
  checkUploads,
  formatSize,
  listAttachments,
  recordAttachments,
  removeStored,
  sendAttachment,
  storeUploads,
} from '../files.ts';
import {
  addError,
  Checkbox,
  ErrorSummary,
  type FieldErrors,
  FileField,
  hasErrors,
  TextArea,
  TextField,
} from '../forms.tsx';
import { NotFoundError } from '../guard.ts';
import { attachmentDisposition, clientIp, files, formBody, seeOther, text } from '../http.ts';
import { CsrfInput } from '../layout.tsx';
import { getLetter, type LetterListItem, letterFilename, listLetters, storedLetterDocx } from '../letters.ts';
import { pageCacheOf } from '../pageCache.ts';
import { csrfToken } from '../security.ts';
import { addFlash, dropCaseAccess, grantCaseAccess, hasCaseAccess } from '../session.ts';
import { blockedBy, recordFailure } from '../throttle.ts';
import { beijingDateTime, DateText } from './common.tsx';

// ---------------------------------------------------------------------------------------------
// Look-up

const LookupForm: FC<{
  csrf: string;
  number: string;
  code: string;
  errors: FieldErrors;
  recent: { id: number; number: string; agencyName: string }[];
}> = (p) => (
  <>
    <h1>查询申请办理进度</h1>
    <p>
      请输入提交申请时得到的登记编号和查询码。查询后可以查看办理进度、下载文书，并可以按要求补正或者撤回申请。
    </p>
    <ErrorSummary errors={p.errors} order={['number', 'code']} />
    <form method="post" action="/status" class="stack" novalidate>
      <CsrfInput token={p.csrf} />
      <TextField
        name="number"
        label="登记编号"
        value={p.number}
        errors={p.errors}
        required
        size="medium"
        spellcheck={false}
        hint="例如：2026-00012"
        autocomplete="off"
      />
      <TextField
        name="code"
        label="查询码"
        value={p.code}
        errors={p.errors}
        required
        size="medium"
        spellcheck={false}
        hint="8位字母和数字，不区分大小写。"
        autocomplete="off"
      />
      <div class="actions">
        <button type="submit" class="button">
          查询
        </button>
      </div>
    </form>
    {p.recent.length ? (
      <>
        <h2>本次访问中查询过的申请</h2>
        <ul>
          {p.recent.map((r) => (
            <li>
              <a href={`/status/cases/${r.id}`}>
                {r.agencyName} {r.number}
              </a>
            </li>
          ))}
        </ul>
        <form method="post" action="/status/forget">
          <CsrfInput token={p.csrf} />
          <button type="submit" class="button secondary">
            退出查询
          </button>
        </form>
      </>
    ) : null}
  </>
);

async function recentCases(c: AppContext) {
  const ids = c.get('session')?.data.cases ?? [];
  if (!ids.length) return [];
  const rows = await c
    .get('deps')
    .store.db.selectFrom('application_case')
    .innerJoin('agency', 'agency.id', 'application_case.agency_id')
    .select(['application_case.id as id', 'application_case.number as number', 'agency.name as agencyName'])
    .where('application_case.id', 'in', ids)
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export const NOT_FOUND = '没有找到与该登记编号和查询码对应的申请，请核对后重新输入。';

// ---------------------------------------------------------------------------------------------
// The case

const OPEN: ReadonlySet<CaseStatus> = new Set<CaseStatus>([
  'notReceived',
  'awaitingConfirmation',
  'open',
  'awaitingCorrection',
  'inConsultation',
  'awaitingFee',
]);

/** What the applicant sees of each event (consultations without the party's name; internal referrals not at all). */
function publicEventLabel(
  type: CaseEventType,
  payload: Record<string, unknown>,
  role: string,
): string | null {
  switch (type) {
    case 'received':
      return role === 'applicant' ? '在线提交申请' : EVENT_TYPES.received.label;
    case 'consultationSent':
      return '征求第三方或者其他机关意见（所需时间不计入答复期限）';
    case 'consultationAnswered':
    case 'consultationLapsed':
      return '征求意见结束';
    case 'referred':
      return payload.scope === 'external' ? '转送其他机关' : null;
    default:
      return EVENT_TYPES[type]?.label ?? null;
  }
}

export interface CaseData {
  id: number;
  number: string;
  agencyId: number;
  agencyName: string;
  application: Application;
  view: CaseView;
  events: { on: string; label: string }[];
  letters: LetterListItem[];
  attachments: { id: number; filename: string; size: number; purpose: string; uploadedAt: string }[];
}

export async function loadCase(c: AppContext, caseId: number): Promise<CaseData> {
  const deps = c.get('deps');
  const db = deps.store.db;
  const row = await db
    .selectFrom('application_case')
    .innerJoin('agency', 'agency.id', 'application_case.agency_id')
    .select([
      'application_case.id as id',
      'application_case.number as number',
      'application_case.intake as intake',
      'agency.id as agencyId',
      'agency.name as agencyName',
    ])
    .where('application_case.id', '=', caseId)
    .executeTakeFirst();
  const loaded = row ? await caseViewWithEvents(deps.store, caseId, caseDeps(deps), todayOf(deps)) : null;
  if (!row || !loaded) throw new NotFoundError();
  const { view, events } = loaded;
  const attachments = await listAttachments(db, caseId);
  return {
    id: Number(row.id),
    number: row.number,
    agencyId: Number(row.agencyId),
    agencyName: row.agencyName,
    application: JSON.parse(row.intake) as Application,
    view,
    events: events.flatMap((e) => {
      const label = publicEventLabel(
        e.type as CaseEventType,
        JSON.parse(e.payload) as Record<string, unknown>,
        e.actor_role,
      );
      return label ? [{ on: e.occurred_on, label }] : [];
    }),
    letters: await listLetters(db, caseId, 'applicant'),
    attachments: attachments.map((a) => ({
      id: Number(a.id),
      filename: a.filename,
      size: Number(a.size),
      purpose: a.purpose,
      uploadedAt: a.uploaded_at,
    })),
  };
}

function dueText(view: CaseView): string | null {
  if (view.status === 'awaitingConfirmation') return '本机关确认收到申请日期后开始计算（条例第三十一条）';
  if (view.status === 'awaitingCorrection') return '答复期限自收到补正之日起重新计算（条例第三十条）';
  if (view.warnings.some((w) => w.rule === 'WD-01')) return '暂时无法计算：相关年度的节假日安排尚未录入';
  return null;
}

interface FormState {
  correction?: { values: { supplement?: string; goodReason?: string }; errors: FieldErrors };
  withdraw?: { values: { reason?: string; confirm?: boolean }; errors: FieldErrors };
}

const CasePage: FC<{
  d: CaseData;
  csrf: string;
  today: string;
  state: FormState;
  maxFileMb: number;
  maxFiles: number;
}> = ({ d, csrf, today, state, maxFileMb, maxFiles }) => {
  const v = d.view;
  const open = OPEN.has(v.status);
  const corr = v.correction;
  const correctionOverdue = corr?.dueDate !== undefined && today > corr.dueDate;
  const cErr = state.correction?.errors ?? {};
  const wErr = state.withdraw?.errors ?? {};
  const due = dueText(v);
  return (
    <>
      <h1>申请办理进度</h1>
      <ErrorSummary
        errors={{ ...cErr, ...wErr }}
        order={['supplement', 'goodReason', 'attachments', 'confirm', 'reason']}
      />
      <dl class="summary-list">
        <dt>登记编号</dt>
        <dd>{d.number}</dd>
        <dt>受理机关</dt>
        <dd>
          <a href={`/agencies/${d.agencyId}`}>{d.agencyName}</a>
        </dd>
        <dt>申请人</dt>
        <dd>{d.application.applicant.name}</dd>
        <dt>所需信息</dt>
        <dd>{d.application.information.description}</dd>
        <dt>当前状态</dt>
        <dd>
          <strong>{v.statusLabel}</strong>
        </dd>
        <dt>收到申请日期</dt>
        <dd>{v.receivedDate ? <DateText date={v.receivedDate} /> : '待确认'}</dd>
        {v.concludedOn ? (
          <>
            <dt>办结日期</dt>
            <dd>
              <DateText date={v.concludedOn} />
            </dd>
            <dt>办理结果</dt>
            <dd>{v.outcomeLabel}</dd>
          </>
        ) : (
          <>
            <dt>答复期限</dt>
            <dd>
              {v.dueDate ? (
                <>
                  <DateText date={v.dueDate} />
                  {v.dueProvisional ? '（暂定：征求意见或者缴费尚未完成）' : ''}
                </>
              ) : (
                (due ?? '—')
              )}
            </dd>
          </>
        )}
      </dl>
      {open && v.overdue ? (
        <div class="notice error">
          <p>
            本申请已超过答复期限。您可以向本机关的上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼（条例第五十一条）。
          </p>
        </div>
      ) : null}
      {v.deadline ? (
        <details>
          <summary>答复期限是怎样计算的</summary>
          <p>{v.deadline.text}</p>
        </details>
      ) : null}

      {v.status === 'awaitingCorrection' && corr ? (
        <section aria-labelledby="correction-title">
          <h2 id="correction-title">需要补正</h2>
          <p>
            本机关于
            <DateText date={corr.requestedOn} />
            告知，您的申请内容需要补正。请在
            {corr.dueDate ? <DateText date={corr.dueDate} /> : '告知的期限'}
            前补正以下事项：
          </p>
          <ol>
            {corr.items.map((i) => (
              <li>{i}</li>
            ))}
          </ol>
          <p>无正当理由逾期不补正的，视为放弃申请，本机关不再处理（条例第三十条）。</p>
          <form
            method="post"
            action={`/status/cases/${d.id}/correction`}
            enctype="multipart/form-data"
            class="stack"
            novalidate
          >
            <CsrfInput token={csrf} />
            <TextArea
              name="supplement"
              label="补正内容"
              value={state.correction?.values.supplement}
              errors={cErr}
              required
              rows={6}
              maxlength={2000}
              hint="请逐项说明补正的内容，例如更明确的信息名称、文号或者时间范围。"
            />
            {correctionOverdue || cErr.goodReason ? (
              <TextArea
                name="goodReason"
                label="逾期补正的正当理由"
                value={state.correction?.values.goodReason}
                errors={cErr}
                rows={3}
                maxlength={500}
                hint="补正期限已过。如有正当理由，请说明。"
              />
            ) : null}
            <FileField
              name="attachments"
              label="补正材料"
              accept={ACCEPT}
              multiple
              errors={cErr}
              hint={`支持${acceptedTypesText()}，每个文件不超过${maxFileMb}MB，最多${maxFiles}个。`}
            />
            <div class="actions">
              <button type="submit" class="button">
                提交补正
              </button>
            </div>
          </form>
        </section>
      ) : null}

      {v.fee && v.status === 'awaitingFee' ? (
        <section aria-labelledby="fee-title">
          <h2 id="fee-title">信息处理费</h2>
          <p>
            本机关已发出收费通知，金额{v.fee.amountYuan}元
            {v.fee.paymentDeadline ? (
              <>
                ，请于
                <DateText date={v.fee.paymentDeadline} />
                前按收费通知书载明的方式缴纳
              </>
            ) : null}
            。逾期未缴纳的，视为放弃申请（国办函〔2020〕109号）。
          </p>
        </section>
      ) : null}

      <h2>文书</h2>
      {d.letters.length ? (
        <div class="table-scroll">
          <table class="data">
            <caption class="visually-hidden">本申请的文书</caption>
            <thead>
              <tr>
                <th scope="col">文书</th>
                <th scope="col">文号</th>
                <th scope="col">日期</th>
                <th scope="col">下载</th>
              </tr>
            </thead>
            <tbody>
              {d.letters.map((l) => (
                <tr>
                  <th scope="row">{l.title}</th>
                  <td>{l.docNumber ?? '—'}</td>
                  <td>
                    <DateText date={l.issuedOn} />
                  </td>
                  <td>
                    <a href={`/status/cases/${d.id}/letters/${l.id}`} download>
                      Word文档<span class="visually-hidden">：{l.title}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>暂无文书。</p>
      )}

      {d.attachments.length ? (
        <>
          <h2>您提交的材料</h2>
          <ul>
            {d.attachments.map((a) => (
              <li>
                <a href={`/status/cases/${d.id}/attachments/${a.id}`}>{a.filename}</a>（
                {a.purpose === 'correction' ? '补正材料，' : ''}
                {formatSize(a.size)}，{beijingDateTime(a.uploadedAt)}）
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>办理记录</h2>
      <ol class="timeline">
        {d.events.map((e) => (
          <li>
            <DateText date={e.on} /> {e.label}
          </li>
        ))}
      </ol>

      {open ? (
        <section aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">撤回申请</h2>
          <p>在本机关作出答复之前，您可以撤回申请。撤回后本机关不再处理这件申请。</p>
          <form method="post" action={`/status/cases/${d.id}/withdraw`} class="stack" novalidate>
            <CsrfInput token={csrf} />
            <TextArea
              name="reason"
              label="撤回理由"
              value={state.withdraw?.values.reason}
              errors={wErr}
              rows={3}
              maxlength={500}
            />
            <Checkbox
              name="confirm"
              checked={state.withdraw?.values.confirm}
              errors={wErr}
              label="我确认撤回这件政府信息公开申请"
            />
            <div class="actions">
              <button type="submit" class="button warning">
                撤回申请
              </button>
            </div>
          </form>
        </section>
      ) : null}

      <form method="post" action="/status/forget" class="no-print">
        <CsrfInput token={csrf} />
        <div class="actions">
          <button type="submit" class="button secondary">
            退出查询
          </button>
          <span class="hint">在公共电脑上查询后，请退出查询。</span>
        </div>
      </form>
    </>
  );
};

// ---------------------------------------------------------------------------------------------
// Routes

function caseIdOf(c: AppContext): number {
  const p = c.req.param('caseId') ?? '';
  const id = /^\d{1,12}$/.test(p) ? Number(p) : Number.NaN;
  if (!Number.isSafeInteger(id) || !hasCaseAccess(c, id)) throw new NotFoundError();
  return id;
}

export function statusRoutes() {
  const app = new Hono<AppEnv>();

  const renderLookup = async (c: AppContext, number: string, code: string, errors: FieldErrors) =>
    c.render(
      <LookupForm
        csrf={csrfToken(c)}
        number={number}
        code={code}
        errors={errors}
        recent={await recentCases(c)}
      />,
      { title: hasErrors(errors) ? '错误：查询办理进度' : '查询办理进度' },
    );

  const renderCase = async (c: AppContext, caseId: number, state: FormState) => {
    const deps = c.get('deps');
    const d = await loadCase(c, caseId);
    const { maxFileBytes, maxFiles } = deps.config.uploads;
    const errs = hasErrors(state.correction?.errors ?? {}) || hasErrors(state.withdraw?.errors ?? {});
    return c.render(
      <CasePage
        d={d}
        csrf={csrfToken(c)}
        today={todayOf(deps)}
        state={state}
        maxFileMb={Math.round(maxFileBytes / 1048576)}
        maxFiles={maxFiles}
      />,
      {
        title: `${errs ? '错误：' : ''}申请办理进度 ${d.number}`,
        crumbs: [
          { href: '/', label: '首页' },
          { href: '/status', label: '查询办理进度' },
          { label: d.number },
        ],
      },
    );
  };

  app.get('/status', (c) => renderLookup(c, '', '', {}));

  app.post('/status', async (c) => {
    const deps = c.get('deps');
    const body = await formBody(c);
    const number = text(body, 'number').replace(/\s+/g, '').replace(/[－—]/g, '-').slice(0, 40);
    const code = text(body, 'code').replace(/\s+/g, '').toUpperCase().slice(0, 40);
    const errors: FieldErrors = {};
    if (!number) addError(errors, 'number', '登记编号：必填');
    if (!code) addError(errors, 'code', '查询码：必填');
    if (hasErrors(errors)) {
      c.status(400);
      return renderLookup(c, number, code, errors);
    }
    const rules = [{ bucket: 'lookup', key: clientIp(c), limit: deps.config.limits.lookupPerAddress }];
    if (await blockedBy(deps, rules)) {
      c.status(429);
      c.header('Retry-After', String(deps.config.limits.windowMinutes * 60));
      addError(errors, '', `查询失败次数过多，请${deps.config.limits.windowMinutes}分钟后再试。`);
      return renderLookup(c, number, code, errors);
    }
    const rows = await deps.store.db
      .selectFrom('application_case')
      .select('id')
      .where('number', '=', number)
      .where('query_code', '=', code)
      .limit(2)
      .execute();
    if (rows.length !== 1) {
      await recordFailure(deps, rules);
      c.status(404);
      addError(errors, '', NOT_FOUND);
      return renderLookup(c, number, code, errors);
    }
    const id = Number(rows[0]!.id);
    await grantCaseAccess(c, id);
    return seeOther(c, `/status/cases/${id}`);
  });

  app.post('/status/forget', async (c) => {
    await dropCaseAccess(c);
    await addFlash(c, '已退出查询。', 'info');
    return seeOther(c, '/status');
  });

  /**
   * The status page as the applicant reloads it: served from the page cache while nothing it shows
   * has changed (the key has the case's projection stamp and its newest event, letter and
   * attachment, the day, the signed-in staff user); a page with a flash message is never cached.
   */
  app.get('/status/cases/:caseId', async (c) => {
    const caseId = caseIdOf(c);
    const deps = c.get('deps');
    if (c.get('session')?.data.flash?.length) return renderCase(c, caseId, {});
    // one statement, written out (the hot path: the query builder's own work is most of its cost)
    const stamp = (
      await sql<{ updated_at: string; ev: unknown; lt: unknown; at: unknown }>`
        select k.updated_at,
          (select max(seq) from case_event where case_id = k.id) as ev,
          (select max(id) from case_letter where case_id = k.id) as lt,
          (select max(id) from attachment where case_id = k.id) as at
        from application_case k where k.id = ${caseId}`.execute(deps.store.db)
    ).rows[0];
    if (!stamp) throw new NotFoundError();
    const key = `status|${caseId}|${stamp.updated_at}|${stamp.ev}|${stamp.lt}|${stamp.at}|${todayOf(deps)}|${c.get('user')?.id ?? ''}`;
    const token = csrfToken(c);
    const cache = pageCacheOf(deps);
    const hit = cache.get(key, token);
    if (hit !== null) return c.html(hit);
    const res = await renderCase(c, caseId, {});
    const html = await res.text();
    if (res.status === 200) cache.set(key, html, token);
    return c.html(html, res.status as 200);
  });

  app.post('/status/cases/:caseId/correction', async (c) => {
    const deps = c.get('deps');
    const caseId = caseIdOf(c);
    const body = await formBody(c);
    const supplement = text(body, 'supplement').trim();
    const goodReason = text(body, 'goodReason').trim();
    const values = { supplement, goodReason };
    const errors: FieldErrors = {};
    if (!supplement) addError(errors, 'supplement', '补正内容：必填');
    else if (supplement.length > 2000) addError(errors, 'supplement', '补正内容：不超过2000个字');
    if (goodReason.length > 500) addError(errors, 'goodReason', '逾期补正的正当理由：不超过500个字');
    const checked = await checkUploads(deps, files(body, 'attachments'));
    for (const e of checked.errors) addError(errors, 'attachments', e);
    if (hasErrors(errors)) {
      c.status(400);
      return renderCase(c, caseId, { correction: { values, errors } });
    }
    const stored = await storeUploads(deps, checked.uploads);
    const at = nowIsoOf(deps);
    try {
      await appendCaseEvent(
        deps.store,
        caseId,
        {
          type: 'correctionReceived',
          on: todayOf(deps),
          at,
          actor: { id: 'applicant', role: 'applicant' },
          supplement,
          ...(goodReason ? { goodReason } : {}),
        },
        caseDeps(deps),
      );
    } catch (e) {
      await removeStored(deps, stored);
      if (!(e instanceof CaseRuleError)) throw e;
      addError(errors, e.rule === 'CASE-03' ? 'goodReason' : '', e.message);
      c.status(e.rule === 'CASE-03' ? 400 : 409);
      return renderCase(c, caseId, { correction: { values, errors } });
    }
    await recordAttachments(deps.store.db, caseId, 'correction', 'applicant', stored, at);
    await addFlash(c, '补正材料已提交。答复期限自今日起重新计算。');
    return seeOther(c, `/status/cases/${caseId}`);
  });

  app.post('/status/cases/:caseId/withdraw', async (c) => {
    const deps = c.get('deps');
    const caseId = caseIdOf(c);
    const body = await formBody(c);
    const reason = text(body, 'reason').trim();
    const confirm = text(body, 'confirm') !== '';
    const errors: FieldErrors = {};
    if (!confirm) addError(errors, 'confirm', '请勾选“我确认撤回这件政府信息公开申请”');
    if (reason.length > 500) addError(errors, 'reason', '撤回理由：不超过500个字');
    if (hasErrors(errors)) {
      c.status(400);
      return renderCase(c, caseId, { withdraw: { values: { reason, confirm }, errors } });
    }
    try {
      await appendCaseEvent(
        deps.store,
        caseId,
        {
          type: 'withdrawn',
          on: todayOf(deps),
          at: nowIsoOf(deps),
          actor: { id: 'applicant', role: 'applicant' },
          ...(reason ? { reason } : {}),
        },
        caseDeps(deps),
      );
    } catch (e) {
      if (!(e instanceof CaseRuleError)) throw e;
      addError(errors, '', e.message);
      c.status(409);
      return renderCase(c, caseId, { withdraw: { values: { reason, confirm }, errors } });
    }
    await addFlash(c, '您的申请已撤回，本机关不再处理。');
    return seeOther(c, `/status/cases/${caseId}`);
  });

  app.get('/status/cases/:caseId/letters/:letterId', async (c) => {
    const deps = c.get('deps');
    const caseId = caseIdOf(c);
    const letterId = /^\d{1,12}$/.test(c.req.param('letterId'))
      ? Number(c.req.param('letterId'))
      : Number.NaN;
    const row = await getLetter(deps.store.db, caseId, letterId);
    if (row?.recipient !== 'applicant') throw new NotFoundError();
    const number = await deps.store.db
      .selectFrom('application_case')
      .select('number')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    const bytes = await storedLetterDocx(row);
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'Content-Disposition': attachmentDisposition(letterFilename(number.number, row.title)),
      'Cache-Control': 'private, no-store',
    });
  });

  app.get('/status/cases/:caseId/attachments/:attachmentId', async (c) => {
    const deps = c.get('deps');
    const caseId = caseIdOf(c);
    const p = c.req.param('attachmentId');
    const id = /^\d{1,12}$/.test(p) ? Number(p) : Number.NaN;
    const row = Number.isSafeInteger(id)
      ? await deps.store.db
          .selectFrom('attachment')
          .selectAll()
          .where('case_id', '=', caseId)
          .where('id', '=', id)
          .where('purpose', 'in', ['application', 'correction'])
          .executeTakeFirst()
      : undefined;
    if (!row) throw new NotFoundError();
    return sendAttachment(c, row);
  });

  return app;
}
