/**
 * The one rule registry (DESIGN principle 2): every check of an annual report, once, with its spec ID.
 * E-03 … E-06 are the same checks as T3-01, T3-02, T3-03 and T4-01 and appear only as their `aliases`.
 *
 * Not registered, because they cannot be decided from a report on its own: E-18 (recomputation from the case
 * system, belongs to the report compiler) and E-19 (publication place and submission, recorded by the platform).
 */
import { CELL_RULES } from './cells.ts';
import { CROSSYEAR_RULES } from './crossyear.ts';
import { STRUCTURE_RULES } from './structure.ts';
import { TABLE2_RULES } from './table2.ts';
import { TABLE3_RULES } from './table3.ts';
import { TABLE4_RULES } from './table4.ts';
import { TEXT_RULES } from './text.ts';
import type { RuleDef } from './types.ts';

export const RULES: RuleDef[] = [
  ...TABLE3_RULES,
  ...TABLE4_RULES,
  ...STRUCTURE_RULES,
  ...CELL_RULES,
  ...TABLE2_RULES,
  ...TEXT_RULES,
  ...CROSSYEAR_RULES,
].sort((a, b) => ruleOrder(a.id) - ruleOrder(b.id));

/** T-rules first (T3-01 …), then E-rules by number. */
function ruleOrder(id: string): number {
  const m = /^([A-Z]+)(\d*)-(\d+)$/.exec(id);
  if (!m) return Number.MAX_SAFE_INTEGER;
  const family = m[1] === 'T' ? 0 : 1000;
  return family + Number(m[2] || 0) * 100 + Number(m[3]);
}

/** A rule by its ID or by one of its aliases (E-03 → T3-01). */
export function findRule(id: string): RuleDef | undefined {
  return RULES.find((r) => r.id === id || r.aliases?.includes(id));
}
