/** Rules about single cells of tables 二, 三 and 四: E-07 (numeric, no units) and E-10 (no blanks). */
import { FORMAT_2021, T3_COLUMNS, T4_COLUMNS } from '../formats/index.ts';
import type { ColumnDef } from '../formats/types.ts';
import type { Cell, Report, Row } from '../model.ts';
import {
  formatOf,
  hasNationalTables,
  type Operand,
  result,
  t2Cell,
  t3Cell,
  t4Cell,
  tableUnavailable,
} from './common.ts';
import { t3RowKeys } from './table3.ts';
import type { CellRef, RuleDef, RuleResult } from './types.ts';

type TableId = 'T2' | 'T3' | 'T4';
const TABLES: TableId[] = ['T2', 'T3', 'T4'];
const TABLE_NAMES: Record<TableId, string> = { T2: '表二', T3: '表三', T4: '表四' };

interface TableCell {
  op: Operand;
  cell: Cell | undefined;
  valueType: ColumnDef['valueType'];
  /** The cell's row could not be read (its cells are blank in the model, not in the report). */
  unread: boolean;
}

/** Every cell of a table that the format defines, in rows the model has (extra copy-artifact cells excluded). */
export function tableCells(report: Report, table: TableId): TableCell[] {
  const out: TableCell[] = [];
  const push = (op: Operand, row: Row, key: string, valueType: ColumnDef['valueType']) =>
    out.push({ op, cell: row.cells[key], valueType, unread: row.unreadable !== undefined });
  if (table === 'T2') {
    const f = formatOf(report) ?? FORMAT_2021;
    for (const [blockKey, block] of Object.entries(report.table2.blocks)) {
      const blockDef = f.table2.blocks.find((b) => b.key === blockKey);
      const columns: Pick<ColumnDef, 'key' | 'valueType'>[] =
        blockDef?.columns ??
        Object.keys(block.columnLabels).map((key) => ({
          key,
          valueType: key === 'amount' ? 'decimal' : key === 'change' ? 'signed' : 'count',
        }));
      for (const [rowKey, row] of Object.entries(block.rows)) {
        for (const c of columns) push(t2Cell(report, blockKey, rowKey, c.key), row, c.key, c.valueType);
      }
    }
  } else if (table === 'T3') {
    for (const r of t3RowKeys(report)) {
      const row = report.table3.rows[r];
      if (!row) continue;
      for (const c of T3_COLUMNS) push(t3Cell(report, r, c.key), row, c.key, 'count');
    }
  } else {
    const row = report.table4.row;
    if (row) for (const c of T4_COLUMNS) push(t4Cell(report, c.key), row, c.key, 'count');
  }
  return out;
}

const UNIT_RE = /^[+-]?[\d０-９.,，．]+\s*(万元|亿元|元|件|个|项|条|次|人|起|家|份|%|％)$/;

/** Why a cell breaks E-07, or null. Blanks and "/" are not E-07 failures (they are E-10's). */
export function numericProblem(cell: Cell | undefined, valueType: ColumnDef['valueType']): string | null {
  if (!cell || cell.kind === 'empty' || cell.kind === 'na') return null;
  if (cell.kind === 'text') {
    const unit = UNIT_RE.exec(cell.raw);
    return unit ? `写作“${cell.raw}”，单元格内含单位“${unit[1]}”` : `写作“${cell.raw}”，不是数字`;
  }
  const v = cell.value ?? 0;
  if (valueType === 'decimal') return v < 0 ? `为负数（${cell.raw}）` : null;
  if (!Number.isInteger(v)) return `应为整数，写作“${cell.raw}”`;
  if (valueType === 'count' && v < 0) return `应为非负整数，写作“${cell.raw}”`;
  return null;
}

function perTable(def: RuleDef, report: Report, fn: (table: TableId) => RuleResult): RuleResult[] {
  if (!hasNationalTables(report)) return [];
  return TABLES.map((t) => {
    const why = tableUnavailable(report, t);
    return why ? result(def, 'not-assessable', why) : fn(t);
  });
}

const listed = (refs: { label: string; text: string }[], max = 12): string =>
  refs
    .slice(0, max)
    .map((r) => `${r.label}${r.text}`)
    .join('；') + (refs.length > max ? `；等共${refs.length}处` : '');

export const E_07: RuleDef = {
  id: 'E-07',
  severity: 'error',
  title: '表格单元格为数字，计数为非负整数，不含单位',
  formula:
    '表二、三、四每个单元格：计数为整数且 ≥ 0（2019格式“本年增/减”可为负），金额 ≥ 0，单元格内无单位文字',
  check({ report }) {
    return perTable(E_07, report, (t) => {
      const bad: { ref: CellRef; label: string; text: string }[] = [];
      for (const { op, cell, valueType } of tableCells(report, t)) {
        const p = numericProblem(cell, valueType);
        if (p) bad.push({ ref: op.ref, label: op.ref.label, text: p });
      }
      if (bad.length === 0) {
        return result(E_07, 'pass', `${TABLE_NAMES[t]}中填写的单元格均为合规数字（空白或“/”另见 E-10）`);
      }
      return result(
        E_07,
        'fail',
        `${TABLE_NAMES[t]}有${bad.length}个单元格不是合规数字：${listed(bad)}`,
        bad.map((b) => b.ref),
      );
    });
  },
};

export const E_10: RuleDef = {
  id: 'E-10',
  severity: 'warning',
  title: '表格无空白、“/”或“—”单元格（应填0）',
  formula: '表二、三、四每个单元格不为空白、“/”、“—”',
  check({ report }) {
    return perTable(E_10, report, (t) => {
      const cells = tableCells(report, t);
      const blanks = cells.filter(
        (c) => !c.unread && (!c.cell || c.cell.kind === 'empty' || c.cell.kind === 'na'),
      );
      const unreadRows = new Set(
        cells.filter((c) => c.unread).map((c) => c.op.ref.key.replace(/\.[^.]+$/, '')),
      ).size;
      const partial = unreadRows ? `（另有${unreadRows}行未能读取，未检查）` : '';
      if (blanks.length === 0) return result(E_10, 'pass', `${TABLE_NAMES[t]}没有空白或“/”单元格${partial}`);
      const items = blanks.map((b) => ({
        label: b.op.ref.label,
        text: !b.cell || b.cell.kind === 'empty' ? '（空白）' : `（“${b.cell.raw}”）`,
      }));
      return result(
        E_10,
        'fail',
        `${TABLE_NAMES[t]}有${blanks.length}个单元格为空白或“/”，应填0：${listed(items)}${partial}`,
        blanks.map((b) => b.op.ref),
      );
    });
  },
};

export const CELL_RULES: RuleDef[] = [E_07, E_10];
