/** Validation of one year of holiday data (seed data and administrators' edits). */
import { isWeekend, tryParseIsoDate, WEEKDAY_CN, weekday } from './date.ts';
import type { CalendarYearData } from './types.ts';

/** Years accepted in calendar data. */
export const MIN_YEAR = 1949;
export const MAX_YEAR = 9999;

const FIELD_CN = { holidays: '放假日（holidays）', makeupWorkdays: '调休上班日（makeupWorkdays）' } as const;

/**
 * Checks one year of data. Returns every problem found, as Chinese messages naming the field and the
 * date (an empty array means the data is valid):
 * malformed or unreal dates, dates outside the year, duplicates, a make-up working day that is not a
 * Saturday or Sunday, a date that is both a holiday and a make-up working day, a missing source.
 */
export function validateYearData(data: unknown): string[] {
  const errors: string[] = [];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return ['节假日安排数据应为一个对象（包含 year、holidays、makeupWorkdays、source）'];
  }
  const d = data as Partial<Record<keyof CalendarYearData, unknown>>;
  const year = d.year;
  const yearOk = typeof year === 'number' && Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
  if (!yearOk) errors.push(`年份（year）应为${MIN_YEAR}–${MAX_YEAR}之间的整数：${JSON.stringify(year)}`);
  const label = yearOk ? `${year}年` : '';

  if (typeof d.source !== 'string' || d.source.trim() === '') {
    errors.push(`${label}数据来源（source）不能为空，请注明国务院办公厅通知的文号或数据包版本`);
  }

  const seen = new Map<string, keyof typeof FIELD_CN>();
  for (const field of ['holidays', 'makeupWorkdays'] as const) {
    const list = d[field];
    const name = FIELD_CN[field];
    if (!Array.isArray(list)) {
      errors.push(`${label}${name}应为日期列表`);
      continue;
    }
    const inField = new Set<string>();
    list.forEach((item, i) => {
      const z = tryParseIsoDate(item);
      if (Number.isNaN(z)) {
        errors.push(
          `${label}${name}第${i + 1}项日期格式应为YYYY-MM-DD（且为真实存在的日期）：${typeof item === 'string' ? item : JSON.stringify(item)}`,
        );
        return;
      }
      const date = item as string;
      if (yearOk && Number(date.slice(0, 4)) !== year) {
        errors.push(`${label}${name}中的${date}不在${year}年内`);
      }
      if (inField.has(date)) {
        errors.push(`${label}${name}中的${date}重复出现`);
        return;
      }
      inField.add(date);
      const other = seen.get(date);
      if (other !== undefined && other !== field) {
        errors.push(`${label}${date}同时出现在${FIELD_CN[other]}和${name}中，一天只能是其中一种`);
      }
      seen.set(date, field);
      if (field === 'makeupWorkdays' && !isWeekend(z)) {
        errors.push(`${label}${name}中的${date}是${WEEKDAY_CN[weekday(z)]}，调休上班日应为星期六或星期日`);
      }
    });
  }
  return errors;
}

/** Throws an Error listing every problem (see validateYearData). */
export function assertValidYearData(data: unknown): asserts data is CalendarYearData {
  const errors = validateYearData(data);
  if (errors.length > 0) throw new CalendarDataError(errors);
}

export class CalendarDataError extends Error {
  constructor(public readonly problems: string[]) {
    super(`节假日安排数据有误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CalendarDataError';
  }
}
