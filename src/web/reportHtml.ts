/**
 * An annual report as a web page (portal and console export): `render/html.ts`'s self-contained
 * page, optionally with a navigation bar, served with a CSP that allows exactly its style elements
 * by hash (no 'unsafe-inline').
 */
import { createHash } from 'node:crypto';
import type { Report } from '../report/model.ts';
import { renderHtml } from '../report/render/html.ts';
import type { AppContext } from './context.ts';
import { cspWith } from './security.ts';

const NAV_CSS =
  '.gk-nav{max-width:62rem;margin:0 auto;padding:.75rem 1rem 0;font-size:1rem}.gk-nav a{margin-right:1.25rem}@media print{.gk-nav{display:none}}';

const styleHash = (css: string) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`;

/** The page; `nav` is trusted HTML (a <nav> of links) put at the top of the body. */
export function reportHtmlResponse(c: AppContext, report: Report, nav = ''): Response {
  let html = renderHtml(report);
  const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  if (nav)
    html = html.replace('</head>', `<style>${NAV_CSS}</style>\n</head>`).replace('<body>', `<body>\n${nav}`);
  c.header(
    'Content-Security-Policy',
    cspWith({ style: nav ? [styleHash(css), styleHash(NAV_CSS)] : [styleHash(css)] }),
  );
  return c.html(html);
}
