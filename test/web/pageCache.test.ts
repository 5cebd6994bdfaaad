/**
 * The status page cache: the page class itself (token placeholder, expiry, bound), and the status
 * page never showing anything stale — a staff action, a new letter and a flash message each give
 * the fresh page, to every browser that has the case; two applicants' sessions each get their own CSRF token.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { PageCache } from '../../src/web/pageCache.ts';
import { describeStores } from '../helpers/stores.ts';
import { addStaff, Client, openApp, textOf, validForm } from './helpers.ts';

it('PageCache: fills in the token of the request, expires entries, stays bounded', () => {
  const cache = new PageCache(2, 1000);
  cache.set('a', '<input value="TOKEN-1"><a data-x="TOKEN-1">', 'TOKEN-1', 0);
  assert.equal(cache.get('a', 'TOKEN-2', 10), '<input value="TOKEN-2"><a data-x="TOKEN-2">');
  assert.equal(cache.get('a', 'TOKEN-2', 1000), null, 'expired after the TTL');
  cache.set('a', 'A', 'x', 0);
  cache.set('b', 'B', 'x', 0);
  cache.set('c', 'C', 'x', 0);
  assert.equal(cache.size, 2);
  assert.equal(cache.get('a', 'x', 1), null, 'the oldest entry went first');
  assert.equal(cache.get('c', 'x', 1), 'C');
});

describeStores('status page cache', (f) => {
  it('never serves a stale status page', async () => {
    const t = await openApp(f);
    await addStaff(t.store, t.agencyId, 'clerkA', 'clerk');
    const applicant = new Client(t.app);
    await applicant.get(`/agencies/${t.agencyId}/apply`);
    assert.equal((await applicant.post(`/agencies/${t.agencyId}/apply`, validForm)).res.status, 303);
    const row = await t.store.db
      .selectFrom('application_case')
      .select(['id', 'number', 'query_code'])
      .executeTakeFirstOrThrow();
    const url = `/status/cases/${row.id}`;

    const first = await applicant.get(url);
    assert.equal(first.res.status, 200);
    const again = await applicant.get(url);
    assert.equal(again.html, first.html, 'the same page while nothing changed');
    assert.match(textOf(again.html), /办理中/);

    // another browser looks the case up: its own session, its own token in the same page
    const other = new Client(t.app, '203.0.113.9');
    await other.get('/status');
    const looked = await other.post('/status', { number: row.number, code: row.query_code });
    assert.equal(looked.res.status, 303);
    const otherPage = await other.get(url);
    const tokenOf = (html: string) => [...html.matchAll(/name="_csrf" value="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(tokenOf(otherPage.html).length > 0);
    assert.notDeepEqual(tokenOf(otherPage.html), tokenOf(first.html));
    assert.ok(tokenOf(otherPage.html).every((x) => x === other.csrf));

    // a staff action changes the page at once
    const clerk = new Client(t.app, '198.51.100.2');
    await clerk.get('/login');
    await clerk.post('/login', { username: 'clerkA', password: 'correct horse 1' });
    await clerk.get(`/console/cases/${row.id}`);
    const asked = await clerk.post(`/console/cases/${row.id}/correction`, {
      items: '请写明文件的文号',
      dueWorkingDays: '10',
      confirm: '1',
    });
    assert.equal(asked.res.status, 303);
    const afterCorrection = await applicant.get(url);
    assert.match(textOf(afterCorrection.html), /请写明文件的文号/);
    assert.match(textOf(afterCorrection.html), /待补正|补正/);

    // the applicant's own action shows its flash message, then the page without it
    const corrected = await applicant.post(`${url}/correction`, { supplement: '建字第2025-017号' });
    assert.equal(corrected.res.status, 303);
    const withFlash = await applicant.get(url);
    assert.match(textOf(withFlash.html), /补正材料已提交/);
    const withoutFlash = await applicant.get(url);
    assert.doesNotMatch(textOf(withoutFlash.html), /补正材料已提交/);

    // a new letter (the reply) appears
    await clerk.get(`/console/cases/${row.id}`);
    const replied = await clerk.post(`/console/cases/${row.id}/reply`, {
      outcome: 'disclosed',
      providedContent: '规划许可证',
      confirm: '1',
    });
    assert.equal(replied.res.status, 303, textOf(replied.html).slice(0, 300));
    const afterReply = await applicant.get(url);
    assert.match(textOf(afterReply.html), /已答复/);
    assert.match(textOf(afterReply.html), /答复书/);

    // the other browser, whose page was cached before all this, sees the reply too
    const otherAfter = await other.get(url);
    assert.match(textOf(otherAfter.html), /已答复/);
    assert.ok(tokenOf(otherAfter.html).every((x) => x === other.csrf));
  });
});
