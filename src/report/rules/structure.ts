/**
 * Rules on the report as a document: E-01 format version, E-02 sections, E-12 timeliness,
 * E-17 statistical period.
 */
import { SECTIONS } from '../formats/index.ts';
import type { Report } from '../model.ts';
import {
  BODY_KIND_TEXT,
  bodyKind,
  normalizeText,
  parseSmallNumeral,
  result,
  SECTION_NUMERALS,
  textBlocks,
  textRef,
  whereText,
} from './common.ts';
import type { CellRef, RuleDef, RuleResult } from './types.ts';

const FORMAT_NAMES: Record<string, string> = {
  '2021': '2021年格式（国办公开办函〔2021〕30号）',
  '2019': '2019年格式（国办公开办函〔2019〕60号）',
  pre2019: '2019年以前的格式（无全国统一表格）',
};

export function expectedFormat(year: number): '2021' | '2019' | 'pre2019' {
  return year >= 2021 ? '2021' : year >= 2019 ? '2019' : 'pre2019';
}

const metaRef = (key: string, label: string, raw: string, value: number | null = null): CellRef => ({
  table: 'meta',
  key,
  label,
  raw,
  value,
});

/** Layout differences between the report's tables and its declared format (spec §2.2), in Chinese. */
function layoutProblems(report: Report): string[] {
  const problems: string[] = [];
  const t2 = report.table2.status !== 'missing' && report.table2.status !== 'unreadable';
  const t3 = report.table3.status !== 'missing' && report.table3.status !== 'unreadable';
  const blocks = report.table2.blocks;
  const rows = report.table3.rows;
  if (report.format === '2021') {
    if (t2 && blocks.a20_9) problems.push('表二含2019格式的第二十条第（九）项（政府集中采购）');
    const a1 = blocks.a20_1;
    if (t2 && a1 && !('issued' in a1.columnLabels && 'valid' in a1.columnLabels)) {
      problems.push('表二第二十条第（一）项不是“本年制发件数/本年废止件数/现行有效件数”三栏');
    }
    if (t3 && rows.R3_6_3 && (!rows.R3_6_1 || !rows.R3_6_2)) {
      problems.push('表三（六）其他处理未分为1–3三项（2021格式应有三个子项）');
    }
  } else if (report.format === '2019') {
    if (t3 && (rows.R3_6_1 || rows.R3_6_2)) problems.push('表三（六）其他处理分为子项（2019格式为一行）');
    const a1 = blocks.a20_1;
    if (t2 && a1 && 'issued' in a1.columnLabels) {
      problems.push('表二第二十条第（一）项使用了2021格式的“本年制发件数”等栏目');
    }
  }
  return problems;
}

export const E_01: RuleDef = {
  id: 'E-01',
  severity: 'error',
  title: '年报格式版本与报告年度相符',
  formula: '报告年度 ≥ 2021 → 2021格式；2019–2020 → 2019格式；表格布局与所用格式一致',
  check({ report }) {
    const cells = [
      metaRef('year', '报告年度', report.year === null ? '' : String(report.year), report.year),
      metaRef('format', '所用格式', report.format ?? ''),
    ];
    if (report.year === null || report.format === null) {
      const missing = [report.year === null ? '报告年度' : '', report.format === null ? '所用格式' : '']
        .filter(Boolean)
        .join('和');
      return [result(E_01, 'not-assessable', `未能确定${missing}，无法核对格式版本`, cells)];
    }
    const expected = expectedFormat(report.year);
    const evidence = report.formatEvidence.length ? `（判断依据：${report.formatEvidence.join('；')}）` : '';
    const out: RuleResult[] = [];
    if (expected === report.format) {
      out.push(result(E_01, 'pass', `${report.year}年度报告使用${FORMAT_NAMES[report.format]}，相符`, cells));
    } else {
      out.push(
        result(
          E_01,
          'fail',
          `${report.year}年度报告应使用${FORMAT_NAMES[expected]}，实际为${FORMAT_NAMES[report.format]}${evidence}`,
          cells,
        ),
      );
    }
    const layout = layoutProblems(report);
    if (layout.length > 0) {
      out.push(
        result(E_01, 'fail', `表格布局与${FORMAT_NAMES[report.format]}不符：${layout.join('；')}`, cells),
      );
    }
    return out;
  },
};

/** A heading without its numeral prefix and punctuation, for comparison with the accepted variants. */
function headingCore(h: string): string {
  return normalizeText(h)
    .replace(/^[（(]?[一二三四五六七八九十\d]+[）)]?[、.．，,:：]?/, '')
    .replace(/[、，,。.:：；;“”"'\s]/g, '');
}

const ACCEPTED = SECTIONS.map((s) => new Set([s.heading, ...s.variants].map(headingCore)));

/** Finds "由…六部分组成" / "包括…六个部分" statements: the stated count and the parts named before it. */
function statedPartCount(
  report: Report,
): { count: number; named: number; snippet: string; section: number }[] {
  const out: { count: number; named: number; snippet: string; section: number }[] = [];
  const blocks = textBlocks(report).filter((b) => b.section <= 1);
  const re =
    /(?:由|包括|包含|分为|共)([^。；]{0,120}?)([一二三四五六七八九十两]|\d{1,2})个?(?:部分|方面)(?!公开)(?:组成|内容)?/g;
  for (const b of blocks) {
    for (const m of b.text.matchAll(re)) {
      const count = parseSmallNumeral(m[2]!);
      if (count === null) continue;
      const list = (m[1] ?? '').replace(/(等|共|计)$/, '');
      const named = list.includes('、') ? list.split(/[、，,]/).filter((x) => x.length > 0).length : 0;
      out.push({ count, named, snippet: m[0], section: b.section });
    }
  }
  return out;
}

export const E_02: RuleDef = {
  id: 'E-02',
  severity: 'error',
  title: '正文六个部分齐全、顺序正确、标题规范',
  formula: '恰有六个部分，依次为一…六，标题为规范标题或公认变体；开头所称“由…X部分组成”中 X = 6 = 实际部分数',
  check({ report }) {
    if (report.format === 'pre2019') return [];
    const out: RuleResult[] = [];
    const secs = report.sections;
    const cells: CellRef[] = secs.map((s) => ({
      table: 'text',
      key: `section:${s.number}`,
      label: `第${SECTION_NUMERALS[s.number - 1] ?? s.number}部分标题`,
      raw: s.heading,
      value: s.number,
    }));
    const problems: string[] = [];
    if (secs.length !== 6) problems.push(`找到${secs.length}个部分，应为6个`);
    const numbers = secs.map((s) => s.number);
    const missing = [1, 2, 3, 4, 5, 6].filter((n) => !numbers.includes(n));
    if (missing.length) problems.push(`缺少第${missing.map((n) => SECTION_NUMERALS[n - 1]).join('、')}部分`);
    const dupes = numbers.filter((n, i) => numbers.indexOf(n) !== i);
    if (dupes.length)
      problems.push(`第${[...new Set(dupes)].map((n) => SECTION_NUMERALS[n - 1]).join('、')}部分重复`);
    if (numbers.some((n, i) => i > 0 && n <= numbers[i - 1]!)) problems.push('各部分顺序不对');
    for (const s of secs) {
      const accepted = ACCEPTED[s.number - 1];
      if (accepted && !accepted.has(headingCore(s.heading))) {
        problems.push(
          `第${SECTION_NUMERALS[s.number - 1]}部分标题“${s.heading}”不是规范标题（应为“${SECTIONS[s.number - 1]!.heading}”）`,
        );
      }
    }
    out.push(
      problems.length
        ? result(E_02, 'fail', `正文结构不符合格式：${problems.join('；')}`, cells)
        : result(E_02, 'pass', '正文六个部分齐全，顺序和标题符合格式', cells),
    );
    for (const st of statedPartCount(report)) {
      const ref = textRef(st.section, st.snippet, st.count);
      const issues: string[] = [];
      if (st.count !== 6) issues.push(`所称部分数${st.count}不是6`);
      if (st.count !== secs.length) issues.push(`实际找到${secs.length}个部分`);
      if (st.named > 0 && st.named !== st.count) issues.push(`列举的只有${st.named}项`);
      out.push(
        issues.length
          ? result(E_02, 'fail', `${whereText(st.section)}称“${st.snippet}”，但${issues.join('，')}`, [
              ref,
              ...cells,
            ])
          : result(E_02, 'pass', `${whereText(st.section)}称“${st.snippet}”，与实际部分数相符`, [ref]),
      );
    }
    return out;
  },
};

export const E_12: RuleDef = {
  id: 'E-12',
  severity: 'error',
  title: '按时发布年报',
  formula:
    '政府部门：发布日期 ≤ 次年1月31日；县级以上人民政府：≤ 次年3月31日（条例第四十九条）；乡镇无全国统一期限',
  check(ctx) {
    const { report, config } = ctx;
    const date = config.publishedDate;
    const cells = [metaRef('publishedDate', '发布日期', date ?? '')];
    if (!date) return [result(E_12, 'not-assessable', '未提供发布日期，无法核对是否按时发布', cells)];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      return [result(E_12, 'not-assessable', `发布日期“${date}”格式无效（应为YYYY-MM-DD）`, cells)];
    }
    if (report.year === null)
      return [result(E_12, 'not-assessable', '未能确定报告年度，无法核对发布期限', cells)];
    const kind = bodyKind(ctx);
    if (kind === 'township') {
      return [
        result(
          E_12,
          'not-assessable',
          '乡镇（街道）年报的发布期限条例未作规定（以省级规定为准），不作核对',
          cells,
        ),
      ];
    }
    if (kind === 'unknown') {
      return [
        result(
          E_12,
          'not-assessable',
          `无法判断报告主体是人民政府还是政府部门（机关名称：${report.agency ?? '未知'}），无法确定发布期限`,
          cells,
        ),
      ];
    }
    const deadline = kind === 'government' ? `${report.year + 1}-03-31` : `${report.year + 1}-01-31`;
    const basis =
      kind === 'government' ? '人民政府年报应于次年3月31日前公布' : '政府部门年报应于次年1月31日前公布';
    cells.push(metaRef('deadline', '发布期限', deadline));
    if (date <= deadline) {
      return [result(E_12, 'pass', `发布日期${date}，未晚于期限${deadline}（${basis}）`, cells)];
    }
    return [
      result(
        E_12,
        'fail',
        `发布日期${date}晚于期限${deadline}（报告主体：${BODY_KIND_TEXT[kind]}；${basis}，条例第四十九条）`,
        cells,
      ),
    ];
  },
};

const PERIOD_RE =
  /统计(?:期限|时限|周期|期间|时段|区间|时间|范围)?(?:为|是|从|自|：|:)*((?:19|20)\d{2})年(?:度)?1月1日(?:起)?(?:至|到|—|－|-|~|～)((?:19|20)\d{2})?年?12月31日/;

export const E_17: RuleDef = {
  id: 'E-17',
  severity: 'warning',
  title: '说明统计期限且与报告年度一致',
  formula: '正文有“统计期限为YYYY年1月1日至（YYYY年）12月31日”，YYYY = 报告年度 = 标题年度',
  check({ report }) {
    const titleYear = report.title
      ? Number(/((?:19|20)\d{2})年/.exec(normalizeText(report.title))?.[1] ?? NaN)
      : NaN;
    const expected = report.year ?? (Number.isNaN(titleYear) ? null : titleYear);
    for (const b of textBlocks(report)) {
      const m = PERIOD_RE.exec(b.text);
      if (!m) continue;
      const y1 = Number(m[1]);
      const y2 = m[2] ? Number(m[2]) : y1;
      const ref = textRef(b.section, m[0], y1);
      const problems: string[] = [];
      if (y1 !== y2) problems.push(`起止年份不一致（${y1}年与${y2}年）`);
      if (expected !== null && y1 !== expected) problems.push(`统计年度${y1}与报告年度${expected}不符`);
      if (!Number.isNaN(titleYear) && y1 !== titleYear)
        problems.push(`统计年度${y1}与标题年度${titleYear}不符`);
      if (problems.length) {
        return [result(E_17, 'fail', `${whereText(b.section)}“${m[0]}”：${problems.join('；')}`, [ref])];
      }
      return [result(E_17, 'pass', `${whereText(b.section)}说明了统计期限：“${m[0]}”`, [ref])];
    }
    return [
      result(
        E_17,
        'fail',
        `未找到统计期限说明（如“本报告中所列数据统计期限为${expected ?? 'YYYY'}年1月1日至12月31日”）`,
      ),
    ];
  },
};

export const STRUCTURE_RULES: RuleDef[] = [E_01, E_02, E_12, E_17];
