/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The public 政府信息公开指南 page. One source: the guide's editable sections
 * (store/disclosureGuide.ts, edited in the console). Where a section was never edited the page falls
 * back sensibly: the office section shows the agency's contact profile, the on-request section
 * gets the link to the online form, and the remedies section names the agency's review body.
 */
import type { FC } from 'hono/jsx';
import { reviewBodyFor } from '../../cases/letters/agency.ts';
import { type Guide, type GuideSection, getGuide } from '../../store/disclosureGuide.ts';
import { type AgencyWithProfile, letterProfileOf } from '../agencies.ts';
import type { AppContext } from '../context.ts';
import { Contact } from './agency.tsx';
import { agencyCrumbs, agencyOr404, beijingDateTime } from './common.tsx';

/** The office and its contact data first, as on real portals. */
const ORDER = ['office', 'proactive', 'onRequest', 'fees', 'remedies'];

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function reviewText(a: AgencyWithProfile): string | null {
  try {
    return reviewBodyFor(letterProfileOf(a)).text;
  } catch {
    return null;
  }
}

/** Paragraphs of a section's text; a block of "标签：值" lines becomes a definition list. */
const Paragraphs: FC<{ text: string }> = ({ text }) => (
  <>
    {text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => {
        const lines = p.split('\n').map((l) => l.trim());
        const pairs = lines.map((l) => /^([^：:]{1,16})[：:](.+)$/.exec(l));
        if (lines.length > 1 && pairs.every(Boolean))
          return (
            <dl class="summary-list">
              {pairs.map((m) => (
                <>
                  <dt>{m![1]}</dt>
                  <dd>{m![2]!.trim()}</dd>
                </>
              ))}
            </dl>
          );
        return (
          <p>
            {lines.map((l, i) => (
              <>
                {i ? <br /> : null}
                {l}
              </>
            ))}
          </p>
        );
      })}
  </>
);

const Section: FC<{ s: GuideSection; a: AgencyWithProfile; n: number }> = ({ s, a, n }) => {
  const review = s.key === 'remedies' && s.isDefault ? reviewText(a) : null;
  return (
    <section aria-labelledby={`guide-${s.key}`}>
      <h2 id={`guide-${s.key}`}>
        {CN[n] ?? n + 1}、{s.title}
      </h2>
      {s.key === 'office' && !s.content.trim() ? (
        // never written: the contact data of the agency's profile
        <Contact a={a} />
      ) : (
        <Paragraphs text={s.content} />
      )}
      {review ? <p>本机关的行政复议机关为{review}。</p> : null}
      {s.key === 'onRequest' ? (
        <p>
          在线申请：通过本平台填写<a href={`/agencies/${a.id}/apply`}>政府信息公开申请表</a>
          ，无需注册账号；提交后凭登记编号和查询码<a href="/status">查询办理进度</a>。
        </p>
      ) : null}
      {s.key === 'proactive' ? (
        <p>
          查阅本机关主动公开的政府信息：
          <a href={`/agencies/${a.id}/disclosure`}>法定主动公开内容</a>、
          <a href={`/agencies/${a.id}/catalogue`}>政府信息公开目录</a>、
          <a href={`/agencies/${a.id}/policies`}>政策文件库</a>。
        </p>
      ) : null}
    </section>
  );
};

export const GuidePage: FC<{ a: AgencyWithProfile; guide: Guide }> = ({ a, guide }) => (
  <>
    <h1>{a.name}政府信息公开指南</h1>
    <p>
      为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第十二条，编制本指南。
    </p>
    {guide.updatedAt ? <p class="muted">更新时间：{beijingDateTime(guide.updatedAt)}</p> : null}
    {[...guide.sections]
      .sort((x, y) => ORDER.indexOf(x.key) - ORDER.indexOf(y.key))
      .map((s, n) => (
        <Section s={s} a={a} n={n} />
      ))}
  </>
);

export async function guideRoute(c: AppContext) {
  const a = await agencyOr404(c, c.req.param('agencyId'));
  const guide = await getGuide(c.get('deps').store, a.id);
  return c.render(<GuidePage a={a} guide={guide} />, {
    title: `政府信息公开指南 - ${a.name}`,
    crumbs: [...agencyCrumbs(a), { label: '政府信息公开指南' }],
  });
}
