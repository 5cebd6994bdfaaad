/**
 * Table 二 inputs that do not come from cases (行政许可/处罚/强制 decisions, 行政事业性收费 in 万元,
 * 规章/规范性文件 counts until the policy library exists), per agency and year, with who entered them.
 */
import type { Kysely } from 'kysely';
import { makeCell } from '../report/cell.ts';
import { formatForYear } from '../report/formats/index.ts';
import { audit } from './audit.ts';
import { nowIso } from './db.ts';
import type { Database } from './schema.ts';

export class ReportInputError extends Error {}

/**
 * Checks one table 二 input against its column's type: the stored text, or a ReportInputError
 * naming the cell (e.g. 表二 第二十条第（五）项“行政许可”/本年处理决定数量：应为…).
 */
export function checkTable2Input(year: number, cell: string, value: string): string {
  const format = formatForYear(year);
  if (!format) throw new ReportInputError(`${year}年早于2019年，没有表二`);
  const [bk, rk, ck] = cell.split('.');
  const block = format.table2.blocks.find((b) => b.key === bk);
  const row = block?.rows.find((r) => r.key === rk);
  const col = block?.columns.find((c) => c.key === ck);
  if (!block || !row || !col) throw new ReportInputError(`表二没有这个单元格：${cell}`);
  const where = `表二 ${block.label}“${row.label}”/${col.label}`;
  const c = makeCell(value, col);
  if (c.kind !== 'number') throw new ReportInputError(`${where}：应填写数字（没有的填0），收到“${value}”`);
  if (col.valueType === 'count' && (!Number.isInteger(c.value) || c.value! < 0))
    throw new ReportInputError(`${where}：应为不小于0的整数，收到“${value}”`);
  if (col.valueType === 'decimal' && (c.value! < 0 || (c.decimal?.split('.')[1]?.length ?? 0) > 6))
    throw new ReportInputError(`${where}：应为不小于0、最多6位小数的金额（单位：万元），收到“${value}”`);
  return c.decimal ?? String(c.value);
}

/** Sets one cell ('a20_5.licensing.decisions' …); the value is checked against its column type. */
export async function setTable2Input(
  db: Kysely<Database>,
  agencyId: number,
  year: number,
  cell: string,
  value: string,
  enteredBy: string,
): Promise<void> {
  const stored = checkTable2Input(year, cell, value);
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('report_input')
      .where('agency_id', '=', agencyId)
      .where('year', '=', year)
      .where('cell', '=', cell)
      .execute();
    await trx
      .insertInto('report_input')
      .values({ agency_id: agencyId, year, cell, value: stored, entered_by: enteredBy, entered_at: now })
      .execute();
    await audit(trx, {
      actor: enteredBy,
      entity: 'report_input',
      entityId: `${agencyId}/${year}/${cell}`,
      action: 'set',
      detail: { value: stored },
    });
  });
}

/** Every table 二 cell of the year's format, set to '0' (for demo data and agencies with nothing to report). */
export async function setTable2Zero(db: Kysely<Database>, agencyId: number, year: number, enteredBy: string) {
  const format = formatForYear(year);
  if (!format) return;
  for (const b of format.table2.blocks)
    for (const r of b.rows)
      for (const c of b.columns)
        await setTable2Input(db, agencyId, year, `${b.key}.${r.key}.${c.key}`, '0', enteredBy);
}
