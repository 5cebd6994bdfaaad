/** Normalising labels so that full-/half-width punctuation, spaces and enumerators do not matter. */

const HAN = /\p{Script=Han}/u;

export function hasHan(s: string): boolean {
  return HAN.test(s);
}

/** A small memo for pure string functions over labels, which repeat across reports. */
function memo(fn: (s: string) => string): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      v = fn(s);
      if (cache.size > 20000) cache.clear();
      if (s.length < 400) cache.set(s, v);
    }
    return v;
  };
}

/** NFKC (full-width → half-width), no whitespace, unified quotes and list punctuation. */
export const norm = memo(normUncached);

function normUncached(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/[“”„‟"'‘’「」]/g, '"')
    .replace(/[、．]/g, '.')
    .replace(/[，]/g, ',')
    .replace(/[／]/g, '/');
}

/** Leading enumerators: 一、 (一) 1. 1、 (1) */
const ENUM = /^(?:\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+\.|\(\d+\)|\d+\.?)/;

/** Core of a label: normalised, without its enumerator and without a trailing parenthetical remark. */
export const core = memo(coreUncached);

function coreUncached(label: string): string {
  let s = norm(label);
  s = s.replace(ENUM, '');
  s = s.replace(/\([^()]*\)$/, '');
  return s;
}

/** The enumerator a label starts with (normalised), e.g. '2.' or '(三)'. */
export function enumerator(label: string): string {
  return norm(label).match(ENUM)?.[0] ?? '';
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const b = s.slice(i, i + 2);
    m.set(b, (m.get(b) ?? 0) + 1);
  }
  return m;
}

const simCache = new Map<string, number>();

/** Dice coefficient over character bigrams (0..1); memoised (labels recur across reports). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length > 200 || b.length > 200) return similarityUncached(a, b);
  const key = `${a}\u0001${b}`;
  let v = simCache.get(key);
  if (v === undefined) {
    v = similarityUncached(a, b);
    if (simCache.size > 20000) simCache.clear();
    simCache.set(key, v);
  }
  return v;
}

function similarityUncached(a: string, b: string): number {
  if (a.length < 2 || b.length < 2) return 0;
  const A = bigrams(a);
  const B = bigrams(b);
  let inter = 0;
  for (const [k, n] of A) inter += Math.min(n, B.get(k) ?? 0);
  return (2 * inter) / (a.length - 1 + (b.length - 1));
}

const PUNCT_CLASS: Record<string, string> = {
  '(': '[(（]',
  ')': '[)）]',
  ',': '[,，、]',
  '.': '[.．、]',
  ':': '[:：]',
  '"': '["“”‘’「」]',
  '/': '[/／]',
};

/**
 * A regular expression that finds `label` in raw text, tolerating whitespace between any two
 * characters and full-/half-width variants of punctuation.
 */
export function tolerantPattern(label: string): string {
  const chars = [...norm(label)];
  return chars
    .map((ch) => {
      if (PUNCT_CLASS[ch]) return PUNCT_CLASS[ch];
      if (/[0-9]/.test(ch)) return `[${ch}${String.fromCharCode(0xff10 + Number(ch))}]`;
      return ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('[\\s\\u00a0\\u3000]*');
}

const CN_DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

/** 一 → 1, 十五 → 15 (up to 99). */
export function chineseNumeral(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (!/^[一二三四五六七八九十]+$/.test(s)) return null;
  if (s === '十') return 10;
  if (s.startsWith('十')) return 10 + (CN_DIGITS[s[1]!] ?? 0);
  if (s.length === 1) return CN_DIGITS[s]!;
  if (s.length === 2 && s[1] === '十') return CN_DIGITS[s[0]!]! * 10;
  if (s.length === 3 && s[1] === '十') return CN_DIGITS[s[0]!]! * 10 + CN_DIGITS[s[2]!]!;
  return null;
}
