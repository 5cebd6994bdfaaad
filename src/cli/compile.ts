/** `gongkai report compile --agency NAME --year YYYY [--data DIR] --to txt|json|html|docx [-o FILE]` */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { renderHtml } from '../report/render/html.ts';
import { renderJson } from '../report/render/json.ts';
import { renderText } from '../report/render/txt.ts';
import { checkReport } from '../report/rules/index.ts';
import { compileReportFromDb, UnknownAgencyError } from '../store/compile.ts';
import { openReadyStore } from '../store/open.ts';
import { type Io, UsageError } from './report.ts';

export const COMPILE_USAGE = `  gongkai report compile --agency 机关名称 --year 年度 [--data 目录] --to txt|json|html|docx [-o 输出文件]
      根据数据库中的依申请公开案件和录入的表二数据编制年度报告（表三、表四由案件统计得出）。`;

export async function runCompile(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      agency: { type: 'string' },
      year: { type: 'string' },
      data: { type: 'string' },
      to: { type: 'string', default: 'txt' },
      o: { type: 'string', short: 'o' },
    },
  });
  if (!values.agency) throw new UsageError('请用 --agency 指定机关名称');
  if (!values.year || !/^\d{4}$/.test(values.year)) throw new UsageError('请用 --year 指定四位数的报告年度');
  const to = values.to ?? 'txt';
  if (!['txt', 'json', 'html', 'docx'].includes(to))
    throw new UsageError('--to 只能是 txt、json、html 或 docx');
  const store = await openReadyStore({ dataDir: values.data ?? 'data' });
  try {
    const report = await compileReportFromDb(store.db, values.agency, Number(values.year));
    let bytes: Buffer | string;
    if (to === 'txt') bytes = renderText(report);
    else if (to === 'json') bytes = renderJson(report);
    else if (to === 'html') bytes = renderHtml(report, { findings: checkReport(report) });
    else {
      const { renderDocx } = await import('../report/render/docx.ts');
      bytes = Buffer.from(await renderDocx(report));
    }
    if (values.o) {
      writeFileSync(values.o, bytes);
      io.err(`已写入 ${values.o}`);
    } else if (typeof bytes === 'string') io.out(bytes.replace(/\n$/, ''));
    else if (io.outBytes) io.outBytes(bytes);
    else throw new UsageError('DOCX 是二进制文件，请用 -o 指定输出文件');
    return 0;
  } catch (e) {
    if (e instanceof UnknownAgencyError) {
      io.err(e.message);
      return 2;
    }
    throw e;
  } finally {
    await store.close();
  }
}
