/**
 * The report recogniser: reads the intermediate form (paragraphs and tables from any front end)
 * and builds the report model — sections, reporting year, agency, format version and the cells of
 * tables 二, 三 and 四 — with diagnostics that say where things were found or what is missing.
 */
import { emptyReport } from '../build.ts';
import { makeCell } from '../cell.ts';
import { FORMATS, formatForYear } from '../formats/index.ts';
import type { ColumnDef, FormatId, ReportFormat, T2BlockDef, T3RowDef } from '../formats/types.ts';
import type { Cell, Diagnostic, Report, Row, Section, SourcePosition, TableStatus } from '../model.ts';
import { readFlattenedT2, readFlattenedT3, readFlattenedT4 } from './flattened.ts';
import { type GridCell, type IrDocument, type IrTable, toGrid } from './ir.ts';
import { chineseNumeral, core, hasHan, norm, similarity } from './normalize.ts';
import { findHeadings } from './sections.ts';

type TableKind = 'T2' | 'T3' | 'T4';

interface Para {
  text: string;
  pos: SourcePosition;
}

interface LogicalRow {
  /** Label slots (text with Han characters), in order, merged duplicates removed. */
  labels: string[];
  /** Value slots after the last label. */
  values: { text: string; pos: SourcePosition }[];
  /** All slot texts (for markers). */
  all: string;
  pos: SourcePosition;
  fromText: boolean;
}

const VALUE_LIKE = /^[+-]?[\d.,，\s]+\s*(元|万元|件|个|条|项)?$/u;

function isLabelSlot(text: string): boolean {
  return hasHan(text) && !VALUE_LIKE.test(text.normalize('NFKC'));
}

function gridRows(table: IrTable, fromText: boolean): LogicalRow[] {
  const grid = toGrid(table);
  return grid.map((slots, r) => {
    let lastLabel = -1;
    slots.forEach((s, i) => {
      if (isLabelSlot(s.text)) lastLabel = i;
    });
    const labels: string[] = [];
    for (let i = 0; i <= lastLabel; i++) {
      const t = slots[i]!.text;
      if (t && isLabelSlot(t) && labels[labels.length - 1] !== t) labels.push(t);
    }
    // a value cell merged over two columns counts once (pair values with headers by cell order)
    const valueSlots: GridCell[] = slots.slice(lastLabel + 1).filter((s) => s.covered !== 'col');
    return {
      labels,
      values: valueSlots.map((s) => ({ text: s.text, pos: s.pos })),
      all: slots.map((s) => s.text).join(' '),
      pos: table.rows[r]?.[0]?.pos ?? table.pos,
      fromText,
    };
  });
}

/**
 * Fits a row's value slots to `n` columns. Text copies of web tables carry empty cells for merged
 * cells and trailing tabs: drop trailing, then leading empties while there are too many; anything
 * left over on the left is kept as `extra`.
 */
function fitValues(
  row: LogicalRow,
  n: number,
): { values: { text: string; pos: SourcePosition }[]; extra: { text: string; pos: SourcePosition }[] } {
  const v = [...row.values];
  if (row.fromText) {
    while (v.length > n && v[v.length - 1]!.text === '') v.pop();
    while (v.length > n && v[0]!.text === '') v.shift();
  }
  if (v.length > n) return { values: v.slice(v.length - n), extra: v.slice(0, v.length - n) };
  return { values: v, extra: [] };
}

function markersKind(text: string): TableKind | null {
  const t = norm(text);
  if (/勾稽|申请人情况/.test(t)) return 'T3';
  if (/第二十条第/.test(t)) return 'T2';
  if (/行政复议/.test(t) && /行政诉讼/.test(t)) return 'T4';
  return null;
}

function detectFormat(allText: string): { id: FormatId | null; evidence: string[] } {
  const t = norm(allText);
  const m2019 = ['本年新制作数量', '对外公开总数量', '采购总金额', '第二十条第(九)项'].filter((m) =>
    t.includes(norm(m)),
  );
  const m2021 = ['本年制发件数', '本年废止件数', '现行有效件数'].filter((m) => t.includes(m));
  if (m2019.length && !m2021.length)
    return { id: '2019', evidence: m2019.map((m) => `表二含“${m}”（2019年格式）`) };
  if (m2021.length && !m2019.length)
    return { id: '2021', evidence: m2021.map((m) => `表二含“${m}”（2021年格式）`) };
  if (m2019.length && m2021.length) {
    return {
      id: m2021.length >= m2019.length ? '2021' : '2019',
      evidence: [`表二同时含2019年格式（${m2019.join('、')}）和2021年格式（${m2021.join('、')}）的栏目`],
    };
  }
  return { id: null, evidence: [] };
}

const TITLE_RE = /(\d{4})\s*年(?:度)?/u;

function titleInfo(paras: Para[]): { title: string | null; year: number | null; agency: string | null } {
  for (const p of paras.slice(0, 15)) {
    const text = p.text.replace(/^标题\s*[:：]\s*/, '').trim();
    if (text.length > 80) continue;
    if (!/年度?报告/.test(text) || !/公开/.test(text)) continue;
    const m = text.match(TITLE_RE);
    const year = m ? Number(m[1]) : null;
    const agency =
      text
        .replace(TITLE_RE, '')
        .replace(/政府信息公开(工作)?年度报告.*$/, '')
        .replace(/^[\s《]+|[\s》]+$/g, '')
        .trim() || null;
    return { title: text, year, agency };
  }
  return { title: null, year: null, agency: null };
}

function periodYear(text: string): number | null {
  const m = text.match(/统计(?:期限|时限|周期|时间|区间)[^0-9]{0,6}(\d{4})\s*年\s*1\s*月\s*1\s*日/u);
  return m ? Number(m[1]) : null;
}

function diag(
  severity: Diagnostic['severity'],
  code: string,
  message: string,
  pos?: SourcePosition,
): Diagnostic {
  return pos ? { severity, code, message, pos } : { severity, code, message };
}

// ---------------------------------------------------------------------------------------------
// Table 三

interface T3Matcher {
  def: T3RowDef;
  cores: string[];
}

const matchersByFormat = new Map<string, T3Matcher[]>();
function t3Matchers(format: ReportFormat): T3Matcher[] {
  let m = matchersByFormat.get(format.id);
  if (!m) {
    m = format.table3.rows.map((def) => ({ def, cores: [def.label, ...(def.aliases ?? [])].map(core) }));
    matchersByFormat.set(format.id, m);
  }
  return m;
}

const t3MatchCache = new WeakMap<T3Matcher[], Map<string, { def: T3RowDef; fuzzy: boolean } | null>>();

/** Memoised per format: the same labels recur across reports. */
function matchT3Row(labels: string[], matchers: T3Matcher[]): { def: T3RowDef; fuzzy: boolean } | null {
  let cache = t3MatchCache.get(matchers);
  if (!cache) {
    cache = new Map();
    t3MatchCache.set(matchers, cache);
  }
  const key = labels.join('\u0001');
  let hit = cache.get(key);
  if (hit === undefined) {
    hit = matchT3RowUncached(labels, matchers);
    if (cache.size > 5000) cache.clear();
    cache.set(key, hit);
  }
  return hit;
}

function matchT3RowUncached(
  labels: string[],
  matchers: T3Matcher[],
): { def: T3RowDef; fuzzy: boolean } | null {
  const whole = norm(labels.join('')).replace(/\([^()]*\)$/, '');
  let best: { def: T3RowDef; len: number } | null = null;
  for (const m of matchers) {
    for (const c of m.cores) {
      if (c && whole.endsWith(c) && (!best || c.length > best.len)) best = { def: m.def, len: c.length };
    }
  }
  if (best) return { def: best.def, fuzzy: false };
  const last = core(labels[labels.length - 1] ?? '');
  let fuzzy: { def: T3RowDef; score: number } | null = null;
  for (const m of matchers) {
    for (const c of m.cores) {
      const s = similarity(last, c);
      if (s >= 0.6 && (!fuzzy || s > fuzzy.score)) fuzzy = { def: m.def, score: s };
    }
  }
  return fuzzy ? { def: fuzzy.def, fuzzy: true } : null;
}

function recogniseT3(rows: LogicalRow[], format: ReportFormat, report: Report, diags: Diagnostic[]): void {
  const t3 = report.table3;
  const matchers = t3Matchers(format);
  const seen = new Set<string>();
  const groupCores = new Map<string, string>();
  for (const def of format.table3.rows) for (const g of def.groups) groupCores.set(core(g), g);
  groupCores.set(core('（六）其他处理'), '（六）其他处理');
  groupCores.set(core('（三）不予公开'), '（三）不予公开');
  groupCores.set(core('（四）无法提供'), '（四）无法提供');
  groupCores.set(core('（五）不予处理'), '（五）不予处理');
  let singleOther = false;

  for (const row of rows) {
    const note = row.labels.find((l) => norm(l).includes('勾稽'));
    if (note) t3.note = note;
    const hasValues = row.values.some((v) => v.text !== '');
    // an all-blank row counts only when it has a slot for every column (a header row has fewer)
    if (!row.labels.length || (!hasValues && row.values.length < 7)) continue;
    let match = matchT3Row(row.labels, matchers);
    const lastCore = core(row.labels[row.labels.length - 1]!);
    if ((!match || match.fuzzy) && format.id === '2021' && lastCore === '其他处理') {
      // A 2021-format report that prints （六）其他处理 as one row (the 2019 layout).
      const def = format.table3.rows.find((r) => r.key === 'R3_6_3')!;
      match = { def, fuzzy: false };
      singleOther = true;
    }
    if (!match) {
      if (row.values.filter((v) => v.text !== '').length >= 3)
        diags.push(
          diag(
            'warning',
            'T3_ROW_UNKNOWN',
            `表三中的行“${row.labels.join(' ')}”不是年报格式中的行，已忽略`,
            row.pos,
          ),
        );
      continue;
    }
    const { def } = match;
    if (seen.has(def.key)) {
      diags.push(
        diag('warning', 'T3_ROW_DUPLICATE', `表三“${def.label}”出现了不止一次，只取第一次`, row.pos),
      );
      continue;
    }
    seen.add(def.key);
    if (match.fuzzy)
      diags.push(
        diag(
          'info',
          'T3_ROW_FUZZY',
          `表三行标签“${row.labels[row.labels.length - 1]}”与格式中的“${def.label}”不完全一致，按近似匹配读取`,
          row.pos,
        ),
      );
    for (const l of row.labels) {
      const g = groupCores.get(core(l));
      if (g && core(l) !== core(def.label)) {
        t3.groupLabels ??= {};
        t3.groupLabels[g] ??= l;
      }
    }
    const { values, extra } = fitValues(row, 7);
    const target: Row = {
      label:
        singleOther && def.key === 'R3_6_3' ? row.labels[row.labels.length - 1]! : labelOf(row.labels, def),
      cells: {},
      pos: row.pos,
    };
    format.table3.columns.forEach((c, i) => {
      const v = values[i];
      target.cells[c.key] = makeCell(v?.text ?? '', undefined, v?.pos ?? row.pos);
    });
    if (extra.length) {
      target.extra = extra.map((e) => makeCell(e.text, undefined, e.pos));
      diags.push(
        diag(
          'info',
          'T3_EXTRA_CELLS',
          `表三“${def.label}”有${values.length + extra.length}个单元格，多于7列；按右对齐读取后7个，多出的单元格原样保留`,
          row.pos,
        ),
      );
    }
    if (values.length < 7) {
      diags.push(
        diag(
          'error',
          'T3_ROW_SHORT',
          `表三“${def.label}”只有${values.length}个单元格，应为7个；缺少的单元格按空白处理`,
          row.pos,
        ),
      );
    }
    t3.rows[def.key] = target;
  }
  if (singleOther) {
    delete t3.rows.R3_6_1;
    delete t3.rows.R3_6_2;
    diags.push(
      diag(
        'warning',
        'T3_SINGLE_OTHER',
        '表三“（六）其他处理”只有一行，没有2021年格式的1、2、3三个子项；已记入“3.其他”，子项1、2视为未填报',
      ),
    );
  }
  const missing = format.table3.rows.filter(
    (r) => !seen.has(r.key) && !(singleOther && (r.key === 'R3_6_1' || r.key === 'R3_6_2')),
  );
  if (seen.size === 0) {
    t3.status = 'missing';
  } else if (missing.length) {
    t3.status = 'partial';
    diags.push(
      diag(
        'error',
        'T3_ROWS_MISSING',
        `表三不完整，缺少${missing.length}行：${missing.map((r) => r.label).join('；')}`,
      ),
    );
  }
}

/** The label as found: the last label slot (the row's own cell), not the merged group cells. */
function labelOf(labels: string[], def: { label: string }): string {
  const own = labels[labels.length - 1];
  if (!own) return def.label;
  const c = core(def.label);
  // when the row's own cell was merged with a group cell into one slot, keep it whole
  return norm(own).includes(c) || similarity(core(own), c) >= 0.6 ? own : def.label;
}

// ---------------------------------------------------------------------------------------------
// Table 二

function blockFromLabel(text: string, format: ReportFormat): T2BlockDef | null {
  const m = norm(text).match(/第二十条第\(?([一二三四五六七八九十]+)\)?项/);
  if (!m) return null;
  const item = chineseNumeral(m[1]!);
  return format.table2.blocks.find((b) => b.item === item) ?? null;
}

function matchT2Row(label: string, block: T2BlockDef | null, format: ReportFormat) {
  const c = core(label);
  const blocks = block ? [block, ...format.table2.blocks.filter((b) => b !== block)] : format.table2.blocks;
  for (const b of blocks) {
    for (const r of b.rows) {
      if ([r.label, ...(r.aliases ?? [])].some((l) => core(l) === c)) return { block: b, row: r };
    }
  }
  return null;
}

function matchColumnLabel(text: string, block: T2BlockDef): ColumnDef | null {
  const n = norm(text);
  for (const col of block.columns) {
    if ([col.label, ...(col.aliases ?? [])].some((l) => norm(l) === n)) return col;
  }
  let best: { col: ColumnDef; s: number } | null = null;
  for (const col of block.columns) {
    const s = similarity(n, norm(col.label));
    if (s >= 0.5 && (!best || s > best.s)) best = { col, s };
  }
  return best?.col ?? null;
}

function recogniseT2(rows: LogicalRow[], format: ReportFormat, report: Report, diags: Diagnostic[]): void {
  const t2 = report.table2;
  let block: T2BlockDef | null = null;
  const seen = new Set<string>();
  for (const row of rows) {
    let labels = [...row.labels];
    const b = labels.map((l) => blockFromLabel(l, format)).find(Boolean);
    if (b) {
      block = b;
      labels = labels.filter((l) => !blockFromLabel(l, format));
    } else if (labels.some((l) => /第二十条第/.test(norm(l)))) {
      diags.push(
        diag(
          'warning',
          'T2_BLOCK_UNKNOWN',
          `表二中的“${labels.join(' ')}”不属于${format.id}年格式，已忽略`,
          row.pos,
        ),
      );
      block = null;
      continue;
    }
    if (labels.length && norm(labels[0]!) === '信息内容') {
      if (!block) continue;
      // column header row: the other label slots are the column labels, in order
      const colTexts = labels.slice(1);
      colTexts.forEach((t, i) => {
        const col = matchColumnLabel(t, block!) ?? block!.columns[i];
        if (col) t2.blocks[block!.key]!.columnLabels[col.key] = t;
      });
      continue;
    }
    if (!labels.length) continue;
    const m = matchT2Row(labels[labels.length - 1]!, block, format);
    if (!m) continue;
    const key = `${m.block.key}.${m.row.key}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { values } = fitValues(row, m.block.columns.length);
    const target: Row = { label: labels[labels.length - 1]!, cells: {}, pos: row.pos };
    m.block.columns.forEach((col, i) => {
      const v = values[i];
      target.cells[col.key] = makeCell(v?.text ?? '', col, v?.pos ?? row.pos);
    });
    if (values.length < m.block.columns.length)
      diags.push(
        diag(
          'error',
          'T2_ROW_SHORT',
          `表二“${m.row.label}”只有${values.length}个单元格，应为${m.block.columns.length}个；缺少的单元格按空白处理`,
          row.pos,
        ),
      );
    t2.blocks[m.block.key]!.rows[m.row.key] = target;
  }
  const all = format.table2.blocks.flatMap((b) => b.rows.map((r) => ({ b, r })));
  const missing = all.filter(({ b, r }) => !seen.has(`${b.key}.${r.key}`));
  if (seen.size === 0) t2.status = 'missing';
  else if (missing.length) {
    t2.status = 'partial';
    diags.push(
      diag('error', 'T2_ROWS_MISSING', `表二不完整，缺少：${missing.map(({ r }) => r.label).join('；')}`),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Table 四

function recogniseT4(rows: LogicalRow[], format: ReportFormat, report: Report, diags: Diagnostic[]): void {
  const n = format.table4.columns.length;
  const data = rows.find((r) => r.values.filter((v) => v.text !== '').length >= 5 && r.values.length >= n);
  const short = rows.find((r) => r.values.filter((v) => v.text !== '').length >= 1 && !r.labels.length);
  const row = data ?? short;
  if (!row) {
    report.table4.status = 'missing';
    return;
  }
  const { values, extra } = fitValues(row, n);
  const target: Row = { label: row.labels.join(' '), cells: {}, pos: row.pos };
  format.table4.columns.forEach((c, i) => {
    const v = values[i];
    target.cells[c.key] = makeCell(v?.text ?? '', undefined, v?.pos ?? row.pos);
  });
  if (extra.length) target.extra = extra.map((e) => makeCell(e.text, undefined, e.pos));
  if (values.length < n) {
    report.table4.status = 'partial';
    diags.push(
      diag(
        'error',
        'T4_ROW_SHORT',
        `表四数据行只有${values.length}个单元格，应为${n}个；缺少的单元格按空白处理`,
        row.pos,
      ),
    );
  }
  report.table4.row = target;
}

// ---------------------------------------------------------------------------------------------

export function recognise(doc: IrDocument): Report {
  const diags: Diagnostic[] = [];
  // 1. paragraphs, with long dumps split at inline section headings
  type Item = { kind: 'para'; para: Para } | { kind: 'table'; table: IrTable };
  const items: Item[] = [];
  const allText: string[] = [];
  for (const b of doc.blocks) {
    if (b.type === 'table') {
      items.push({ kind: 'table', table: b });
      for (const r of b.rows) allText.push(r.map((c) => c.text).join(' '));
      continue;
    }
    allText.push(b.text);
    items.push({ kind: 'para', para: { text: b.text, pos: b.pos } });
  }
  const paras = items.filter((i): i is { kind: 'para'; para: Para } => i.kind === 'para').map((i) => i.para);
  const info = titleInfo(paras);

  // 2. sections (headings in increasing order; a heading may sit inside a long paragraph)
  const sections: (Section & { tables: IrTable[]; flat: string[] })[] = [];
  const preamble: string[] = [];
  let current: (typeof sections)[number] | null = null;
  const push = (text: string) => {
    const t = text.trim();
    if (!t) return;
    if (current) current.paragraphs.push(t);
    else if (t !== info.title && !/^标题\s*[:：]/.test(t)) preamble.push(t);
  };
  for (const item of items) {
    if (item.kind === 'table') {
      current?.tables.push(item.table);
      continue;
    }
    const { text, pos } = item.para;
    let cursor = 0;
    for (const h of findHeadings(text)) {
      if (h.def.number <= (current?.number ?? 0)) continue;
      if (h.printedNumber !== h.def.number)
        diags.push(
          diag(
            'warning',
            'SECTION_NUMBER',
            `章节“${h.heading}”的序号与年报格式不符（应为第${h.def.number}部分）`,
            pos,
          ),
        );
      push(text.slice(cursor, h.start));
      current = {
        number: h.def.number,
        key: h.def.key,
        heading: h.heading,
        paragraphs: [],
        pos: { ...pos, ...(h.start > 0 ? { column: h.start + 1 } : {}) },
        tables: [],
        flat: [],
      };
      sections.push(current);
      cursor = h.end;
    }
    push(text.slice(cursor));
  }

  // 3. format and year
  const textAll = allText.join('\n');
  const fmt = detectFormat(textAll);
  const year = info.year ?? periodYear(textAll);
  if (!info.year && year)
    diags.push(diag('info', 'YEAR_FROM_PERIOD', `标题中没有年份，按统计期限取${year}年`));
  let formatId: Report['format'] = fmt.id;
  const evidence = [...fmt.evidence];
  if (!formatId && year !== null) {
    const f = formatForYear(year);
    formatId = f ? f.id : 'pre2019';
    evidence.push(`表格栏目未能判断格式，按报告年度${year}年推定`);
  }
  if (year !== null && year < 2019) {
    formatId = 'pre2019';
    evidence.push(`报告年度${year}年早于2019年，没有全国统一表格，只按章节导入文字`);
  }

  const tableFormatId: FormatId = formatId === '2019' || formatId === '2021' ? formatId : '2021';
  const format = FORMATS[tableFormatId];
  const report = emptyReport(tableFormatId, year ?? 0, info.agency);
  report.format = formatId;
  report.year = year;
  report.title = info.title;
  report.formatEvidence = evidence;
  report.preamble = preamble;
  report.sections = sections.map(({ tables: _t, flat: _f, ...s }) => s);

  if (formatId === 'pre2019') {
    for (const t of ['table2', 'table3', 'table4'] as const) report[t].status = 'missing';
    report.table3.rows = {};
    report.table2.blocks = {};
    report.table4.row = null;
  } else {
    // 4. tables: classify every row by markers, falling back on the section it sits in
    const byKind: Record<TableKind, LogicalRow[]> = { T2: [], T3: [], T4: [] };
    const sectionOf = new Map<IrTable, number>();
    for (const s of sections) for (const t of s.tables) sectionOf.set(t, s.number);
    let kind: TableKind | null = null;
    for (const item of items) {
      if (item.kind !== 'table') continue;
      const secKind = ({ 2: 'T2', 3: 'T3', 4: 'T4' } as Record<number, TableKind>)[
        sectionOf.get(item.table) ?? 0
      ];
      kind = secKind ?? kind;
      for (const row of gridRows(item.table, doc.source === 'text')) {
        const k = markersKind(row.all);
        if (k && !(k === 'T4' && kind === 'T3' && !norm(row.all).includes('结果维持'))) kind = k;
        if (kind) byKind[kind].push(row);
      }
    }
    // 5. tables flattened into running text (web-page dumps)
    const flat = (n: number) =>
      sections
        .filter((s) => s.number === n)
        .flatMap((s) => s.paragraphs)
        .join(' ');
    const consumed = new Set<string>();
    if (byKind.T2.length) recogniseT2(byKind.T2, format, report, diags);
    else if (!readFlattenedT2(flat(2), format, report, diags, consumed)) report.table2.status = 'missing';
    if (byKind.T3.length) recogniseT3(byKind.T3, format, report, diags);
    else if (!readFlattenedT3(flat(3), format, report, diags, consumed)) report.table3.status = 'missing';
    if (byKind.T4.length) recogniseT4(byKind.T4, format, report, diags);
    else if (!readFlattenedT4(flat(4), format, report, diags, consumed)) report.table4.status = 'missing';
    // paragraphs that were tables are not section text
    if (consumed.size) {
      for (const s of report.sections) {
        s.paragraphs = s.paragraphs
          .map((p) => {
            for (const c of consumed) if (p.includes(c)) p = p.replace(c, '').trim();
            return p;
          })
          .filter((p) => p !== '');
      }
    }
    const names = {
      table2: '表二（主动公开政府信息情况）',
      table3: '表三（收到和处理政府信息公开申请情况）',
      table4: '表四（行政复议、行政诉讼情况）',
    };
    for (const t of ['table2', 'table3', 'table4'] as const) {
      if (report[t].status === 'missing') diags.push(diag('error', 'TABLE_MISSING', `没有找到${names[t]}`));
    }
  }

  // 6. document-level diagnostics
  if (!info.title)
    diags.push(diag('warning', 'TITLE_MISSING', '没有找到报告标题（含“政府信息公开工作年度报告”的一行）'));
  if (year === null)
    diags.push(diag('error', 'YEAR_MISSING', '无法确定报告年度：标题和统计期限中都没有年份'));
  if (!sections.length) diags.push(diag('error', 'SECTIONS_MISSING', '没有找到“一、总体情况”等六个章节标题'));
  report.diagnostics = [...diags, ...doc.notes.map((n) => diag('info', 'FRONT_END', n))];
  return report;
}

export type { Cell, TableStatus };
