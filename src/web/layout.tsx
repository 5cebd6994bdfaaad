/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The page shell for every HTML page (portal and console): doctype, lang="zh-CN", viewport, the
 * stylesheet, a skip link to <main>, the header with the site navigation (and the signed-in
 * user's name and sign-out button), breadcrumbs, flash messages, the footer.
 *
 * Routes render with `c.render(<Content />, { title: '…' })` (see PageProps); set the status first
 * with `c.status(400)` when needed.
 */
import type { Child, FC, PropsWithChildren } from 'hono/jsx';
import { jsxRenderer, useRequestContext } from 'hono/jsx-renderer';
import { CSS_URL, PRINT_JS_URL } from './assets.ts';
import type { AppContext, Flash } from './context.ts';
import { takeFlash } from './session.ts';

export interface Crumb {
  href?: string;
  label: string;
}

export interface PageProps {
  /** The page's own title (the <h1> is the page's business; this is <title>). */
  title: string;
  /** Breadcrumbs above the content; the last one is the current page (no link). */
  crumbs?: Crumb[];
  /** Include the print helper script (pages that say how to print). */
  printable?: boolean;
  /** Which navigation to show: the public portal (default) or the staff console. */
  area?: 'portal' | 'console';
}

declare module 'hono' {
  interface ContextRenderer {
    // biome-ignore lint/style/useShorthandFunctionType: module augmentation merges only with an interface
    (content: string | Promise<string>, props: PageProps): Response | Promise<Response>;
  }
}

const FLASH_LABEL: Record<Flash['kind'], string> = { success: '成功', info: '提示', error: '错误' };

export const FlashMessages: FC<{ flash: Flash[] }> = ({ flash }) =>
  flash.length ? (
    <div>
      {flash.map((f) => (
        <div class={`notice ${f.kind}`} role={f.kind === 'error' ? 'alert' : 'status'}>
          <p>
            <span class="visually-hidden">{FLASH_LABEL[f.kind]}：</span>
            {f.text}
          </p>
        </div>
      ))}
    </div>
  ) : null;

export const Breadcrumbs: FC<{ crumbs: Crumb[] }> = ({ crumbs }) => (
  <nav class="breadcrumbs" aria-label="当前位置">
    <ol>
      {crumbs.map((b, i) =>
        b.href && i < crumbs.length - 1 ? (
          <li>
            <a href={b.href}>{b.label}</a>
          </li>
        ) : (
          <li aria-current="page">{b.label}</li>
        ),
      )}
    </ol>
  </nav>
);

/** Hidden CSRF field for a form (token from csrfToken(c) or the session). */
export const CsrfInput: FC<{ token: string }> = ({ token }) => (
  <input type="hidden" name="_csrf" value={token} />
);

/** The staff console's sections (every staff page shows them). */
export const CONSOLE_NAV: readonly { href: string; label: string }[] = [
  { href: '/console', label: '申请收件箱' },
  { href: '/console/intake', label: '登记申请' },
  { href: '/console/disclosure', label: '主动公开' },
  { href: '/console/reports', label: '年度报告' },
];

const Header: FC<{ c: AppContext; area: 'portal' | 'console' }> = ({ c, area }) => {
  const deps = c.get('deps');
  const user = c.get('user');
  const session = c.get('session');
  return (
    <header class="site-header">
      <div class="wrap">
        <a class="site-name" href="/">
          {deps.config.siteName}
        </a>
        <nav class="site-nav" aria-label="网站导航">
          <ul>
            <li>
              <a href="/">首页</a>
            </li>
            <li>
              <a href="/status">查询办理进度</a>
            </li>
            {user && session ? (
              <>
                {area === 'portal' ? (
                  <li>
                    <a href="/account">工作台</a>
                  </li>
                ) : (
                  CONSOLE_NAV.map((n) => (
                    <li>
                      <a href={n.href}>{n.label}</a>
                    </li>
                  ))
                )}
                <li class="user">
                  {user.displayName}（{user.roleLabel}）
                </li>
                <li>
                  <form method="post" action="/logout">
                    <CsrfInput token={session.csrfToken} />
                    <button type="submit" class="link-button">
                      退出登录
                    </button>
                  </form>
                </li>
              </>
            ) : (
              <li>
                <a href="/login">工作人员登录</a>
              </li>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
};

const Page = async ({ children, title, crumbs, printable, area }: PropsWithChildren<PageProps>) => {
  const c = useRequestContext() as AppContext;
  const deps = c.get('deps');
  const flash = await takeFlash(c);
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} - ${deps.config.siteName}`}</title>
        <link rel="stylesheet" href={CSS_URL} />
        {printable ? <script src={PRINT_JS_URL} defer /> : null}
      </head>
      <body>
        <a class="skip-link" href="#main">
          跳到主要内容
        </a>
        <Header c={c} area={area ?? 'portal'} />
        <main id="main" tabindex={-1}>
          <div class="wrap">
            {crumbs?.length ? <Breadcrumbs crumbs={crumbs} /> : null}
            <FlashMessages flash={flash} />
            {children as Child}
          </div>
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>
              依据《中华人民共和国政府信息公开条例》（国务院令第711号）提供政府信息公开申请、查询服务。本站所有功能在浏览器禁用脚本时均可使用。
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
};

/** The renderer middleware: `c.render(content, props)` wraps content in the page shell. */
export const layout = () =>
  jsxRenderer(({ children, ...props }) => <Page {...(props as PageProps)}>{children}</Page>, {
    docType: true,
  });
