/**
 * The policy library → table 二 (一): the SQL counts equal the pure reference on random documents,
 * each number lists its documents, the annual report compiler takes the library's numbers when the
 * agency keeps one (report_input otherwise, and for the 2019 format), and only published documents
 * count.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  aggregateLibrary,
  type LibraryDoc,
  T2_LIBRARY_CELLS,
  t2CellsOfDocument,
} from '../../src/disclosure/library.ts';
import { compileReportFromDb } from '../../src/store/compile.ts';
import type { Store } from '../../src/store/db.ts';
import { appendItemEvent, appendItemEvents, createItem } from '../../src/store/disclosure.ts';
import { documentsForT2Cell, libraryTable2 } from '../../src/store/disclosurePublic.ts';
import { setTable2Input } from '../../src/store/reportInputs.ts';
import { describeStores } from '../helpers/stores.ts';
import { actors, agency, approveAndPublish, deps, ev, fields } from './helpers.ts';

interface DocSpec {
  kind: 'regulation' | 'normativeDoc';
  writtenOn: string;
  validity: 'valid' | 'expired' | 'repealed';
  validityOn: string | null;
}

let seq = 0;
async function policy(s: Store, agencyId: number, d: DocSpec, publish = true) {
  seq++;
  const c = await createItem(
    s,
    agencyId,
    ev('drafted', d.writtenOn, actors.clerk, {
      fields: fields({
        title: `文件${seq}`,
        documentNumber: `某规〔${d.writtenOn.slice(0, 4)}〕${seq}号`,
        writtenOn: d.writtenOn,
        formedOn: d.writtenOn,
        category: 'art20.1',
        policyKind: d.kind,
        validity: d.validity,
        validityOn: d.validityOn,
      }),
    }) as never,
    deps,
  );
  if (publish) await appendItemEvents(s, c.id, approveAndPublish(d.writtenOn), deps);
  return c;
}

function prng(seed: number) {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const iso = (y: number, dayOfYear: number) =>
  new Date(Date.UTC(y, 0, 1 + dayOfYear)).toISOString().slice(0, 10);

function randomDocs(n: number): DocSpec[] {
  const r = prng(7);
  return Array.from({ length: n }, () => {
    const writtenOn = iso(2019 + r(7), r(365));
    const validity = (['valid', 'valid', 'expired', 'repealed'] as const)[r(4)]!;
    // end dates on 31 Dec / 1 Jan included: the year boundaries
    const end =
      validity === 'valid'
        ? null
        : [iso(Number(writtenOn.slice(0, 4)) + r(3), r(365)), `${2021 + r(4)}-12-31`, `${2022 + r(4)}-01-01`][
            r(3)
          ]!;
    return {
      kind: r(3) === 0 ? 'regulation' : 'normativeDoc',
      writtenOn,
      validity,
      validityOn: end && end < writtenOn ? writtenOn : end,
    };
  });
}

describeStores('policy library → table 二 (一)', (f) => {
  it('counts as the pure reference on random documents, and each cell lists its documents', async () => {
    const s = await f.open();
    const a = await agency(s);
    const specs = randomDocs(36);
    const docs: LibraryDoc[] = [];
    for (const d of specs) {
      const c = await policy(s, a, d);
      docs.push({
        id: c.id,
        indexNumber: c.indexNumber,
        title: '',
        documentNumber: null,
        policyKind: d.kind,
        writtenOn: d.writtenOn,
        validity: d.validity,
        validityOn: d.validityOn,
      });
    }
    // a draft and an unpublished document never count
    await policy(
      s,
      a,
      { kind: 'normativeDoc', writtenOn: '2023-05-05', validity: 'valid', validityOn: null },
      false,
    );
    const gone = await policy(s, a, {
      kind: 'normativeDoc',
      writtenOn: '2023-05-06',
      validity: 'valid',
      validityOn: null,
    });
    await appendItemEvent(
      s,
      gone.id,
      ev('unpublished', '2023-05-08', actors.officeHead, { reason: '发布有误' }),
      deps,
    );

    for (let year = 2021; year <= 2026; year++) {
      const sqlCounts = await libraryTable2(s.db, a, year);
      assert.deepEqual(sqlCounts, aggregateLibrary(docs, year), `${year}`);
      for (const cell of T2_LIBRARY_CELLS) {
        const listed = await documentsForT2Cell(s.db, a, year, cell);
        const expected = docs.filter((d) => t2CellsOfDocument(d, year).includes(cell)).map((d) => d.id);
        assert.deepEqual(
          listed.map((d) => d.id).sort((x, y) => x - y),
          expected.sort((x, y) => x - y),
          `${year} ${cell}`,
        );
        assert.equal(String(listed.length), sqlCounts![cell]);
      }
    }
    // the 2019 format has other columns: no library numbers
    assert.equal(await libraryTable2(s.db, a, 2020), null);
    await assert.rejects(
      documentsForT2Cell(s.db, a, 2024, 'a20_5.licensing.decisions'),
      /不提供表二这个单元格/,
    );
    await s.close();
  });

  it('feeds the compiled report, falls back to report_input without a library', async () => {
    const s = await f.open();
    const withLib = await agency(s);
    const without = await agency(s, '某区民政局', '11341702486344523C');
    await setTable2Input(s.db, withLib, 2025, 'a20_1.normativeDocs.issued', '9', 'clerk');
    await setTable2Input(s.db, without, 2025, 'a20_1.normativeDocs.issued', '4', 'clerk');
    await setTable2Input(s.db, without, 2025, 'a20_1.normativeDocs.valid', '30', 'clerk');
    await setTable2Input(s.db, withLib, 2020, 'a20_1.normativeDocs.made', '2', 'clerk');
    await policy(s, withLib, {
      kind: 'normativeDoc',
      writtenOn: '2023-03-01',
      validity: 'valid',
      validityOn: null,
    });
    await policy(s, withLib, {
      kind: 'normativeDoc',
      writtenOn: '2024-06-01',
      validity: 'repealed',
      validityOn: '2025-06-30',
    });
    await policy(s, withLib, {
      kind: 'normativeDoc',
      writtenOn: '2025-02-01',
      validity: 'valid',
      validityOn: null,
    });
    await policy(s, withLib, {
      kind: 'normativeDoc',
      writtenOn: '2025-04-01',
      validity: 'expired',
      validityOn: '2025-12-31',
    });
    await policy(s, withLib, {
      kind: 'regulation',
      writtenOn: '2025-09-01',
      validity: 'valid',
      validityOn: null,
    });
    const cells = async (agencyName: string, year: number) => {
      const r = await compileReportFromDb(s.db, agencyName, year);
      const b = r.table2.blocks.a20_1!;
      return Object.fromEntries(
        Object.entries(b.rows).flatMap(([rk, row]) =>
          Object.entries(row.cells).map(([ck, c]) => [`${rk}.${ck}`, c.raw]),
        ),
      );
    };
    assert.deepEqual(await cells('某区教育局', 2025), {
      'regulations.issued': '1',
      'regulations.repealed': '0',
      'regulations.valid': '1',
      'normativeDocs.issued': '2', // the library wins over the 9 typed in
      'normativeDocs.repealed': '2', // one repealed, one expired on 31 December
      'normativeDocs.valid': '2',
    });
    assert.deepEqual(await cells('某区民政局', 2025), {
      'regulations.issued': '',
      'regulations.repealed': '',
      'regulations.valid': '',
      'normativeDocs.issued': '4',
      'normativeDocs.repealed': '',
      'normativeDocs.valid': '30',
    });
    // 2019 format (本年新制作数量 …): report_input as before
    assert.equal(
      (await compileReportFromDb(s.db, '某区教育局', 2020)).table2.blocks.a20_1!.rows.normativeDocs!.cells
        .made!.raw,
      '2',
    );
    // E-11: last year's valid + issued − repealed = this year's valid
    const y24 = await libraryTable2(s.db, withLib, 2024);
    const y25 = await libraryTable2(s.db, withLib, 2025);
    const n = (r: Record<string, string> | null, k: string) => Number(r![`a20_1.normativeDocs.${k}`]);
    assert.equal(n(y24, 'valid') + n(y25, 'issued') - n(y25, 'repealed'), n(y25, 'valid'));
    await s.close();
  });
});
