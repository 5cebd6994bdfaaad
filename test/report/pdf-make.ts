/**
 * A tiny PDF writer for the PDF front end's tests: pages of text lines (Chinese through the
 * predefined CMap UniGB-UCS2-H with the non-embedded font STSong-Light, as older Chinese PDFs do),
 * and pages that hold only an image (a "scan" without a text layer). Every PDF made here is
 * generated at test time; none is a real document.
 */

export interface TextLine {
  text: string;
  x: number;
  /** Baseline, from the bottom of the page (PDF user space). */
  y: number;
  size?: number;
}

export interface ImagePage {
  /** Raw 8-bit grey samples, width × height; or, with `jpeg`, the bytes of a greyscale JPEG. */
  grey: Uint8Array;
  width: number;
  height: number;
  jpeg?: boolean;
}

export type PageSpec = ({ lines: TextLine[] } | { image: ImagePage }) & {
  /** The page's /Rotate (the text then reads sideways on screen unless a reader turns it). */
  rotate?: 0 | 90 | 180 | 270;
};

const A4 = { width: 595, height: 842 };

function ucs2Hex(s: string): string {
  let hex = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code > 0xffff) throw new Error('only the BMP is supported');
    hex += code.toString(16).padStart(4, '0');
  }
  return hex.toUpperCase();
}

/** Builds a PDF from page specifications (objects numbered in order, with a correct xref). */
export function makePdf(pages: PageSpec[]): Buffer {
  const objects: (string | Buffer)[] = [];
  const add = (body: string | Buffer): number => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add(''); // 1, filled below
  const pagesObj = add(''); // 2
  const font = add(
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>',
  );
  add(
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light ' +
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 5 0 R /DW 1000 >>',
  );
  add(
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] ' +
      '/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  );
  const kids: number[] = [];
  for (const spec of pages) {
    let content: string;
    let resources: string;
    if ('lines' in spec) {
      content = spec.lines
        .map((l) => `BT /F1 ${l.size ?? 12} Tf ${l.x} ${l.y} Td <${ucs2Hex(l.text)}> Tj ET`)
        .join('\n');
      resources = `<< /Font << /F1 ${font} 0 R >> >>`;
    } else {
      const { grey, width, height, jpeg } = spec.image;
      const img = add(
        Buffer.concat([
          Buffer.from(
            `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray ` +
              `/BitsPerComponent 8${jpeg ? ' /Filter /DCTDecode' : ''} /Length ${grey.length} >>\nstream\n`,
            'latin1',
          ),
          Buffer.from(grey),
          Buffer.from('\nendstream', 'latin1'),
        ]),
      );
      content = `q ${A4.width} 0 0 ${A4.height} 0 0 cm /Im1 Do Q`;
      resources = `<< /XObject << /Im1 ${img} 0 R >> >>`;
    }
    const stream = add(
      `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    );
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] /Rotate ${spec.rotate ?? 0} ` +
          `/Resources ${resources} /Contents ${stream} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] =
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;

  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(chunk);
    offset += chunk.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>`,
    'startxref',
    String(offset),
    '%%EOF',
    '',
  ].join('\n');
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

/**
 * A report-like document of `n` pages: a title and the six section headings on page 1, then
 * pages of running text with a page number at the foot of each page.
 */
export function longReportPdf(n: number): Buffer {
  const pages: PageSpec[] = [];
  const headings = [
    '一、总体情况',
    '二、主动公开政府信息情况',
    '三、收到和处理政府信息公开申请情况',
    '四、政府信息公开行政复议、行政诉讼情况',
    '五、存在的主要问题及改进情况',
    '六、其他需要报告的事项',
  ];
  for (let p = 1; p <= n; p++) {
    const lines: TextLine[] = [];
    if (p === 1)
      lines.push({ text: '某某县人民政府2023年政府信息公开工作年度报告', x: 110, y: 760, size: 18 });
    const heading = headings[Math.floor(((p - 1) * headings.length) / n)]!;
    const first = Math.floor(((p - 2) * headings.length) / n);
    if (p === 1 || Math.floor(((p - 1) * headings.length) / n) !== first)
      lines.push({ text: heading, x: 100, y: 720, size: 16 });
    const sentences = [
      '本机关依法推进政府信息公开工作，规范办理政府信息公开申请。',
      '主动公开政府文件、政策解读和通知公告等各类政府信息。',
      '加强政府网站和政务新媒体的日常管理，执行信息审核发布制度。',
      '完善依申请公开工作流程，按时答复申请人。',
      '加强业务培训，提高政府信息公开工作人员的业务水平。',
    ];
    for (let i = 0; i < 24; i++)
      lines.push({
        text: `第${p}页第${i + 1}行：${sentences[(p + i) % sentences.length]}`,
        x: 72,
        y: 690 - i * 26,
        size: 14,
      });
    lines.push({ text: `- ${p} -`, x: 285, y: 40, size: 10 });
    pages.push({ lines });
  }
  return makePdf(pages);
}
