import { FORMAT_2019 } from './f2019.ts';
import { FORMAT_2021 } from './f2021.ts';
import type { FormatId, ReportFormat } from './types.ts';

export * from './common.ts';
export type * from './types.ts';
export { FORMAT_2019, FORMAT_2021 };

export const FORMATS: Record<FormatId, ReportFormat> = { '2019': FORMAT_2019, '2021': FORMAT_2021 };

/** The format that applies to a reporting year (spec §1.8); null before 2019 (text only). */
export function formatForYear(year: number): ReportFormat | null {
  if (year >= 2021) return FORMAT_2021;
  if (year >= 2019) return FORMAT_2019;
  return null;
}
