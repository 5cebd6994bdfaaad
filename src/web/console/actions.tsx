/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The actions on a case (POST /console/cases/:id/<action>): each one records exactly one event of
 * the state machine (src/cases/events.ts), with its title, its legal note, the roles that may take
 * it, the case states in which the page offers it (the state machine has the last word) and its
 * form fields. `ActionForm` is the one form every action uses: legal note, the refusal next to the
 * form, the fields, the confirmation checkbox (works without JavaScript) and the submit button.
 */
import type { FC } from 'hono/jsx';
import { CONSULTATION_PARTIES } from '../../cases/events.ts';
import { FEE_METHODS } from '../../cases/fees.ts';
import type { CaseView } from '../../cases/machine.ts';
import { OUTCOME_CODES, OUTCOMES } from '../../cases/outcomes.ts';
import type { SessionUser } from '../context.ts';
import {
  Checkbox,
  ErrorText,
  type FieldErrors,
  type Option,
  SelectField,
  TextArea,
  TextField,
} from '../forms.tsx';
import { canActForAgency } from '../guard.ts';
import { CsrfInput } from '../layout.tsx';

export type ActionName =
  | 'confirm'
  | 'correction'
  | 'correctionReceived'
  | 'correctionLapsed'
  | 'consultation'
  | 'consultationAnswered'
  | 'consultationLapsed'
  | 'extension'
  | 'fee'
  | 'feePaid'
  | 'feeLapsed'
  | 'referral'
  | 'withdrawal'
  | 'reply'
  | 'reopen';

interface ActionDef {
  title: string;
  note: string;
  /** Roles that may take it (besides the agency scope; supervisors never). */
  roles?: readonly SessionUser['role'][];
  /** Whether the case page offers it now (the state machine still decides on submission). */
  when: (v: CaseView) => boolean;
  /** The form's fields (named as the event's fields where there is one). */
  fields: readonly string[];
}

const OPEN = new Set(['open', 'awaitingCorrection', 'inConsultation', 'awaitingFee', 'awaitingConfirmation']);
const isOpen = (v: CaseView) => OPEN.has(v.status);
/** Consultations neither answered nor lapsed (the state machine checks the current round). */
export const openConsultations = (v: CaseView) =>
  v.consultations.filter((c) => c.answeredOn === undefined && c.lapsedOn === undefined);

export const ACTIONS: Record<ActionName, ActionDef> = {
  confirm: {
    title: '确认收到申请',
    fields: ['on', 'means'],
    note: '条例第三十一条：以平常信函等无需签收的邮寄方式提交的，政府信息公开工作机构应当于收到申请的当日与申请人确认，确认之日为收到申请之日；通过互联网渠道或者政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日。答复期限自确认之日起计算。',
    when: (v) => v.status === 'awaitingConfirmation',
  },
  correction: {
    title: '告知补正',
    fields: ['items', 'dueWorkingDays'],
    note: '条例第三十条：申请内容不明确的，应当自收到申请之日起7个工作日内一次性告知申请人作出补正，说明需要补正的事项和合理的补正期限。答复期限自收到补正的申请之日起计算。',
    when: (v) => isOpen(v) && !v.correction,
  },
  correctionReceived: {
    title: '收到补正',
    fields: ['on', 'supplement', 'goodReason'],
    note: '条例第三十条：答复期限自行政机关收到补正的申请之日起计算。申请人以书面方式（当面、邮寄）提交补正的，登记收到补正材料的日期；逾期补正的，须注明正当理由。',
    when: (v) => v.status === 'awaitingCorrection',
  },
  correctionLapsed: {
    title: '逾期未补正',
    fields: [],
    note: '条例第三十条：申请人无正当理由逾期不补正的，视为放弃申请，行政机关不再处理该政府信息公开申请。补正期限届满后方可登记；年度报告表三计入“其他处理——申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请”。',
    when: (v) => v.status === 'awaitingCorrection',
  },
  consultation: {
    title: '征求意见',
    fields: ['party', 'name'],
    note: '条例第三十二条：依申请公开的政府信息公开会损害第三方合法权益的，应当书面征求第三方的意见，第三方应当自收到征求意见书之日起15个工作日内提出意见。征求意见所需时间不计算在答复期限内（条例第三十三条第三款）；征求其他机关意见的，依照条例第三十四条。',
    when: isOpen,
  },
  consultationAnswered: {
    title: '收到征求意见答复',
    fields: ['name', 'opinion', 'on'],
    note: '条例第三十二条：第三方不同意公开且有合理理由的，行政机关不予公开；行政机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的内容和理由书面告知第三方。征求意见所需时间自发出之日起至收到答复之日止不计算在答复期限内（条例第三十三条第三款）。',
    when: (v) => isOpen(v) && openConsultations(v).length > 0,
  },
  consultationLapsed: {
    title: '征求意见逾期未答复',
    fields: ['name'],
    note: '条例第三十二条：第三方逾期未提出意见的，由行政机关依照本条例的规定决定是否公开。答复期限（自收到征求意见书之日起15个工作日）届满后方可登记。',
    when: (v) => isOpen(v) && openConsultations(v).length > 0,
  },
  extension: {
    title: '延期答复',
    fields: ['days', 'reason'],
    note: '条例第三十三条第二款：不能当场答复的，应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。',
    roles: ['officeHead'],
    when: (v) => isOpen(v) && !v.extension,
  },
  fee: {
    title: '发出收费通知',
    fields: ['method', 'pieces', 'priorPieces', 'pages'],
    note: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）：申请人申请公开政府信息的数量、频次明显超过合理范围的，可以收取信息处理费，只能选择按件或者按量一种标准计收；申请人应当自收到收费通知次日起20个工作日内缴纳。',
    when: (v) => isOpen(v) && !v.fee,
  },
  feePaid: {
    title: '登记已缴费',
    fields: ['on', 'amountYuan', 'receiptNo'],
    note: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）：申请人应当自收到收费通知次日起20个工作日内缴纳，缴费金额与收费通知一致；缴纳后行政机关继续办理。',
    when: (v) => v.status === 'awaitingFee',
  },
  feeLapsed: {
    title: '逾期未缴费',
    fields: [],
    note: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）：申请人逾期未缴纳信息处理费的，视为放弃申请，行政机关不再处理该政府信息公开申请。缴费期限届满后方可登记。',
    when: (v) => v.status === 'awaitingFee',
  },
  referral: {
    title: '转办',
    fields: ['scope', 'to', 'reason'],
    note: '转办本机关内部承办单位的，不影响答复期限；转送其他机关的，本案办结并按“非本机关负责公开”统计（条例第三十六条第（五）项：能够确定负责公开该政府信息的行政机关的，告知申请人该行政机关的名称、联系方式）。',
    when: isOpen,
  },
  withdrawal: {
    title: '撤回申请',
    fields: ['on', 'reason'],
    note: '申请人在作出答复前书面（当面或者邮寄）撤回申请的，登记撤回，本案终止办理；年度报告表三计入“其他处理”。网上申请的申请人可以在查询页面自行撤回。',
    when: isOpen,
  },
  reply: {
    title: '作出答复',
    fields: ['outcome', 'providedContent', 'withheldContent', 'grounds', 'accessChannel', 'referredAgency'],
    note: '条例第三十六条至第三十九条：根据情况分别作出答复，并生成答复书。不予公开或者部分公开的，答复书告知申请人应当先申请行政复议（行政复议法第二十三条）。',
    when: isOpen,
  },
  reopen: {
    title: '重新办理',
    fields: ['decision', 'decidedOn', 'dueWorkingDays', 'dueDate'],
    note: '行政复议决定或者人民法院裁判责令重新答复的，本机关重新办理并在决定或者裁判确定的期限内（未确定的，自重新办理之日起20个工作日内）重新答复。年度报告表三仍按首次办理结果统计一次。',
    when: (v) => ['replied', 'referred', 'closed'].includes(v.status),
  },
};

export const ACTION_NAMES = Object.keys(ACTIONS) as ActionName[];

/** Whether the user may take the action on a case of the agency (role and scope; not the case's state). */
export function mayTake(user: SessionUser, agencyId: number, action: ActionName): boolean {
  if (!canActForAgency(user, agencyId)) return false;
  const roles = ACTIONS[action].roles;
  return !roles || roles.includes(user.role);
}

/** The actions offered now on the case page (the state machine has the last word). */
export function offered(user: SessionUser, agencyId: number, v: CaseView): ActionName[] {
  return ACTION_NAMES.filter((a) => mayTake(user, agencyId, a) && ACTIONS[a].when(v));
}

/** The refusal of a role (403). */
export const roleRefusal = (action: ActionName) =>
  action === 'extension'
    ? '延期答复须经政府信息公开工作机构负责人批准（条例第三十三条第二款），您的角色无权登记。'
    : '您的角色只能查看案件，无权登记办理事项。';

// ---------------------------------------------------------------------------------------------
// Fields

/** The id of an action's field (several forms on one page share field names). */
export const actionFieldId = (action: ActionName, name: string) => `f-${action}-${name}`;

const options = <T extends Record<string, { label: string }>>(o: T, extra?: (k: keyof T) => string) =>
  Object.entries(o).map(([value, x]) => ({
    value,
    label: extra ? `${x.label}（${extra(value as keyof T)}）` : x.label,
  }));

const OPINIONS: Option[] = [
  { value: 'consent', label: '同意公开' },
  { value: 'objection', label: '不同意公开' },
  { value: 'other', label: '其他意见' },
];

const DATE_HINT =
  '不填为今天；不能晚于今天，也不能早于本案上一事件的日期（浏览器不提供日期选择时，按YYYY-MM-DD填写）。';

type FieldsProps = { action: ActionName; view: CaseView; v: Record<string, string>; errors: FieldErrors };

/** The fields of one action's form (names = the event's field names, so errors land next to them). */
export const ActionFields: FC<FieldsProps> = ({ action, view, v, errors }) => {
  const f = (name: string) => ({ id: actionFieldId(action, name), name, value: v[name], errors });
  const date = (label: string) => <TextField {...f('on')} label={label} type="date" hint={DATE_HINT} />;
  const consultations = openConsultations(view).map((c) => ({ value: c.name, label: c.name }));
  switch (action) {
    case 'confirm':
      return (
        <>
          {date('确认日期')}
          <TextField {...f('means')} label="确认方式" hint="例如：电话确认、回复电子邮件、回传确认单。" />
        </>
      );
    case 'correction':
      return (
        <>
          <TextArea
            {...f('items')}
            label="补正事项"
            hint="每行一项，须一次性列明全部事项。"
            rows={3}
            required
          />
          <TextField
            {...f('dueWorkingDays')}
            value={v.dueWorkingDays ?? '15'}
            label="补正期限（工作日）"
            inputmode="numeric"
            size="short"
            required
          />
        </>
      );
    case 'correctionReceived':
      return (
        <>
          {date('收到补正日期')}
          <TextArea {...f('supplement')} label="补正内容" rows={3} hint="申请人补正的内容摘要。" />
          <TextArea
            {...f('goodReason')}
            label="逾期补正的正当理由"
            rows={2}
            hint={view.correction?.dueDate ? `补正期限至${view.correction.dueDate}。` : undefined}
          />
        </>
      );
    case 'consultation':
      return (
        <>
          <SelectField
            {...f('party')}
            label="征求对象类型"
            options={options(CONSULTATION_PARTIES, (k) => CONSULTATION_PARTIES[k].article)}
            required
          />
          <TextField {...f('name')} label="征求对象名称" required />
        </>
      );
    case 'consultationAnswered':
      return (
        <>
          <SelectField {...f('name')} label="征求对象" options={consultations} required />
          <SelectField {...f('opinion')} label="意见" options={OPINIONS} required />
          {date('收到答复日期')}
        </>
      );
    case 'consultationLapsed':
      return <SelectField {...f('name')} label="征求对象" options={consultations} required />;
    case 'extension':
      return (
        <>
          <TextField
            {...f('days')}
            value={v.days ?? '20'}
            label="延长的工作日数"
            hint="最长20个工作日，只能延长一次。"
            inputmode="numeric"
            size="short"
            required
          />
          <TextArea {...f('reason')} label="延期理由" rows={3} required />
        </>
      );
    case 'fee':
      return (
        <>
          <SelectField
            {...f('method')}
            label="收费方式"
            options={options(FEE_METHODS, (k) => `办法${FEE_METHODS[k].article}`)}
            required
          />
          <TextField {...f('pieces')} label="件数（按件计收）" inputmode="numeric" size="short" />
          <TextField
            {...f('priorPieces')}
            value={v.priorPieces ?? '0'}
            label="申请人本自然月此前申请件数（按件计收）"
            inputmode="numeric"
            size="short"
          />
          <TextField {...f('pages')} label="页数（按量计收）" inputmode="numeric" size="short" />
        </>
      );
    case 'feePaid':
      return (
        <>
          {date('缴费日期')}
          <TextField
            {...f('amountYuan')}
            value={v.amountYuan ?? (view.fee ? String(view.fee.amountYuan) : '')}
            label="缴费金额（元）"
            hint={view.fee?.paymentDeadline ? `缴费期限至${view.fee.paymentDeadline}。` : undefined}
            inputmode="numeric"
            size="short"
          />
          <TextField {...f('receiptNo')} label="票据号" size="medium" />
        </>
      );
    case 'referral':
      return (
        <>
          <SelectField
            {...f('scope')}
            label="转办范围"
            options={[
              { value: 'internal', label: '本机关内部承办单位（不办结）' },
              { value: 'external', label: '转送其他机关（本案办结）' },
            ]}
            required
          />
          <TextField {...f('to')} label="转办对象" required />
          <TextArea {...f('reason')} label="转办理由" rows={2} />
        </>
      );
    case 'withdrawal':
      return (
        <>
          {date('撤回日期')}
          <TextArea {...f('reason')} label="撤回理由" rows={2} />
        </>
      );
    case 'reply':
      return (
        <>
          <SelectField
            {...f('outcome')}
            label="答复结果"
            options={OUTCOME_CODES.map((o) => ({
              value: o,
              label: OUTCOMES[o].article
                ? `${OUTCOMES[o].label}（条例${OUTCOMES[o].article}）`
                : OUTCOMES[o].label,
            }))}
            required
          />
          <TextArea {...f('providedContent')} label="予以公开的内容" rows={3} />
          <TextArea {...f('withheldContent')} label="不予公开的内容" rows={3} />
          <TextArea {...f('grounds')} label="理由和依据" rows={3} />
          <TextArea {...f('accessChannel')} label="获取方式和途径" rows={3} />
          <TextField {...f('referredAgency')} label="负责公开的行政机关" />
        </>
      );
    case 'reopen':
      return (
        <>
          <SelectField
            {...f('decision')}
            label="决定类型"
            options={[
              { value: 'reconsideration', label: '行政复议决定' },
              { value: 'litigation', label: '人民法院裁判' },
            ]}
            required
          />
          <TextField {...f('decidedOn')} label="决定或裁判日期" type="date" required />
          <TextField
            {...f('dueWorkingDays')}
            label="重新答复期限（工作日）"
            hint="决定或裁判确定了期限的填写；与截止日期只填一项，都不填为20个工作日。"
            inputmode="numeric"
            size="short"
          />
          <TextField {...f('dueDate')} label="重新答复截止日期" type="date" />
        </>
      );
  }
};

// ---------------------------------------------------------------------------------------------
// The one action form

const Note: FC<{ text: string }> = ({ text: t }) => (
  <p class="hint legal-note">
    <strong>法律依据：</strong>
    {t}
  </p>
);

/**
 * One action's form: title, legal note, the refusal of the last attempt next to the form, the
 * fields, the confirmation and the submit button.
 */
export const ActionForm: FC<{
  caseId: number;
  action: ActionName;
  view: CaseView;
  csrf: string;
  values: Record<string, string>;
  errors: FieldErrors;
}> = ({ caseId, action, view, csrf, values, errors }) => {
  const def = ACTIONS[action];
  return (
    <section class="panel action" aria-labelledby={`action-${action}`}>
      <h3 id={`action-${action}`}>{def.title}</h3>
      <Note text={def.note} />
      <ErrorText id={actionFieldId(action, 'error')} messages={errors['']} />
      <form method="post" action={`/console/cases/${caseId}/${action}`} class="stack" novalidate>
        <CsrfInput token={csrf} />
        <ActionFields action={action} view={view} v={values} errors={errors} />
        <Checkbox
          id={actionFieldId(action, 'confirm')}
          name="confirm"
          errors={errors}
          label={`我已核对以上内容，确认登记“${def.title}”（登记后不能撤销）`}
        />
        <div class="actions">
          <button type="submit" class="button">
            确认登记
          </button>
        </div>
      </form>
    </section>
  );
};
