/**
 * The report as one self-contained, accessible HTML5 page: the six sections, and tables 二/三/四
 * laid out with the merged cells of the national format (spec §1.2–1.4, §2.2). Optionally marks
 * the cells that failed a rule and lists the findings at the end.
 *
 * Every piece of text from the report goes through `esc`; the page has no script.
 */
import { FORMATS, type FormatId, type ReportFormat, type T3RowDef } from '../formats/index.ts';
import type { Cell, Report, Section } from '../model.ts';
import type { CellRef, RuleResult, RuleSeverity } from '../rules/types.ts';
import {
  cnNumber,
  DIAGNOSTICS_HEADING,
  FINDINGS_HEADING,
  findingsSummary,
  rawForDisplay,
  SEVERITY_LABEL,
  T2_CONTENT_HEADER,
  T4_LITIGATION,
  T4_REVIEW,
  type TableNo,
  tableCaption,
  tableStatusNotice,
} from './labels.ts';
import { titleLines } from './layout.ts';

export interface HtmlRenderOptions {
  /** Rule results; failed ones mark their cells, and all are summarised in a 检查结果 section. */
  findings?: RuleResult[];
  /**
   * The page for printing to PDF (render/pdf.ts): the document as published, without the meta
   * line, the table captions and the 解析说明 section, with page numbers “— 1 —” (right on odd
   * pages, left on even pages, as GB/T 9704).
   */
  print?: boolean;
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

type AttrValue = string | number | undefined | null | false;

/** ` name="value"` pairs; undefined/null/false values and spans of 1 are left out. */
function attrs(a: Record<string, AttrValue>): string {
  let out = '';
  for (const [name, value] of Object.entries(a)) {
    if (value === undefined || value === null || value === false || value === '') continue;
    if ((name === 'rowspan' || name === 'colspan') && value === 1) continue;
    out += ` ${name}="${esc(String(value))}"`;
  }
  return out;
}

const idPart = (key: string): string => key.replace(/[^A-Za-z0-9_-]/g, '-');

// ---------------------------------------------------------------------------------------------
// Findings → flagged cells

type CellTable = 'T2' | 'T3' | 'T4';

interface Flag {
  severity: RuleSeverity;
  findingIds: string[];
  messages: string[];
}

interface Ctx {
  /** `${table}:${key}` → how the cell is flagged. */
  flags: Map<string, Flag>;
  /** `${table}:${key}` → element id of every data cell rendered. */
  cellIds: Map<string, string>;
  /** Rendering for print (HtmlRenderOptions.print). */
  print?: boolean;
}

interface NumberedFinding {
  id: string;
  result: RuleResult;
}

const flagKey = (table: string, key: string): string => `${table}:${key}`;

/** Failed results first (errors before warnings), then not-assessable; passes are only counted. */
function numberFindings(findings: RuleResult[]): {
  failed: NumberedFinding[];
  notAssessable: NumberedFinding[];
} {
  const fails = findings.filter((f) => f.status === 'fail');
  const sorted = [
    ...fails.filter((f) => f.severity === 'error'),
    ...fails.filter((f) => f.severity !== 'error'),
  ];
  const failed = sorted.map((result, i) => ({ id: `finding-${i + 1}`, result }));
  const notAssessable = findings
    .filter((f) => f.status === 'not-assessable')
    .map((result, i) => ({ id: `finding-na-${i + 1}`, result }));
  return { failed, notAssessable };
}

/** Longest message (in characters) repeated in a cell's tooltip; the full text is in the findings list. */
const TITLE_MAX = 80;

const shorten = (text: string, max: number): string =>
  [...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text;

function buildFlags(failed: NumberedFinding[]): Map<string, Flag> {
  const flags = new Map<string, Flag>();
  for (const { id, result } of failed) {
    for (const ref of result.cells) {
      if (ref.table !== 'T2' && ref.table !== 'T3' && ref.table !== 'T4') continue;
      const k = flagKey(ref.table, ref.key);
      let flag = flags.get(k);
      if (!flag) {
        flag = { severity: result.severity, findingIds: [], messages: [] };
        flags.set(k, flag);
      }
      if (result.severity === 'error') flag.severity = 'error';
      if (!flag.findingIds.includes(id)) {
        flag.findingIds.push(id);
        flag.messages.push(`${result.ruleId}：${shorten(result.message, TITLE_MAX)}`);
      }
    }
  }
  return flags;
}

// ---------------------------------------------------------------------------------------------
// Cells

function cellClass(cell: Cell | undefined): string {
  switch (cell?.kind) {
    case 'number':
      return 'num';
    case 'na':
      return 'na';
    case 'text':
      return 'text';
    default:
      return 'blank';
  }
}

/** One data cell: the raw text as found (blank stays blank, "/" stays "/"), flagged if a rule failed on it. */
function dataCell(
  ctx: Ctx,
  table: CellTable,
  key: string,
  cell: Cell | undefined,
  headers: string[],
  colspan = 1,
): string {
  const id = `${table.toLowerCase()}-${idPart(key)}`;
  const k = flagKey(table, key);
  ctx.cellIds.set(k, id);
  const flag = ctx.flags.get(k);
  const classes = [cellClass(cell)];
  if (flag) classes.push(flag.severity === 'error' ? 'cell-error' : 'cell-warning');
  const text = cell && cell.kind !== 'empty' ? cell.raw : '';
  return `<td${attrs({
    id,
    class: classes.join(' '),
    colspan,
    headers: headers.filter(Boolean).join(' '),
    title: flag ? flag.messages.join('；') : undefined,
    'aria-describedby': flag ? flag.findingIds.join(' ') : undefined,
  })}>${esc(text)}</td>`;
}

/** Horizontal-scroll wrapper for narrow screens, keyboard-focusable and named after the caption. */
function scrollWrap(captionId: string, table: string): string {
  return `<div class="table-scroll" role="region" tabindex="0" aria-labelledby="${captionId}">\n${table}\n</div>`;
}

/**
 * A table's caption and its wrapper. For print the table stands as in the national format, under
 * its section heading, without a caption (its name is kept as aria-label) or scroll region.
 */
function captioned(ctx: Ctx, n: TableNo, lines: string[]): string {
  const id = `caption-t${n}`;
  if (ctx.print) {
    return lines
      .filter((l) => !l.startsWith(`<caption id="${id}"`))
      .map((l) =>
        l.startsWith(`<table class="t${n}"`) ? l.replace(/>$/, ` aria-label="${esc(tableCaption(n))}">`) : l,
      )
      .join('\n');
  }
  return scrollWrap(id, lines.join('\n'));
}

const notice = (text: string, cls = 'notice'): string => `<p class="${cls}" role="note">${esc(text)}</p>`;

// ---------------------------------------------------------------------------------------------
// Table 二

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (a: number, b: number): number => (a * b) / gcd(a, b);

function renderTable2(report: Report, fmt: ReportFormat, ctx: Ctx): string {
  // Data columns of all blocks share one grid: its width is a multiple of every block's column count.
  const width = fmt.table2.blocks.reduce((w, b) => lcm(w, Math.max(1, b.columns.length)), 1);
  const parts: string[] = [
    `<table class="t2" id="table-2">`,
    `<caption id="caption-t2">${esc(tableCaption(2))}</caption>`,
    `<colgroup><col class="col-label"><col span="${width}" class="col-data"></colgroup>`,
  ];
  for (const b of fmt.table2.blocks) {
    const stored = report.table2.blocks[b.key];
    const span = width / Math.max(1, b.columns.length);
    const bid = `t2-${idPart(b.key)}`;
    parts.push('<tbody>');
    parts.push(
      `<tr class="block-head"><th${attrs({ scope: 'rowgroup', colspan: width + 1, id: bid })}>${esc(b.label)}</th></tr>`,
    );
    const heads = b.columns.map((c) => {
      const label = stored?.columnLabels[c.key] || c.label;
      return `<th${attrs({ scope: 'col', colspan: span, id: `${bid}-c-${idPart(c.key)}` })}>${esc(label)}</th>`;
    });
    parts.push(
      `<tr class="col-head"><th scope="col" id="${bid}-content">${esc(T2_CONTENT_HEADER)}</th>${heads.join('')}</tr>`,
    );
    for (const r of b.rows) {
      const row = stored?.rows[r.key];
      const rid = `${bid}-r-${idPart(r.key)}`;
      const cells = b.columns.map((c) =>
        dataCell(
          ctx,
          'T2',
          `${b.key}.${r.key}.${c.key}`,
          row?.cells[c.key],
          [rid, bid, `${bid}-c-${idPart(c.key)}`],
          span,
        ),
      );
      parts.push(`<tr><th scope="row" id="${rid}">${esc(row?.label || r.label)}</th>${cells.join('')}</tr>`);
    }
    parts.push('</tbody>');
  }
  parts.push('</table>');
  return captioned(ctx, 2, parts);
}

// ---------------------------------------------------------------------------------------------
// Table 三

const sameGroups = (a: T3RowDef | undefined, b: T3RowDef | undefined, depth: number): boolean =>
  !!a &&
  !!b &&
  a.groups.length >= depth &&
  b.groups.length >= depth &&
  a.groups.slice(0, depth).join('\u0000') === b.groups.slice(0, depth).join('\u0000');

function renderTable3(report: Report, fmt: ReportFormat, ctx: Ctx): string {
  const rows = fmt.table3.rows;
  const cols = fmt.table3.columns;
  const labelCols = 1 + Math.max(0, ...rows.map((r) => r.groups.length));
  const colId = (key: string): string => `t3-c-${idPart(key)}`;
  // Id of the header over a group of columns (法人或其他组织), by the group's first column.
  const colGroupId = (group: string): string => `t3-cg-${idPart(cols.find((c) => c.group === group)!.key)}`;

  // Header: note cell | 申请人情况 over all columns; ungrouped columns span two rows; grouped columns under their group.
  const head1 = `<tr><td${attrs({ class: 'note', rowspan: 3, colspan: labelCols })}>${esc(fmt.table3.note)}</td><th${attrs(
    { scope: 'colgroup', colspan: cols.length, id: 't3-applicant' },
  )}>申请人情况</th></tr>`;
  const head2: string[] = [];
  const head3: string[] = [];
  cols.forEach((c, i) => {
    if (!c.group) {
      head2.push(`<th${attrs({ scope: 'col', rowspan: 2, id: colId(c.key) })}>${esc(c.label)}</th>`);
      return;
    }
    if (cols[i - 1]?.group !== c.group) {
      let n = 0;
      while (cols[i + n]?.group === c.group) n++;
      head2.push(
        `<th${attrs({ scope: 'colgroup', colspan: n, id: colGroupId(c.group) })}>${esc(c.group)}</th>`,
      );
    }
    head3.push(`<th${attrs({ scope: 'col', id: colId(c.key) })}>${esc(c.label)}</th>`);
  });

  const body: string[] = [];
  rows.forEach((d, i) => {
    const cells: string[] = [];
    const groupIds: string[] = [];
    for (let depth = 1; depth <= d.groups.length; depth++) {
      let start = i;
      while (sameGroups(rows[start - 1], d, depth)) start--;
      const gid = `t3-g${depth}-${idPart(rows[start]!.key)}`;
      groupIds.push(gid);
      if (start === i) {
        let n = 1;
        while (sameGroups(rows[i + n], d, depth)) n++;
        cells.push(
          `<th${attrs({ scope: 'row', rowspan: n, id: gid, class: 'group' })}>${esc(d.groups[depth - 1]!)}</th>`,
        );
      }
    }
    const row = report.table3.rows[d.key];
    const rid = `t3-r-${idPart(d.key)}`;
    cells.push(
      `<th${attrs({ scope: 'row', colspan: labelCols - d.groups.length, id: rid, class: d.total ? 'total' : undefined })}>${esc(
        row?.label || d.label,
      )}</th>`,
    );
    for (const c of cols) {
      const headers = [rid, ...groupIds, 't3-applicant', c.group ? colGroupId(c.group) : '', colId(c.key)];
      cells.push(dataCell(ctx, 'T3', `${d.key}.${c.key}`, row?.cells[c.key], headers));
    }
    body.push(`<tr${attrs({ class: d.total ? 'total' : undefined })}>${cells.join('')}</tr>`);
  });

  const table = [
    `<table class="t3" id="table-3">`,
    `<caption id="caption-t3">${esc(tableCaption(3))}</caption>`,
    `<colgroup>${Array.from({ length: labelCols }, (_, i) => `<col class="col-label-${i + 1}">`).join('')}<col span="${cols.length}" class="col-data"></colgroup>`,
    '<thead>',
    head1,
    `<tr>${head2.join('')}</tr>`,
    `<tr>${head3.join('')}</tr>`,
    '</thead>',
    '<tbody>',
    ...body,
    '</tbody>',
    '</table>',
  ];
  return captioned(ctx, 3, table);
}

// ---------------------------------------------------------------------------------------------
// Table 四

function renderTable4(report: Report, fmt: ReportFormat, ctx: Ctx): string {
  const cols = fmt.table4.columns;
  const colId = (key: string): string => `t4-c-${idPart(key)}`;
  const groupId = (group: string): string =>
    group === T4_REVIEW
      ? 't4-review'
      : group === T4_LITIGATION
        ? 't4-litigation'
        : `t4-g-${cols.findIndex((c) => c.group === group)}`;
  const subId = (i: number): string => `t4-s-${i}`;

  const head1: string[] = [];
  const head2: string[] = [];
  const head3: string[] = [];
  const subStart: number[] = [];
  cols.forEach((c, i) => {
    if (cols[i - 1]?.group !== c.group) {
      let n = 0;
      while (cols[i + n]?.group === c.group) n++;
      head1.push(`<th${attrs({ scope: 'colgroup', colspan: n, id: groupId(c.group) })}>${esc(c.group)}</th>`);
    }
    if (!c.subgroup) {
      // Columns without a sub-group (行政复议) span the sub-group row and the label row.
      head2.push(`<th${attrs({ scope: 'col', rowspan: 2, id: colId(c.key) })}>${esc(c.label)}</th>`);
      subStart.push(-1);
      return;
    }
    const prev = cols[i - 1];
    if (prev?.subgroup !== c.subgroup || prev?.group !== c.group) {
      let n = 0;
      while (cols[i + n]?.subgroup === c.subgroup && cols[i + n]?.group === c.group) n++;
      head2.push(`<th${attrs({ scope: 'colgroup', colspan: n, id: subId(i) })}>${esc(c.subgroup)}</th>`);
      subStart.push(i);
    } else {
      subStart.push(subStart[i - 1]!);
    }
    head3.push(`<th${attrs({ scope: 'col', id: colId(c.key) })}>${esc(c.label)}</th>`);
  });

  const row = report.table4.row;
  const cells = cols.map((c, i) => {
    const s = subStart[i]!;
    return dataCell(ctx, 'T4', c.key, row?.cells[c.key], [
      groupId(c.group),
      s >= 0 ? subId(s) : '',
      colId(c.key),
    ]);
  });

  const table = [
    `<table class="t4" id="table-4">`,
    `<caption id="caption-t4">${esc(tableCaption(4))}</caption>`,
    '<thead>',
    `<tr>${head1.join('')}</tr>`,
    `<tr>${head2.join('')}</tr>`,
    `<tr>${head3.join('')}</tr>`,
    '</thead>',
    '<tbody>',
    `<tr>${cells.join('')}</tr>`,
    '</tbody>',
    '</table>',
  ];
  return captioned(ctx, 4, table);
}

// ---------------------------------------------------------------------------------------------
// Tables by section

function renderTable(n: TableNo, report: Report, fmt: ReportFormat | null, ctx: Ctx): string {
  const status = n === 2 ? report.table2.status : n === 3 ? report.table3.status : report.table4.status;
  if (!fmt)
    return status === 'missing'
      ? ''
      : notice(`本报告未采用全国统一格式，${tableCaption(n)}不按统一格式呈现。`);
  const msg = tableStatusNotice(n, status);
  if (status === 'unreadable' || status === 'missing') return notice(msg ?? '', 'notice table-notice');
  const table =
    n === 2
      ? renderTable2(report, fmt, ctx)
      : n === 3
        ? renderTable3(report, fmt, ctx)
        : renderTable4(report, fmt, ctx);
  return msg ? `${table}\n${notice(msg, 'notice table-note')}` : table;
}

/** The report's sections, plus a canonical one for any table section the source lacks, in number order. */
function sectionsWithTables(report: Report, fmt: ReportFormat | null): Section[] {
  const out = [...report.sections];
  if (!fmt) return out;
  for (const n of [2, 3, 4]) {
    if (out.some((s) => s.number === n)) continue;
    const def = fmt.sections.find((s) => s.number === n)!;
    const section: Section = {
      number: n,
      key: def.key,
      heading: `${cnNumber(n)}、${def.heading}`,
      paragraphs: [],
    };
    const at = out.findIndex((s) => s.number > n);
    if (at < 0) out.push(section);
    else out.splice(at, 0, section);
  }
  return out;
}

function renderSection(
  s: Section,
  i: number,
  report: Report,
  fmt: ReportFormat | null,
  ctx: Ctx,
  placed: Set<number>,
): string {
  const hid = `section-${i + 1}`;
  const parts = [`<section aria-labelledby="${hid}">`, `<h2 id="${hid}">${esc(s.heading)}</h2>`];
  for (const p of s.paragraphs) if (p.trim() !== '') parts.push(`<p>${esc(p)}</p>`);
  if ((s.number === 2 || s.number === 3 || s.number === 4) && !placed.has(s.number)) {
    placed.add(s.number);
    const t = renderTable(s.number, report, fmt, ctx);
    if (t) parts.push(t);
  }
  parts.push('</section>');
  return parts.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Findings and diagnostics

/** Findings naming more cells than this list them in a collapsed <details>. */
const MAX_OPEN_REFS = 8;

function renderRef(ref: CellRef, ctx: Ctx): string {
  const text = `${esc(ref.label || ref.key)}：${esc(rawForDisplay(ref.raw))}`;
  const id = ctx.cellIds.get(flagKey(ref.table, ref.key));
  return `<li>${id ? `<a href="#${esc(id)}">${text}</a>` : text}</li>`;
}

function renderFinding({ id, result }: NumberedFinding, ctx: Ctx, kind: 'fail' | 'na'): string {
  const badge =
    kind === 'fail'
      ? `<span class="badge badge-${result.severity}">${esc(SEVERITY_LABEL[result.severity])}</span>`
      : '<span class="badge badge-na">无法判断</span>';
  const list = `<ul class="refs">${result.cells.map((r) => renderRef(r, ctx)).join('')}</ul>`;
  // Long lists (e.g. every blank cell of table 三) are folded so the findings stay readable.
  const refs =
    result.cells.length === 0
      ? ''
      : result.cells.length > MAX_OPEN_REFS
        ? `\n<details class="refs-more"><summary>涉及 ${result.cells.length} 个单元格</summary>\n${list}</details>`
        : `\n${list}`;
  const cls = kind === 'fail' ? `finding finding-${result.severity}` : 'finding finding-na';
  return `<li id="${esc(id)}" class="${cls}">${badge} <span class="rule-id">${esc(result.ruleId)}</span> ${esc(result.message)}${refs}</li>`;
}

function renderFindings(
  findings: RuleResult[],
  numbered: ReturnType<typeof numberFindings>,
  ctx: Ctx,
): string {
  const parts = [
    '<section class="findings" aria-labelledby="findings-heading">',
    `<h2 id="findings-heading">${esc(FINDINGS_HEADING)}</h2>`,
    `<p class="summary">${esc(findingsSummary(findings))}</p>`,
  ];
  if (numbered.failed.length > 0) {
    parts.push(
      '<h3 id="findings-failed">未通过</h3>',
      '<ol class="finding-list" aria-labelledby="findings-failed">',
    );
    for (const f of numbered.failed) parts.push(renderFinding(f, ctx, 'fail'));
    parts.push('</ol>');
  }
  if (numbered.notAssessable.length > 0) {
    parts.push(
      '<h3 id="findings-na">无法判断</h3>',
      '<ul class="finding-list" aria-labelledby="findings-na">',
    );
    for (const f of numbered.notAssessable) parts.push(renderFinding(f, ctx, 'na'));
    parts.push('</ul>');
  }
  parts.push('</section>');
  return parts.join('\n');
}

function renderDiagnostics(report: Report): string {
  if (report.diagnostics.length === 0) return '';
  const label = { error: '错误', warning: '警告', info: '提示' } as const;
  const items = report.diagnostics.map(
    (d) =>
      `<li><span class="badge badge-${d.severity}">${esc(label[d.severity])}</span> ${esc(d.message)}</li>`,
  );
  return [
    '<section class="diagnostics" aria-labelledby="diagnostics-heading">',
    `<h2 id="diagnostics-heading">${esc(DIAGNOSTICS_HEADING)}</h2>`,
    '<ul>',
    ...items,
    '</ul>',
    '</section>',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Page

const BODY_FONTS =
  '"FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN", serif';
const HEAD_FONTS =
  '"SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", sans-serif';
/** Print stacks: a Latin serif for digits and letters, then TrueType CJK fonts only, Noto CJK last. */
const PRINT_BODY_FONTS =
  '"Times New Roman", "Liberation Serif", "FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "STFangsong", "AR PL UMing CN", "WenQuanYi Zen Hei", "Noto Serif CJK SC", serif';
const PRINT_HEAD_FONTS =
  '"Times New Roman", "Liberation Serif", "SimHei", "黑体", "STHeiti", "WenQuanYi Zen Hei", "AR PL UMing CN", "Noto Sans CJK SC", sans-serif';
const PRINT_TITLE_FONTS = `"方正小标宋简体", "FZXiaoBiaoSong-B05S", ${PRINT_HEAD_FONTS}`;
const PRINT_PAGE_NUMBER_FONTS =
  '"SimSun", "宋体", "AR PL UMing CN", "Times New Roman", "Liberation Serif", serif';

const CSS = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --line: #3a3a3a; --head-bg: #f1f1f1;
  --err: #a3120f; --err-bg: #fde8e7; --warn: #7a4a00; --warn-bg: #fff1cc; --focus: #0b57d0; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: #fff; color: var(--ink); font-family: ${BODY_FONTS}; font-size: 1.125rem; line-height: 1.8; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1, h2, h3, caption, th, .badge { font-family: ${HEAD_FONTS}; }
h1 { font-size: 1.625rem; line-height: 1.5; text-align: center; margin: 1rem 0 0.5rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.75rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 0.5rem; }
p { margin: 0 0 0.75rem; text-indent: 2em; }
p.meta { text-indent: 0; text-align: center; color: var(--muted); font-size: 0.95rem; }
p.notice, p.summary { text-indent: 0; }
p.notice { border-left: 4px solid var(--warn); background: var(--warn-bg); padding: 0.5rem 0.75rem; }
a { color: var(--focus); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.table-scroll { overflow-x: auto; margin: 1rem 0 1.5rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; line-height: 1.5; font-variant-numeric: tabular-nums; page-break-inside: auto; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
caption { caption-side: top; font-weight: 700; text-align: center; padding: 0 0 0.5rem; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.45rem; vertical-align: middle; }
th { background: var(--head-bg); font-weight: 400; text-align: center; }
thead th { text-wrap: balance; }
tbody th[scope="row"] { text-align: left; }
tbody th.group { text-align: center; }
td { text-align: right; min-width: 2.5em; white-space: nowrap; }
td.na { text-align: center; }
td.text { white-space: normal; }
td.note { font-size: 0.85rem; text-align: left; vertical-align: middle; background: var(--head-bg); }
tr.total th, tr.total td { font-weight: 700; }
.t2 .block-head th { font-weight: 700; }
.t2 col.col-label { width: 12em; }
.t3 { min-width: 46rem; }
.t3 col.col-label-1 { width: 2.5em; }
.t3 col.col-label-2 { width: 5.5em; }
.t3 col.col-data { width: 5.5em; }
.t4 { min-width: 54rem; table-layout: fixed; }
.t4 th { font-size: 0.875rem; padding: 0.3rem 0.15rem; }
td.cell-error { background: var(--err-bg); color: var(--err); font-weight: 700; outline: 2px solid var(--err); outline-offset: -2px; }
td.cell-warning { background: var(--warn-bg); color: var(--warn); outline: 2px dashed var(--warn); outline-offset: -2px; }
.findings, .diagnostics { border-top: 2px solid var(--line); margin-top: 2.5rem; }
.finding-list, .diagnostics ul { padding-left: 1.5rem; }
.finding { margin-bottom: 0.75rem; }
.refs { font-size: 0.95rem; margin: 0.25rem 0 0; padding-left: 1.25rem; }
.refs-more summary { cursor: pointer; font-size: 0.95rem; color: var(--focus); }
.rule-id { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-weight: 700; }
.badge { display: inline-block; padding: 0 0.4em; border-radius: 0.25em; font-size: 0.85rem; color: #fff; background: var(--muted); }
.badge-error { background: var(--err); }
.badge-warning { background: var(--warn); }
@media (max-width: 40rem) {
  body { font-size: 1rem; }
  main { padding: 1rem 0.75rem 2rem; }
  h1 { font-size: 1.375rem; }
  table { font-size: 0.875rem; }
  caption { text-align: left; }
}
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@media print {
  body { font-size: 16pt; line-height: 28pt; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 22pt; line-height: 1.4; }
  h2 { font-size: 16pt; page-break-after: avoid; break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  .table-scroll { overflow: visible; }
  table { font-size: 10.5pt; line-height: 1.35; min-width: 0; }
  /* the type area is 156 mm wide: a wider table would make Chromium shrink every page to fit */
  .t3, .t4 { min-width: 0; }
  td.note { white-space: normal; }
  .t2 col.col-label { width: 42mm; }
  .t3 col.col-label-1 { width: 8mm; }
  .t3 col.col-label-2 { width: 15mm; }
  .t3 col.col-data { width: 10mm; }
  .t3 td { min-width: 0; }
  /* a table (a table 二 block) that fits on a page starts on a new page rather than breaking */
  .t3, .t4, .t2 tbody { break-inside: avoid; page-break-inside: avoid; }
  .t4 th { font-size: 9pt; }
  caption { page-break-after: avoid; break-after: avoid; }
  th, td { padding: 2pt 3pt; }
  td.cell-error, td.cell-warning, th, .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  /* TrueType CJK fonts before any CFF (Noto/Source Han) one: with those Chromium writes Type 3
     fonts whose text layer maps 人 to ⼈ and 民 to ⺠ (docs/architecture.md) */
  body { font-family: ${PRINT_BODY_FONTS}; }
  h1 { font-family: ${PRINT_TITLE_FONTS}; font-weight: 400; }
  h2, h3, caption, th, .badge { font-family: ${PRINT_HEAD_FONTS}; }
}
`;

/** Page numbers “— 1 —” in 4号宋体, 7 mm below the type area, one character in from the edge (GB/T 9704). */
const PRINT_CSS = `
@page :right { @bottom-right { content: "— " counter(page) " —"; font-family: ${PRINT_PAGE_NUMBER_FONTS}; font-size: 14pt; vertical-align: top; padding-top: 7mm; padding-right: 14pt; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; font-family: ${PRINT_PAGE_NUMBER_FONTS}; font-size: 14pt; vertical-align: top; padding-top: 7mm; padding-left: 14pt; } }
`;

function pageTitle(report: Report): string {
  if (report.title?.trim()) return report.title.trim();
  const year = report.year !== null ? `${report.year}年` : '';
  return `${report.agency ?? ''}${year}政府信息公开工作年度报告`;
}

/** Renders the report as one complete HTML5 page (UTF-8, zh-CN, inline CSS, no script). */
export function renderHtml(report: Report, opts: HtmlRenderOptions = {}): string {
  const fmt = report.format && report.format in FORMATS ? FORMATS[report.format as FormatId] : null;
  const numbered = numberFindings(opts.findings ?? []);
  const ctx: Ctx = { flags: buildFlags(numbered.failed), cellIds: new Map(), print: opts.print ?? false };
  const title = pageTitle(report);

  const meta: string[] = [];
  if (report.agency) meta.push(`发布机关：${report.agency}`);
  if (report.year !== null) meta.push(`报告年度：${report.year}年`);
  if (fmt) meta.push(`报告格式：${fmt.basis}`);

  const placed = new Set<number>();
  const body: string[] = [
    '<header>',
    // print: a long title on two lines that keep their meaning (GB/T 9704), as in render/docx.ts
    `<h1>${opts.print ? titleLines(title).map(esc).join('<br>') : esc(title)}</h1>`,
    meta.length > 0 && !opts.print ? `<p class="meta">${esc(meta.join('　'))}</p>` : '',
    '</header>',
    ...report.preamble.filter((p) => p.trim() !== '').map((p) => `<p>${esc(p)}</p>`),
    ...sectionsWithTables(report, fmt).map((s, i) => renderSection(s, i, report, fmt, ctx, placed)),
  ];
  // Findings come last so they can link to every cell rendered above.
  if (opts.findings) body.push(renderFindings(opts.findings, numbered, ctx));
  if (!opts.print) body.push(renderDiagnostics(report));

  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="gongkai">',
    `<title>${esc(title)}</title>`,
    `<style>${CSS}${opts.print ? PRINT_CSS : ''}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...body.filter((s) => s !== ''),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
