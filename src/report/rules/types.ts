/** Types of the one rule registry (DESIGN principle 2). */
import type { Report } from '../model.ts';

export type RuleStatus = 'pass' | 'fail' | 'not-assessable';
export type RuleSeverity = 'error' | 'warning';

/** A cell (or text figure) a rule looked at, with its value as found. */
export interface CellRef {
  table: 'T2' | 'T3' | 'T4' | 'text' | 'meta';
  /** Stable key, e.g. 'R1.c7', 'review.total', 'a20_1.regulations.issued', 'section:3'. */
  key: string;
  /** Human-readable Chinese location, e.g. '表三 一、本年新收… / 总计'. */
  label: string;
  /** Raw text of the cell ('' for blank), or the number found in text. */
  raw: string;
  value: number | null;
}

export interface RuleResult {
  ruleId: string;
  severity: RuleSeverity;
  status: RuleStatus;
  /** Chinese message for users. */
  message: string;
  cells: CellRef[];
}

export interface CheckConfig {
  /** Kind of reporting body for E-12/E-13; 'auto' infers 人民政府 from the agency name. */
  agencyKind: 'government' | 'department' | 'township' | 'auto';
  /** Publication date (YYYY-MM-DD) for E-12; not assessable without it. */
  publishedDate?: string;
  /** E-15 similarity threshold. */
  boilerplateThreshold: number;
}

export interface CheckContext {
  report: Report;
  previous?: Report;
  config: CheckConfig;
}

export interface RuleDef {
  /** Rule ID from spec/domain.md, e.g. 'T3-01', 'E-16'. */
  id: string;
  /**
   * Other spec IDs that name the same check (e.g. T3-01 is also E-03). The check exists once, under `id`;
   * an alias is never registered as a rule of its own.
   */
  aliases?: string[];
  severity: RuleSeverity;
  /** Short Chinese title. */
  title: string;
  /** Human-readable formula or condition. */
  formula: string;
  /** True when the rule needs the previous year's report (E-09, E-11, E-15). */
  needsPrevious?: boolean;
  check(ctx: CheckContext): RuleResult[];
}
