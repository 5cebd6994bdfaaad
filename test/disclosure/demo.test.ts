/**
 * The demo data of proactive disclosure: every item went through the state machine, and the demo
 * shows what the console needs — items at every step, overdue and at-risk items, a policy library
 * with repealed and expired documents and interpretations, a withdrawn item, the guide — and the
 * public projection holds exactly the live items.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { seedDisclosureDemo } from '../../src/disclosure/demo.ts';
import { createAgency } from '../../src/store/agencies.ts';
import { itemsAtRisk } from '../../src/store/disclosure.ts';
import { getGuide } from '../../src/store/disclosureGuide.ts';
import { catalogue, policyLibrary } from '../../src/store/disclosurePublic.ts';
import { searchDisclosures } from '../../src/store/disclosureSearch.ts';
import { describeStores } from '../helpers/stores.ts';
import { calendar } from './helpers.ts';

describeStores('disclosure demo', (f) => {
  it('seeds items at every stage for the demo agencies', async () => {
    const s = await f.open();
    const gov = await createAgency(s.db, {
      name: '示范区人民政府',
      kind: 'government',
      creditCode: '11320812MB1234567X',
    });
    const edu = await createAgency(s.db, {
      name: '某区教育局',
      kind: 'department',
      parentId: gov,
      creditCode: '11320812MB7654321Y',
    });
    const sum = await seedDisclosureDemo(s, calendar, { perAgency: f.name === 'sqlite' ? 70 : 20 });
    assert.ok(sum.items > (f.name === 'sqlite' ? 150 : 50), JSON.stringify(sum));
    const statuses = await s.db
      .selectFrom('disclosure_item')
      .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    assert.deepEqual(statuses.map((x) => x.status).sort(), [
      'approved',
      'draft',
      'inReview',
      'published',
      'returned',
      'unpublished',
    ]);
    const live = await s.db.selectFrom('disclosure_item').select('id').where('live', '=', 1).execute();
    assert.equal((await catalogue(s, {})).total, live.length);
    for (const id of [gov, edu]) {
      const r = await itemsAtRisk(s.db, id, '2026-11-20', calendar);
      assert.ok(r.overdue.length >= 2 && r.atRisk.length >= 2, JSON.stringify(r));
      assert.equal((await getGuide(s, id)).sections.find((x) => x.key === 'office')?.missing, false);
    }
    const lib = await policyLibrary(s, { pageSize: 100 });
    assert.ok(lib.items.some((d) => d.validity === 'repealed'));
    assert.ok(lib.items.some((d) => d.validity === 'valid'));
    const interpretations = await s.db
      .selectFrom('disclosure_public')
      .select('id')
      .where('interprets_id', 'is not', null)
      .execute();
    assert.ok(interpretations.length > 0);
    assert.ok((await searchDisclosures(s, { q: '管理办法' })).total > 3);
    await s.close();
  });
});
