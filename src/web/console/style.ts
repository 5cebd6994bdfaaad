/** The console's own stylesheet (urgency colours; each colour comes with a text label). */
import { createHash } from 'node:crypto';

export const CONSOLE_CSS = `
.urgency { display: inline-block; padding: 0 .4em; border: 2px solid; border-radius: 3px; font-weight: bold; }
.urgency-overdue { color: #fff; background: #a4141c; border-color: #a4141c; }
.urgency-urgent { color: #7a2e00; background: #ffe3cc; border-color: #c24e00; }
.urgency-soon { color: #5c4a00; background: #fff6c2; border-color: #8a6d00; }
.urgency-later { color: #1d5c2e; background: #e2f4e6; border-color: #2e7d43; }
.urgency-none { color: #444; background: #eee; border-color: #888; }
.inbox tr.row-overdue th, .inbox tr.row-overdue td { background: #fbe9ea; }
.filters { display: flex; flex-wrap: wrap; gap: 1em; align-items: flex-end; }
.legal-note { border-left: 4px solid #888; padding-left: .6em; }
.panel.action { margin-bottom: 1.5em; }
`;

export const CONSOLE_CSS_URL = `/console/console.${createHash('sha256').update(CONSOLE_CSS).digest('hex').slice(0, 12)}.css`;
