/**
 * Tables flattened into running text, as in crawler dumps of web pages: labels followed by their
 * numbers, often with the cells run together into one digit string ("640020470" for
 * 64/0/0/2/0/4/70). A row is read when its numbers are separated; otherwise it is recovered only
 * when exactly one split fits the table's sums (digits.ts), and is reported unreadable when not.
 * Nothing is ever guessed.
 */
import { makeCell } from '../cell.ts';
import type { ReportFormat } from '../formats/types.ts';
import type { Diagnostic, Report, Row, TableStatus } from '../model.ts';
import { recoverTable3, recoverTable4, splitRunTogether } from './digits.ts';
import { enumerator, tolerantPattern } from './normalize.ts';

interface Found {
  key: string;
  label: string;
  start: number;
  end: number;
}

const VALUE_PREFIX = /^[\s\u00a0\u3000\d.．+\-－/／—]*/u;

function stripEnumerator(label: string): string {
  return label.replace(
    /^\s*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d+[.、．])\s*/u,
    '',
  );
}

const patternCache = new Map<string, RegExp>();
function labelRegExp(label: string): RegExp {
  let re = patternCache.get(label);
  if (!re) {
    re = new RegExp(tolerantPattern(stripEnumerator(label)), 'gu');
    patternCache.set(label, re);
  }
  return re;
}

/** Finds each label after the previous one; returns the labels found, in order. */
function findInOrder(text: string, from: number, defs: { key: string; labels: string[] }[]): Found[] {
  const found: Found[] = [];
  let cursor = from;
  for (const d of defs) {
    for (const label of d.labels) {
      const re = labelRegExp(label);
      re.lastIndex = cursor;
      const m = re.exec(text);
      if (m) {
        found.push({ key: d.key, label: d.labels[0]!, start: m.index, end: m.index + m[0].length });
        cursor = m.index + m[0].length;
        break;
      }
    }
  }
  return found;
}

/** The numbers right after a label, without the next row's enumerator glued to them ("00000002."). */
function valueText(text: string, f: Found, next: Found | undefined, nextLabel: string | undefined): string {
  let v = text.slice(f.end, next ? next.start : undefined).match(VALUE_PREFIX)?.[0] ?? '';
  const e = nextLabel ? enumerator(nextLabel) : '';
  const digit = e.match(/^(\d+)\.$/)?.[1];
  if (digit) {
    const t = v.trimEnd();
    for (const suffix of [`${digit}.`, `${digit}．`, `${digit}、`]) {
      if (t.endsWith(suffix)) {
        v = t.slice(0, -suffix.length);
        break;
      }
    }
  }
  return v.replace(/[.．]\s*$/, '').trim();
}

function tokens(v: string): string[] {
  return v.split(/[\s\u00a0\u3000]+/u).filter(Boolean);
}

const isNum = (t: string) => /^[+-]?\d+(\.\d+)?$/.test(t.normalize('NFKC'));

function statusOf(read: number, recovered: number, unreadable: number): TableStatus {
  if (unreadable && !read && !recovered) return 'unreadable';
  if (unreadable) return 'partial';
  if (recovered) return 'recovered';
  return 'ok';
}

function unreadableRow(label: string, raw: string, columns: string[]): Row {
  return {
    label,
    cells: Object.fromEntries(columns.map((c) => [c, makeCell('')])),
    unreadable: raw,
  };
}

export function readFlattenedT3(
  text: string,
  format: ReportFormat,
  report: Report,
  diags: Diagnostic[],
  consumed: Set<string>,
): boolean {
  const start = text.search(/[（(]?本列数据|申请人情况|勾稽关系|本年新收/u);
  if (start < 0) return false;
  const defs = format.table3.rows.map((r) => ({
    key: r.key,
    labels: [r.label, ...(r.aliases ?? []), ...(r.label.includes('（区分处理') ? ['部分公开'] : [])],
  }));
  const found = findInOrder(text, start, defs);
  if (found.length < 3) return false;
  consumed.add(text.slice(start));
  const cols = format.table3.columns.map((c) => c.key);
  const raw = found.map((f, i) => {
    const nextDef = format.table3.rows.find((r) => r.key === found[i + 1]?.key);
    return { key: f.key, label: f.label, v: valueText(text, f, found[i + 1], nextDef?.label) };
  });
  // rows whose seven numbers are separated are read as they are; the others go to recovery
  const direct = new Map<string, string[]>();
  for (const r of raw) {
    const t = tokens(r.v);
    if (t.length === 7 && t.every(isNum)) direct.set(r.key, t);
  }
  const recovery = recoverTable3(
    raw.map((r) => ({ key: r.key, digits: direct.has(r.key) ? direct.get(r.key)!.join(' ') : r.v })),
  );
  let read = 0;
  let recovered = 0;
  const bad: string[] = [];
  for (const r of raw) {
    const d = direct.get(r.key);
    const rec = recovery.find((x) => x.key === r.key);
    if (d) {
      read++;
      report.table3.rows[r.key] = {
        label: r.label,
        cells: Object.fromEntries(cols.map((c, i) => [c, makeCell(d[i]!)])),
      };
    } else if (rec?.values) {
      recovered++;
      report.table3.rows[r.key] = {
        label: r.label,
        cells: Object.fromEntries(cols.map((c, i) => [c, makeCell(String(rec.values![i]))])),
        recovered: true,
      };
    } else {
      bad.push(`“${r.label}”（${r.v || '无数字'}）`);
      report.table3.rows[r.key] = unreadableRow(r.label, r.v, cols);
    }
  }
  const missing = format.table3.rows.filter((r) => !found.some((f) => f.key === r.key));
  for (const m of missing) report.table3.rows[m.key] = unreadableRow(m.label, '', cols);
  report.table3.status = statusOf(read, recovered, bad.length + missing.length);
  if (recovered)
    diags.push({
      severity: 'warning',
      code: 'T3_RECOVERED',
      message: `表三有${recovered}行的数字连在一起，按“总计等于各列之和”只有一种分法，已据此还原`,
    });
  if (bad.length)
    diags.push({
      severity: 'error',
      code: 'T3_UNREADABLE',
      message: `表三无法读取：${bad.length}行的单元格数字连在一起，无法确定如何分列（不作猜测）：${bad.join('；')}`,
    });
  if (missing.length)
    diags.push({
      severity: 'error',
      code: 'T3_ROWS_MISSING',
      message: `表三不完整，缺少${missing.length}行：${missing.map((r) => r.label).join('；')}`,
    });
  return true;
}

export function readFlattenedT2(
  text: string,
  format: ReportFormat,
  report: Report,
  diags: Diagnostic[],
  consumed: Set<string>,
): boolean {
  const start = text.search(/第二十条第/u);
  if (start < 0) return false;
  const defs = format.table2.blocks.flatMap((b) =>
    b.rows.map((r) => ({ key: `${b.key}.${r.key}`, labels: [r.label, ...(r.aliases ?? [])] })),
  );
  const found = findInOrder(text, start, defs);
  if (!found.length) return false;
  consumed.add(text.slice(start));
  let read = 0;
  let recovered = 0;
  const bad: string[] = [];
  found.forEach((f, i) => {
    const [bk, rk] = f.key.split('.') as [string, string];
    const block = format.table2.blocks.find((b) => b.key === bk)!;
    const v = valueText(text, f, found[i + 1], undefined);
    const t = tokens(v);
    const n = block.columns.length;
    let values: string[] | null = null;
    let rec = false;
    if (t.length === n && t.every(isNum)) values = t;
    else if (t.length < n && block.columns.every((c) => c.valueType === 'count')) {
      const splits = splitRunTogether(v, n);
      if (splits.length === 1) {
        values = splits[0]!.map(String);
        rec = true;
      }
    }
    const target = report.table2.blocks[bk]!.rows[rk]!;
    target.label = f.label;
    if (values) {
      block.columns.forEach((c, j) => {
        target.cells[c.key] = makeCell(values![j]!, c);
      });
      if (rec) {
        target.recovered = true;
        recovered++;
      } else read++;
    } else {
      target.unreadable = v;
      bad.push(`“${f.label}”（${v || '无数字'}）`);
    }
  });
  const missing = defs.filter((d) => !found.some((f) => f.key === d.key));
  report.table2.status = statusOf(read, recovered, bad.length + missing.length);
  if (bad.length)
    diags.push({
      severity: 'error',
      code: 'T2_UNREADABLE',
      message: `表二无法完整读取：${bad.length}行的单元格数字连在一起，无法确定如何分列（不作猜测）：${bad.join('；')}`,
    });
  if (missing.length)
    diags.push({
      severity: 'error',
      code: 'T2_ROWS_MISSING',
      message: `表二不完整，缺少：${missing.map((d) => d.labels[0]).join('；')}`,
    });
  return true;
}

export function readFlattenedT4(
  text: string,
  format: ReportFormat,
  report: Report,
  diags: Diagnostic[],
  consumed: Set<string>,
): boolean {
  const start = text.search(/行政复议/u);
  if (start < 0) return false;
  const region = text.slice(start);
  const last = region.lastIndexOf('总计');
  if (last < 0) return false;
  consumed.add(region);
  const v =
    region
      .slice(last + 2)
      .match(VALUE_PREFIX)?.[0]
      ?.trim() ?? '';
  const t = tokens(v);
  const cols = format.table4.columns.map((c) => c.key);
  if (t.length === cols.length && t.every(isNum)) {
    report.table4.row = { label: '', cells: Object.fromEntries(cols.map((c, i) => [c, makeCell(t[i]!)])) };
    report.table4.status = 'ok';
    return true;
  }
  const rec = recoverTable4(v);
  if (rec) {
    report.table4.row = {
      label: '',
      cells: Object.fromEntries(cols.map((c, i) => [c, makeCell(String(rec[i]))])),
      recovered: true,
    };
    report.table4.status = 'recovered';
    diags.push({
      severity: 'warning',
      code: 'T4_RECOVERED',
      message: '表四的数字连在一起，按“总计等于各项之和”只有一种分法，已据此还原',
    });
    return true;
  }
  report.table4.row = unreadableRow('', v, cols);
  report.table4.status = 'unreadable';
  diags.push({
    severity: 'error',
    code: 'T4_UNREADABLE',
    message: `表四无法读取：单元格数字连在一起（“${v}”），无法确定如何分列（不作猜测）`,
  });
  return true;
}
