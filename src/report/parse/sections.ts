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
const HEADING_RE = new RegExp(
  `([${NUMERALS}])[\\s\\u3000]*[、.．,，]?[\\s\\u3000]*(${variantPatterns
    .map((p) => `(?:${p.pattern})`)
    .join('|')})`,
  'gu',
);

function defForHeadingText(text: string): SectionDef | null {
  for (const p of variantPatterns) {
    if (new RegExp(`^${p.pattern}$`, 'u').test(text)) return p.def;
  }
  return null;
}

/** All section headings in `text`, in order. The caller decides which are real (by order). */
export function findHeadings(text: string): HeadingHit[] {
  const hits: HeadingHit[] = [];
  for (const m of text.matchAll(HEADING_RE)) {
    const def = defForHeadingText(m[2]!);
    if (!def) continue;
    hits.push({
      start: m.index,
      end: m.index + m[0].length,
      printedNumber: NUMERALS.indexOf(m[1]!) + 1,
      def,
      heading: m[0].trim(),
    });
  }
  return hits;
}
