/**
 * The national annual-report formats as data (spec §1.1–1.5, §2.2). Every table element has a
 * stable key that the model, the rules and the renderers use; labels are the exact printed text.
 */

export type FormatId = '2021' | '2019';

export interface SectionDef {
  /** 1..6 */
  number: number;
  key: string;
  /** The heading the generator writes. */
  heading: string;
  /** Other headings seen in real reports (without the numeral prefix). */
  variants: string[];
}

export interface ColumnDef {
  key: string;
  label: string;
  /** Labels seen in real reports for the same column. */
  aliases?: string[];
  /** 'count': integer ≥ 0; 'signed': integer, may be negative (2019 本年增/减); 'decimal': exact decimal. */
  valueType: 'count' | 'signed' | 'decimal';
  /** Unit printed in the label, e.g. 万元. */
  unit?: string;
}

export interface T2RowDef {
  key: string;
  label: string;
  aliases?: string[];
}

export interface T2BlockDef {
  key: string;
  /** e.g. 第二十条第（一）项 */
  label: string;
  /** 条例 Art. 20 item number */
  item: number;
  columns: ColumnDef[];
  rows: T2RowDef[];
}

export interface T3RowDef {
  key: string;
  /** Exact label as printed in the format. */
  label: string;
  /** Misprints and variants seen in real reports. */
  aliases?: string[];
  /** The merged header cells above it (e.g. 三、本年度办理结果, （三）不予公开). */
  groups: string[];
  /** True for rows that are sums of others ((七)总计). */
  total?: boolean;
}

export interface T3ColumnDef {
  key: string;
  label: string;
  group?: string;
}

export interface T4ColumnDef {
  key: string;
  label: string;
  group: string;
  subgroup?: string;
}

export interface ReportFormat {
  id: FormatId;
  /** Document that defines it. */
  basis: string;
  /** First and last reporting year it applies to (inclusive; null = open). */
  years: [number, number | null];
  sections: SectionDef[];
  table2: { blocks: T2BlockDef[] };
  table3: { note: string; columns: T3ColumnDef[]; rows: T3RowDef[] };
  table4: { columns: T4ColumnDef[] };
}
