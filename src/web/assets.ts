/**
 * The site's stylesheet and its one small script, served from memory under a content-hashed URL
 * (cached for a year). Nothing depends on the script: it only adds a print button where a page
 * says how to print (progressive enhancement).
 */
import { createHash } from 'node:crypto';

const FONTS =
  '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Source Han Sans SC", sans-serif';

export const APP_CSS = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #4d4d4d; --line: #b1b4b6; --bg-soft: #f3f2f1;
  --brand: #8e1b17; --brand-dark: #6b1410; --link: #0b57d0; --link-visited: #5a2a82; --focus: #ffdd00;
  --ok: #00703c; --err: #b3261e; --info: #1d70b8; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; font-family: ${FONTS}; font-size: 1.0625rem; line-height: 1.7; color: var(--ink); background: #fff; }
.wrap { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
a { color: var(--link); text-underline-offset: 0.15em; }
a:visited { color: var(--link-visited); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 0; box-shadow: 0 0 0 6px var(--ink); }
a:focus-visible { background: var(--focus); color: var(--ink); box-shadow: 0 -2px var(--focus), 0 4px var(--ink); outline: none; text-decoration: none; }
.skip-link { position: absolute; left: -9999px; top: 0; padding: 0.5rem 1rem; background: var(--focus); color: var(--ink); z-index: 10; }
.skip-link:focus, .skip-link:focus-visible { left: 0.5rem; top: 0.5rem; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }

.site-header { background: var(--brand); color: #fff; border-bottom: 6px solid var(--brand-dark); }
.site-header .wrap { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1.5rem; padding-top: 0.75rem; padding-bottom: 0.75rem; }
.site-name { color: #fff; font-size: 1.25rem; font-weight: 700; text-decoration: none; }
.site-name:visited { color: #fff; }
.site-nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; align-items: center; }
.site-nav a, .site-nav a:visited { color: #fff; }
.site-nav a:focus-visible { color: var(--ink); }
.site-nav .user { color: #fff; }
.site-nav form { margin: 0; }
.link-button { background: none; border: 0; padding: 0; font: inherit; color: #fff; text-decoration: underline; cursor: pointer; }
.link-button:focus-visible { background: var(--focus); color: var(--ink); }

main { display: block; padding: 1.5rem 0 3rem; }
main:focus { outline: none; }
h1 { font-size: 1.75rem; line-height: 1.35; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.35rem; line-height: 1.4; margin: 2rem 0 0.75rem; }
h3 { font-size: 1.15rem; margin: 1.5rem 0 0.5rem; }
p { margin: 0 0 1rem; }
.lead { font-size: 1.15rem; }
.muted, .hint { color: var(--muted); }
.breadcrumbs ol { list-style: none; margin: 0 0 1rem; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem; font-size: 0.95rem; }
.breadcrumbs li + li::before { content: "›"; margin: 0 0.4rem 0 0.15rem; color: var(--muted); }

.site-footer { border-top: 1px solid var(--line); background: var(--bg-soft); padding: 1.5rem 0; font-size: 0.95rem; color: var(--muted); }

.notice { border-left: 6px solid var(--info); background: #eef5fb; padding: 0.75rem 1rem; margin: 0 0 1.25rem; }
.notice.success { border-color: var(--ok); background: #e9f5ee; }
.notice.error { border-color: var(--err); background: #fcebea; }
.notice p:last-child { margin-bottom: 0; }

.error-summary { border: 4px solid var(--err); padding: 1rem 1.25rem; margin: 0 0 1.5rem; }
.error-summary h2 { margin-top: 0; font-size: 1.25rem; }
.error-summary ul { margin: 0; padding-left: 1.25rem; }
.error-summary a, .error-summary a:visited { color: var(--err); font-weight: 700; }

form.stack { max-width: 40rem; }
fieldset { border: 0; margin: 0 0 1.5rem; padding: 0; min-width: 0; }
fieldset.group { margin-top: 2.25rem; }
fieldset.group > legend { display: block; width: 100%; font-size: 1.35rem; line-height: 1.4; padding: 0 0 0.35rem; margin-bottom: 1rem; border-bottom: 2px solid var(--line); }
legend { font-weight: 700; font-size: 1.0625rem; padding: 0; margin-bottom: 0.5rem; }
.field { margin: 0 0 1.25rem; }
.field > label, .field > .label { display: block; font-weight: 700; margin-bottom: 0.25rem; }
.req { font-weight: 400; color: var(--muted); }
.hint { margin: 0 0 0.35rem; font-size: 0.95rem; }
.error-message { color: var(--err); font-weight: 700; margin: 0 0 0.35rem; }
.has-error { border-left: 5px solid var(--err); padding-left: 0.85rem; }
input[type=text], input[type=email], input[type=tel], input[type=password], input[type=search], select, textarea {
  display: block; width: 100%; max-width: 100%; font: inherit; padding: 0.45rem 0.55rem; border: 2px solid var(--ink); border-radius: 0; background: #fff; color: var(--ink); }
input.short { max-width: 14rem; }
input.medium { max-width: 24rem; }
textarea { min-height: 7rem; resize: vertical; }
.has-error input, .has-error select, .has-error textarea { border-color: var(--err); }
input:focus-visible, select:focus-visible, textarea:focus-visible { outline: 3px solid var(--focus); outline-offset: 0; box-shadow: inset 0 0 0 2px var(--ink); }
/* a field reached through an error summary link (#f-…) keeps its label, hint and error in view */
input, select, textarea { scroll-margin-top: 9rem; }
input[type=file] { font: inherit; max-width: 100%; }
.choices { margin: 0; padding: 0; list-style: none; }
.choice { display: flex; align-items: flex-start; gap: 0.6rem; margin: 0 0 0.5rem; }
.choice input { width: 1.4rem; height: 1.4rem; margin: 0.2rem 0 0; flex: none; accent-color: var(--brand); }
/* radios and checkboxes paint no inset shadow: a dark ring outside the yellow one (yellow alone is 1.4:1 on white) */
.choice input:focus-visible { box-shadow: 0 0 0 6px var(--ink); }
.choice input[type=radio] { border-radius: 50%; }
.choice label { font-weight: 400; }
.choices.inline { display: flex; flex-wrap: wrap; gap: 0 1.5rem; }

.button, button.button { display: inline-block; font: inherit; font-weight: 700; padding: 0.55rem 1.2rem; border: 2px solid transparent; border-bottom: 3px solid #002d18;
  background: var(--ok); color: #fff; cursor: pointer; text-decoration: none; border-radius: 0; }
.button:visited { color: #fff; }
.button:hover { background: #005a30; }
.button.secondary { background: var(--bg-soft); color: var(--ink); border-bottom-color: #929191; }
.button.warning { background: var(--err); border-bottom-color: #55110d; }
.button:focus-visible { outline: 3px solid var(--focus); outline-offset: 0; box-shadow: inset 0 0 0 2px var(--ink); background: var(--focus); color: var(--ink); }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; margin: 1.5rem 0; }

.summary-list { display: grid; grid-template-columns: minmax(8rem, 14rem) 1fr; margin: 0 0 1.5rem; border-top: 1px solid var(--line); }
.summary-list dt, .summary-list dd { margin: 0; padding: 0.5rem 0.75rem 0.5rem 0; border-bottom: 1px solid var(--line); }
.summary-list dt { font-weight: 700; }
.big-code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 1.5rem; letter-spacing: 0.08em; font-weight: 700; }
.panel { border: 4px solid var(--ok); padding: 1rem 1.25rem; margin: 0 0 1.5rem; }
.panel h2 { margin-top: 0; }

table.data { border-collapse: collapse; width: 100%; margin: 0 0 1.5rem; }
table.data caption { text-align: left; font-weight: 700; padding-bottom: 0.5rem; }
table.data th, table.data td { text-align: left; padding: 0.5rem 0.75rem 0.5rem 0; border-bottom: 1px solid var(--line); vertical-align: top; }
.table-scroll { overflow-x: auto; }

.cards { list-style: none; margin: 0 0 1.5rem; padding: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); }
.card { border: 1px solid var(--line); border-top: 5px solid var(--brand); padding: 1rem; }
.card h3 { margin-top: 0; }
.card ul { margin: 0; padding-left: 1.2rem; }

.timeline { list-style: none; margin: 0 0 1.5rem; padding: 0; border-left: 3px solid var(--line); }
.timeline li { margin: 0 0 0.75rem; padding-left: 1rem; }
.timeline time { font-weight: 700; margin-right: 0.75rem; }

details { margin: 0 0 1.5rem; }
summary { cursor: pointer; color: var(--link); }
.print-button[hidden] { display: none; }

/* CSS-only progressive enhancement: show only the applicant's fields of the chosen type */
form:has(#f-applicantType-naturalPerson:checked) .only-org { display: none; }
form:has(.applicant-types input:checked:not(#f-applicantType-naturalPerson)) .only-person { display: none; }

/* 政府信息公开 column (portal/disclosure.tsx) */
.column-nav { list-style: none; margin: 0 0 1.5rem; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; }
.search-row { display: flex; gap: 0.5rem; align-items: stretch; max-width: 40rem; }
.search-row input { flex: 1; }
.search-box { margin: 0 0 1.5rem; }
.search-box label { display: block; font-weight: 700; margin-bottom: 0.25rem; }
.filters { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: flex-end; margin: 0 0 1.5rem; padding: 1rem; background: var(--bg-soft); }
.filters .field { margin: 0; }
.filters .field > label { font-weight: 700; }
.filters select { width: auto; max-width: 20rem; }
.search-form .field:first-child { flex: 1 1 20rem; }
.item-list, .search-results { list-style: none; margin: 0 0 1.5rem; padding: 0; }
.item-list li { padding: 0.6rem 0; border-bottom: 1px solid var(--line); }
.item-list .meta, .search-results .meta { display: flex; flex-wrap: wrap; gap: 0 1.25rem; color: var(--muted); font-size: 0.95rem; }
.item-list .meta { margin-top: 0.15rem; }
.search-results li { padding: 0.75rem 0; border-bottom: 1px solid var(--line); }
.search-results h2 { font-size: 1.15rem; margin: 0 0 0.25rem; }
.search-results .snippet { margin: 0 0 0.25rem; }
.search-results .meta { margin: 0; }
mark { background: #fff29e; color: var(--ink); padding: 0 0.05em; }
.badge { display: inline-block; font-size: 0.9rem; font-weight: 700; padding: 0 0.4rem; border: 2px solid currentColor; white-space: nowrap; }
.validity-valid { color: var(--ok); }
.validity-expired, .validity-repealed { color: var(--err); }
.notice.ended { border-color: var(--err); background: #fcebea; color: var(--ink); }
.meta-table { border-top: 2px solid var(--brand); background: var(--bg-soft); }
.meta-table th { width: 8rem; padding-left: 0.75rem; white-space: nowrap; }
.item-body { margin: 2rem 0; }
.item-body h1 { text-align: center; }
.item-body .docno { text-align: center; color: var(--muted); }
.item-body .body { overflow-wrap: anywhere; }
.item-body .body table { border-collapse: collapse; }
.item-body .body td, .item-body .body th { border: 1px solid var(--line); padding: 0.25rem 0.5rem; }
.nowrap { white-space: nowrap; }
.topic-list { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; padding-left: 1.2rem; }
.pager ul { list-style: none; margin: 1rem 0 0.25rem; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem; }
.pager a, .pager [aria-current] { display: inline-block; min-width: 2.5rem; padding: 0.3rem 0.6rem; border: 1px solid var(--line); text-align: center; }
.pager [aria-current] { background: var(--brand); color: #fff; border-color: var(--brand); font-weight: 700; }

@media (max-width: 40rem) {
  body { font-size: 1rem; }
  h1 { font-size: 1.45rem; }
  .summary-list { grid-template-columns: 1fr; }
  .summary-list dt { border-bottom: 0; padding-bottom: 0; }
  .site-header .wrap { display: block; }
  .site-nav ul { margin-top: 0.35rem; }
}
@media print {
  .site-header, .site-footer, .skip-link, .no-print, form, .breadcrumbs { display: none !important; }
  body { font-size: 12pt; }
  a { color: inherit; text-decoration: none; }
  .panel { border-color: #000; }
}
`;

export const PRINT_JS = `(function () {
  var buttons = document.querySelectorAll('button.print-button');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener('click', function () { window.print(); });
  }
})();
`;

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 12);

export const ASSETS: Record<string, { body: string; type: string }> = {
  [`/static/app.${hash(APP_CSS)}.css`]: { body: APP_CSS, type: 'text/css; charset=utf-8' },
  [`/static/print.${hash(PRINT_JS)}.js`]: { body: PRINT_JS, type: 'text/javascript; charset=utf-8' },
};

export const CSS_URL = Object.keys(ASSETS).find((k) => k.endsWith('.css'))!;
export const PRINT_JS_URL = Object.keys(ASSETS).find((k) => k.endsWith('.js'))!;
