/** Chinese labels shared by the renderers: table captions, status notices, finding wording. */
import { SECTIONS } from '../formats/index.ts';
import type { TableStatus } from '../model.ts';
import type { RuleResult, RuleSeverity } from '../rules/types.ts';

/** The three national tables, by the number of the section that holds them. */
export type TableNo = 2 | 3 | 4;

export const CN_NUMERALS = '一二三四五六七八九十';

/** 二 / 三 / 四 for 2 / 3 / 4. */
export const cnNumber = (n: number): string => CN_NUMERALS[n - 1] ?? String(n);

/** e.g. 表三 */
export const tableName = (table: TableNo): string => `表${cnNumber(table)}`;

/** The canonical section heading without the numeral, e.g. 收到和处理政府信息公开申请情况. */
export const sectionTitle = (n: number): string => SECTIONS.find((s) => s.number === n)?.heading ?? '';

/** e.g. 表三 收到和处理政府信息公开申请情况 */
export const tableCaption = (table: TableNo): string => `${tableName(table)} ${sectionTitle(table)}`;

/** Header of the first column of every table 二 block. */
export const T2_CONTENT_HEADER = '信息内容';

/** Table 四 top-level groups, in column order. */
export const T4_REVIEW = '行政复议';
export const T4_LITIGATION = '行政诉讼';

/**
 * The notice shown instead of (unreadable, missing) or next to (partial, recovered) a table;
 * null when the table is simply ok.
 */
export function tableStatusNotice(table: TableNo, status: TableStatus): string | null {
  const name = tableName(table);
  switch (status) {
    case 'unreadable':
      return `${name}无法读取：原文表格无法逐格识别（例如单元格数字连在一起，无法确定分列），此处不显示该表，请查阅原文。`;
    case 'missing':
      return `原文中未找到${name}（${sectionTitle(table)}）。`;
    case 'partial':
      return `注：${name}部分行无法读取，相应单元格留空，请与原文核对。`;
    case 'recovered':
      return `注：${name}的部分数字在原文中连在一起，已按唯一可行的分列方式还原，请与原文核对。`;
    default:
      return null;
  }
}

export const SEVERITY_LABEL: Record<RuleSeverity, string> = { error: '错误', warning: '警告' };

export const FINDINGS_HEADING = '检查结果';
export const DIAGNOSTICS_HEADING = '解析说明';

/** One-line summary of a set of rule results, e.g. 共检查 12 项：未通过 2 项（错误 1 项，警告 1 项）…。 */
export function findingsSummary(findings: RuleResult[]): string {
  const fails = findings.filter((f) => f.status === 'fail');
  const errors = fails.filter((f) => f.severity === 'error').length;
  const warnings = fails.length - errors;
  const na = findings.filter((f) => f.status === 'not-assessable').length;
  const pass = findings.filter((f) => f.status === 'pass').length;
  const failText =
    fails.length > 0 ? `未通过 ${fails.length} 项（错误 ${errors} 项，警告 ${warnings} 项）` : '未发现问题';
  return `共 ${findings.length} 项检查结果：${failText}，无法判断 ${na} 项，通过 ${pass} 项。`;
}

/** How a referenced cell's raw text is shown in the findings list. */
export const rawForDisplay = (raw: string): string => (raw === '' ? '（空白）' : `“${raw}”`);
