/** Table 三 arithmetic (spec §1.5 T3-01 … T3-03; the same checks as E-03 … E-05 of §7). */
import { FORMAT_2021, T3_COLUMNS } from '../formats/index.ts';
import type { Report } from '../model.ts';
import {
  balance,
  formatOf,
  hasNationalTables,
  recoveredNote,
  result,
  t3Cell,
  t3ColumnLabel,
  t3RowLabel,
  tableUnavailable,
} from './common.ts';
import type { RuleDef, RuleResult } from './types.ts';

const COLS = T3_COLUMNS.map((c) => c.key);
const APPLICANT_COLS = COLS.filter((c) => c !== 'c7');

/**
 * True when the report has the single （六）其他处理 row (stored as R3_6_3) and no R3_6_1 / R3_6_2 rows:
 * the 2019 layout, also seen in some 2021-format reports (hongze-2023). E-01 flags the latter.
 */
export function singleOtherRow(report: Report): boolean {
  const rows = report.table3.rows;
  return !!rows.R3_6_3 && !rows.R3_6_1 && !rows.R3_6_2;
}

/** The row keys of table 三 to check: the format's rows, minus R3_6_1/2 when the report has the single row. */
export function t3RowKeys(report: Report): string[] {
  const keys = (formatOf(report) ?? FORMAT_2021).table3.rows.map((r) => r.key);
  return singleOtherRow(report) ? keys.filter((k) => k !== 'R3_6_1' && k !== 'R3_6_2') : keys;
}

/** The outcome rows that add up to （七）总计: R3_1 … R3_6_x of the report's layout. */
export function t3OutcomeRowKeys(report: Report): string[] {
  return t3RowKeys(report).filter((k) => k.startsWith('R3_') && k !== 'R3_7');
}

function unavailable(def: RuleDef, report: Report): RuleResult[] | null {
  const why = tableUnavailable(report, 'T3');
  return why ? [result(def, 'not-assessable', why)] : null;
}

export const T3_01: RuleDef = {
  id: 'T3-01',
  aliases: ['E-03'],
  severity: 'error',
  title: '表三各列勾稽关系（第一项加第二项等于第三项加第四项）',
  formula: '每列 c1…c7：R1 + R2 = R3_7 + R4（一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度）',
  check({ report }) {
    if (!hasNationalTables(report)) return [];
    const na = unavailable(T3_01, report);
    if (na) return na;
    const note = recoveredNote(report, 'T3');
    return COLS.map((c) =>
      balance(
        T3_01,
        `表三“${t3ColumnLabel(c)}”列`,
        { name: '一+二', ops: [t3Cell(report, 'R1', c), t3Cell(report, 'R2', c)] },
        { name: '（七）总计+四', ops: [t3Cell(report, 'R3_7', c), t3Cell(report, 'R4', c)] },
        note,
      ),
    );
  },
};

export const T3_02: RuleDef = {
  id: 'T3-02',
  aliases: ['E-04'],
  severity: 'error',
  title: '表三各行总计等于六类申请人之和',
  formula: '每行 r：r.c7（总计）= r.c1 + r.c2 + r.c3 + r.c4 + r.c5 + r.c6',
  check({ report }) {
    if (!hasNationalTables(report)) return [];
    const na = unavailable(T3_02, report);
    if (na) return na;
    const note = recoveredNote(report, 'T3');
    return t3RowKeys(report).map((r) => {
      const subject = `表三“${t3RowLabel(report, r)}”行`;
      if (!report.table3.rows[r]) {
        return result(T3_02, 'not-assessable', `${subject}无法核对：该行未能读取`, [
          t3Cell(report, r, 'c7').ref,
        ]);
      }
      return balance(
        T3_02,
        subject,
        { name: '总计', ops: [t3Cell(report, r, 'c7')] },
        { name: '六类申请人之和', ops: APPLICANT_COLS.map((c) => t3Cell(report, r, c)) },
        note,
      );
    });
  },
};

export const T3_03: RuleDef = {
  id: 'T3-03',
  aliases: ['E-05'],
  severity: 'error',
  title: '表三（七）总计等于各办理结果之和',
  formula:
    '每列 c：R3_7 = R3_1 + R3_2 + ΣR3_3_* + ΣR3_4_* + ΣR3_5_* + ΣR3_6_*（2019格式（六）其他处理为一行，记作 R3_6_3）',
  check({ report }) {
    if (!hasNationalTables(report)) return [];
    const na = unavailable(T3_03, report);
    if (na) return na;
    const rows = t3OutcomeRowKeys(report);
    const single =
      report.format === '2021' && singleOtherRow(report) ? '（本表（六）其他处理只有一行，按一行计）' : '';
    const note = single + recoveredNote(report, 'T3');
    return COLS.map((c) =>
      balance(
        T3_03,
        `表三“${t3ColumnLabel(c)}”列`,
        { name: '（七）总计', ops: [t3Cell(report, 'R3_7', c)] },
        { name: '各办理结果之和', ops: rows.map((r) => t3Cell(report, r, c)) },
        note,
      ),
    );
  },
};

export const TABLE3_RULES: RuleDef[] = [T3_01, T3_02, T3_03];
