/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * Staff intake (GET/POST /console/intake): an application received in person, by post (signed for
 * or a plain letter), by fax or over another internet channel (e-mail) is registered by staff with
 * the fields of 条例第二十九条 (the portal's field set and validation) and the dates that fix its
 * receipt date under 条例第三十一条:
 *   当面提交 — the day it is handed in;
 *   邮寄（需签收） — the day the office signs for it;
 *   平常信函 — the day the office confirms it with the applicant (on the day it arrives);
 *   互联网渠道、传真 — the day both sides confirm it.
 * For the last three a confirmation date may be given at once; otherwise the case waits for the
 * “确认收到申请” action. Only agencies in the user's scope can be chosen (others: 404); supervisors
 * only read (403). Nothing is written unless everything is valid; the case, its `received` event
 * and the confirmation are one transaction. On success: the case page, with the number and the
 * query code in a flash message for the applicant.
 */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import type { Kysely } from 'kysely';
import { CHANNEL_CODES, CHANNELS, type Channel } from '../../cases/config.ts';
import { isIsoDate } from '../../cases/dates.ts';
import { validateApplication } from '../../cases/intake.ts';
import { audit } from '../../store/audit.ts';
import { CaseRuleError, createCase, type NewCase } from '../../store/cases.ts';
import type { Database } from '../../store/schema.ts';
import { getAgency } from '../agencies.ts';
import { type AppContext, type AppEnv, caseDeps, nowIsoOf, type SessionUser, todayOf } from '../context.ts';
import { checkUploads, recordAttachments, removeStored, storeUploads } from '../files.ts';
import {
  addError,
  Checkbox,
  ChoiceGroup,
  choiceId,
  ErrorSummary,
  type FieldErrors,
  hasErrors,
  type Option,
  SelectField,
  TextField,
} from '../forms.tsx';
import { agencyFilter, NotFoundError, staffUser, UnauthorizedRoleError } from '../guard.ts';
import { files, formBody, seeOther, text } from '../http.ts';
import { CsrfInput } from '../layout.tsx';
import { issueLetter, renderReceipt } from '../letters.ts';
import {
  APPLICATION_FIELDS,
  type ApplicationValues,
  applicationInput,
  fieldErrorsOf,
  valuesOf,
} from '../portal/application-form.ts';
import { APPLICATION_ANCHORS, ApplicationFields } from '../portal/apply.tsx';
import { addFlash } from '../session.ts';
import { CONSOLE_CSS_URL } from './style.ts';

// ---------------------------------------------------------------------------------------------
// 条例第三十一条 as the form explains it

interface ChannelRule {
  /** 收到申请之日 under Art. 31. */
  receivedDate: string;
  /** What the staff enter. */
  dates: string;
  article: string;
}

export const RECEIPT_RULES: Record<Channel, ChannelRule> = {
  inPerson: {
    receivedDate: '申请人当面提交之日',
    dates: '收到日期填提交日期',
    article: '条例第三十一条第（一）项',
  },
  registeredPost: {
    receivedDate: '政府信息公开工作机构签收之日',
    dates: '收到日期填签收日期',
    article: '条例第三十一条第（二）项',
  },
  ordinaryLetter: {
    receivedDate: '与申请人确认之日（应当于收到申请的当日与申请人确认）',
    dates:
      '收到日期填信函到达日期；确认日期填与申请人确认的日期，尚未确认的可以暂不填写，确认后在案件页面登记',
    article: '条例第三十一条第（二）项',
  },
  online: {
    receivedDate: '双方确认之日',
    dates: '收到日期填电子邮件等到达日期；确认日期填双方确认的日期，尚未确认的可以暂不填写',
    article: '条例第三十一条第（三）项',
  },
  fax: {
    receivedDate: '双方确认之日',
    dates: '收到日期填传真到达日期；确认日期填双方确认的日期，尚未确认的可以暂不填写',
    article: '条例第三十一条第（三）项',
  },
};

const CHANNEL_LABELS: Record<Channel, string> = {
  inPerson: '当面提交',
  registeredPost: '邮寄（需签收的挂号信、快递等）',
  ordinaryLetter: '平常信函（无需签收）',
  online: '互联网渠道（电子邮件等，本平台网上申请除外）',
  fax: '传真',
};

/** Channels whose receipt date is a confirmation (the case model's configuration decides). */
const needsConfirmation = (c: AppContext, channel: Channel) =>
  c.get('deps').config.caseConfig.rules.confirmationChannels.includes(channel);

const ReceiptRules: FC<{ confirmable: Channel[] }> = ({ confirmable }) => (
  <div class="notice" id="receipt-rules">
    <p>
      <strong>收到申请之日的确定（条例第三十一条）</strong>，答复期限自该日起计算：
    </p>
    <ul>
      {CHANNEL_CODES.map((ch) => (
        <li>
          <strong>{CHANNELS[ch].label}</strong>：以{RECEIPT_RULES[ch].receivedDate}为收到申请之日（
          {RECEIPT_RULES[ch].article}）。本表{RECEIPT_RULES[ch].dates}
          {confirmable.includes(ch) ? '' : '，无需填写确认日期'}。
        </li>
      ))}
    </ul>
  </div>
);

// ---------------------------------------------------------------------------------------------
// The form

const INTAKE_FIELDS = ['agencyId', 'channel', 'arrivedOn', 'confirmedOn', 'confirmMeans'] as const;
type IntakeValues = ApplicationValues &
  Partial<Record<(typeof INTAKE_FIELDS)[number] | 'filledOnBehalf', string>>;

const IntakeForm: FC<{
  csrf: string;
  agencies: Option[];
  confirmable: Channel[];
  values: IntakeValues;
  errors: FieldErrors;
  today: string;
  maxFileMb: number;
  maxFiles: number;
  filesDropped: boolean;
}> = ({ csrf, agencies, confirmable, values: v, errors, today, maxFileMb, maxFiles, filesDropped }) => (
  <>
    <h1>登记申请</h1>
    <p class="lead">
      登记当面提交、邮寄、传真或者通过电子邮件等渠道收到的政府信息公开申请。申请内容按照《中华人民共和国政府信息公开条例》第二十九条填写；收到申请之日按照第三十一条确定，答复期限自该日起计算。登记后系统生成登记编号和查询码，请交给申请人。
    </p>
    <ErrorSummary
      errors={errors}
      order={[...INTAKE_FIELDS, ...APPLICATION_FIELDS]}
      anchors={{ ...APPLICATION_ANCHORS, channel: choiceId('channel', CHANNEL_CODES[0]!) }}
    />
    <form method="post" action="/console/intake" enctype="multipart/form-data" class="stack" novalidate>
      <CsrfInput token={csrf} />
      <fieldset class="group">
        <legend>受理机关和提交方式</legend>
        <SelectField
          name="agencyId"
          label="受理机关"
          options={agencies}
          value={v.agencyId ?? agencies[0]?.value}
          errors={errors}
          required
        />
        <ChoiceGroup
          name="channel"
          label="提交方式"
          options={CHANNEL_CODES.map((ch) => ({ value: ch, label: CHANNEL_LABELS[ch] }))}
          value={v.channel}
          errors={errors}
          required
        />
      </fieldset>
      <fieldset class="group">
        <legend>收到申请的日期</legend>
        <ReceiptRules confirmable={confirmable} />
        <TextField
          name="arrivedOn"
          label="收到日期（当面提交日期、签收日期，或者信函、传真、电子邮件到达日期）"
          type="date"
          value={v.arrivedOn ?? today}
          errors={errors}
          required
          hint="不能晚于今天（浏览器不提供日期选择时，按YYYY-MM-DD填写）。"
        />
        <TextField
          name="confirmedOn"
          label="与申请人确认的日期（平常信函、传真、互联网渠道）"
          type="date"
          value={v.confirmedOn}
          errors={errors}
          hint="不早于收到日期，不能晚于今天。平常信函应当于收到当日确认；尚未确认的暂不填写。"
        />
        <TextField
          name="confirmMeans"
          label="确认方式"
          value={v.confirmMeans}
          errors={errors}
          hint="例如：电话确认、回复电子邮件、回传确认单。"
        />
      </fieldset>
      <ApplicationFields
        values={v}
        errors={errors}
        maxFileMb={maxFileMb}
        maxFiles={maxFiles}
        filesDropped={filesDropped}
        attachmentsHint="上传书面申请的扫描件（申请表、信函、传真件）及申请人提交的身份证明等材料。"
        assistanceLabel="申请人在阅读、听力或者视力等方面有困难，需要本机关提供必要的帮助（《条例》第四十三条）"
      />
      <Checkbox
        name="filledOnBehalf"
        checked={!!v.filledOnBehalf}
        errors={errors}
        label="申请人采用书面形式确有困难，由本机关工作人员代为填写，已经申请人确认（《条例》第二十九条第一款）"
      />
      <div class="actions">
        <button type="submit" class="button">
          登记申请
        </button>
      </div>
    </form>
  </>
);

// ---------------------------------------------------------------------------------------------
// Checks

/** Agencies the user may register applications for (supervisors: none). */
async function intakeAgencies(c: AppContext, user: SessionUser): Promise<Option[]> {
  const scope = agencyFilter(user);
  if (scope && !scope.length) return [];
  let q = c.get('deps').store.db.selectFrom('agency').select(['id', 'name']).orderBy('id');
  if (scope) q = q.where('id', 'in', scope);
  return (await q.execute()).map((a) => ({ value: String(a.id), label: a.name }));
}

/** Checks a date field: valid, not in the future, not before the calendar (the clock needs it). */
function checkDate(
  errors: FieldErrors,
  field: string,
  label: string,
  value: string | undefined,
  today: string,
  firstDay: string,
): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!isIsoDate(value)) addError(errors, field, `${label}：须为有效日期（YYYY-MM-DD）`);
  else if (value > today) addError(errors, field, `${label}：不能晚于今天（${today}）`);
  else if (value < firstDay)
    addError(errors, field, `${label}：早于工作日日历的起始日期（${firstDay}），无法计算答复期限`);
  else return value;
  return undefined;
}

const forbidSupervisor = (user: SessionUser) => {
  if (user.role === 'supervisor')
    throw new UnauthorizedRoleError('政府信息公开工作主管部门只能查看案件，不能登记申请。');
};

// ---------------------------------------------------------------------------------------------
// Routes (mounted at /console/intake behind requireStaff())

export function intakeRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  const render = async (
    c: AppContext,
    agencies: Option[],
    values: IntakeValues,
    errors: FieldErrors,
    filesDropped = false,
  ) => {
    const deps = c.get('deps');
    const { maxFileBytes, maxFiles } = deps.config.uploads;
    return c.render(
      <>
        <link rel="stylesheet" href={CONSOLE_CSS_URL} />
        <IntakeForm
          csrf={c.get('session')?.csrfToken ?? ''}
          agencies={agencies}
          confirmable={CHANNEL_CODES.filter((ch) => needsConfirmation(c, ch))}
          values={values}
          errors={errors}
          today={todayOf(deps)}
          maxFileMb={Math.round(maxFileBytes / 1048576)}
          maxFiles={maxFiles}
          filesDropped={filesDropped}
        />
      </>,
      {
        title: hasErrors(errors) ? '错误：登记申请' : '登记申请',
        area: 'console',
        crumbs: [{ href: '/console', label: '待办申请' }, { label: '登记申请' }],
      },
    );
  };

  app.get('/', async (c) => {
    const user = staffUser(c);
    forbidSupervisor(user);
    return render(c, await intakeAgencies(c, user), {}, {});
  });

  app.post('/', async (c) => {
    const deps = c.get('deps');
    const user = staffUser(c);
    forbidSupervisor(user);
    const agencies = await intakeAgencies(c, user);
    const body = await formBody(c);
    const values: IntakeValues = valuesOf(body);
    for (const k of [...INTAKE_FIELDS, 'filledOnBehalf'] as const) {
      const s = text(body, k).trim();
      if (s) values[k] = s.slice(0, 200);
    }
    // an agency outside the user's scope is answered like one that does not exist
    const agencyId = values.agencyId ?? '';
    if (agencyId && !agencies.some((a) => a.value === agencyId)) throw new NotFoundError();

    const errors: FieldErrors = {};
    if (!agencyId) addError(errors, 'agencyId', '受理机关：必填');
    const channel = (CHANNEL_CODES as string[]).includes(values.channel ?? '')
      ? (values.channel as Channel)
      : undefined;
    if (!channel)
      addError(
        errors,
        'channel',
        values.channel
          ? `提交方式：须为${CHANNEL_CODES.map((ch) => CHANNELS[ch].label).join('、')}之一`
          : '提交方式：必填',
      );

    const today = todayOf(deps);
    const firstDay = `${deps.calendar.years[0] ?? today.slice(0, 4)}-01-01`;
    if (!values.arrivedOn) addError(errors, 'arrivedOn', '收到日期：必填');
    const arrivedOn = checkDate(errors, 'arrivedOn', '收到日期', values.arrivedOn, today, firstDay);
    const confirmedOn = checkDate(errors, 'confirmedOn', '确认日期', values.confirmedOn, today, firstDay);
    if (channel && values.confirmedOn && !needsConfirmation(c, channel))
      addError(
        errors,
        'confirmedOn',
        `确认日期：${CHANNELS[channel].label}的申请以${channel === 'registeredPost' ? '签收之日' : '提交之日'}为收到申请之日，无需确认，请不要填写（条例第三十一条）`,
      );
    if (arrivedOn && confirmedOn && confirmedOn < arrivedOn)
      addError(errors, 'confirmedOn', `确认日期：不能早于收到日期（${arrivedOn}）`);
    if (values.confirmMeans && !values.confirmedOn)
      addError(errors, 'confirmMeans', '确认方式：填写确认方式的，须同时填写确认日期');

    const input = {
      ...applicationInput(values, channel ?? 'inPerson'),
      ...(values.filledOnBehalf ? { filledOnBehalf: true } : {}),
    };
    const v = validateApplication(input);
    if (!v.ok) {
      const fe = fieldErrorsOf(
        v.errors.filter((e) => e.path !== 'channel'),
        values.applicantType,
      );
      for (const [k, list] of Object.entries(fe)) for (const m of list) addError(errors, k, m);
    }
    const chosen = files(body, 'attachments');
    const checked = await checkUploads(deps, chosen);
    for (const e of checked.errors) addError(errors, 'attachments', e);
    if (!v.ok || hasErrors(errors) || !channel || !arrivedOn) {
      c.status(400);
      return render(c, agencies, values, errors, chosen.length > 0);
    }

    const agency = await getAgency(deps.store.db, Number(agencyId));
    if (!agency) throw new NotFoundError();
    const at = nowIsoOf(deps);
    const actor = { id: `staff:${user.id}`, role: user.role, name: user.displayName.slice(0, 60) };
    const stored = await storeUploads(deps, checked.uploads);
    // the case, its attachment rows, the 登记回执 and the audit entry: one transaction
    const alongside = async (trx: Kysely<Database>, created: NewCase) => {
      await recordAttachments(trx, created.id, 'application', actor.id, stored, at);
      const letter = renderReceipt(
        agency,
        { view: created.view, application: v.value, caseNumber: created.number },
        today,
      );
      if (letter)
        await issueLetter(trx, {
          caseId: created.id,
          letter,
          issuedOn: today,
          issuedBy: actor.id,
          at,
        });
      await audit(trx, {
        actor: actor.id,
        entity: 'application_case',
        entityId: created.id,
        action: 'registered',
        detail: {
          number: created.number,
          agencyId: agency.id,
          channel,
          arrivedOn,
          confirmedOn: confirmedOn ?? null,
          attachments: stored.length,
        },
      });
    };
    let created: NewCase;
    try {
      created = await createCase(
        deps.store,
        agency.id,
        v.value,
        { on: arrivedOn, at, actor },
        caseDeps(deps),
        confirmedOn
          ? [
              {
                type: 'receiptConfirmed',
                on: confirmedOn,
                at,
                actor,
                ...(values.confirmMeans ? { means: values.confirmMeans.slice(0, 100) } : {}),
              },
            ]
          : [],
        alongside,
      );
    } catch (e) {
      await removeStored(deps, stored);
      if (e instanceof CaseRuleError) {
        c.status(400);
        return render(c, agencies, values, { '': [e.message] }, chosen.length > 0);
      }
      throw e;
    }
    await addFlash(
      c,
      `已登记申请。登记编号：${created.number}，查询码：${created.queryCode}。请将登记编号和查询码告知申请人（可以打印本页或者下载登记回执），凭这两项可以在本平台查询办理进度。`,
    );
    return seeOther(c, `/console/cases/${created.id}`);
  });

  return app;
}
