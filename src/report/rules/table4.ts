/** Table 四 arithmetic (spec §1.5 T4-01; the same check as E-06 of §7). */
import { T4_GROUPS } from '../formats/index.ts';
import { balance, hasNationalTables, recoveredNote, result, t4Cell, tableUnavailable } from './common.ts';
import type { RuleDef } from './types.ts';

export const T4_01: RuleDef = {
  id: 'T4-01',
  aliases: ['E-06'],
  severity: 'error',
  title: '表四各组总计等于各结果之和',
  formula: '行政复议、未经复议直接起诉、复议后起诉各组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结',
  check({ report }) {
    if (!hasNationalTables(report)) return [];
    const why = tableUnavailable(report, 'T4');
    if (why) return [result(T4_01, 'not-assessable', why)];
    const note = recoveredNote(report, 'T4');
    return T4_GROUPS.map((g) =>
      balance(
        T4_01,
        `表四“${g.label}”`,
        { name: '总计', ops: [t4Cell(report, `${g.prefix}total`)] },
        {
          name: '维持+纠正+其他+未审结',
          ops: ['upheld', 'corrected', 'other', 'pending'].map((k) => t4Cell(report, `${g.prefix}${k}`)),
        },
        note,
      ),
    );
  },
};

export const TABLE4_RULES: RuleDef[] = [T4_01];
