/** Table 二 rules that stand on one report: E-08 (the fee amount's unit). E-11 is in crossyear.ts. */
import { result, t2Cell, tableUnavailable, textBlocks, textRef, whereText } from './common.ts';
import type { RuleDef } from './types.ts';

/** 10,000 万元 = 100 million yuan: above this a fee in 万元 is implausible for most agencies. */
const LARGE_FEE_WAN = 10000;

export const E_08: RuleDef = {
  id: 'E-08',
  severity: 'warning',
  title: '表二（八）收费金额单位应为万元',
  formula:
    '表二 第二十条第（八）项 本年收费金额 ≥ 10000（万元），且正文中出现同一数字后接“元” → 疑似按元填写',
  check({ report }) {
    // Only the 2021 format has an amount in 万元; the 2019 block (八) counts fee items.
    if (report.format !== '2021') return [];
    const why = tableUnavailable(report, 'T2');
    if (why) return [result(E_08, 'not-assessable', why)];
    const op = t2Cell(report, 'a20_8', 'fees', 'amount');
    if (op.problem || op.value === null) {
      return [
        result(E_08, 'not-assessable', `${op.ref.label}${op.problem ?? '为空白'}，无法判断单位`, [op.ref]),
      ];
    }
    const value = op.value;
    if (value < LARGE_FEE_WAN) {
      return [result(E_08, 'pass', `${op.ref.label}为${op.ref.raw}（万元），数额正常`, [op.ref])];
    }
    for (const b of textBlocks(report)) {
      for (const m of b.text.matchAll(/(?<![\d.])(\d+(?:\.\d+)?)元/g)) {
        if (Number(m[1]) !== value) continue;
        const snippet = b.text.slice(Math.max(0, m.index - 20), m.index + m[0].length + 5);
        return [
          result(
            E_08,
            'fail',
            `${op.ref.label}为${op.ref.raw}（万元，即${value}万元），而${whereText(b.section)}“…${snippet}…”写作${m[0]}：表格金额疑似按“元”填写，应换算为万元`,
            [op.ref, textRef(b.section, m[0], value)],
          ),
        ];
      }
    }
    return [
      result(
        E_08,
        'pass',
        `${op.ref.label}为${op.ref.raw}万元，数额较大，但正文中未见同一数字以“元”表述，未发现单位错误`,
        [op.ref],
      ),
    ];
  },
};

export const TABLE2_RULES: RuleDef[] = [E_08];
