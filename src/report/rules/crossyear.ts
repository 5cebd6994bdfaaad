/**
 * Rules that compare a report with the same agency's previous-year report: E-09 (carry-over), E-11 (valid
 * normative documents) and E-15 (boilerplate). checkReport runs them only when a previous report is given;
 * called directly without one, each returns a single not-assessable result.
 */
import { T3_COLUMNS } from '../formats/index.ts';
import type { Report } from '../model.ts';
import {
  listProblems,
  normalizeText,
  type Operand,
  result,
  SECTION_NUMERALS,
  t2Cell,
  t3Cell,
  t3ColumnLabel,
  tableUnavailable,
} from './common.ts';
import type { CellRef, CheckContext, RuleDef, RuleResult } from './types.ts';

const tag = (ref: CellRef, year: number | null): CellRef => ({
  ...ref,
  key: `${year ?? 'previous'}:${ref.key}`,
  label: `${year ?? '上一'}年度${ref.label}`,
});

/** Not-assessable result when there is no usable previous report; null when there is one. */
function needPrevious(def: RuleDef, ctx: CheckContext): RuleResult[] | null {
  const { report, previous } = ctx;
  if (!previous) return [result(def, 'not-assessable', '未提供上一年度报告，无法核对')];
  if (report.year !== null && previous.year !== null && previous.year !== report.year - 1) {
    return [
      result(
        def,
        'not-assessable',
        `所给的“上一年度报告”为${previous.year}年度，不是${report.year - 1}年度，无法核对`,
      ),
    ];
  }
  return null;
}

export const E_09: RuleDef = {
  id: 'E-09',
  severity: 'warning',
  title: '上年结转与上一年度结转下年度一致',
  formula: '每列 c：本年 R2[c]（上年结转）= 上一年度 R4[c]（结转下年度继续办理）',
  needsPrevious: true,
  check(ctx) {
    const na = needPrevious(E_09, ctx);
    if (na) return na;
    const { report } = ctx;
    const previous = ctx.previous!;
    const why = tableUnavailable(report, 'T3') ?? tableUnavailable(previous, 'T3');
    if (why) {
      const which = tableUnavailable(report, 'T3') ? '本年度' : '上一年度';
      return [result(E_09, 'not-assessable', `${which}${why}`)];
    }
    return T3_COLUMNS.map(({ key: c }) => {
      const now = t3Cell(report, 'R2', c);
      const before = t3Cell(previous, 'R4', c);
      const ops: Operand[] = [
        { ...now, ref: tag(now.ref, report.year) },
        { ...before, ref: tag(before.ref, previous.year) },
      ];
      const cells = ops.map((o) => o.ref);
      const subject = `表三“${t3ColumnLabel(c)}”列`;
      if (ops.some((o) => o.problem)) {
        return result(E_09, 'not-assessable', `${subject}无法核对：${listProblems(ops)}`, cells);
      }
      if (now.value === before.value) {
        return result(
          E_09,
          'pass',
          `${subject}：本年上年结转${now.value}，等于上一年度结转下年度${before.value}`,
          cells,
        );
      }
      return result(
        E_09,
        'fail',
        `${subject}：本年上年结转${now.value}，而上一年度报告结转下年度为${before.value}（可能是上一年度报告有误）`,
        cells,
      );
    });
  },
};

const E11_ROWS = [
  { key: 'regulations', label: '规章' },
  { key: 'normativeDocs', label: '行政规范性文件' },
];

export const E_11: RuleDef = {
  id: 'E-11',
  severity: 'warning',
  title: '现行有效件数与上年及本年制发、废止相衔接',
  formula:
    '规章、行政规范性文件：现行有效(N) ≈ 现行有效(N−1) + 本年制发(N) − 本年废止(N)（2021格式两年均适用）',
  needsPrevious: true,
  check(ctx) {
    const na = needPrevious(E_11, ctx);
    if (na) return na;
    const { report } = ctx;
    const previous = ctx.previous!;
    if (report.format !== '2021' || previous.format !== '2021') {
      return [
        result(
          E_11,
          'not-assessable',
          '本条仅适用于两年均采用2021格式的报告（2019格式表二没有“现行有效件数”栏）',
        ),
      ];
    }
    const why = tableUnavailable(report, 'T2') ?? tableUnavailable(previous, 'T2');
    if (why)
      return [
        result(E_11, 'not-assessable', `${tableUnavailable(report, 'T2') ? '本年度' : '上一年度'}${why}`),
      ];
    return E11_ROWS.map(({ key, label }) => {
      const valid = t2Cell(report, 'a20_1', key, 'valid');
      const issued = t2Cell(report, 'a20_1', key, 'issued');
      const repealed = t2Cell(report, 'a20_1', key, 'repealed');
      const prev = t2Cell(previous, 'a20_1', key, 'valid');
      const ops: Operand[] = [
        { ...valid, ref: tag(valid.ref, report.year) },
        { ...prev, ref: tag(prev.ref, previous.year) },
        { ...issued, ref: tag(issued.ref, report.year) },
        { ...repealed, ref: tag(repealed.ref, report.year) },
      ];
      const cells = ops.map((o) => o.ref);
      if (ops.some((o) => o.problem)) {
        return result(E_11, 'not-assessable', `“${label}”无法核对：${listProblems(ops)}`, cells);
      }
      const expected = (prev.value ?? 0) + (issued.value ?? 0) - (repealed.value ?? 0);
      const text = `上年现行有效${prev.value} + 本年制发${issued.value} − 本年废止${repealed.value} = ${expected}，本年现行有效${valid.value}`;
      if (expected === valid.value) return result(E_11, 'pass', `“${label}”：${text}`, cells);
      return result(E_11, 'fail', `“${label}”不衔接：${text}（清理、修订等也会造成差异，请核实）`, cells);
    });
  },
};

/** Character bigrams of a text, with digits folded (years and counts change every year) and punctuation dropped. */
export function bigrams(text: string): Set<string> {
  const s = normalizeText(text)
    .replace(/\d+/g, '#')
    .replace(/[\p{P}\p{S}]/gu, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

/** Dice coefficient of the two texts' character-bigram sets (0 … 1). */
export function diceSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size + y.size === 0) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return (2 * common) / (x.size + y.size);
}

function sectionBody(report: Report, n: number): string | null {
  const s = report.sections.find((x) => x.number === n);
  return s ? s.paragraphs.join('\n') : null;
}

export const E_15: RuleDef = {
  id: 'E-15',
  severity: 'warning',
  title: '内容与上一年度雷同',
  formula: '第一、五部分与上一年度同一部分的字符二元组 Dice 相似度 < 阈值（默认0.8）',
  needsPrevious: true,
  check(ctx) {
    const na = needPrevious(E_15, ctx);
    if (na) return na;
    const { report, config } = ctx;
    const previous = ctx.previous!;
    const threshold = config.boilerplateThreshold;
    return [1, 5].map((n) => {
      const name = `第${SECTION_NUMERALS[n - 1]}部分`;
      const now = sectionBody(report, n);
      const before = sectionBody(previous, n);
      const cells: CellRef[] = [
        { table: 'text', key: `section:${n}`, label: `本年度${name}`, raw: '', value: now?.length ?? null },
        {
          table: 'text',
          key: `previous:section:${n}`,
          label: `上一年度${name}`,
          raw: '',
          value: before?.length ?? null,
        },
      ];
      if (!now?.trim() || !before?.trim()) {
        const which = !now?.trim() ? '本年度' : '上一年度';
        return result(E_15, 'not-assessable', `${which}报告未找到${name}或该部分为空，无法比较`, cells);
      }
      const sim = diceSimilarity(now, before);
      const pct = `${(sim * 100).toFixed(1)}%`;
      if (sim >= threshold) {
        return result(
          E_15,
          'fail',
          `${name}与上一年度相似度为${pct}（阈值${(threshold * 100).toFixed(0)}%），内容可能雷同`,
          cells,
        );
      }
      return result(
        E_15,
        'pass',
        `${name}与上一年度相似度为${pct}，低于阈值${(threshold * 100).toFixed(0)}%`,
        cells,
      );
    });
  },
};

export const CROSSYEAR_RULES: RuleDef[] = [E_09, E_11, E_15];
