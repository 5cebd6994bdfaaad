/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * Public pages of an agency: the home page's list of agencies, the agency's page and its annual
 * reports (compiled from the database; HTML, DOCX, PDF). The disclosure guide (指南) and the
 * 政府信息公开 column are in disclosure.tsx.
 */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import type { Report } from '../../report/model.ts';
import { publishedSnapshot, publishedYears } from '../../store/annualReports.ts';
import { type AgencyRow, type AgencyWithProfile, listAgencies } from '../agencies.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { NotFoundError } from '../guard.ts';
import { attachmentDisposition } from '../http.ts';
import { reportHtmlResponse } from '../reportHtml.ts';
import { agencyCrumbs, agencyOr404, DateText } from './common.tsx';

// ---------------------------------------------------------------------------------------------
// Home

const AgencyCard: FC<{ a: AgencyRow }> = ({ a }) => (
  <li class="card">
    <h3>
      <a href={`/agencies/${a.id}`}>{a.name}</a>
    </h3>
    <ul>
      <li>
        <a href={`/agencies/${a.id}/disclosure`}>
          法定主动公开内容<span class="visually-hidden">：{a.name}</span>
        </a>
      </li>
      <li>
        <a href={`/agencies/${a.id}/apply`}>
          申请政府信息公开<span class="visually-hidden">：{a.name}</span>
        </a>
      </li>
      <li>
        <a href={`/agencies/${a.id}/guide`}>
          政府信息公开指南<span class="visually-hidden">：{a.name}</span>
        </a>
      </li>
      <li>
        <a href={`/agencies/${a.id}/reports`}>
          政府信息公开工作年度报告<span class="visually-hidden">：{a.name}</span>
        </a>
      </li>
    </ul>
  </li>
);

const Home: FC<{ agencies: AgencyRow[] }> = ({ agencies }) => (
  <>
    <h1>政府信息公开</h1>
    <p class="lead">
      公民、法人或者其他组织可以向下列机关申请获取政府信息（《中华人民共和国政府信息公开条例》第二十七条）。在线申请无需注册账号，提交后凭登记编号和查询码查询办理进度。
    </p>
    <div class="actions">
      <a class="button secondary" href="/status">
        查询申请办理进度
      </a>
      <a class="button secondary" href="/search">
        检索政府信息
      </a>
      <a class="button secondary" href="/policies">
        政策文件库
      </a>
    </div>
    <h2>选择受理机关</h2>
    {agencies.length ? (
      <ul class="cards">
        {agencies.map((a) => (
          <AgencyCard a={a} />
        ))}
      </ul>
    ) : (
      <p>尚未登记任何机关。</p>
    )}
  </>
);

// ---------------------------------------------------------------------------------------------
// Agency page

/** The agency's contact data from its profile (the guide shows it until its office section is written). */
export const Contact: FC<{ a: AgencyWithProfile }> = ({ a }) => {
  const p = a.profile;
  const rows: [string, string | null][] = [
    ['机关名称', a.name],
    ['政府信息公开工作机构', p.office],
    ['办公地址', p.address],
    ['邮政编码', p.postcode],
    ['联系电话', p.phone],
    ['传真', p.fax],
    ['电子邮箱', p.email],
    ['办公时间', p.officeHours],
    ['网站', p.website],
  ];
  return (
    <dl class="summary-list">
      {rows.map(([k, v]) => (
        <>
          <dt>{k}</dt>
          <dd>{v ?? '未登记'}</dd>
        </>
      ))}
    </dl>
  );
};

// ---------------------------------------------------------------------------------------------
// Annual reports

const reportTitle = (a: { name: string }, year: number) => `${a.name}${year}年政府信息公开工作年度报告`;

/**
 * The published report of the route's year: the snapshot frozen at publication
 * (src/store/annualReports.ts), so cases recorded afterwards never change it; 404 when the year
 * has no published report.
 */
async function publishedOr404(
  c: AppContext,
  a: AgencyWithProfile,
): Promise<{ year: number; report: Report }> {
  const p = c.req.param('year') ?? '';
  const year = /^\d{4}$/.test(p) ? Number(p) : Number.NaN;
  const report = Number.isNaN(year) ? null : await publishedSnapshot(c.get('deps').store.db, a.id, year);
  if (!report) throw new NotFoundError('没有这一年度已发布的年度报告。');
  return { year, report };
}

export function agencyRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) =>
    c.render(<Home agencies={await listAgencies(c.get('deps').store.db)} />, { title: '首页' }),
  );

  app.get('/agencies/:agencyId', async (c) => {
    const a = await agencyOr404(c, c.req.param('agencyId'));
    return c.render(
      <>
        <h1>{a.name}</h1>
        <ul class="cards">
          <li class="card">
            <h2>政府信息公开</h2>
            <p>法定主动公开内容、政策文件库、政府信息公开目录。</p>
            <a href={`/agencies/${a.id}/disclosure`}>进入政府信息公开专栏</a>
          </li>
          <li class="card">
            <h2>申请政府信息公开</h2>
            <p>在线填写申请，提交后得到登记编号和查询码。</p>
            <a class="button" href={`/agencies/${a.id}/apply`}>
              在线申请
            </a>
          </li>
          <li class="card">
            <h2>政府信息公开指南</h2>
            <p>联系方式、申请方式、办理程序和期限。</p>
            <a href={`/agencies/${a.id}/guide`}>查看指南</a>
          </li>
          <li class="card">
            <h2>年度报告</h2>
            <p>历年政府信息公开工作年度报告。</p>
            <a href={`/agencies/${a.id}/reports`}>查看年度报告</a>
          </li>
        </ul>
        <h2>联系方式</h2>
        <Contact a={a} />
      </>,
      { title: a.name, crumbs: [{ href: '/', label: '首页' }, { label: a.name }] },
    );
  });

  app.get('/agencies/:agencyId/reports', async (c) => {
    const deps = c.get('deps');
    const a = await agencyOr404(c, c.req.param('agencyId'));
    const years = await publishedYears(deps.store.db, a.id);
    return c.render(
      <>
        <h1>{a.name}政府信息公开工作年度报告</h1>
        <p>
          年度报告按国务院办公厅政府信息公开办公室规定的格式编制，其中依申请公开的统计数字由本平台登记的申请汇总生成（《条例》第四十九条、第五十条）。这里列出已经发布的年度报告，内容为发布时的版本。
        </p>
        {years.length ? (
          <div class="table-scroll">
            <table class="data">
              <caption>历年年度报告</caption>
              <thead>
                <tr>
                  <th scope="col">年度</th>
                  <th scope="col">网页版</th>
                  <th scope="col">发布日期</th>
                  <th scope="col">下载</th>
                </tr>
              </thead>
              <tbody>
                {years.map(({ year: y, publishedOn }) => (
                  <tr>
                    <th scope="row">{y}年</th>
                    <td>
                      <a href={`/agencies/${a.id}/reports/${y}`}>{reportTitle(a, y)}</a>
                    </td>
                    <td>{publishedOn ? <DateText date={publishedOn} /> : '—'}</td>
                    <td>
                      <a href={`/agencies/${a.id}/reports/${y}/docx`}>
                        Word<span class="visually-hidden">：{y}年度报告</span>
                      </a>
                      {' · '}
                      <a href={`/agencies/${a.id}/reports/${y}/pdf`}>
                        PDF<span class="visually-hidden">：{y}年度报告</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>暂无年度报告。</p>
        )}
      </>,
      {
        title: `年度报告 - ${a.name}`,
        crumbs: [...agencyCrumbs(a), { label: '年度报告' }],
      },
    );
  });

  app.get('/agencies/:agencyId/reports/:year', async (c) => {
    const a = await agencyOr404(c, c.req.param('agencyId'));
    const { year, report } = await publishedOr404(c, a);
    const nav = `<nav class="gk-nav" aria-label="年度报告导航"><a href="/agencies/${a.id}/reports">返回年度报告列表</a><a href="/agencies/${a.id}/reports/${year}/docx">下载Word版</a><a href="/agencies/${a.id}/reports/${year}/pdf">下载PDF版</a></nav>`;
    c.header('Cache-Control', 'public, max-age=300');
    return reportHtmlResponse(c, report, nav);
  });

  app.get('/agencies/:agencyId/reports/:year/docx', async (c) => {
    const a = await agencyOr404(c, c.req.param('agencyId'));
    const { year, report } = await publishedOr404(c, a);
    const { renderDocx } = await import('../../report/render/docx.ts');
    const bytes = await renderDocx(report);
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'Content-Disposition': attachmentDisposition(`${reportTitle(a, year)}.docx`),
      'Cache-Control': 'public, max-age=300',
    });
  });

  app.get('/agencies/:agencyId/reports/:year/pdf', async (c) => {
    const a = await agencyOr404(c, c.req.param('agencyId'));
    const { year, report } = await publishedOr404(c, a);
    const { PdfRenderError, renderPdf } = await import('../../report/render/pdf.ts');
    try {
      const bytes = await renderPdf(report);
      return c.body(new Uint8Array(bytes), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': attachmentDisposition(`${reportTitle(a, year)}.pdf`),
        'Cache-Control': 'public, max-age=300',
      });
    } catch (e) {
      if (!(e instanceof PdfRenderError)) throw e;
      c.status(503);
      return c.render(
        <>
          <h1>暂时无法生成PDF</h1>
          <p>服务器暂时无法生成PDF文件，请下载Word版或者稍后再试。</p>
          <p>
            <a href={`/agencies/${a.id}/reports/${year}/docx`}>下载Word版</a>
          </p>
        </>,
        { title: '暂时无法生成PDF' },
      );
    }
  });

  return app;
}
