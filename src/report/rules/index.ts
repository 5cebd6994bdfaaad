/**
 * Checking an annual report against the rule registry.
 *
 * Statuses: 'pass' (the rule holds), 'fail' (it does not), 'not-assessable' (it cannot be decided: blank, "/"
 * or text cells, an unreadable table, missing metadata such as the publication date). A result's severity is
 * normally its rule's; E-16 lowers it to 'warning' when the text may speak about a different scope.
 *
 * A failed result of severity 'warning' is a warning, not a failure: summarize() counts it under `warn`.
 *
 * Which rules run: every registered rule that applies to the report. Rules needing the previous year's
 * report (E-09, E-11, E-15; `needsPrevious`) run only when `previous` is given — they are not run, rather
 * than reported as not assessable, so that a check without --previous is not padded with them. A rule that
 * does not apply to a report returns no result (e.g. E-13 for a department, E-08/E-14 for the 2019 format,
 * table rules for a pre-2019 report).
 */
import type { Report } from '../model.ts';
import { DEFAULT_CONFIG, result } from './common.ts';
import { RULES } from './registry.ts';
import type { CheckConfig, RuleResult } from './types.ts';

export { DEFAULT_CONFIG } from './common.ts';
export { findRule, RULES } from './registry.ts';
export type * from './types.ts';

export interface CheckOptions {
  previous?: Report;
  config?: Partial<CheckConfig>;
}

export function checkReport(report: Report, opts: CheckOptions = {}): RuleResult[] {
  const config: CheckConfig = { ...DEFAULT_CONFIG, ...opts.config };
  const ctx = { report, config, ...(opts.previous ? { previous: opts.previous } : {}) };
  const out: RuleResult[] = [];
  for (const rule of RULES) {
    if (rule.needsPrevious && !opts.previous) continue;
    try {
      out.push(...rule.check(ctx));
    } catch (err) {
      // One broken rule must not hide the others' results.
      out.push(
        result(rule, 'not-assessable', `规则执行出错：${err instanceof Error ? err.message : String(err)}`),
      );
    }
  }
  return out;
}

export interface CheckSummary {
  /** Failed results of severity 'error'. */
  fail: number;
  /** Failed results of severity 'warning'. */
  warn: number;
  pass: number;
  notAssessable: number;
}

export function summarize(results: RuleResult[]): CheckSummary {
  const s: CheckSummary = { fail: 0, warn: 0, pass: 0, notAssessable: 0 };
  for (const r of results) {
    if (r.status === 'pass') s.pass++;
    else if (r.status === 'not-assessable') s.notAssessable++;
    else if (r.severity === 'warning') s.warn++;
    else s.fail++;
  }
  return s;
}
