/**
 * Helpers shared by the rule families: result construction, cell references with Chinese labels,
 * balance checks that never read a blank as 0, the reporting body's kind, and text normalisation.
 */
import { FORMAT_2021, FORMATS, T3_COLUMNS, T4_COLUMNS, T4_GROUPS } from '../formats/index.ts';
import type { ReportFormat } from '../formats/types.ts';
import type { Cell, Report, Row, TableStatus } from '../model.ts';
import type {
  CellRef,
  CheckConfig,
  CheckContext,
  RuleDef,
  RuleResult,
  RuleSeverity,
  RuleStatus,
} from './types.ts';

export const DEFAULT_CONFIG: CheckConfig = {
  agencyKind: 'auto',
  boilerplateThreshold: 0.8,
};

/** Builds a result of a rule; the severity defaults to the rule's own. */
export function result(
  def: Pick<RuleDef, 'id' | 'severity'>,
  status: RuleStatus,
  message: string,
  cells: CellRef[] = [],
  severity: RuleSeverity = def.severity,
): RuleResult {
  return { ruleId: def.id, severity, status, message, cells };
}

// ---------------------------------------------------------------------------------------------
// Formats and tables

/** The report's format definition; null for pre-2019 reports (no national tables). */
export function formatOf(report: Report): ReportFormat | null {
  if (report.format === '2019' || report.format === '2021') return FORMATS[report.format];
  if (report.format === 'pre2019') return null;
  // Unknown format: the table 三/四 layouts are shared, so the 2021 labels serve for messages.
  return FORMAT_2021;
}

/** Table rules apply to the 2019/2021 layouts only; pre-2019 reports have no national tables (spec §2.3). */
export function hasNationalTables(report: Report): boolean {
  return report.format !== 'pre2019';
}

const TABLE_NAMES = { T2: '表二', T3: '表三', T4: '表四' } as const;

const STATUS_TEXT: Record<TableStatus, string> = {
  ok: '正常',
  partial: '部分可读',
  recovered: '由连写数字恢复',
  unreadable: '无法识别',
  missing: '缺失',
};

/**
 * If the table cannot be checked at all (unreadable or missing), the message saying so; else null.
 * Such a table never yields a pass or a fail.
 */
export function tableUnavailable(report: Report, table: 'T2' | 'T3' | 'T4'): string | null {
  const status =
    table === 'T2' ? report.table2.status : table === 'T3' ? report.table3.status : report.table4.status;
  if (status === 'unreadable' || status === 'missing') {
    return `${TABLE_NAMES[table]}未能读取（${STATUS_TEXT[status]}），无法核对`;
  }
  if (table === 'T4' && !report.table4.row) return '表四未能读取（缺失），无法核对';
  return null;
}

/** A note appended to messages about tables rebuilt from run-together digits. */
export function recoveredNote(report: Report, table: 'T2' | 'T3' | 'T4'): string {
  const status =
    table === 'T2' ? report.table2.status : table === 'T3' ? report.table3.status : report.table4.status;
  return status === 'recovered' ? `（注：${TABLE_NAMES[table]}由连写数字恢复，数字拆分依赖于行列合计）` : '';
}

/** Chinese label of a table 三 column key. */
export function t3ColumnLabel(colKey: string): string {
  return T3_COLUMNS.find((c) => c.key === colKey)?.label ?? colKey;
}

/** Canonical (format) label of a table 三 row, falling back to the label found. */
export function t3RowLabel(report: Report, rowKey: string): string {
  const def = (formatOf(report) ?? FORMAT_2021).table3.rows.find((r) => r.key === rowKey);
  return def?.label ?? report.table3.rows[rowKey]?.label ?? rowKey;
}

function refFor(table: CellRef['table'], key: string, label: string, cell: Cell | undefined): CellRef {
  return { table, key, label, raw: cell?.raw ?? '', value: cell?.kind === 'number' ? cell.value : null };
}

/** A table 三 cell and its reference, e.g. key 'R1.c7', label 表三“一、本年新收政府信息公开申请数量”/总计. */
export function t3Cell(report: Report, rowKey: string, colKey: string): Operand {
  const row: Row | undefined = report.table3.rows[rowKey];
  const cell = row?.cells[colKey];
  const label = `表三“${t3RowLabel(report, rowKey)}”/${t3ColumnLabel(colKey)}`;
  return operand(refFor('T3', `${rowKey}.${colKey}`, label, cell), cell, rowProblem(row));
}

/** A table 四 cell by column key ('review.total', …). */
export function t4Cell(report: Report, colKey: string): Operand {
  const cell = report.table4.row?.cells[colKey];
  const col = T4_COLUMNS.find((c) => c.key === colKey);
  const group = T4_GROUPS.find((g) => colKey.startsWith(g.prefix))?.label ?? col?.group ?? '';
  const label = `表四 ${group}/${col?.label ?? colKey}`;
  return operand(
    refFor('T4', colKey, label, cell),
    cell,
    report.table4.row ? rowProblem(report.table4.row) : '缺失',
  );
}

/** A table 二 cell. */
export function t2Cell(report: Report, blockKey: string, rowKey: string, colKey: string): Operand {
  const f = formatOf(report) ?? FORMAT_2021;
  const blockDef = f.table2.blocks.find((b) => b.key === blockKey);
  const block = report.table2.blocks[blockKey];
  const row = block?.rows[rowKey];
  const cell = row?.cells[colKey];
  const rowLabel = blockDef?.rows.find((r) => r.key === rowKey)?.label ?? row?.label ?? rowKey;
  const colLabel =
    blockDef?.columns.find((c) => c.key === colKey)?.label ?? block?.columnLabels[colKey] ?? colKey;
  const label = `表二 ${blockDef?.label ?? blockKey}“${rowLabel}”/${colLabel}`;
  return operand(refFor('T2', `${blockKey}.${rowKey}.${colKey}`, label, cell), cell, rowProblem(row));
}

// ---------------------------------------------------------------------------------------------
// Operands and balance checks

/** A cell taking part in a check: its numeric value, or why it has none. */
export interface Operand {
  ref: CellRef;
  value: number | null;
  /** Why the cell is not a number, as a predicate: 为空白 / 为“/” / 为文字“…” / 缺失 / 未能读取（…）. */
  problem?: string;
}

/** Describes a non-numeric cell as a predicate for messages ("为空白"); undefined for a number. */
export function describeProblem(cell: Cell | undefined): string | undefined {
  if (!cell) return '缺失';
  switch (cell.kind) {
    case 'number':
      return undefined;
    case 'empty':
      return '为空白';
    case 'na':
      return `为“${cell.raw}”`;
    case 'text':
      return `为文字“${cell.raw}”`;
  }
}

/**
 * Why no cell of a row can be used: the row is absent, or the parser could not split its run-together digits
 * (`unreadable`; its cells are then blank in the model but were not blank in the report).
 */
export function rowProblem(row: Row | undefined): string | undefined {
  if (!row) return '缺失（该行未找到）';
  if (row.unreadable !== undefined) {
    return row.unreadable ? `未能读取（该行数字连写为“${row.unreadable}”）` : '未能读取（该行未找到）';
  }
  return undefined;
}

function operand(ref: CellRef, cell: Cell | undefined, missing?: string): Operand {
  const problem = missing ?? describeProblem(cell);
  return problem ? { ref, value: null, problem } : { ref, value: ref.value };
}

/** "表三…/总计为空白；表三…为“/”" — the cells that stop a check (the first `max`, then a count). */
export function listProblems(ops: Operand[], max = 6): string {
  const bad = ops.filter((o) => o.problem);
  const shown = bad
    .slice(0, max)
    .map((o) => `${o.ref.label}${o.problem}`)
    .join('；');
  return bad.length > max ? `${shown}；等共${bad.length}个单元格` : shown;
}

export interface BalanceSide {
  /** Chinese name of the side, e.g. 一+二, （七）总计+四. */
  name: string;
  ops: Operand[];
}

const fmtNum = (n: number): string => String(Math.round(n * 1e6) / 1e6);

function sideText(side: BalanceSide, sum: number): string {
  const values = side.ops.map((o) => fmtNum(o.value ?? 0));
  if (side.ops.length === 1) return `${side.name} = ${values[0]}`;
  if (side.ops.length <= 7) return `${side.name} = ${values.join('+')} = ${fmtNum(sum)}`;
  return `${side.name} = ${fmtNum(sum)}`;
}

/**
 * One equality check `Σ left == Σ right`. Any blank, "/" or text cell makes it not assessable
 * (never read as 0), with a message naming those cells.
 */
export function balance(
  def: Pick<RuleDef, 'id' | 'severity'>,
  subject: string,
  left: BalanceSide,
  right: BalanceSide,
  note = '',
): RuleResult {
  const ops = [...left.ops, ...right.ops];
  const cells = ops.map((o) => o.ref);
  if (ops.some((o) => o.problem)) {
    return result(
      def,
      'not-assessable',
      `${subject}无法核对：${listProblems(ops)}（空白或“/”不按0计）${note}`,
      cells,
    );
  }
  const l = left.ops.reduce((s, o) => s + (o.value ?? 0), 0);
  const r = right.ops.reduce((s, o) => s + (o.value ?? 0), 0);
  const text = `${sideText(left, l)}，${sideText(right, r)}`;
  if (Math.abs(l - r) < 1e-9) return result(def, 'pass', `${subject}：${text}${note}`, cells);
  return result(def, 'fail', `${subject}不相等：${text}，相差${fmtNum(Math.abs(l - r))}${note}`, cells);
}

// ---------------------------------------------------------------------------------------------
// Reporting body

export type BodyKind = 'government' | 'department' | 'township' | 'unknown';

const DEPARTMENT_SUFFIX =
  /(局|委|委员会|厅|办|办公室|办公厅|中心|院|署|部|处|所|站|队|会|馆|社|室|司|行|集团|公司|学校|大学|医院)$/;

/**
 * The kind of reporting body. With agencyKind 'auto' it is inferred from the agency name: a name ending in
 * 人民政府 / 政府 / 管委会 / 管理委员会, or a bare place name (…区, …市), is a government (乡 / 镇 governments and
 * 街道办事处 are townships); a name ending in a department suffix (局, 委, 办公厅, …) is a department; otherwise
 * unknown.
 */
export function bodyKind(ctx: CheckContext): BodyKind {
  if (ctx.config.agencyKind !== 'auto') return ctx.config.agencyKind;
  return inferBodyKind(ctx.report.agency);
}

export function inferBodyKind(agency: string | null): BodyKind {
  const name = agency?.replace(/\s+/g, '') ?? '';
  if (!name) return 'unknown';
  if (/(乡|镇)(人民)?政府$/.test(name) || /街道办事处$/.test(name)) return 'township';
  if (/(人民政府|政府|管委会|管理委员会)$/.test(name)) return 'government';
  if (DEPARTMENT_SUFFIX.test(name)) return 'department';
  // A bare place name (平潭综合实验区, 洪泽区) stands for its government.
  if (/(乡|镇|街道)$/.test(name)) return 'township';
  if (/(省|市|区|县|州|盟|旗)$/.test(name)) return 'government';
  return 'unknown';
}

export const BODY_KIND_TEXT: Record<BodyKind, string> = {
  government: '人民政府',
  department: '政府部门',
  township: '乡镇（街道）',
  unknown: '不明',
};

// ---------------------------------------------------------------------------------------------
// Text

/**
 * Text normalised for matching: full-width digits and signs to ASCII, thousands separators dropped, and
 * all whitespace removed (PDF text puts spaces around numbers: "申请 17 件").
 */
export function normalizeText(s: string): string {
  return s
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/[．]/g, '.')
    .replace(/[\s\u3000]+/g, '')
    .replace(/(?<=\d)[,，](?=\d{3}(?!\d))/g, '');
}

export const SECTION_NUMERALS = '一二三四五六';

/** A paragraph of the report with where it came from. */
export interface TextBlock {
  /** 0 for the preamble, else the section number. */
  section: number;
  text: string;
}

/** Preamble and section paragraphs, normalised. */
export function textBlocks(report: Report): TextBlock[] {
  const out: TextBlock[] = report.preamble.map((p) => ({ section: 0, text: normalizeText(p) }));
  for (const s of report.sections) {
    for (const p of s.paragraphs) out.push({ section: s.number, text: normalizeText(p) });
  }
  return out.filter((b) => b.text.length > 0);
}

/** Normalised text of the sections with the given numbers (all sections when omitted). */
export function sectionText(report: Report, numbers?: number[]): string {
  return report.sections
    .filter((s) => !numbers || numbers.includes(s.number))
    .map((s) => normalizeText(s.paragraphs.join('')))
    .join('');
}

export function whereText(section: number): string {
  return section === 0 ? '报告开头' : `正文第${SECTION_NUMERALS[section - 1] ?? section}部分`;
}

export function textRef(section: number, raw: string, value: number | null): CellRef {
  return {
    table: 'text',
    key: section === 0 ? 'preamble' : `section:${section}`,
    label: whereText(section),
    raw,
    value,
  };
}

/** Parses a small Chinese or Arabic numeral (一 … 十, 1 … 99). */
export function parseSmallNumeral(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  const digits = '零一二三四五六七八九';
  if (s === '十') return 10;
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? digits.indexOf(m[1]) : 1) * 10 + (m[2] ? digits.indexOf(m[2]) : 0);
  if (s.length === 1 && digits.includes(s)) return digits.indexOf(s);
  if (s === '两') return 2;
  return null;
}
