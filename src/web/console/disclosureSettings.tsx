/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * An agency's 主动公开 settings (mounted at /console/disclosure/settings): the 索引号 scheme and the
 * organisation code it uses when the agency has no 统一社会信用代码, the review chain (up to 6 steps,
 * each a role and a name; default 股室负责人 → 分管领导 → 办公室保密审查) and the 主题分类 list.
 * Everyone in scope reads; the head of the disclosure office (and the administrator) saves; saving
 * is audited by the store (saveDisclosureSettings). Items already in review keep their chain.
 */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { ACTOR_ROLES, REVIEWER_ROLES, type ReviewStep } from '../../disclosure/events.ts';
import { DEFAULT_INDEX_SCHEME } from '../../disclosure/indexNumber.ts';
import {
  DisclosureRuleError,
  type DisclosureSettings,
  getDisclosureSettings,
  saveDisclosureSettings,
} from '../../store/disclosure.ts';
import type { AppContext, AppEnv } from '../context.ts';
import {
  addError,
  ErrorSummary,
  ErrorText,
  type FieldErrors,
  hasErrors,
  TextArea,
  TextField,
} from '../forms.tsx';
import { canActForAgency, NotFoundError, scopeToAgency, staffUser, UnauthorizedRoleError } from '../guard.ts';
import { formBody, seeOther, text } from '../http.ts';
import { CsrfInput } from '../layout.tsx';
import { addFlash } from '../session.ts';
import { GUIDE_EDITORS } from './disclosureGuide.tsx';
import { CONSOLE_CSS_URL } from './style.ts';

const MAX_STEPS = 6;

function agencyOf(c: AppContext, raw: string | undefined): number {
  const user = staffUser(c);
  if (raw === undefined || raw === '') return user.agencyId;
  const id = /^\d{1,12}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(id) || !scopeToAgency(user, id)) throw new NotFoundError();
  return id;
}

interface Values {
  indexScheme: string;
  orgCode: string;
  topics: string;
  steps: { role: string; label: string }[];
}

const valuesOf = (s: DisclosureSettings): Values => ({
  indexScheme: s.indexScheme,
  orgCode: s.orgCode ?? '',
  topics: (s.topics ?? []).join('\n'),
  steps: s.reviewChain.map((x) => ({ role: x.role, label: x.label })),
});

const SettingsPage: FC<{
  agencyId: number;
  settings: DisclosureSettings;
  canEdit: boolean;
  csrf: string;
  values: Values;
  errors: FieldErrors;
}> = ({ agencyId, settings, canEdit, csrf, values: v, errors }) => {
  const rows = [...v.steps];
  while (rows.length < MAX_STEPS) rows.push({ role: '', label: '' });
  if (!canEdit)
    return (
      <>
        <h1>主动公开设置：{settings.agencyName}</h1>
        <p>您的角色只能查看设置；由政府信息公开工作机构负责人修改。</p>
        <dl class="summary-list">
          <dt>索引号规则</dt>
          <dd>{settings.indexScheme}</dd>
          <dt>统一社会信用代码</dt>
          <dd>{settings.creditCode ?? '未登记'}</dd>
          <dt>组织机构代码</dt>
          <dd>{settings.orgCode ?? '—'}</dd>
          <dt>审核链</dt>
          <dd>{settings.reviewChain.map((s) => `${s.label}（${ACTOR_ROLES[s.role]}）`).join(' → ')}</dd>
          <dt>主题分类</dt>
          <dd>{settings.topics?.join('、') ?? '不限（自由填写）'}</dd>
        </dl>
      </>
    );
  return (
    <>
      <h1>主动公开设置：{settings.agencyName}</h1>
      <form method="post" action={`/console/disclosure/settings?agency=${agencyId}`} class="stack" novalidate>
        <CsrfInput token={csrf} />
        <ErrorSummary
          errors={errors}
          order={['indexScheme', 'orgCode', 'chain', 'topics']}
          anchors={{ chain: 'f-step-0-role' }}
        />
        <h2>索引号</h2>
        <TextField
          name="indexScheme"
          label="索引号规则"
          hint={`占位符：{code} 统一社会信用代码（没有时用组织机构代码），{year} 形成年份，{serial:5} 5位流水号（必有），{category} 公开类别两位编号。默认：${DEFAULT_INDEX_SCHEME}`}
          value={v.indexScheme}
          errors={errors}
          required
          spellcheck={false}
        />
        <p>
          统一社会信用代码：
          {settings.creditCode ?? '未登记（请填写组织机构代码，或修改索引号规则不用 {code}）'}
        </p>
        <TextField
          name="orgCode"
          label="组织机构代码"
          hint="8到20位数字、大写字母或连字符；机关有统一社会信用代码时不用填。"
          value={v.orgCode}
          errors={errors}
          spellcheck={false}
        />
        <fieldset class={`field${errors.chain?.length ? ' has-error' : ''}`}>
          <legend>
            审核链<span class="req">（必填）</span>
          </legend>
          <p class="hint">
            按顺序逐级审核，每级由所选角色作出；名称含“保密”的一级须确认已进行保密审查。不用的行留空。正在审核中的信息继续按送审时的审核链办理。
          </p>
          <ErrorText id="f-chain-error" messages={errors.chain} />
          <ol>
            {rows.map((r, i) => (
              <li>
                <label for={`f-step-${i}-role`}>第{i + 1}级 审核角色</label>{' '}
                <select id={`f-step-${i}-role`} name={`step${i}Role`}>
                  <option value="">（不用）</option>
                  {REVIEWER_ROLES.map((role) => (
                    <option value={role} selected={r.role === role}>
                      {ACTOR_ROLES[role]}
                    </option>
                  ))}
                </select>{' '}
                <label for={`f-step-${i}-label`}>名称</label>{' '}
                <input type="text" id={`f-step-${i}-label`} name={`step${i}Label`} value={r.label} />
              </li>
            ))}
          </ol>
        </fieldset>
        <TextArea
          name="topics"
          label="主题分类"
          hint="每行一项；留空则起草时自由填写。"
          value={v.topics}
          errors={errors}
          rows={6}
        />
        <div class="actions">
          <button type="submit" class="button">
            保存设置
          </button>
        </div>
      </form>
    </>
  );
};

export function settingsRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  const render = async (c: AppContext, agencyId: number, values: Values | null, errors: FieldErrors) => {
    const user = staffUser(c);
    const settings = await getDisclosureSettings(c.get('deps').store.db, agencyId);
    if (hasErrors(errors)) c.status(400);
    return c.render(
      <>
        <link rel="stylesheet" href={CONSOLE_CSS_URL} />
        <SettingsPage
          agencyId={agencyId}
          settings={settings}
          canEdit={canActForAgency(user, agencyId) && GUIDE_EDITORS.includes(user.role)}
          csrf={c.get('session')?.csrfToken ?? ''}
          values={values ?? valuesOf(settings)}
          errors={errors}
        />
      </>,
      {
        title: '主动公开设置',
        area: 'console',
        crumbs: [{ href: '/console/disclosure', label: '主动公开' }, { label: '设置' }],
      },
    );
  };

  app.get('/', async (c) => render(c, agencyOf(c, c.req.query('agency')), null, {}));

  app.post('/', async (c) => {
    const user = staffUser(c);
    const agencyId = agencyOf(c, c.req.query('agency'));
    if (!canActForAgency(user, agencyId) || !GUIDE_EDITORS.includes(user.role))
      throw new UnauthorizedRoleError('主动公开设置由政府信息公开工作机构负责人修改，您的角色只能查看。');
    const body = await formBody(c);
    const values: Values = {
      indexScheme: text(body, 'indexScheme'),
      orgCode: text(body, 'orgCode'),
      topics: text(body, 'topics'),
      steps: [],
    };
    const errors: FieldErrors = {};
    const chain: ReviewStep[] = [];
    for (let i = 0; i < MAX_STEPS; i++) {
      const role = text(body, `step${i}Role`);
      const label = text(body, `step${i}Label`).trim();
      if (!role && !label) continue;
      values.steps.push({ role, label });
      if (!(REVIEWER_ROLES as readonly string[]).includes(role))
        addError(errors, 'chain', `审核链第${i + 1}级：请选择审核角色`);
      else if (!label) addError(errors, 'chain', `审核链第${i + 1}级：请填写名称`);
      else if (label.length > 50) addError(errors, 'chain', `审核链第${i + 1}级：名称不超过50个字`);
      else chain.push({ role: role as ReviewStep['role'], label });
    }
    if (!values.steps.length) addError(errors, 'chain', '审核链：至少一级审核');
    if (hasErrors(errors)) return render(c, agencyId, values, errors);
    try {
      await saveDisclosureSettings(
        c.get('deps').store,
        agencyId,
        {
          indexScheme: values.indexScheme,
          orgCode: values.orgCode,
          reviewChain: chain,
          topics: values.topics.split(/\r?\n/),
        },
        `staff:${user.id}`,
      );
    } catch (e) {
      if (!(e instanceof DisclosureRuleError)) throw e;
      const field = /^索引号/.test(e.message)
        ? 'indexScheme'
        : /^组织机构代码/.test(e.message)
          ? 'orgCode'
          : /^主题分类/.test(e.message)
            ? 'topics'
            : /^审核/.test(e.message)
              ? 'chain'
              : '';
      addError(errors, field, e.message);
      return render(c, agencyId, values, errors);
    }
    await addFlash(c, '已保存主动公开设置。');
    return seeOther(c, `/console/disclosure/settings?agency=${agencyId}`);
  });

  return app;
}
