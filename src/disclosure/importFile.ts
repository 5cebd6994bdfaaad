/**
 * Reading a spreadsheet of information items (agencies moving from Excel 台账): XLSX (first sheet)
 * or CSV (UTF-8 with or without BOM, or GB18030/GBK as Excel saves it on Chinese Windows; comma or
 * tab separated). The first non-empty row holds the column names; names are matched by the usual
 * headings of portals and ledgers (aliases below). Each data row becomes the fields of an item or a
 * list of problems, each naming the row as the spreadsheet shows it (第N行) and the column by the
 * name the file uses.
 */
import ExcelJS from 'exceljs';
import { isIsoDate } from '../cases/dates.ts';
import {
  ATTRIBUTES,
  findAttribute,
  findCategory,
  findPolicyKind,
  findValidity,
  POLICY_KINDS,
  VALIDITY,
} from './categories.ts';
import { FIELD_LABELS, type ItemFields, parseItemFields } from './fields.ts';
import { looksLikeHtml, textToHtml } from './sanitize.ts';

export type ImportColumn =
  | 'indexNumber'
  | 'title'
  | 'documentNumber'
  | 'issuer'
  | 'writtenOn'
  | 'publishedOn'
  | 'formedOn'
  | 'category'
  | 'topic'
  | 'attribute'
  | 'attributeReason'
  | 'policyKind'
  | 'validity'
  | 'validityOn'
  | 'effectiveOn'
  | 'summary'
  | 'body';

/** Column headings accepted for each field; the first is the canonical one (used in the template). */
export const IMPORT_COLUMNS: Record<ImportColumn, { names: string[]; required?: boolean }> = {
  indexNumber: { names: ['索引号'] },
  title: { names: ['标题', '名称', '信息名称', '文件名称', '题名'], required: true },
  documentNumber: { names: ['文号', '发文字号', '发文文号', '文件编号'] },
  issuer: { names: ['发布机构', '发文机关', '发布单位', '发文单位', '发布机关'] },
  writtenOn: { names: ['成文日期', '成文时间'] },
  publishedOn: { names: ['发布日期', '发布时间', '公开日期', '公开时间'] },
  formedOn: { names: ['形成日期', '形成或变更日期', '生成日期', '信息形成日期', '变更日期'] },
  category: { names: ['公开类别', '分类', '信息类别', '类别', '目录分类', '公开目录'], required: true },
  topic: { names: ['主题分类', '主题'] },
  attribute: { names: ['公开属性', '公开方式', '属性'] },
  attributeReason: { names: ['不予公开理由', '不公开理由', '不公开依据'] },
  policyKind: { names: ['文件类型', '政策文件类型', '文件种类'] },
  validity: { names: ['效力状态', '有效性', '时效性', '效力'] },
  validityOn: { names: ['失效或废止日期', '失效日期', '废止日期', '效力变更日期'] },
  effectiveOn: { names: ['施行日期', '生效日期', '实施日期'] },
  summary: { names: ['内容概述', '摘要', '概述'] },
  body: { names: ['正文', '内容', '正文内容'] },
};

export interface ImportProblem {
  /** The spreadsheet row (1 = the heading row); null for the whole file. */
  row: number | null;
  /** The column as the file names it; null for the whole row or file. */
  column: string | null;
  message: string;
}

/** “第5行「成文日期」：…” */
export function formatProblem(p: ImportProblem): string {
  const where = `${p.row !== null ? `第${p.row}行` : '文件'}${p.column ? `「${p.column}」` : ''}`;
  return `${where}：${p.message}`;
}

export class ImportFileError extends Error {}

export interface Sheet {
  /** Rows as text cells, each with its spreadsheet row number. */
  rows: { row: number; cells: string[] }[];
}

// ---------------------------------------------------------------------------------------------
// Reading

function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes); // Excel's “CSV” on Chinese Windows
  }
}

/** RFC 4180 records (quotes, doubled quotes, line breaks inside quotes); comma or tab separated. */
export function parseCsv(text: string): Sheet {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  const rows: Sheet['rows'] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let record = 1;
  let i = 0;
  const endCell = () => {
    cells.push(cell);
    cell = '';
  };
  const endRow = () => {
    endCell();
    rows.push({ row: record++, cells });
    cells = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      i++;
    } else if (ch === sep) {
      endCell();
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += ch;
      i++;
    }
  }
  if (quoted) throw new ImportFileError(`CSV 文件第${record}行有未闭合的引号（文件可能不完整）`);
  if (cell !== '' || cells.length) endRow();
  return { rows };
}

const pad = (n: number) => String(n).padStart(2, '0');

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    // exceljs gives dates as UTC midnight of the day shown
    return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  }
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return '';
    return '';
  }
  return String(v);
}

async function readXlsx(bytes: Uint8Array): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (e) {
    throw new ImportFileError(`无法读取 Excel 文件：${(e as Error).message}`);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new ImportFileError('Excel 文件中没有工作表');
  const rows: Sheet['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= r.cellCount; c++) cells.push(cellText(r.getCell(c).value));
    rows.push({ row: rowNumber, cells });
  });
  return { rows };
}

/** Reads a spreadsheet by its content (XLSX is a zip) or its name (.csv/.txt). */
export async function readSheet(filename: string, bytes: Uint8Array): Promise<Sheet> {
  if (bytes.length === 0) throw new ImportFileError('文件是空的');
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return readXlsx(bytes);
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf)
    throw new ImportFileError('这是旧版 Excel 文件（.xls）或加密的文件，请另存为 .xlsx 或 CSV 后再导入');
  if (!/\.(csv|txt|tsv)$/i.test(filename) && bytes.subarray(0, 512).includes(0))
    throw new ImportFileError('文件既不是 Excel（.xlsx）也不是 CSV');
  return parseCsv(decodeCsv(bytes));
}

// ---------------------------------------------------------------------------------------------
// Columns and rows

const headingKey = (h: string) =>
  h
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[*＊]/g, '')
    .replace(/\((必填|选填|可选)\)$/, '');

export interface ColumnMap {
  /** Column index (0-based) of each field found. */
  index: Partial<Record<ImportColumn, number>>;
  /** The heading the file uses for each field found. */
  heading: Partial<Record<ImportColumn, string>>;
  ignored: string[];
}

export function mapColumns(headings: string[]): { map: ColumnMap; problems: ImportProblem[] } {
  const map: ColumnMap = { index: {}, heading: {}, ignored: [] };
  const problems: ImportProblem[] = [];
  headings.forEach((raw, i) => {
    const h = headingKey(raw);
    if (!h) return;
    const key = (Object.keys(IMPORT_COLUMNS) as ImportColumn[]).find((k) =>
      IMPORT_COLUMNS[k].names.includes(h),
    );
    if (!key) {
      map.ignored.push(raw.trim());
      return;
    }
    if (map.index[key] !== undefined) {
      problems.push({
        row: 1,
        column: raw.trim(),
        message: `与「${map.heading[key]}」是同一项（${IMPORT_COLUMNS[key].names[0]}），只能保留一列`,
      });
      return;
    }
    map.index[key] = i;
    map.heading[key] = raw.trim();
  });
  for (const [k, def] of Object.entries(IMPORT_COLUMNS) as [
    ImportColumn,
    { names: string[]; required?: boolean },
  ][])
    if (def.required && map.index[k] === undefined)
      problems.push({
        row: 1,
        column: null,
        message: `缺少必需的列「${def.names[0]}」（也可以叫 ${def.names.slice(1).join('、')}）`,
      });
  return { map, problems };
}

/** '2025-03-01', '2025/3/1', '2025.3.1', '2025年3月1日', '20250301' → '2025-03-01'; null if not a date. */
export function parseDate(text: string): string | null {
  const s = text.normalize('NFKC').trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  return isIsoDate(iso) ? iso : null;
}

/** Which file column a field error belongs to. */
const FIELD_TO_COLUMN: Partial<Record<keyof ItemFields, ImportColumn>> = {
  title: 'title',
  documentNumber: 'documentNumber',
  issuer: 'issuer',
  writtenOn: 'writtenOn',
  formedOn: 'formedOn',
  category: 'category',
  topic: 'topic',
  attribute: 'attribute',
  attributeReason: 'attributeReason',
  summary: 'summary',
  bodyHtml: 'body',
  policyKind: 'policyKind',
  effectiveOn: 'effectiveOn',
  validity: 'validity',
  validityOn: 'validityOn',
};

export interface ImportedRow {
  row: number;
  fields: ItemFields;
  publishedOn: string | null;
  indexNumber: string | null;
}

/**
 * One data row → item fields (validated exactly as the console validates them), or problems.
 * `defaults.issuer` is the agency's name; `defaults.topics` its 主题分类 when it keeps a list.
 */
export function rowToItem(
  row: { row: number; cells: string[] },
  map: ColumnMap,
  defaults: { issuer: string; topics?: string[] | null },
): { ok: true; value: ImportedRow } | { ok: false; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const colName = (k: ImportColumn) => map.heading[k] ?? IMPORT_COLUMNS[k].names[0]!;
  const get = (k: ImportColumn) => {
    const i = map.index[k];
    return i === undefined ? '' : (row.cells[i] ?? '').trim();
  };
  const problem = (k: ImportColumn | null, message: string) =>
    problems.push({ row: row.row, column: k ? colName(k) : null, message });
  const date = (k: ImportColumn): string | null => {
    const t = get(k);
    if (!t) return null;
    const d = parseDate(t);
    if (!d) problem(k, `“${t}”不是有效日期（可写作2026-03-01、2026/3/1或2026年3月1日）`);
    return d;
  };
  const writtenOn = date('writtenOn');
  const publishedOn = date('publishedOn');
  const validityOn = date('validityOn');
  const effectiveOn = date('effectiveOn');
  let formedOn = date('formedOn');
  if (!formedOn && !get('formedOn')) formedOn = writtenOn ?? publishedOn;
  if (!formedOn && !problems.length)
    problem(
      map.index.formedOn !== undefined ? 'formedOn' : null,
      '须填写形成日期（或成文日期、发布日期之一）',
    );
  const categoryText = get('category');
  const category = categoryText ? findCategory(categoryText) : null;
  if (!categoryText)
    problem('category', '必填（条例第二十条的项目，如“（一）”或“行政法规、规章和规范性文件”）');
  else if (!category)
    problem('category', `不认识“${categoryText}”：应为条例第二十条第（一）至（十五）项或第二十一条的类别`);
  const attrText = get('attribute');
  const attribute = attrText ? findAttribute(attrText) : 'proactive';
  if (!attribute) problem('attribute', `应为${Object.values(ATTRIBUTES).join('、')}之一，收到“${attrText}”`);
  const kindText = get('policyKind');
  const policyKind = kindText ? findPolicyKind(kindText) : null;
  if (kindText && !policyKind && !['其他', '无', '/', '-'].includes(kindText))
    problem('policyKind', `应为${Object.values(POLICY_KINDS).join('、')}或留空，收到“${kindText}”`);
  const validityText = get('validity');
  const validity = validityText ? findValidity(validityText) : null;
  if (validityText && !validity)
    problem('validity', `应为${Object.values(VALIDITY).join('、')}之一，收到“${validityText}”`);
  if (problems.length) return { ok: false, problems };
  const body = get('body');
  const input: Record<string, unknown> = {
    title: get('title'),
    documentNumber: get('documentNumber'),
    issuer: get('issuer') || defaults.issuer,
    writtenOn,
    formedOn,
    category: category ?? (policyKind ? 'art20.1' : ''),
    topic: get('topic'),
    attribute,
    attributeReason: get('attributeReason'),
    summary: get('summary'),
    bodyHtml: looksLikeHtml(body) ? body : textToHtml(body),
    policyKind,
    effectiveOn,
    validity: validity ?? (policyKind ? 'valid' : null),
    validityOn: validity === 'valid' ? null : validityOn,
  };
  const r = parseItemFields(input);
  if (!r.ok) {
    for (const e of r.errors) {
      const col = FIELD_TO_COLUMN[e.path as keyof ItemFields] ?? null;
      const label = FIELD_LABELS[e.path as keyof ItemFields];
      const msg = label && e.message.startsWith(`${label}：`) ? e.message.slice(label.length + 1) : e.message;
      if (col && map.index[col] === undefined)
        problem(null, `${IMPORT_COLUMNS[col].names[0]}：${msg}（文件中没有这一列）`);
      else problem(col, msg);
    }
    return { ok: false, problems };
  }
  if (r.value.topic && defaults.topics && !defaults.topics.includes(r.value.topic))
    problem('topic', `“${r.value.topic}”不是本机关的主题分类（${defaults.topics.join('、')}）`);
  if (publishedOn && publishedOn < r.value.formedOn)
    problem('publishedOn', `发布日期（${publishedOn}）早于形成日期（${r.value.formedOn}）`);
  if (publishedOn && r.value.attribute !== 'proactive')
    problem('publishedOn', `公开属性为“${ATTRIBUTES[r.value.attribute]}”的信息不能有发布日期`);
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: { row: row.row, fields: r.value, publishedOn, indexNumber: get('indexNumber') || null },
  };
}
