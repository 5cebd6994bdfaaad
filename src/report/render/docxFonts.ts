/**
 * Fonts of official documents (党政机关公文格式, GB/T 9704) for the DOCX writers — the annual
 * report (render/docx.ts) and the case letters (cases/letters/render.ts): names with fallbacks for
 * machines without them, run fonts, and word/fontTable.xml.
 */

export interface FontDef {
  name: string;
  /** Names tried when `name` is missing, best first (w:altName, comma-separated). */
  alt: string;
  panose: string;
  family: 'roman' | 'modern' | 'swiss' | 'script' | 'auto';
  pitch: 'fixed' | 'variable';
  /** Character set: 86 = GB2312, 00 = ANSI. */
  charset: '86' | '00';
}

export const FONTS = {
  fangsong: {
    name: '仿宋_GB2312',
    alt: '仿宋,FangSong,STFangsong',
    panose: '02010609030101010101',
    family: 'modern',
    pitch: 'fixed',
    charset: '86',
  },
  heiti: {
    name: '黑体',
    alt: 'SimHei,STHeiti',
    panose: '02010609060101010101',
    family: 'modern',
    pitch: 'fixed',
    charset: '86',
  },
  kaiti: {
    name: '楷体_GB2312',
    alt: '楷体,KaiTi,STKaiti',
    panose: '02010609030101010101',
    family: 'modern',
    pitch: 'fixed',
    charset: '86',
  },
  xiaobiaosong: {
    name: '方正小标宋简体',
    alt: '方正小标宋_GBK,华文中宋,STZhongsong,黑体,SimHei',
    panose: '02000000000000000000',
    family: 'script',
    pitch: 'variable',
    charset: '86',
  },
  songti: {
    name: '宋体',
    alt: 'SimSun,STSong',
    panose: '02010600030101010101',
    family: 'auto',
    pitch: 'variable',
    charset: '86',
  },
  latin: {
    name: 'Times New Roman',
    alt: 'Liberation Serif',
    panose: '02020603050405020304',
    family: 'roman',
    pitch: 'variable',
    charset: '00',
  },
} satisfies Record<string, FontDef>;

export type FontKey = keyof typeof FONTS;

/** Run fonts: Chinese in `cjk`, Latin letters and digits in Times New Roman. */
export const runFont = (cjk: FontKey) => ({
  ascii: FONTS.latin.name,
  hAnsi: FONTS.latin.name,
  cs: FONTS.latin.name,
  eastAsia: FONTS[cjk].name,
  hint: 'eastAsia',
});

const escXml = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** word/fontTable.xml naming every font with its fallbacks. */
export function fontTableXml(): string {
  const fonts = Object.values(FONTS as Record<string, FontDef>).map(
    (f) =>
      `<w:font w:name="${escXml(f.name)}"><w:altName w:val="${escXml(f.alt)}"/><w:panose1 w:val="${f.panose}"/>` +
      `<w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
  );
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `${fonts.join('')}</w:fonts>`
  );
}
