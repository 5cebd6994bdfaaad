/**
 * Round trips on the real reports we have: parse → render to DOCX / PDF → parse again → the same
 * model. Compared: format, year, agency, section headings and paragraphs, and the raw text of
 * every cell of tables 二/三/四 (for PDF the paragraphs' text with whitespace removed).
 *
 * The PDF round trip needs Chromium (/usr/bin/chromium, installed by
 * scripts/install-system-deps.sh) and the PDF front end's `parseReportFile()`; it is skipped, with
 * the reason, while either is missing.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Report } from '../../src/report/model.ts';
import * as parse from '../../src/report/parse/index.ts';
import { renderDocx } from '../../src/report/render/docx.ts';
import { CHROMIUM_PATH, PdfPrinter } from '../../src/report/render/pdf.ts';

/** Every real report we have: the seed, the Shanghai 2019 HTML and the three published PDFs. */
const REPORTS = [
  'seed-2022.txt',
  'shanghai-2019.html',
  'pdf/hongze-2023.pdf',
  'pdf/hongze-2024.pdf',
  'pdf/huaian-2024.pdf',
] as const;

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
const original = async (name: string): Promise<Report> =>
  name.endsWith('.pdf')
    ? (parse as unknown as { parseReportFile: ParseFile }).parseReportFile(fixture(name), { filename: name })
    : parse.parseReport(fixture(name), { filename: name });

type ParseFile = (buf: Buffer, opts: { filename: string }) => Promise<Report>;
/** The PDF-capable entry point of parse/index.ts, once it exists. */
const parseReportFile = (parse as Record<string, unknown>).parseReportFile as ParseFile | undefined;

/** Raw text of every cell of tables 二/三/四, by key, with the tables' statuses. */
function cells(r: Report) {
  const raws = (row: Report['table3']['rows'][string] | null | undefined) =>
    Object.fromEntries(Object.entries(row?.cells ?? {}).map(([k, c]) => [k, c.raw]));
  return {
    status: [r.table2.status, r.table3.status, r.table4.status],
    table2: Object.fromEntries(
      Object.entries(r.table2.blocks).map(([b, block]) => [
        b,
        Object.fromEntries(Object.entries(block.rows).map(([k, row]) => [k, raws(row)])),
      ]),
    ),
    table3: Object.fromEntries(Object.entries(r.table3.rows).map(([k, row]) => [k, raws(row)])),
    table4: raws(r.table4.row),
  };
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

function assertSameReport(back: Report, orig: Report, exactText: boolean): void {
  assert.equal(back.format, orig.format);
  assert.equal(back.year, orig.year);
  assert.equal(back.agency, orig.agency);
  assert.deepEqual(
    back.sections.map((s) => s.heading),
    orig.sections.map((s) => s.heading),
  );
  const text = (r: Report) => r.sections.map((s) => (exactText ? s.paragraphs : s.paragraphs.map(squeeze)));
  assert.deepEqual(text(back), text(orig));
  assert.deepEqual(cells(back), cells(orig));
}

describe('round trip through DOCX', () => {
  for (const name of REPORTS) {
    it(`${name}: parse → DOCX → parse gives the same model`, async () => {
      const orig = await original(name);
      const back = parse.parseReport(await renderDocx(orig), { filename: 'roundtrip.docx' });
      assertSameReport(back, orig, true);
      // the DOCX keeps more than the comparison asks for: title, preamble and labels as found
      assert.equal(back.title, orig.title);
      assert.deepEqual(back.preamble, orig.preamble);
      const labels = (r: Report) => Object.values(r.table3.rows).map((row) => row.label);
      assert.deepEqual(labels(back), labels(orig));
      assert.deepEqual(
        back.diagnostics.filter((d) => d.severity === 'error'),
        [],
      );
    });
  }
});

/**
 * Round trips the PDF front end does not pass yet: they still run and report, as `todo`, without
 * failing the suite. Remove an entry as soon as its round trip passes.
 */
const PDF_KNOWN_GAPS: Partial<Record<(typeof REPORTS)[number], string>> = {};

describe('round trip through PDF (Chromium)', () => {
  const skip = !existsSync(CHROMIUM_PATH)
    ? `${CHROMIUM_PATH} is missing: run scripts/install-system-deps.sh`
    : !parseReportFile
      ? 'parse/index.ts has no parseReportFile() yet (the PDF front end)'
      : false;
  let printer: PdfPrinter | undefined;
  before(async () => {
    if (!skip) printer = await PdfPrinter.launch();
  });
  after(async () => {
    await printer?.close();
  });
  for (const name of REPORTS) {
    const todo = skip ? false : (PDF_KNOWN_GAPS[name] ?? false);
    it(`${name}: parse → PDF → parse gives the same model`, { skip, todo, timeout: 120_000 }, async () => {
      const orig = await original(name);
      const pdf = await printer!.render(orig);
      const back = await parseReportFile!(pdf, { filename: 'roundtrip.pdf' });
      assertSameReport(back, orig, false);
    });
  }
});
