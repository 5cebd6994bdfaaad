/**
 * `gongkai disclosure …`: import a spreadsheet of information items, list items at risk under
 * Art. 26, search the published items, rebuild the projections.
 * Exit codes of `import`: 0 imported (or a clean dry run), 1 rows with problems (nothing written),
 * 2 the file or the agency cannot be used.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { shanghaiDateOf } from '../cases/dates.ts';
import { findAgency } from '../store/agencies.ts';
import type { Store } from '../store/db.ts';
import { itemsAtRisk, rebuildDisclosureProjections } from '../store/disclosure.ts';
import { formatProblem, importDisclosures } from '../store/disclosureImport.ts';
import { searchDisclosures } from '../store/disclosureSearch.ts';
import { loadCalendar, openReadyStore } from '../store/open.ts';
import { type Io, UsageError } from './report.ts';

export const DISCLOSURE_USAGE = `  gongkai disclosure import 文件.xlsx|文件.csv --agency 机关名称 [--dry-run] [--as-draft] [--data 目录]
      从 Excel 或 CSV 台账导入主动公开信息（首行为列名：标题、公开类别必填；索引号、文号、发布机构、成文日期、
      发布日期、形成日期、主题分类、公开属性、文件类型、效力状态、失效或废止日期、内容概述、正文等可选）。
      有发布日期的行按“已在原平台发布”导入；--as-draft 全部作为草稿导入，走审核流程。
      任何一行有问题则整个文件都不导入，并逐行列出问题；--dry-run 只检查，不写入。
      退出码：0 成功；1 有行存在问题（未导入）；2 文件或机关无法使用。
  gongkai disclosure at-risk --agency 机关名称 [--today YYYY-MM-DD] [--data 目录]
      列出超过或临近条例第二十六条公开期限（形成或变更之日起20个工作日）的信息。
  gongkai disclosure search 关键词… [--agency 机关名称] [--page N] [--data 目录]
      在已发布的信息中全文检索（标题、正文、文号）。
  gongkai disclosure rebuild [--data 目录]
      根据事件记录重建全部信息的状态和公开内容（修改节假日数据后使用）。`;

async function withStore<T>(data: string | undefined, fn: (s: Store) => Promise<T>): Promise<T> {
  const store = await openReadyStore({ dataDir: data ?? 'data' });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function agencyId(store: Store, name: string | undefined, io: Io): Promise<number | null> {
  if (!name) throw new UsageError('请用 --agency 指定机关名称');
  const a = await findAgency(store.db, name);
  if (!a) {
    io.err(`没有名为“${name}”的机关`);
    return null;
  }
  return Number(a.id);
}

export async function runDisclosure(argv: string[], io: Io): Promise<number> {
  const [cmd, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      agency: { type: 'string' },
      data: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'as-draft': { type: 'boolean', default: false },
      today: { type: 'string' },
      page: { type: 'string' },
    },
  });
  if (cmd === 'import') {
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError('请指定一个要导入的 .xlsx 或 .csv 文件');
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      io.err(
        `无法读取文件 ${file}：${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (e as Error).message}`,
      );
      return 2;
    }
    return withStore(values.data, async (store) => {
      const id = await agencyId(store, values.agency, io);
      if (id === null) return 2;
      const report = await importDisclosures(
        store,
        id,
        { name: file, bytes },
        { calendar: await loadCalendar(store) },
        { dryRun: values['dry-run'], asDraft: values['as-draft'], actor: 'cli:import' },
      );
      if (report.ignoredColumns.length) io.err(`未使用的列：${report.ignoredColumns.join('、')}`);
      if (report.problems.length) {
        io.err(
          `${report.file}：发现${report.problems.length}处问题，${report.dryRun ? '（试导入）' : ''}没有导入任何信息：`,
        );
        for (const p of report.problems) io.err(`  ${formatProblem(p)}`);
        return report.problems.some((p) => p.row === null) && report.rows === 0 ? 2 : 1;
      }
      const summary = `${report.rows}行，其中${report.published}条按已发布导入、${report.drafts}条作为草稿`;
      if (report.dryRun) io.out(`试导入 ${report.file}：检查通过，${summary}（未写入）`);
      else io.out(`已导入 ${report.file}：${summary}`);
      return 0;
    });
  }
  if (cmd === 'at-risk') {
    const today = values.today ?? shanghaiDateOf(new Date().toISOString());
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new UsageError('--today 应为 YYYY-MM-DD');
    return withStore(values.data, async (store) => {
      const id = await agencyId(store, values.agency, io);
      if (id === null) return 2;
      const r = await itemsAtRisk(store.db, id, today, await loadCalendar(store));
      io.out(`截至${today}：超期未公开${r.overdue.length}条，临近期限${r.atRisk.length}条`);
      for (const x of r.overdue)
        io.out(
          `  超期 ${x.indexNumber} ${x.title}（形成于${x.formedOn}，应于${x.dueOn}前公开，已超${x.workingDaysOverdue ?? '?'}个工作日；${x.statusLabel}）`,
        );
      for (const x of r.atRisk)
        io.out(
          `  临期 ${x.indexNumber} ${x.title}（应于${x.dueOn}前公开，剩${x.workingDaysLeft ?? '?'}个工作日；${x.statusLabel}）`,
        );
      return 0;
    });
  }
  if (cmd === 'search') {
    const q = positionals.join(' ');
    if (!q.trim()) throw new UsageError('请给出检索词');
    return withStore(values.data, async (store) => {
      const id = values.agency ? await agencyId(store, values.agency, io) : undefined;
      if (id === null) return 2;
      const r = await searchDisclosures(store, {
        q,
        ...(id !== undefined ? { agencyId: id } : {}),
        page: Number(values.page ?? 1),
      });
      const plain = (s: string) =>
        s
          .replace(/<mark>/g, '【')
          .replace(/<\/mark>/g, '】')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, '&');
      io.out(`共${r.total}条（第${r.page}页）`);
      for (const h of r.items)
        io.out(
          `${h.publishedOn} ${h.indexNumber} ${h.title}${h.documentNumber ? `（${h.documentNumber}）` : ''}\n    ${plain(h.snippet)}`,
        );
      return 0;
    });
  }
  if (cmd === 'rebuild') {
    return withStore(values.data, async (store) => {
      const n = await rebuildDisclosureProjections(store, { calendar: await loadCalendar(store) });
      io.out(`已重建${n}条信息的状态和公开内容`);
      return 0;
    });
  }
  io.err(`未知的 disclosure 子命令：${cmd ?? ''}\n${DISCLOSURE_USAGE}`);
  return 2;
}
