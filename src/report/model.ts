/**
 * The annual report model, defined once with zod: the TypeScript types and the JSON Schema
 * (`reportJsonSchema()`) both come from these definitions.
 */
import { z } from 'zod';

export const SourcePositionSchema = z
  .object({
    line: z.number().int().optional(),
    column: z.number().int().optional(),
    table: z.number().int().optional(),
    row: z.number().int().optional(),
    cell: z.number().int().optional(),
    page: z.number().int().optional(),
  })
  .describe('Where the element was found in the source document (1-based)');

export const CellKindSchema = z
  .enum(['number', 'empty', 'na', 'text'])
  .describe('number: a numeric value; empty: blank; na: "/"-style not applicable; text: anything else');

export const CellSchema = z
  .object({
    raw: z.string().describe('The cell text exactly as found (whitespace trimmed)'),
    kind: CellKindSchema,
    value: z
      .number()
      .nullable()
      .describe('Numeric value for kind=number; null otherwise (never 0 for a blank)'),
    decimal: z
      .string()
      .optional()
      .describe('Exact decimal text for decimal columns (e.g. the fee in 万元), canonical form'),
    pos: SourcePositionSchema.optional(),
  })
  .describe('One table cell');

export const TableStatusSchema = z
  .enum(['ok', 'partial', 'recovered', 'unreadable', 'missing'])
  .describe(
    'ok: read cell by cell; partial: some rows unreadable; recovered: rebuilt from run-together digits where only one split fits; unreadable; missing',
  );

export const RowSchema = z.object({
  label: z.string().describe('The row label as found (or the canonical label when generated)'),
  cells: z.record(z.string(), CellSchema),
  extra: z
    .array(CellSchema)
    .optional()
    .describe('Cells beyond the format’s columns (copy artifacts of merged cells), kept verbatim'),
  recovered: z
    .boolean()
    .optional()
    .describe('Values rebuilt from run-together digits where exactly one split satisfies the row sum'),
  unreadable: z
    .string()
    .optional()
    .describe('Raw text of a row that could not be split into cells; its cells are then blank'),
  pos: SourcePositionSchema.optional(),
});

export const Table2Schema = z.object({
  status: TableStatusSchema,
  blocks: z.record(
    z.string(),
    z.object({
      columnLabels: z.record(z.string(), z.string()).describe('Column labels as found, by column key'),
      rows: z.record(z.string(), RowSchema),
    }),
  ),
});

export const Table3Schema = z.object({
  status: TableStatusSchema,
  rows: z.record(z.string(), RowSchema),
  note: z.string().optional().describe('The 勾稽关系 note as found'),
  groupLabels: z
    .record(z.string(), z.string())
    .optional()
    .describe('Merged group cells as found (e.g. “(三) 不予公开”), by canonical label'),
});

export const Table4Schema = z.object({
  status: TableStatusSchema,
  row: RowSchema.nullable(),
});

export const SectionSchema = z.object({
  number: z.number().int().min(1).max(6),
  key: z.string(),
  heading: z.string().describe('Heading as found, e.g. 一、总体情况'),
  paragraphs: z.array(z.string()),
  pos: SourcePositionSchema.optional(),
});

export const DiagnosticSchema = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  message: z.string().describe('Chinese, for users'),
  pos: SourcePositionSchema.optional(),
});

export const FormatVersionSchema = z.enum(['2021', '2019', 'pre2019']);

export const ReportSchema = z.object({
  schema: z.literal('gongkai/annual-report@1'),
  format: FormatVersionSchema.nullable().describe('The national format the report follows'),
  formatEvidence: z.array(z.string()).describe('Why the format was chosen'),
  year: z.number().int().nullable().describe('Reporting year'),
  agency: z.string().nullable(),
  title: z.string().nullable(),
  /** Paragraphs before the first section heading (title excluded). */
  preamble: z.array(z.string()),
  sections: z.array(SectionSchema),
  table2: Table2Schema,
  table3: Table3Schema,
  table4: Table4Schema,
  diagnostics: z.array(DiagnosticSchema),
});

export type SourcePosition = z.infer<typeof SourcePositionSchema>;
export type CellKind = z.infer<typeof CellKindSchema>;
export type Cell = z.infer<typeof CellSchema>;
export type Row = z.infer<typeof RowSchema>;
export type TableStatus = z.infer<typeof TableStatusSchema>;
export type Table2 = z.infer<typeof Table2Schema>;
export type Table3 = z.infer<typeof Table3Schema>;
export type Table4 = z.infer<typeof Table4Schema>;
export type Section = z.infer<typeof SectionSchema>;
export type Diagnostic = z.infer<typeof DiagnosticSchema>;
export type FormatVersion = z.infer<typeof FormatVersionSchema>;
export type Report = z.infer<typeof ReportSchema>;

/** JSON Schema (draft 2020-12) of the report model, generated from the zod definitions. */
export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ReportSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
}
