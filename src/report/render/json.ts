/** The report model as JSON (the interchange form; its schema is docs/schema/annual-report.schema.json). */
import type { Report } from '../model.ts';

/** Pretty JSON, 2-space indent, with a trailing newline. Blank cells stay `null`, never 0. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
