/**
 * Plain-text rendering in exactly the seed's layout (the national format's tables copied from a
 * web page: tab-separated cells, merged cells as empty cells). Parsing the seed and rendering it
 * gives its tables back byte for byte; labels are printed as found in the source (or canonical
 * for generated reports), and cells as their raw text — a blank stays blank.
 */
import { FORMATS } from '../formats/index.ts';
import type { FormatId, ReportFormat } from '../formats/types.ts';
import type { Cell, Report, Row } from '../model.ts';

const raw = (c: Cell | undefined) => c?.raw ?? '';

function t2Lines(report: Report, format: ReportFormat): string[] {
  const width = 1 + Math.max(...format.table2.blocks.map((b) => b.columns.length));
  const line = (cells: string[]) => [...cells, ...Array(width - cells.length).fill('')].join('\t');
  const out: string[] = [];
  for (const b of format.table2.blocks) {
    const data = report.table2.blocks[b.key];
    out.push(line([b.label]));
    out.push(line(['信息内容', ...b.columns.map((c) => data?.columnLabels[c.key] ?? c.label)]));
    for (const r of b.rows) {
      const row = data?.rows[r.key];
      out.push(line([row?.label ?? r.label, ...b.columns.map((c) => raw(row?.cells[c.key]))]));
    }
  }
  return out;
}

function t3Lines(report: Report, format: ReportFormat): string[] {
  const t3 = report.table3;
  const cols = format.table3.columns.map((c) => c.key);
  const vals = (row: Row | undefined) => cols.map((c) => raw(row?.cells[c])).join('\t');
  const group = (g: string) => t3.groupLabels?.[g] ?? g;
  const out: string[] = [
    `${t3.note ?? format.table3.note}\t申请人情况\t\t\t\t\t\t总计`,
    '\t自然人\t法人或其他组织\t\t\t\t\t',
    '\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t',
  ];
  const seenGroups = new Set<string>();
  for (const def of format.table3.rows) {
    const row = t3.rows[def.key];
    const label = row?.label ?? def.label;
    const extra = row?.extra?.map((c) => c.raw).join('\t') ?? '';
    if (def.key === 'R1' || def.key === 'R2') {
      out.push(`${label}\t${vals(row)}`);
      if (def.key === 'R2') out.push('');
      continue;
    }
    if (def.key === 'R3_7' || def.key === 'R4') {
      out.push(`${label}\t\t${extra}\t${vals(row)}\t`);
      continue;
    }
    const top = def.groups[0]!;
    const first = !seenGroups.has(top);
    seenGroups.add(top);
    const lead = first ? group(top) : '';
    if (def.groups.length === 1) {
      out.push(`${lead}\t${label}\t\t${vals(row)}\t`);
    } else {
      const sub = def.groups[1]!;
      const subFirst = !seenGroups.has(sub);
      seenGroups.add(sub);
      out.push(`${lead}\t${subFirst ? group(sub) : ''}\t${label}\t\t${vals(row)}`);
    }
  }
  return out;
}

function t4Lines(report: Report, format: ReportFormat): string[] {
  const row = report.table4.row;
  return [
    '行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t',
    '结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t',
    '\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计',
    format.table4.columns.map((c) => raw(row?.cells[c.key])).join('\t'),
  ];
}

const TABLE_NAMES = { table2: '表二', table3: '表三', table4: '表四' } as const;

/** Lines of one table, or a notice when it could not be read. */
export function tableLines(report: Report, table: 'table2' | 'table3' | 'table4'): string[] {
  const formatId: FormatId = report.format === '2019' ? '2019' : '2021';
  const format = FORMATS[formatId];
  const status = report[table].status;
  if (status === 'missing') return [`（${TABLE_NAMES[table]}缺失）`];
  if (status === 'unreadable') return [`（${TABLE_NAMES[table]}无法读取：单元格数字连在一起，无法确定分列）`];
  if (table === 'table2') return t2Lines(report, format);
  if (table === 'table3') return t3Lines(report, format);
  return t4Lines(report, format);
}

export function renderText(report: Report): string {
  const out: string[] = [];
  if (report.title) out.push(report.title, '');
  for (const p of report.preamble) out.push(p, '');
  const hasTables = report.format === '2019' || report.format === '2021';
  for (const s of report.sections) {
    out.push(s.heading, '');
    for (const p of s.paragraphs) out.push(p, '');
    const table = hasTables ? ({ 2: 'table2', 3: 'table3', 4: 'table4' } as const)[s.number] : undefined;
    if (table) out.push(...tableLines(report, table), '');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
