/**
 * The body of an information item is HTML from an editor or a Word export, sanitised on input with
 * an allow-list (no dependency beyond cheerio/htmlparser2, already used by the report parser):
 *   - elements on the list are kept with the attributes allowed for them;
 *   - script-like elements (script, style, iframe, object, form controls, svg …) are dropped with
 *     their content;
 *   - every other element is unwrapped (its children are kept), comments and directives dropped;
 *   - links and images keep only http(s), mailto (links) and relative URLs; links get
 *     rel="noopener noreferrer"; `style` keeps only text-align and text-indent;
 *   - the tree is written back by our own serialiser, so every text and attribute is escaped.
 * Sanitising is idempotent: sanitize(sanitize(x)) === sanitize(x).
 */
import * as cheerio from 'cheerio';

interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

const VOID = new Set(['br', 'hr', 'img', 'col']);
const DROP = new Set([
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'noscript',
  'template',
  'head',
  'title',
  'meta',
  'link',
  'base',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'option',
  'svg',
  'math',
  'canvas',
  'audio',
  'video',
  'xml',
]);

const ALIGN = new Set(['left', 'center', 'right', 'justify']);
const num = (max: number) => (v: string) => (/^\d{1,4}$/.test(v) && Number(v) <= max ? v : null);
const align = (v: string) => (ALIGN.has(v.toLowerCase()) ? v.toLowerCase() : null);

type AttrCheck = (v: string) => string | null;
const BLOCK_ATTRS: Record<string, AttrCheck> = { align, style: cleanStyle };
const CELL_ATTRS: Record<string, AttrCheck> = {
  align,
  style: cleanStyle,
  colspan: num(100),
  rowspan: num(1000),
  valign: (v) => (['top', 'middle', 'bottom'].includes(v.toLowerCase()) ? v.toLowerCase() : null),
};

const ALLOWED: Record<string, Record<string, AttrCheck>> = {
  p: BLOCK_ATTRS,
  div: BLOCK_ATTRS,
  h1: BLOCK_ATTRS,
  h2: BLOCK_ATTRS,
  h3: BLOCK_ATTRS,
  h4: BLOCK_ATTRS,
  h5: BLOCK_ATTRS,
  h6: BLOCK_ATTRS,
  blockquote: {},
  pre: {},
  code: {},
  br: {},
  hr: {},
  strong: {},
  b: {},
  em: {},
  i: {},
  u: {},
  s: {},
  sub: {},
  sup: {},
  span: { style: cleanStyle },
  ul: {},
  ol: { start: num(10000), type: (v) => (/^[1aAiI]$/.test(v) ? v : null) },
  li: {},
  dl: {},
  dt: {},
  dd: {},
  table: { border: num(10), width: (v) => (/^\d{1,4}%?$/.test(v) ? v : null) },
  caption: {},
  colgroup: {},
  col: { span: num(100), width: (v) => (/^\d{1,4}%?$/.test(v) ? v : null) },
  thead: {},
  tbody: {},
  tfoot: {},
  tr: {},
  th: { ...CELL_ATTRS, scope: (v) => (['row', 'col', 'rowgroup', 'colgroup'].includes(v) ? v : null) },
  td: CELL_ATTRS,
  a: { href: (v) => safeUrl(v, true), title: (v) => v },
  img: {
    src: (v) => safeUrl(v, false),
    alt: (v) => v,
    width: num(5000),
    height: num(5000),
  },
  figure: {},
  figcaption: {},
};

/** http(s), relative, fragment (and mailto for links); never javascript:, data:, vbscript: … */
function safeUrl(raw: string, link: boolean): string | null {
  // browsers ignore control characters and whitespace inside the scheme
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  const v = raw.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (!v) return null;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(v);
  if (!scheme) return v.startsWith('//') ? `https:${v}` : raw.trim();
  const s = scheme[1]!.toLowerCase();
  if (s === 'http' || s === 'https' || (link && s === 'mailto')) return raw.trim();
  return null;
}

function cleanStyle(v: string): string | null {
  const kept: string[] = [];
  for (const decl of v.split(';')) {
    const m = /^\s*(text-align|text-indent)\s*:\s*([^;]+?)\s*$/i.exec(decl);
    if (!m) continue;
    const prop = m[1]!.toLowerCase();
    const val = m[2]!.toLowerCase();
    if (prop === 'text-align' && ALIGN.has(val)) kept.push(`text-align: ${val}`);
    if (prop === 'text-indent' && /^\d{1,3}(\.\d{1,2})?(em|px|pt|%)$/.test(val))
      kept.push(`text-indent: ${val}`);
  }
  return kept.length ? kept.join('; ') : null;
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function serialise(nodes: DomNode[] | undefined, out: string[]): void {
  for (const n of nodes ?? []) {
    if (n.type === 'text') {
      out.push(escapeText((n.data ?? '').replace(CONTROL, '')));
      continue;
    }
    if (n.type === 'cdata') {
      serialise(n.children, out);
      continue;
    }
    if (n.type !== 'tag' && n.type !== 'script' && n.type !== 'style') continue; // comments, directives
    const name = (n.name ?? '').toLowerCase();
    if (DROP.has(name)) continue;
    const allowed = ALLOWED[name];
    if (!allowed) {
      serialise(n.children, out); // unwrap
      continue;
    }
    let attrs = '';
    for (const [k, raw] of Object.entries(n.attribs ?? {})) {
      const check = allowed[k.toLowerCase()];
      if (!check) continue;
      const v = check(raw.replace(CONTROL, ''));
      if (v !== null && v !== '') attrs += ` ${k.toLowerCase()}="${escapeAttr(v)}"`;
    }
    if (name === 'a' && attrs.includes(' href=')) attrs += ' rel="noopener noreferrer"';
    if (name === 'img' && !attrs.includes(' src=')) continue;
    if (VOID.has(name)) {
      out.push(`<${name}${attrs}>`);
      continue;
    }
    out.push(`<${name}${attrs}>`);
    serialise(n.children, out);
    out.push(`</${name}>`);
  }
}

function parse(html: string): DomNode[] {
  const $ = cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true } }, false);
  return ($.root()[0] as unknown as DomNode).children ?? [];
}

/** The allow-listed HTML of a body (see the module comment). */
export function sanitizeHtml(html: string): string {
  const out: string[] = [];
  serialise(parse(html), out);
  return out.join('').trim();
}

/** Plain text typed into a form or a spreadsheet cell → paragraphs of HTML. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${escapeText(l.replace(CONTROL, ''))}</p>`)
    .join('');
}

/** Whether a cell looks like HTML (a tag) rather than plain text. */
export const looksLikeHtml = (s: string) => /<\/?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?\/?>/.test(s);

const BLOCK = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'caption',
  'tr',
  'hr',
  'figure',
  'figcaption',
]);

/**
 * The text of (sanitised) HTML, for search, snippets and the catalogue's 内容概述: blocks and
 * `<br>` end lines, table cells are separated by a space, runs of spaces collapse, empty lines go.
 */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  const walk = (nodes: DomNode[] | undefined) => {
    for (const n of nodes ?? []) {
      if (n.type === 'text') parts.push((n.data ?? '').replace(CONTROL, ''));
      else if (n.type === 'tag' || n.type === 'cdata') {
        const name = (n.name ?? '').toLowerCase();
        if (DROP.has(name)) continue;
        if (name === 'br') parts.push('\n');
        else if (name === 'td' || name === 'th') parts.push(' ');
        const block = BLOCK.has(name);
        if (block) parts.push('\n');
        walk(n.children);
        if (block) parts.push('\n');
      }
    }
  };
  walk(parse(html));
  return parts
    .join('')
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0\u3000]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
