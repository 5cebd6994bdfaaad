/** Finding the six section headings, also inside long single-line dumps of a web page. */
import { SECTIONS } from '../formats/common.ts';
import type { SectionDef } from '../formats/types.ts';
import { tolerantPattern } from './normalize.ts';

export interface HeadingHit {
  /** Index in the text where the heading (with its numeral) starts. */
  start: number;
  end: number;
  /** Numeral as printed (一..六 → 1..6). */
  printedNumber: number;
  def: SectionDef;
  heading: string;
}

const NUMERALS = '一二三四五六';
const variantPatterns = SECTIONS.flatMap((def) =>
  // longest variants first so that the full heading wins over a shorter prefix
  [...def.variants].sort((a, b) => b.length - a.length).map((v) => ({ def, v, pattern: tolerantPattern(v) })),
);
/** Where a heading may start: a numeral 一…六 and its list mark. */
const NUMERAL_RE = /([一二三四五六])[\s\u3000]*[、.．,，]?[\s\u3000]*/gu;
/** The heading text right after the numeral (sticky: matched only at that position). */
const VARIANTS_RE = new RegExp(variantPatterns.map((p) => `(${p.pattern})`).join('|'), 'uy');

/** All section headings in `text`, in order. The caller decides which are real (by order). */
export function findHeadings(text: string): HeadingHit[] {
  const hits: HeadingHit[] = [];
  for (const m of text.matchAll(NUMERAL_RE)) {
    VARIANTS_RE.lastIndex = m.index + m[0].length;
    const v = VARIANTS_RE.exec(text);
    if (!v) continue;
    const which = v.findIndex((g, i) => i > 0 && g !== undefined);
    const def = variantPatterns[which - 1]!.def;
    hits.push({
      start: m.index,
      end: VARIANTS_RE.lastIndex,
      printedNumber: NUMERALS.indexOf(m[1]!) + 1,
      def,
      heading: text.slice(m.index, VARIANTS_RE.lastIndex).trim(),
    });
  }
  return hits;
}
