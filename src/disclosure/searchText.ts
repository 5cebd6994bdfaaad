/**
 * Search text, the same on both databases: every code point is folded (NFKC, then lower case) in
 * JavaScript before it is stored or queried, so full-width and half-width forms (（2025）/(2025),
 * ＡＢＣ/abc) match, and SQLite (FTS5 trigram, case-sensitive, or instr) and PostgreSQL (LIKE, which
 * pg_trgm indexes) compare exactly the same strings. Matching is substring matching of each term
 * (terms are separated by spaces and all must match). Snippets are cut and highlighted here from the
 * original text, so they are identical on both databases too.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters become spaces
const CONTROL = /[\u0000-\u001f\u007f]/;

const foldCache = new Map<string, string>();

/** The folded form of one code point (one or more characters). */
export function foldChar(ch: string): string {
  const c = ch.charCodeAt(0);
  // fast paths: CJK unified ideographs and ASCII letters, digits and punctuation are their own fold
  if ((c >= 0x4e00 && c <= 0x9fff) || (c > 0x20 && c < 0x7f))
    return c >= 0x41 && c <= 0x5a ? ch.toLowerCase() : ch;
  let f = foldCache.get(ch);
  if (f === undefined) {
    f = CONTROL.test(ch) ? (ch === '\n' ? '\n' : ' ') : ch.normalize('NFKC').toLowerCase();
    if (foldCache.size < 100_000) foldCache.set(ch, f);
  }
  return f;
}

/** The folded search text of a string (title, body, 文号): foldChar of every code point. */
export function foldText(text: string): string {
  const parts: string[] = [];
  let run = 0; // start of a run of characters that fold to themselves
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c > 0x20 && c < 0x7f && !(c >= 0x41 && c <= 0x5a))) {
      i++;
      continue;
    }
    if (run < i) parts.push(text.slice(run, i));
    const len = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
    parts.push(foldChar(text.slice(i, i + len)));
    i += len;
    run = i;
  }
  if (run < text.length) parts.push(text.slice(run));
  return parts.join('');
}

/** Folded text with, for each of its UTF-16 units, the original range [start, end) it came from. */
function foldWithMap(text: string): { norm: string; start: number[]; end: number[] } {
  let norm = '';
  const start: number[] = [];
  const end: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = foldChar(ch);
    for (let k = 0; k < f.length; k++) {
      start.push(i);
      end.push(i + ch.length);
    }
    norm += f;
    i += ch.length;
  }
  return { norm, start, end };
}

export const codePoints = (s: string) => [...s].length;

export const MAX_TERMS = 8;
export const MAX_TERM_LENGTH = 50;

/** Terms of a query: folded, split on white space, deduplicated, in order; at most 8 of ≤50 characters. */
export function queryTerms(q: string): string[] {
  const terms: string[] = [];
  for (const t of foldText(q).split(/\s+/)) {
    if (!t || terms.includes(t)) continue;
    terms.push([...t].slice(0, MAX_TERM_LENGTH).join(''));
    if (terms.length === MAX_TERMS) break;
  }
  // a term contained in another adds nothing (both must match anyway)
  return terms.filter((t) => !terms.some((u) => u !== t && u.includes(t)));
}

export const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Ranges [start, end) of the original text where a term occurs, merged and sorted. */
function matchRanges(text: string, terms: string[]): [number, number][] {
  const { norm, start, end } = foldWithMap(text);
  const ranges: [number, number][] = [];
  for (const t of terms) {
    if (!t) continue;
    for (let p = norm.indexOf(t); p >= 0; p = norm.indexOf(t, p + t.length))
      ranges.push([start[p]!, end[p + t.length - 1]!]);
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

function render(text: string, ranges: [number, number][], from: number, to: number): string {
  let out = '';
  let i = from;
  for (const [s0, e0] of ranges) {
    const s = Math.max(s0, from);
    const e = Math.min(e0, to);
    if (e <= s) continue;
    out += escapeHtml(text.slice(i, s));
    out += `<mark>${escapeHtml(text.slice(s, e))}</mark>`;
    i = e;
  }
  return out + escapeHtml(text.slice(i, to));
}

/** The whole text, HTML-escaped, with every occurrence of a term in <mark>…</mark> (for titles). */
export function highlight(text: string, terms: string[]): string {
  return render(text, matchRanges(text, terms), 0, text.length);
}

const isLow = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
};

/**
 * A snippet of about `width` characters around the first match (or the start of the text), HTML-
 * escaped, matches in <mark>…</mark>, '…' where text was cut, line breaks shown as spaces.
 */
export function snippet(text: string, terms: string[], width = 80, before = 20): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  const ranges = matchRanges(flat, terms);
  const first = ranges[0];
  let from = first ? Math.max(0, first[0] - before) : 0;
  let to = Math.min(flat.length, from + width);
  if (first && first[1] > to) to = Math.min(flat.length, first[1]);
  if (from > 0 && isLow(flat, from)) from--;
  if (to < flat.length && isLow(flat, to)) to++;
  return `${from > 0 ? '…' : ''}${render(flat, ranges, from, to)}${to < flat.length ? '…' : ''}`;
}

/** 内容概述 for the catalogue when none was written: the first ~100 characters of the body. */
export function summaryOf(text: string, max = 100): string {
  const flat = text.replace(/\s*\n\s*/g, ' ').trim();
  const cps = [...flat];
  return cps.length <= max ? flat : `${cps.slice(0, max).join('')}…`;
}
