/** `gongkai report check` and `gongkai report render`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { FORMATS } from '../report/formats/index.ts';
import type { Report } from '../report/model.ts';
import { parseReportFile, ReportReadError } from '../report/parse/index.ts';
import { renderHtml } from '../report/render/html.ts';
import { renderJson } from '../report/render/json.ts';
import { renderText } from '../report/render/txt.ts';
import { checkReport, summarize } from '../report/rules/index.ts';
import type { CheckConfig, RuleResult } from '../report/rules/types.ts';
import { ProgressBar } from './progress.ts';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Writes bytes to standard output (binary renderings without -o); absent: -o is required. */
  outBytes?: (bytes: Uint8Array) => void;
  /** Standard output is a terminal: binary renderings then require -o. */
  stdoutIsTty?: boolean;
}

/** Exit codes of `report check` (an interface: keep them stable). */
export const EXIT = { ok: 0, ruleFailed: 1, unreadable: 2 } as const;

export class UsageError extends Error {}

async function readReport(file: string): Promise<Report> {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个目录，不是文件' : `无法读取（${code}）`;
    throw new ReportReadError('io', `${why}：${file}`);
  }
  return await parseReportFile(buf, { filename: file });
}

const STATUS_CN = {
  ok: '已读取',
  partial: '不完整',
  recovered: '已还原',
  unreadable: '无法读取',
  missing: '缺失',
};

function formatLine(r: Report): string {
  const fmt =
    r.format === '2021' || r.format === '2019'
      ? `${r.format}年格式（${FORMATS[r.format].basis.match(/^[^《]+/)?.[0]}）`
      : r.format === 'pre2019'
        ? '2019年以前（无统一表格，只导入文字）'
        : '未能判断';
  return `格式：${fmt}　报告年度：${r.year ?? '未知'}年　机关：${r.agency ?? '未知'}`;
}

export interface FileResult {
  file: string;
  report?: Report;
  error?: { code: string; message: string };
  results: RuleResult[];
}

const isFailure = (r: RuleResult) => r.status === 'fail' && r.severity === 'error';
const isWarning = (r: RuleResult) => r.status === 'fail' && r.severity === 'warning';

function printFile(io: Io, fr: FileResult, verbose: boolean): void {
  io.out(`\n${fr.file}`);
  if (fr.error) {
    io.out(`  ✗ 无法读取：${fr.error.message}`);
    return;
  }
  const r = fr.report!;
  io.out(`  ${formatLine(r)}`);
  io.out(
    `  表二${STATUS_CN[r.table2.status]}　表三${STATUS_CN[r.table3.status]}　表四${STATUS_CN[r.table4.status]}　章节${r.sections.length}个`,
  );
  for (const d of r.diagnostics) {
    if (d.severity === 'info' && !verbose) continue;
    const mark = d.severity === 'error' ? '✗' : d.severity === 'warning' ? '!' : '·';
    const where = d.pos?.line ? `（第${d.pos.line}行）` : d.pos?.page ? `（第${d.pos.page}页）` : '';
    io.out(`  ${mark} 解析：${d.message}${where}`);
  }
  const s = summarize(fr.results);
  io.out(`  规则：不通过 ${s.fail}　警告 ${s.warn}　通过 ${s.pass}　无法判断 ${s.notAssessable}`);
  for (const res of fr.results) {
    if (isFailure(res)) io.out(`  ✗ [${res.ruleId}] ${res.message}`);
    else if (isWarning(res)) io.out(`  ! [${res.ruleId}] ${res.message}`);
    else if (verbose && res.status === 'not-assessable') io.out(`  ? [${res.ruleId}] ${res.message}`);
  }
}

function pad(s: string, width: number): string {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uffff]/u.test(ch) ? 2 : 1;
  return s + ' '.repeat(Math.max(0, width - w));
}

function printTable(io: Io, results: FileResult[]): void {
  io.out('\n汇总');
  io.out(
    `${pad('文件', 36)}${pad('年度', 6)}${pad('格式', 6)}${pad('不通过', 8)}${pad('警告', 6)}不通过的规则`,
  );
  for (const fr of results) {
    const name = basename(fr.file);
    if (fr.error) {
      io.out(`${pad(name, 36)}${pad('-', 6)}${pad('-', 6)}${pad('-', 8)}${pad('-', 6)}无法读取`);
      continue;
    }
    const s = summarize(fr.results);
    const ids = [...new Set(fr.results.filter(isFailure).map((r) => r.ruleId))].join(' ');
    io.out(
      `${pad(name, 36)}${pad(String(fr.report!.year ?? '?'), 6)}${pad(fr.report!.format ?? '?', 6)}${pad(String(s.fail), 8)}${pad(String(s.warn), 6)}${ids}`,
    );
  }
}

export async function runCheck(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      previous: { type: 'string' },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', short: 'v', default: false },
      'published-date': { type: 'string' },
      'agency-kind': { type: 'string' },
    },
  });
  if (!positionals.length) throw new UsageError('请指定要检查的年度报告文件');
  const kind = values['agency-kind'] ?? 'auto';
  if (!['government', 'department', 'township', 'auto'].includes(kind))
    throw new UsageError('--agency-kind 只能是 government、department、township 或 auto');
  if (values['published-date'] && !/^\d{4}-\d{2}-\d{2}$/.test(values['published-date']))
    throw new UsageError('--published-date 的格式应为 YYYY-MM-DD');
  const config: Partial<CheckConfig> = {
    agencyKind: kind as CheckConfig['agencyKind'],
    ...(values['published-date'] ? { publishedDate: values['published-date'] } : {}),
  };

  let previous: Report | undefined;
  let unreadable = false;
  if (values.previous) {
    try {
      previous = await readReport(values.previous);
    } catch (e) {
      if (!(e instanceof ReportReadError)) throw e;
      io.err(`上一年度报告无法读取：${e.message}`);
      return EXIT.unreadable;
    }
  }

  const bar = new ProgressBar(positionals.length);
  const results: FileResult[] = [];
  for (const [i, file] of positionals.entries()) {
    bar.tick(i, file);
    try {
      const report = await readReport(file);
      results.push({
        file,
        report,
        results: checkReport(report, { ...(previous ? { previous } : {}), config }),
      });
    } catch (e) {
      if (!(e instanceof ReportReadError)) throw e;
      unreadable = true;
      results.push({ file, error: { code: e.code, message: e.message }, results: [] });
    }
    bar.tick(i + 1, file);
  }
  bar.done();

  const failed = results.some((fr) => fr.results.some(isFailure));
  if (values.json) {
    io.out(
      JSON.stringify(
        results.map((fr) => ({
          file: fr.file,
          ...(fr.error ? { error: fr.error } : {}),
          ...(fr.report
            ? {
                format: fr.report.format,
                year: fr.report.year,
                agency: fr.report.agency,
                tables: {
                  table2: fr.report.table2.status,
                  table3: fr.report.table3.status,
                  table4: fr.report.table4.status,
                },
                diagnostics: fr.report.diagnostics,
                summary: summarize(fr.results),
              }
            : {}),
          results: fr.results,
        })),
        null,
        2,
      ),
    );
  } else {
    for (const fr of results) printFile(io, fr, values.verbose ?? false);
    if (results.length > 1) printTable(io, results);
  }
  if (unreadable) return EXIT.unreadable;
  return failed ? EXIT.ruleFailed : EXIT.ok;
}

/** Renderings that are files of their own (bytes), by `--to`; loaded only when used. */
const BINARY: Record<string, { name: string; render: (r: Report) => Promise<Buffer> }> = {
  docx: { name: 'DOCX', render: async (r) => (await import('../report/render/docx.ts')).renderDocx(r) },
  xlsx: { name: 'XLSX', render: async (r) => (await import('../report/render/xlsx.ts')).renderXlsx(r) },
  pdf: { name: 'PDF', render: async (r) => (await import('../report/render/pdf.ts')).renderPdf(r) },
};

export async function runRender(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { to: { type: 'string' }, o: { type: 'string', short: 'o' }, output: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('请指定一个要转换的年度报告文件');
  const to = values.to;
  if (!to || !['txt', 'html', 'json', 'docx', 'xlsx', 'pdf'].includes(to))
    throw new UsageError('--to 只能是 txt、html、json、docx、xlsx 或 pdf');
  const out = values.o ?? values.output;
  const binary = BINARY[to];
  if (binary && !out && (!io.outBytes || io.stdoutIsTty))
    throw new UsageError(`${binary.name}是二进制文件，请用 -o 指定输出文件（或把标准输出重定向到文件）`);
  let report: Report;
  try {
    report = await readReport(positionals[0]!);
  } catch (e) {
    if (!(e instanceof ReportReadError)) throw e;
    io.err(`无法读取：${e.message}`);
    return EXIT.unreadable;
  }
  if (binary) {
    let bytes: Buffer;
    try {
      bytes = await binary.render(report);
    } catch (e) {
      if (!(e instanceof Error && e.name === 'PdfRenderError')) throw e;
      io.err(`无法生成${binary.name}：${e.message}`);
      return EXIT.unreadable;
    }
    if (out) {
      writeFileSync(out, bytes);
      io.err(`已写入 ${out}`);
    } else io.outBytes!(bytes);
    return EXIT.ok;
  }
  const text =
    to === 'txt'
      ? renderText(report)
      : to === 'json'
        ? renderJson(report)
        : renderHtml(report, { findings: checkReport(report) });
  if (out) {
    writeFileSync(out, text);
    io.err(`已写入 ${out}`);
  } else io.out(text.replace(/\n$/, ''));
  return EXIT.ok;
}
