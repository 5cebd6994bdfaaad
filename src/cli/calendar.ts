/**
 * `gongkai calendar add-working-days DATE N` and `gongkai calendar count-working-days FROM TO`.
 *
 * `argv` starts with the subcommand (the words after `calendar`). Exit codes: 0 done; 2 bad
 * arguments (message and usage on stderr), a result in a year the calendar does not cover (spec WD-01),
 * or invalid calendar data. The calendar is loaded only after the arguments have been checked.
 */
import { tryParseIsoDate } from '../calendar/date.ts';
import { CalendarCoverageError, type WorkingCalendar } from '../calendar/types.ts';
import { CalendarDataError } from '../calendar/validate.ts';

export interface CalendarIo {
  out(s: string): void;
  err(s: string): void;
}

export const CALENDAR_USAGE = `用法：
  gongkai calendar add-working-days 日期 N
      输出“日期”之后的第N个工作日（当日不计入，YYYY-MM-DD）。例：add-working-days 2025-09-26 20
  gongkai calendar count-working-days 起始日期 结束日期
      输出起始日期（不含）至结束日期（含）之间的工作日数。
  日期格式为YYYY-MM-DD。工作日按工作日历中国务院办公厅公布的节假日安排计算；
  结果超出工作日历已录入的年份时拒绝计算（退出码2）。`;

class UsageError extends Error {}

function checkDate(s: string | undefined, what: string): string {
  if (s === undefined) throw new UsageError(`缺少${what}`);
  if (Number.isNaN(tryParseIsoDate(s)))
    throw new UsageError(`${what}格式应为YYYY-MM-DD（且为真实存在的日期）：${s}`);
  return s;
}

function checkCount(s: string | undefined): number {
  if (s === undefined) throw new UsageError('缺少工作日数N');
  const n = /^\d{1,9}$/.test(s) ? Number(s) : Number.NaN;
  if (Number.isNaN(n)) throw new UsageError(`工作日数N应为非负整数：${s}`);
  return n;
}

function checkNoMore(rest: string[]): void {
  if (rest.length > 0) throw new UsageError(`多余的参数：${rest.join(' ')}`);
}

export async function runCalendar(
  argv: string[],
  io: CalendarIo,
  getCalendar: () => Promise<WorkingCalendar>,
): Promise<number> {
  const [cmd, ...args] = argv;
  try {
    if (cmd === 'add-working-days') {
      const [d, nText, ...rest] = args;
      const date = checkDate(d, '日期');
      const n = checkCount(nText);
      checkNoMore(rest);
      const calendar = await getCalendar();
      io.out(calendar.addWorkingDays(date, n));
      return 0;
    }
    if (cmd === 'count-working-days') {
      const [f, t, ...rest] = args;
      const from = checkDate(f, '起始日期');
      const to = checkDate(t, '结束日期');
      checkNoMore(rest);
      const calendar = await getCalendar();
      io.out(String(calendar.countWorkingDays(from, to)));
      return 0;
    }
    if (cmd === undefined || cmd === 'help' || cmd === '--help' || cmd === '-h') {
      io.out(CALENDAR_USAGE);
      return 0;
    }
    throw new UsageError(`未知命令：calendar ${argv.join(' ')}`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${CALENDAR_USAGE}`);
      return 2;
    }
    if (e instanceof CalendarCoverageError || e instanceof CalendarDataError) {
      io.err(e.message);
      return 2;
    }
    throw e;
  }
}
