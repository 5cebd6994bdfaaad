/**
 * The report as a Word document in the style of an official document (党政机关公文格式,
 * GB/T 9704-2012): A4, margins 37/26/35/28 mm (a 156 × 225 mm type area), 22 lines of 28
 * characters; the title in 2号小标宋, section headings in 3号黑体, （一）-level headings in
 * 楷体, body text in 3号仿宋; page numbers “— 1 —” in 4号宋体, right on odd pages and left on
 * even pages, one character in from the edge.
 *
 * Fonts are named as Chinese government offices have them (仿宋_GB2312, 方正小标宋简体 …); the
 * font table gives each one the alternative names, GB2312 character set and PANOSE class of the
 * fonts every Windows has (仿宋, 黑体, 楷体, 宋体), so Word and WPS fall back to those on a machine
 * without them, and LibreOffice to a font of the same class.
 *
 * Tables 二/三/四 are laid out as the national format (render/layout.ts): merged cells as
 * `gridSpan`/`vMerge`, numbers right-aligned, header rows repeated on each page, rows never split
 * across pages. Cells print the report's raw text: a blank stays blank, "/" stays "/".
 */
import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { Report, Section } from '../model.ts';
import { FONTS, fontTableXml, runFont } from './docxFonts.ts';
import { cnNumber, type TableNo, tableStatusNotice } from './labels.ts';
import {
  type LayoutCell,
  reportFormat,
  type TableLayout,
  tableLayout,
  titleLines,
  xmlSafe,
} from './layout.ts';

// ---------------------------------------------------------------------------------------------
// Measures (twips: 1/20 pt; half-points for font sizes)

const mm = (v: number): number => Math.round((v * 1440) / 25.4);

/** Chinese font sizes (字号) in half-points. */
const SIZE = { 二号: 44, 三号: 32, 四号: 28, 五号: 21, 小五: 18 } as const;

/** 22 lines on a 225 mm type area: 28.95 pt. */
const LINE_PITCH = 579;

// ---------------------------------------------------------------------------------------------
// Paragraphs

const STYLE = {
  title: 'GkTitle',
  heading1: 'GkHeading1',
  heading2: 'GkHeading2',
  body: 'GkBody',
  cell: 'GkCell',
  notice: 'GkNotice',
} as const;

/** A （一）-level heading written as its own short paragraph: set in 楷体. */
const isSubheading = (p: string): boolean =>
  /^[（(][一二三四五六七八九十]+[)）]/.test(p) && [...p].length <= 30 && !/[。；;]$/.test(p);

const para = (text: string, style: string): Paragraph =>
  new Paragraph({ style, children: [new TextRun(xmlSafe(text))] });

// ---------------------------------------------------------------------------------------------
// Tables

/** Border of every table cell: 0.5 pt single black. */
const BORDER = { style: 'single', size: 4, color: '000000' } as const;
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER } as const;

function alignment(c: LayoutCell): (typeof AlignmentType)[keyof typeof AlignmentType] {
  switch (c.role) {
    case 'note':
      return AlignmentType.JUSTIFIED;
    case 'label':
      return AlignmentType.LEFT;
    case 'data':
      if (c.cell?.kind === 'na') return AlignmentType.CENTER;
      if (c.cell?.kind === 'text') return AlignmentType.LEFT;
      return AlignmentType.RIGHT;
    default:
      return AlignmentType.CENTER;
  }
}

function cellRuns(c: LayoutCell, size: number): TextRun[] {
  const heading = c.role === 'head' || c.role === 'block' || c.role === 'group';
  return [
    new TextRun({
      text: xmlSafe(c.text),
      font: runFont(heading ? 'heiti' : 'fangsong'),
      size: c.role === 'note' ? size - 2 : size,
      ...(c.total || c.role === 'block' ? { bold: true } : {}),
    }),
  ];
}

function renderTableLayout(t: TableLayout): Table {
  const totalMm = t.widths.reduce((a, b) => a + b, 0);
  const widths = t.widths.map((w) => mm((w * 156) / totalMm));
  const size = t.table === 4 ? SIZE.小五 : SIZE.五号;
  // Where each row's cells start on the grid, honouring row spans from above.
  const occupied: boolean[][] = [];
  const rows = t.rows.map((cells, r) => {
    occupied[r] ??= [];
    let col = 0;
    const tcs = cells.map((c) => {
      while (occupied[r]![col]) col++;
      for (let dr = 0; dr < c.rowSpan; dr++) {
        occupied[r + dr] ??= [];
        for (let dc = 0; dc < c.colSpan; dc++) occupied[r + dr]![col + dc] = true;
      }
      const width = widths.slice(col, col + c.colSpan).reduce((a, b) => a + b, 0);
      col += c.colSpan;
      return new TableCell({
        children: [
          new Paragraph({ style: STYLE.cell, alignment: alignment(c), children: cellRuns(c, size) }),
        ],
        ...(c.colSpan > 1 ? { columnSpan: c.colSpan } : {}),
        ...(c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
        width: { size: width, type: WidthType.DXA },
        verticalAlign: VerticalAlignTable.CENTER,
        margins: { left: 57, right: 57, top: 28, bottom: 28 },
      });
    });
    // Keep a table (a table 二 block) on one page when it fits: every row but its last keeps
    // with the next, as Word does for “keep with next” paragraphs in the rows' first cells.
    const next = t.rows[r + 1];
    const keepNext = next !== undefined && !(t.table === 2 && next.some((c) => c.role === 'block'));
    return new TableRow({
      children: tcs,
      cantSplit: true,
      ...(r < t.headerRows ? { tableHeader: true } : {}),
      ...(keepNext ? { keepNext: true } : {}),
    });
  });
  return new Table({
    rows,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: { ...BORDERS, insideHorizontal: BORDER, insideVertical: BORDER },
  });
}

// ---------------------------------------------------------------------------------------------
// Document

function pageTitle(report: Report): string {
  if (report.title?.trim()) return report.title.trim();
  const year = report.year !== null ? `${report.year}年` : '';
  return `${report.agency ?? ''}${year}政府信息公开工作年度报告`;
}

/** The report's sections plus a canonical one for any table section the source lacks (as render/html.ts). */
function sectionsWithTables(report: Report): Section[] {
  const fmt = reportFormat(report);
  const out = [...report.sections];
  if (!fmt) return out;
  for (const n of [2, 3, 4]) {
    if (out.some((s) => s.number === n)) continue;
    const def = fmt.sections.find((s) => s.number === n)!;
    const section: Section = {
      number: n,
      key: def.key,
      heading: `${cnNumber(n)}、${def.heading}`,
      paragraphs: [],
    };
    const at = out.findIndex((s) => s.number > n);
    if (at < 0) out.push(section);
    else out.splice(at, 0, section);
  }
  return out;
}

function tableBlocks(n: TableNo, report: Report): (Paragraph | Table)[] {
  const fmt = reportFormat(report);
  const status = n === 2 ? report.table2.status : n === 3 ? report.table3.status : report.table4.status;
  if (!fmt) return [];
  const msg = tableStatusNotice(n, status);
  if (status === 'unreadable' || status === 'missing') return msg ? [para(msg, STYLE.notice)] : [];
  const table = renderTableLayout(tableLayout(n, report, fmt));
  // an empty paragraph after a table keeps the next heading off its border
  const out: (Paragraph | Table)[] = [table];
  if (msg) out.push(para(msg, STYLE.notice));
  return out;
}

function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const indent = side === 'odd' ? { right: 280 } : { left: 280 };
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent,
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: { ascii: FONTS.songti.name, hAnsi: FONTS.songti.name, eastAsia: FONTS.songti.name },
            size: SIZE.四号,
          }),
        ],
      }),
    ],
  });
}

/** Renders the report as a DOCX file. */
export async function renderDocx(report: Report): Promise<Buffer> {
  const title = xmlSafe(pageTitle(report));
  // the title's lines are joined again by a reader: a line break inside one paragraph
  const titleRuns = titleLines(title).map(
    (line, i) => new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}) }),
  );
  const children: (Paragraph | Table)[] = [new Paragraph({ style: STYLE.title, children: titleRuns })];
  /** A paragraph after a table keeps half a line off the table's bottom border. */
  const add = (text: string, style: string): void => {
    const afterTable = children[children.length - 1] instanceof Table;
    children.push(
      new Paragraph({
        style,
        children: [new TextRun(xmlSafe(text))],
        ...(afterTable ? { spacing: { before: Math.round(LINE_PITCH / 2) } } : {}),
      }),
    );
  };
  for (const p of report.preamble) if (p.trim()) add(p, STYLE.body);
  const placed = new Set<number>();
  for (const s of sectionsWithTables(report)) {
    add(s.heading, STYLE.heading1);
    for (const p of s.paragraphs) {
      if (p.trim()) add(p, isSubheading(p) ? STYLE.heading2 : STYLE.body);
    }
    if ((s.number === 2 || s.number === 3 || s.number === 4) && !placed.has(s.number)) {
      placed.add(s.number);
      children.push(...tableBlocks(s.number, report));
    }
  }
  // Word needs a paragraph after a final table
  if (children[children.length - 1] instanceof Table) children.push(new Paragraph({ style: STYLE.body }));

  const bodyParagraph = {
    indent: { firstLine: 640 },
    spacing: { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    alignment: AlignmentType.JUSTIFIED,
  };
  const doc = new Document({
    title,
    creator: 'gongkai',
    description: '政府信息公开工作年度报告',
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: {
            font: runFont('fangsong'),
            size: SIZE.三号,
            language: { value: 'zh-CN', eastAsia: 'zh-CN' },
          },
          paragraph: { spacing: { line: LINE_PITCH, lineRule: LineRuleType.EXACT } },
        },
      },
      paragraphStyles: [
        {
          id: STYLE.body,
          name: '公文正文',
          basedOn: 'Normal',
          quickFormat: true,
          paragraph: bodyParagraph,
          run: { font: runFont('fangsong'), size: SIZE.三号 },
        },
        {
          id: STYLE.title,
          name: '公文标题',
          basedOn: 'Normal',
          next: STYLE.body,
          quickFormat: true,
          paragraph: {
            alignment: AlignmentType.CENTER,
            spacing: { line: 700, lineRule: LineRuleType.EXACT, before: 0, after: LINE_PITCH },
            keepNext: true,
            outlineLevel: 0,
          },
          run: { font: runFont('xiaobiaosong'), size: SIZE.二号 },
        },
        {
          id: STYLE.heading1,
          name: '公文一级标题',
          basedOn: 'Normal',
          next: STYLE.body,
          quickFormat: true,
          paragraph: { ...bodyParagraph, keepNext: true, keepLines: true, outlineLevel: 1 },
          run: { font: runFont('heiti'), size: SIZE.三号 },
        },
        {
          id: STYLE.heading2,
          name: '公文二级标题',
          basedOn: 'Normal',
          next: STYLE.body,
          quickFormat: true,
          paragraph: { ...bodyParagraph, keepNext: true, keepLines: true, outlineLevel: 2 },
          run: { font: runFont('kaiti'), size: SIZE.三号 },
        },
        {
          id: STYLE.notice,
          name: '说明',
          basedOn: 'Normal',
          paragraph: { ...bodyParagraph, indent: { firstLine: 0 } },
          run: { font: runFont('kaiti'), size: SIZE.四号 },
        },
        {
          id: STYLE.cell,
          name: '表格文字',
          basedOn: 'Normal',
          paragraph: { spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 } },
          run: { font: runFont('fangsong'), size: SIZE.五号, snapToGrid: false },
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: {
              top: mm(37),
              bottom: mm(35),
              left: mm(28),
              right: mm(26),
              header: mm(15),
              footer: mm(21),
            },
          },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}
