/** Turning raw cell text into a typed cell, without ever turning a blank or "/" into 0. */
import type { ColumnDef } from './formats/types.ts';
import type { Cell, SourcePosition } from './model.ts';

const NA = new Set(['/', '／', '-', '－', '—', '——', '–', '\\', '、', '无']);

/** Full-width digits, signs and points to ASCII; drops thousands separators and inner spaces. */
export function normalizeNumberText(raw: string): string {
  return raw
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/[．。]/g, '.')
    .replace(/[＋]/g, '+')
    .replace(/[－−]/g, '-')
    .replace(/(?<=\d)[,，](?=\d{3}(\D|$))/g, '')
    .replace(/\s+/g, '');
}

const NUMBER_RE = /^[+-]?\d+(\.\d+)?$/;
const SIMPLE_INT = /^\d{1,15}$/;

/** Canonical exact decimal text: no leading zeros, no trailing zeros after the point. */
export function canonicalDecimal(text: string): string {
  let [int = '0', frac = ''] = text.replace(/^\+/, '').split('.');
  const neg = int.startsWith('-');
  if (neg) int = int.slice(1);
  int = int.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  const s = frac ? `${int}.${frac}` : int;
  return neg && s !== '0' ? `-${s}` : s;
}

export function makeCell(raw: string, column?: Pick<ColumnDef, 'valueType'>, pos?: SourcePosition): Cell {
  const text = raw.replace(/\s+/g, ' ').trim();
  const base = pos ? { pos } : {};
  if (text === '') return { raw: text, kind: 'empty', value: null, ...base };
  if (NA.has(text)) return { raw: text, kind: 'na', value: null, ...base };
  // fast path: plain digits (most cells)
  if (SIMPLE_INT.test(text)) {
    const decimal = column?.valueType === 'decimal' ? { decimal: canonicalDecimal(text) } : {};
    return { raw: text, kind: 'number', value: Number(text), ...decimal, ...base };
  }
  const n = normalizeNumberText(text);
  if (NUMBER_RE.test(n)) {
    const decimal = column?.valueType === 'decimal' ? { decimal: canonicalDecimal(n) } : {};
    return { raw: text, kind: 'number', value: Number(n), ...decimal, ...base };
  }
  return { raw: text, kind: 'text', value: null, ...base };
}

/** A cell's value as an integer count, or null when it is not a number. */
export function num(cell: Cell | undefined): number | null {
  return cell && cell.kind === 'number' ? cell.value : null;
}
