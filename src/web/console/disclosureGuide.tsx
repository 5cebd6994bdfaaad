/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The editor of the 政府信息公开指南 sections (mounted at /console/disclosure/guide): every staff
 * member in scope reads them; the head of the disclosure office (and the administrator) saves. Only
 * sections whose text changed are saved (a section left at its default text stays “default”); each
 * save is in the audit log (store/disclosureGuide.ts). `?agency=ID` picks an agency in the scope.
 */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { GUIDE_SECTIONS, MAX_GUIDE_SECTION_CHARS } from '../../disclosure/guide.ts';
import type { Role } from '../../store/agencies.ts';
import { type Guide, GuideError, getGuide, saveGuideSection } from '../../store/disclosureGuide.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { addError, ErrorSummary, type FieldErrors, hasErrors, TextArea } from '../forms.tsx';
import { canActForAgency, NotFoundError, scopeToAgency, staffUser, UnauthorizedRoleError } from '../guard.ts';
import { formBody, seeOther, text } from '../http.ts';
import { CsrfInput } from '../layout.tsx';
import { beijingDateTime } from '../portal/common.tsx';
import { addFlash } from '../session.ts';
import { CONSOLE_CSS_URL } from './style.ts';

/** Who may save the guide: the disclosure office's head, and the administrator. */
export const GUIDE_EDITORS: readonly Role[] = ['officeHead', 'admin'];

const fieldName = (key: string) => `section-${key}`;

function agencyOf(c: AppContext, raw: string | undefined): number {
  const user = staffUser(c);
  if (raw === undefined || raw === '') return user.agencyId;
  const id = /^\d{1,12}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(id) || !scopeToAgency(user, id)) throw new NotFoundError();
  return id;
}

const GuidePage: FC<{
  guide: Guide;
  canEdit: boolean;
  csrf: string;
  values: Record<string, string>;
  errors: FieldErrors;
}> = ({ guide, canEdit, csrf, values, errors }) => (
  <>
    <h1>政府信息公开指南：{guide.agencyName}</h1>
    <p class="lead">
      条例第十二条：行政机关应当编制、公布政府信息公开指南，并及时更新。以下各部分显示在本机关的公开指南页面上。
      {guide.updatedAt ? `最近更新：${beijingDateTime(guide.updatedAt)}。` : '尚未编辑过，显示的是默认文字。'}
    </p>
    {guide.sections.some((s) => s.missing) ? (
      <div class="notice">
        <p>
          以下部分尚未填写，公开页面会注明“未填写”：
          {guide.sections
            .filter((s) => s.missing)
            .map((s) => s.title)
            .join('、')}
          。
        </p>
      </div>
    ) : null}
    {canEdit ? (
      <form
        method="post"
        action={`/console/disclosure/guide?agency=${guide.agencyId}`}
        class="stack"
        novalidate
      >
        <CsrfInput token={csrf} />
        <ErrorSummary errors={errors} order={guide.sections.map((s) => fieldName(s.key))} />
        {guide.sections.map((s) => (
          <TextArea
            name={fieldName(s.key)}
            label={s.title}
            hint={`${s.key === 'office' ? '写明办公地址、办公时间、联系电话、传真、电子邮箱和邮政编码。' : ''}段落之间空一行；不超过${MAX_GUIDE_SECTION_CHARS}个字。${s.isDefault ? '当前为默认文字。' : s.updatedAt ? `最近修改：${beijingDateTime(s.updatedAt)}。` : ''}`}
            value={values[fieldName(s.key)] ?? s.content}
            errors={errors}
            rows={8}
            required={GUIDE_SECTIONS[s.key].required}
          />
        ))}
        <div class="actions">
          <button type="submit" class="button">
            保存指南
          </button>
        </div>
      </form>
    ) : (
      <>
        <p>您的角色只能查看公开指南；由政府信息公开工作机构负责人编辑。</p>
        {guide.sections.map((s) => (
          <section>
            <h2>{s.title}</h2>
            {s.content ? s.content.split(/\n{2,}/).map((para) => <p>{para}</p>) : <p class="muted">未填写</p>}
          </section>
        ))}
      </>
    )}
  </>
);

export function guideRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  const render = async (
    c: AppContext,
    agencyId: number,
    values: Record<string, string>,
    errors: FieldErrors,
  ) => {
    const user = staffUser(c);
    const guide = await getGuide(c.get('deps').store, agencyId);
    if (hasErrors(errors)) c.status(400);
    return c.render(
      <>
        <link rel="stylesheet" href={CONSOLE_CSS_URL} />
        <GuidePage
          guide={guide}
          canEdit={canActForAgency(user, agencyId) && GUIDE_EDITORS.includes(user.role)}
          csrf={c.get('session')?.csrfToken ?? ''}
          values={values}
          errors={errors}
        />
      </>,
      {
        title: '政府信息公开指南',
        area: 'console',
        crumbs: [{ href: '/console/disclosure', label: '主动公开' }, { label: '公开指南' }],
      },
    );
  };

  app.get('/', async (c) => render(c, agencyOf(c, c.req.query('agency')), {}, {}));

  app.post('/', async (c) => {
    const user = staffUser(c);
    const agencyId = agencyOf(c, c.req.query('agency'));
    if (!canActForAgency(user, agencyId) || !GUIDE_EDITORS.includes(user.role))
      throw new UnauthorizedRoleError('公开指南由政府信息公开工作机构负责人编辑，您的角色只能查看。');
    const deps = c.get('deps');
    const body = await formBody(c);
    const guide = await getGuide(deps.store, agencyId);
    const values: Record<string, string> = {};
    const errors: FieldErrors = {};
    const changed: { key: string; content: string }[] = [];
    for (const s of guide.sections) {
      const name = fieldName(s.key);
      if (!(name in body)) continue;
      const v = text(body, name);
      values[name] = v;
      const normalised = v.replace(/\r\n?/g, '\n').trim();
      if (normalised === s.content) continue;
      if (normalised.length > MAX_GUIDE_SECTION_CHARS)
        addError(
          errors,
          name,
          `${s.title}：不超过${MAX_GUIDE_SECTION_CHARS}个字（现有${normalised.length}个字）`,
        );
      else changed.push({ key: s.key, content: v });
    }
    if (hasErrors(errors)) return render(c, agencyId, values, errors);
    try {
      for (const ch of changed)
        await saveGuideSection(deps.store, agencyId, ch.key, ch.content, `staff:${user.id}`);
    } catch (e) {
      if (!(e instanceof GuideError)) throw e;
      addError(errors, '', e.message);
      return render(c, agencyId, values, errors);
    }
    await addFlash(
      c,
      changed.length
        ? `已保存公开指南：${changed.map((ch) => GUIDE_SECTIONS[ch.key as keyof typeof GUIDE_SECTIONS].title).join('、')}。`
        : '没有修改任何内容。',
      changed.length ? 'success' : 'info',
    );
    return seeOther(c, `/console/disclosure/guide?agency=${agencyId}`);
  });

  return app;
}
