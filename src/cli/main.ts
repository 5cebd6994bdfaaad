/** The `gongkai` command. */
import { reportJsonSchema } from '../report/model.ts';
import { loadCalendar, openReadyStore } from '../store/open.ts';
import { CALENDAR_USAGE, runCalendar } from './calendar.ts';
import { COMPILE_USAGE, runCompile } from './compile.ts';
import { DB_USAGE, runDb } from './db.ts';
import { DEMO_USAGE, runDemo } from './demo.ts';
import { DISCLOSURE_USAGE, runDisclosure } from './disclosure.ts';
import { type Io, runCheck, runRender, UsageError } from './report.ts';
import { runServe, SERVE_USAGE } from './serve.ts';

export const USAGE = `用法：
  gongkai report check 文件… [--previous 上一年度报告] [--json] [--verbose]
                       [--published-date YYYY-MM-DD] [--agency-kind government|department|township]
      检查年度报告（文本、HTML、DOCX、PDF）。退出码：0 没有规则不通过；1 有规则不通过；2 有文件无法读取。
  gongkai report render 文件 --to txt|html|json|docx|xlsx|pdf [-o 输出文件]
      把年度报告转换为文本（与全国格式相同的制表符布局）、HTML 网页、JSON、
      公文格式的 Word 文档（DOCX）、Excel 表格（XLSX，每张表一个工作表）或 PDF。
      DOCX、XLSX、PDF 是二进制文件：用 -o 指定输出文件，或把标准输出重定向到文件。
  gongkai report schema
      输出年度报告数据模型的 JSON Schema。
${COMPILE_USAGE}
${CALENDAR_USAGE.replace(/^用法：\n/, '')}
${DB_USAGE}
${DEMO_USAGE}
${DISCLOSURE_USAGE}
${SERVE_USAGE}`;

const defaultIo: Io = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  outBytes: (b) => process.stdout.write(b),
  stdoutIsTty: process.stdout.isTTY === true,
};

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [group, cmd, ...rest] = argv;
  try {
    if (group === 'report' && cmd === 'check') return await runCheck(rest, io);
    if (group === 'report' && cmd === 'render') return await runRender(rest, io);
    if (group === 'report' && cmd === 'compile') return await runCompile(rest, io);
    if (group === 'db') return await runDb([cmd ?? '', ...rest], io);
    if (group === 'demo') return await runDemo([cmd ?? '', ...rest], io);
    if (group === 'disclosure') return await runDisclosure([cmd ?? '', ...rest], io);
    if (group === 'serve') return await runServe(argv.slice(1), io);
    if (group === 'calendar') {
      const dataIdx = rest.indexOf('--data');
      const dataDir = dataIdx >= 0 ? rest[dataIdx + 1] : undefined;
      const args = dataIdx >= 0 ? rest.filter((_, i) => i !== dataIdx && i !== dataIdx + 1) : rest;
      return await runCalendar([cmd ?? '', ...args], io, async () => {
        const store = await openReadyStore({ dataDir: dataDir ?? 'data' });
        try {
          return await loadCalendar(store);
        } finally {
          await store.close();
        }
      });
    }
    if (group === 'report' && cmd === 'schema') {
      io.out(JSON.stringify(reportJsonSchema(), null, 2));
      return 0;
    }
    if (!group || group === '--help' || group === '-h' || group === 'help') {
      io.out(USAGE);
      return 0;
    }
    throw new UsageError(`未知命令：${argv.join(' ')}`);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
