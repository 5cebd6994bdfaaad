/**
 * Importing information items from a spreadsheet (src/disclosure/importFile.ts reads and checks
 * the rows). All or nothing: every row is checked first (fields, duplicate 索引号 in the file and in
 * the database); if any row has a problem nothing is written and the report lists every problem
 * (第N行「列」：…); otherwise all rows are written in one transaction, and an error on any row
 * rolls the whole file back. A dry run checks everything and writes nothing.
 *
 * A row with a 发布日期 (and 主动公开) was published on the portal the agency leaves: it is recorded
 * by an `imported` event naming the file, the row and the file's SHA-256, and is public at once
 * (the one way into the public projection that does not pass the review chain, and the audit log
 * says so). `asDraft` imports every row as a draft that goes through the chain instead.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import {
  formatProblem,
  type ImportedRow,
  ImportFileError,
  type ImportProblem,
  mapColumns,
  readSheet,
  rowToItem,
} from '../disclosure/importFile.ts';
import { audit } from './audit.ts';
import type { Store } from './db.ts';
import {
  type DisclosureDeps,
  DisclosureRuleError,
  getDisclosureSettings,
  importItemInTrx,
} from './disclosure.ts';

export { formatProblem };

export interface ImportOptions {
  dryRun?: boolean;
  /** Import every row as a draft (no 发布日期 taken over). */
  asDraft?: boolean;
  /** Who imports (recorded on every event and in the audit log). */
  actor: string;
  /** Recording time (default now). */
  at?: string;
}

export interface ImportReport {
  file: string;
  sha256: string;
  /** Data rows read (non-empty). */
  rows: number;
  dryRun: boolean;
  /** Rows written (0 on a dry run or when there are problems). */
  imported: number;
  /** Of the rows that are (or would be) imported: public at once / drafts. */
  published: number;
  drafts: number;
  problems: ImportProblem[];
  /** Columns of the file that were not used. */
  ignoredColumns: string[];
  /** What was (or would be) imported; index numbers are assigned only on a real import. */
  items: { row: number; title: string; indexNumber: string | null; published: boolean }[];
}

class Rollback extends Error {}

export async function importDisclosures(
  store: Store,
  agencyId: number,
  file: { name: string; bytes: Uint8Array },
  deps: DisclosureDeps,
  opts: ImportOptions,
): Promise<ImportReport> {
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const report: ImportReport = {
    file: basename(file.name),
    sha256,
    rows: 0,
    dryRun: !!opts.dryRun,
    imported: 0,
    published: 0,
    drafts: 0,
    problems: [],
    ignoredColumns: [],
    items: [],
  };
  const settings = await getDisclosureSettings(store.db, agencyId);
  let sheet: Awaited<ReturnType<typeof readSheet>>;
  try {
    sheet = await readSheet(file.name, file.bytes);
  } catch (e) {
    if (e instanceof ImportFileError) {
      report.problems.push({ row: null, column: null, message: e.message });
      return report;
    }
    throw e;
  }
  const nonEmpty = sheet.rows.filter((r) => r.cells.some((c) => c.trim()));
  const [head, ...data] = nonEmpty;
  if (!head) {
    report.problems.push({ row: null, column: null, message: '文件中没有内容' });
    return report;
  }
  const { map, problems } = mapColumns(head.cells);
  report.ignoredColumns = map.ignored;
  report.problems.push(...problems.map((p) => ({ ...p, row: head.row })));
  if (problems.length) return report;
  report.rows = data.length;
  if (!data.length) {
    report.problems.push({ row: null, column: null, message: '只有表头，没有数据行' });
    return report;
  }

  const rows: ImportedRow[] = [];
  for (const r of data) {
    const x = rowToItem(r, map, { issuer: settings.agencyName, topics: settings.topics });
    if (x.ok) rows.push(x.value);
    else report.problems.push(...x.problems);
  }
  // 索引号: unique within the file and the agency
  const col = map.heading.indexNumber ?? '索引号';
  const seen = new Map<string, number>();
  for (const r of rows) {
    if (!r.indexNumber) continue;
    const first = seen.get(r.indexNumber);
    if (first !== undefined)
      report.problems.push({ row: r.row, column: col, message: `“${r.indexNumber}”与第${first}行重复` });
    else seen.set(r.indexNumber, r.row);
  }
  const given = [...seen.keys()];
  for (let i = 0; i < given.length; i += 500) {
    const taken = await store.db
      .selectFrom('disclosure_item')
      .select('index_number')
      .where('agency_id', '=', agencyId)
      .where('index_number', 'in', given.slice(i, i + 500))
      .execute();
    for (const t of taken)
      report.problems.push({
        row: seen.get(t.index_number)!,
        column: col,
        message: `“${t.index_number}”已被本机关的其他信息使用`,
      });
  }
  const at = opts.at ?? new Date().toISOString();
  const on = new Date(Date.parse(at) + 8 * 3600_000).toISOString().slice(0, 10);
  for (const r of rows)
    if (r.publishedOn && r.publishedOn > on)
      report.problems.push({
        row: r.row,
        column: map.heading.publishedOn ?? '发布日期',
        message: `发布日期（${r.publishedOn}）晚于今天（${on}），尚未发布的信息请留空发布日期，导入后走审核流程`,
      });
  const publishes = (r: ImportedRow) =>
    !opts.asDraft && !!r.publishedOn && r.fields.attribute === 'proactive';
  report.items = rows.map((r) => ({
    row: r.row,
    title: r.fields.title,
    indexNumber: r.indexNumber,
    published: publishes(r),
  }));
  report.published = report.items.filter((i) => i.published).length;
  report.drafts = report.items.length - report.published;
  report.problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  if (report.problems.length || opts.dryRun) {
    if (report.problems.length) {
      report.items = [];
      report.published = 0;
      report.drafts = 0;
    }
    return report;
  }

  const actor = { id: opts.actor, role: 'system' as const, name: '导入' };
  try {
    await store.db.transaction().execute(async (trx) => {
      const problems: ImportProblem[] = [];
      // rows that bring their own 索引号 first, so generated numbers never take one of theirs
      const order = [...rows.keys()].sort(
        (x, y) => Number(!rows[x]!.indexNumber) - Number(!rows[y]!.indexNumber) || x - y,
      );
      for (const i of order) {
        const r = rows[i]!;
        try {
          const created = await importItemInTrx(
            trx,
            store,
            agencyId,
            {
              on,
              at,
              actor,
              fields: r.fields as unknown as Record<string, unknown>,
              ...(publishes(r) ? { publishedOn: r.publishedOn } : {}),
              source: { file: report.file, row: r.row, sha256 },
            },
            deps,
            { settings, ...(r.indexNumber ? { indexNumber: r.indexNumber } : {}) },
          );
          report.items[i]!.indexNumber = created.indexNumber;
        } catch (e) {
          if (!(e instanceof DisclosureRuleError)) throw e;
          problems.push({ row: r.row, column: null, message: e.message });
        }
      }
      if (problems.length) {
        report.problems.push(...problems);
        throw new Rollback();
      }
      await audit(trx, {
        actor: opts.actor,
        entity: 'disclosure_import',
        entityId: agencyId,
        action: 'imported',
        detail: { file: report.file, sha256, rows: rows.length, published: report.published },
      });
    });
  } catch (e) {
    if (!(e instanceof Rollback)) {
      // a database error: nothing of the file stays
      report.problems.push({
        row: null,
        column: null,
        message: `导入失败，已全部撤销：${(e as Error).message}`,
      });
    }
    report.items = [];
    report.published = 0;
    report.drafts = 0;
    return report;
  }
  report.imported = rows.length;
  return report;
}
