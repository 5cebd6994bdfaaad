/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The 依申请公开 form of an agency (条例第二十九条), its submission and the receipt.
 *
 * POST /agencies/:agencyId/apply validates the application and the attachments; on errors the form
 * comes back (400) with each Chinese message next to its field, a summary at the top and the
 * values kept. Otherwise the attachments are written, the case and its `received` event are
 * committed (plus the system's receipt confirmation, see WebConfig.confirmOnlineReceipt), the 登记回执
 * is issued, and the browser is sent (303) to /receipt, which shows the case number and query code.
 */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { REGULATIONS_2019 } from '../../cases/config.ts';
import { type Application, validateApplication } from '../../cases/intake.ts';
import { caseView } from '../../store/cases.ts';
import type { AgencyWithProfile } from '../agencies.ts';
import { type AppContext, type AppEnv, caseDeps } from '../context.ts';
import { ACCEPT, acceptedTypesText, checkUploads, storeUploads } from '../files.ts';
import {
  addError,
  Checkbox,
  ChoiceGroup,
  choiceId,
  ErrorSummary,
  type FieldErrors,
  FileField,
  hasErrors,
  SelectField,
  TextArea,
  TextField,
} from '../forms.tsx';
import { files, formBody, seeOther } from '../http.ts';
import { CsrfInput } from '../layout.tsx';
import { csrfToken } from '../security.ts';
import { grantCaseAccess } from '../session.ts';
import {
  APPLICATION_FIELDS,
  type ApplicationValues,
  applicantTypeOptions,
  applicationInput,
  deliveryOptions,
  fieldErrorsOf,
  formOptions,
  idTypeOptions,
  valuesOf,
} from './application-form.ts';
import { agencyCrumbs, agencyOr404, DateText } from './common.tsx';
import { fileOnlineApplication } from './submit.ts';

/** Error summary links of the application fields that are groups (their first choice). */
export const APPLICATION_ANCHORS = {
  applicantType: choiceId('applicantType', 'naturalPerson'),
  contact: 'f-phone',
  form: choiceId('form', 'paper'),
  delivery: choiceId('delivery', 'collect'),
};

/**
 * The fields of 条例第二十九条 (applicant, contact, information, form and delivery, attachments),
 * shared by the portal form and the console's staff intake.
 */
export const ApplicationFields: FC<{
  values: ApplicationValues;
  errors: FieldErrors;
  maxFileMb: number;
  maxFiles: number;
  filesDropped?: boolean | undefined;
  /** The applicant's own words (portal) or the staff's (intake). */
  assistanceLabel?: string;
  /** What the attachments are for (before the limits). */
  attachmentsHint?: string;
}> = ({ values: v, errors, maxFileMb, maxFiles, filesDropped, assistanceLabel, attachmentsHint }) => {
  const contactErr = errors.contact;
  return (
    <>
      <fieldset class="group">
        <legend>申请人信息</legend>
        <ChoiceGroup
          name="applicantType"
          label="申请人类型"
          options={applicantTypeOptions}
          value={v.applicantType}
          errors={errors}
          required
          class="applicant-types"
        />
        <fieldset class="only-person">
          <legend>申请人是自然人的，请填写</legend>
          <TextField
            name="personName"
            label="申请人姓名"
            value={v.personName}
            errors={errors}
            required
            autocomplete="name"
            size="medium"
          />
          <SelectField
            name="idType"
            label="身份证明类型"
            options={idTypeOptions}
            value={v.idType ?? 'residentIdCard'}
            errors={errors}
            required
          />
          <TextField
            name="idNumber"
            label="身份证明号码"
            value={v.idNumber}
            errors={errors}
            required
            size="medium"
            spellcheck={false}
            hint="居民身份证为18位，最后一位可能是X。"
          />
          <TextField
            name="workUnit"
            label="工作单位"
            value={v.workUnit}
            errors={errors}
            autocomplete="organization"
          />
        </fieldset>
        <fieldset class="only-org">
          <legend>申请人是法人或者其他组织的，请填写</legend>
          <TextField
            name="orgName"
            label="申请人名称"
            value={v.orgName}
            errors={errors}
            required
            autocomplete="organization"
          />
          <TextField
            name="creditCode"
            label="统一社会信用代码"
            value={v.creditCode}
            errors={errors}
            required
            size="medium"
            spellcheck={false}
            hint="18位，见营业执照或登记证书。"
          />
          <TextField
            name="legalRepresentative"
            label="法定代表人或者负责人"
            value={v.legalRepresentative}
            errors={errors}
            size="medium"
          />
          <TextField
            name="contactPerson"
            label="联系人姓名"
            value={v.contactPerson}
            errors={errors}
            size="medium"
          />
        </fieldset>
      </fieldset>

      <fieldset
        class={`group${contactErr?.length ? ' has-error' : ''}`}
        aria-describedby={contactErr?.length ? 'f-contact-hint f-contact-error' : 'f-contact-hint'}
      >
        <legend>联系方式</legend>
        <p class="hint" id="f-contact-hint">
          联系电话、电子邮箱、通信地址至少填写一项。选择邮寄、电子邮件或者传真方式获取信息的，须填写相应的联系方式。
        </p>
        {contactErr?.length ? (
          <p class="error-message" id="f-contact-error">
            <span class="visually-hidden">错误：</span>
            {contactErr.join('；')}
          </p>
        ) : null}
        <TextField
          name="phone"
          label="联系电话"
          type="tel"
          value={v.phone}
          errors={errors}
          autocomplete="tel"
          inputmode="tel"
          size="medium"
        />
        <TextField
          name="email"
          label="电子邮箱"
          type="email"
          value={v.email}
          errors={errors}
          autocomplete="email"
          size="medium"
          spellcheck={false}
        />
        <TextField
          name="address"
          label="通信地址"
          value={v.address}
          errors={errors}
          autocomplete="street-address"
        />
        <TextField
          name="postcode"
          label="邮政编码"
          value={v.postcode}
          errors={errors}
          autocomplete="postal-code"
          inputmode="numeric"
          size="short"
        />
        <TextField name="fax" label="传真号码" type="tel" value={v.fax} errors={errors} size="medium" />
      </fieldset>

      <fieldset class="group">
        <legend>所需政府信息</legend>
        <TextArea
          name="description"
          label="所需政府信息的名称、文号或者便于查询的特征性描述"
          value={v.description}
          errors={errors}
          required
          rows={6}
          maxlength={2000}
          hint="请尽量写明信息的名称、文号、制作时间、涉及的事项或者地点，便于本机关查找。"
        />
        <TextField name="infoTitle" label="信息名称" value={v.infoTitle} errors={errors} />
        <TextField
          name="documentNumber"
          label="文号"
          value={v.documentNumber}
          errors={errors}
          size="medium"
        />
        <TextArea
          name="purpose"
          label="用途"
          value={v.purpose}
          errors={errors}
          rows={3}
          maxlength={500}
          hint="《条例》未要求说明用途，可以不填。"
        />
      </fieldset>

      <fieldset class="group">
        <legend>提供形式和获取方式</legend>
        <ChoiceGroup
          name="form"
          label="信息的指定提供形式"
          options={formOptions}
          value={v.form}
          errors={errors}
          required
        />
        <ChoiceGroup
          name="delivery"
          label="获取信息的方式"
          options={deliveryOptions}
          value={v.delivery}
          errors={errors}
          required
        />
      </fieldset>

      <fieldset class="group">
        <legend>附件和其他事项</legend>
        {filesDropped ? (
          <div class="notice">
            <p>为了安全，页面重新显示时不会保留已选择的附件，请重新选择。</p>
          </div>
        ) : null}
        <FileField
          name="attachments"
          label="附件"
          accept={ACCEPT}
          multiple
          errors={errors}
          hint={`${attachmentsHint ?? '可以上传身份证明、授权委托书等材料。'}支持${acceptedTypesText()}，每个文件不超过${maxFileMb}MB，最多${maxFiles}个。`}
        />
        <Checkbox
          name="needsAssistance"
          checked={!!v.needsAssistance}
          errors={errors}
          label={
            assistanceLabel ??
            '我在阅读、听力或者视力等方面有困难，需要本机关提供必要的帮助（《条例》第四十三条）'
          }
        />
      </fieldset>
    </>
  );
};

export const ApplicationForm: FC<{
  agency: AgencyWithProfile;
  csrf: string;
  values: ApplicationValues;
  errors: FieldErrors;
  maxFileMb: number;
  maxFiles: number;
  filesDropped?: boolean;
}> = ({ agency, csrf, values: v, errors, maxFileMb, maxFiles, filesDropped }) => {
  return (
    <>
      <h1>向{agency.name}申请政府信息公开</h1>
      <p class="lead">
        依据《中华人民共和国政府信息公开条例》第二十七条、第二十九条，公民、法人或者其他组织可以向本机关申请获取政府信息。在线申请无需注册账号。
      </p>
      <p>
        提交后您将得到<strong>登记编号</strong>和<strong>查询码</strong>
        ，凭这两项可以随时查询办理进度、下载答复文书、按要求补正或者撤回申请。本机关一般自收到申请之日起
        {REGULATIONS_2019.replyWorkingDays}个工作日内答复。
        <a href={`/agencies/${agency.id}/guide`}>查看本机关的政府信息公开指南</a>。
      </p>
      <ErrorSummary errors={errors} order={[...APPLICATION_FIELDS]} anchors={APPLICATION_ANCHORS} />
      <form
        method="post"
        action={`/agencies/${agency.id}/apply`}
        enctype="multipart/form-data"
        class="stack"
        novalidate
      >
        <CsrfInput token={csrf} />

        <ApplicationFields
          values={v}
          errors={errors}
          maxFileMb={maxFileMb}
          maxFiles={maxFiles}
          filesDropped={filesDropped}
        />

        <div class="actions">
          <button type="submit" class="button">
            提交申请
          </button>
        </div>
      </form>
    </>
  );
};

export function applyRoutes() {
  const app = new Hono<AppEnv>();

  const renderForm = (
    c: AppContext,
    agency: AgencyWithProfile,
    values: ApplicationValues,
    errors: FieldErrors,
    filesDropped = false,
  ) => {
    const { maxFileBytes, maxFiles } = c.get('deps').config.uploads;
    return c.render(
      <ApplicationForm
        agency={agency}
        csrf={csrfToken(c)}
        values={values}
        errors={errors}
        maxFileMb={Math.round(maxFileBytes / 1048576)}
        maxFiles={maxFiles}
        filesDropped={filesDropped}
      />,
      {
        title: hasErrors(errors)
          ? `错误：申请政府信息公开 - ${agency.name}`
          : `申请政府信息公开 - ${agency.name}`,
        crumbs: [...agencyCrumbs(agency), { label: '申请政府信息公开' }],
      },
    );
  };

  app.get('/agencies/:agencyId/apply', async (c) => {
    const agency = await agencyOr404(c, c.req.param('agencyId'));
    return renderForm(c, agency, {}, {});
  });

  app.post('/agencies/:agencyId/apply', async (c) => {
    const deps = c.get('deps');
    const agency = await agencyOr404(c, c.req.param('agencyId'));
    const body = await formBody(c);
    const values = valuesOf(body);
    const v = validateApplication(applicationInput(values));
    const errors = v.ok ? {} : fieldErrorsOf(v.errors, values.applicantType);
    const chosen = files(body, 'attachments');
    const checked = await checkUploads(deps, chosen);
    for (const e of checked.errors) addError(errors, 'attachments', e);
    if (!v.ok || hasErrors(errors)) {
      c.status(400);
      return renderForm(c, agency, values, errors, chosen.length > 0);
    }
    const application: Application = v.value;

    // the files first (synced), then the case; a failed case write removes the files again
    const stored = await storeUploads(deps, checked.uploads);
    // the session that shows the receipt and lets the applicant follow the case: same transaction
    await fileOnlineApplication(deps, agency, application, stored, (trx, created) =>
      grantCaseAccess(c, created.id, { receipt: true }, trx),
    );
    return seeOther(c, '/receipt');
  });

  app.get('/receipt', async (c) => {
    const deps = c.get('deps');
    const caseId = c.get('session')?.data.receipt;
    if (!caseId) return seeOther(c, '/status');
    const row = await deps.store.db
      .selectFrom('application_case')
      .innerJoin('agency', 'agency.id', 'application_case.agency_id')
      .select([
        'application_case.id as id',
        'application_case.number as number',
        'application_case.query_code as queryCode',
        'application_case.created_at as createdAt',
        'agency.name as agencyName',
        'agency.id as agencyId',
      ])
      .where('application_case.id', '=', caseId)
      .executeTakeFirst();
    if (!row) return seeOther(c, '/status');
    const view = await caseView(deps.store, caseId, caseDeps(deps));
    const letter = await deps.store.db
      .selectFrom('case_letter')
      .select('id')
      .where('case_id', '=', caseId)
      .where('kind', '=', 'receipt')
      .executeTakeFirst();
    return c.render(
      <>
        <div class="panel" role="status">
          <h1>申请已提交</h1>
          <p>
            {row.agencyName}
            已收到您的政府信息公开申请。请记下或者打印以下登记编号和查询码，凭这两项查询办理进度。
          </p>
          <dl class="summary-list">
            <dt>登记编号</dt>
            <dd>
              <span class="big-code">{row.number}</span>
            </dd>
            <dt>查询码</dt>
            <dd>
              <span class="big-code">{row.queryCode}</span>
            </dd>
          </dl>
        </div>
        <h2>申请信息</h2>
        <dl class="summary-list">
          <dt>受理机关</dt>
          <dd>{row.agencyName}</dd>
          <dt>提交日期</dt>
          <dd>
            <DateText date={view?.arrivedOn} />
          </dd>
          <dt>收到申请日期</dt>
          <dd>
            {view?.receivedDate ? <DateText date={view.receivedDate} /> : '待本机关确认（条例第三十一条）'}
          </dd>
          <dt>答复期限</dt>
          <dd>
            {view?.dueDate ? (
              <>
                <DateText date={view.dueDate} />
                前（{REGULATIONS_2019.replyWorkingDays}个工作日）
              </>
            ) : (
              '确认收到申请日期后计算'
            )}
          </dd>
        </dl>
        <p class="no-print">
          请妥善保管查询码，不要告诉他人：知道登记编号和查询码的人可以查看、补正或者撤回这件申请。
        </p>
        <div class="actions no-print">
          <a class="button" href={`/status/cases/${row.id}`}>
            查看办理进度
          </a>
          {letter ? (
            <a class="button secondary" href={`/status/cases/${row.id}/letters/${letter.id}`}>
              下载登记回执（Word）
            </a>
          ) : null}
          <button type="button" class="button secondary print-button" hidden>
            打印本页
          </button>
        </div>
        <p class="hint no-print">如需打印，可以使用浏览器的“打印”功能（Ctrl+P）。</p>
      </>,
      { title: '申请已提交', printable: true },
    );
  });

  return app;
}
