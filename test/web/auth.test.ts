/**
 * Staff sign-in (argon2), the login rate limit counted in the database, sessions stored in the
 * database (hashed ids, rotation, expiry, shared by two app instances), and the guard: roles and
 * agency scope on staff routes.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { it } from 'node:test';
import type { Hono } from 'hono';
import type { AppEnv } from '../../src/web/context.ts';
import {
  agencyFilter,
  canActForAgency,
  requireAgency,
  requireStaff,
  scopeToAgency,
} from '../../src/web/guard.ts';
import { describeStores } from '../helpers/stores.ts';
import { addStaff, Client, openApp, textOf } from './helpers.ts';

const PASSWORD = 'correct horse 1';

async function login(c: Client, username: string, password = PASSWORD, next?: string) {
  await c.get('/login');
  return c.post('/login', { username, password, ...(next ? { next } : {}) });
}

/** Test routes behind the guard (what the console will do on every staff route). */
function addGuardedRoutes(app: Hono<AppEnv>) {
  app.get('/test/agencies/:id', requireStaff(), (c) => {
    requireAgency(c, Number(c.req.param('id')));
    return c.text('ok');
  });
  app.get('/test/heads-only', requireStaff(['officeHead', 'admin']), (c) => c.text('ok'));
}

describeStores('web sign-in and sessions', (f) => {
  it('signs in with an argon2 hash; the session lives in the database under the hash of the cookie', async () => {
    const t = await openApp(f);
    const userId = await addStaff(t.store, t.agencyId, 'clerk1', 'clerk');
    const hash = await t.store.db
      .selectFrom('staff_user')
      .select('password_hash')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    assert.match(hash.password_hash!, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const c = new Client(t.app);
    const bad = await login(c, 'clerk1', 'wrong password');
    assert.equal(bad.res.status, 400);
    assert.match(bad.html, /id="f-password-error">.*用户名或密码不正确/);
    assert.equal(c.cookies.has('gk_session'), false);
    const ok = await login(c, 'clerk1', PASSWORD, '/account?tab=1');
    assert.equal(ok.res.status, 303);
    assert.equal(ok.res.headers.get('location'), '/account?tab=1');
    const setCookie = ok.res.headers.getSetCookie().find((s) => s.startsWith('gk_session='))!;
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    assert.match(setCookie, /Path=\//);
    const token = c.cookies.get('gk_session')!;
    const rows = await t.store.db.selectFrom('web_session').selectAll().execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.staff_user_id, userId);
    assert.equal(rows[0]!.id_hash, createHash('sha256').update(token).digest('hex'));
    assert.notEqual(rows[0]!.id_hash, token);
    const account = await c.get('/account');
    assert.equal(account.res.status, 200);
    assert.match(textOf(account.html), /测试用户clerk1/);
    assert.match(textOf(account.html), /您已登录/);
    // a second server process (another app over the same database) knows the session
    const c2 = new Client(t.twin());
    c2.cookies = new Map(c.cookies);
    assert.equal((await c2.get('/account')).res.status, 200);
    // sign out deletes the row
    const out = await c.post('/logout', {});
    assert.equal(out.res.status, 303);
    assert.equal((await t.store.db.selectFrom('web_session').selectAll().execute()).length, 0);
    assert.equal((await c2.get('/account')).res.status, 303);
    // open redirects are not followed
    const c3 = new Client(t.app);
    const r = await login(c3, 'clerk1', PASSWORD, '//evil.example/x');
    assert.equal(r.res.headers.get('location'), '/console');
  });

  it('rotates the session id at sign-in and expires idle sessions', async () => {
    const t = await openApp(f);
    await addStaff(t.store, t.agencyId, 'clerk1', 'clerk');
    const c = new Client(t.app);
    // a visitor session first (status look-up data or a flash)
    await c.get('/status');
    await c.post('/status/forget', {});
    const before = c.cookies.get('gk_session');
    assert.ok(before);
    await login(c, 'clerk1');
    const afterLogin = c.cookies.get('gk_session');
    assert.ok(afterLogin && afterLogin !== before);
    const rows = await t.store.db.selectFrom('web_session').selectAll().execute();
    assert.equal(rows.length, 1, 'the visitor session was replaced');
    t.clock.now = new Date(t.clock.now.getTime() + 59 * 60_000);
    assert.equal((await c.get('/account')).res.status, 200);
    t.clock.now = new Date(t.clock.now.getTime() + 61 * 60_000);
    const expired = await c.get('/account');
    assert.equal(expired.res.status, 303, 'idle for more than 60 minutes');
    assert.match(expired.res.headers.get('location')!, /^\/login\?next=%2Faccount/);
  });

  it('blocks a username+address after N failed logins (429, Chinese), counted in the database, even with the right password', async () => {
    const t = await openApp(f, { limits: { loginPerUser: 5 } });
    await addStaff(t.store, t.agencyId, 'clerk1', 'clerk');
    const c = new Client(t.app, '203.0.113.9');
    for (let i = 0; i < 5; i++) assert.equal((await login(c, 'clerk1', `wrong ${i}`)).res.status, 400);
    const blocked = await login(c, 'clerk1', PASSWORD);
    assert.equal(blocked.res.status, 429);
    assert.equal(blocked.res.headers.get('retry-after'), '900');
    assert.match(textOf(blocked.html), /登录失败次数过多，请15分钟后再试/);
    const rows = await t.store.db
      .selectFrom('throttle_event')
      .selectAll()
      .where('bucket', '=', 'login')
      .execute();
    assert.equal(rows.length, 5);
    assert.equal(rows[0]!.key, 'clerk1|203.0.113.9');
    // another server process sees the same count
    const twin = new Client(t.twin(), '203.0.113.9');
    assert.equal((await login(twin, 'clerk1', PASSWORD)).res.status, 429);
    // another address may still sign in
    const other = new Client(t.app, '203.0.113.10');
    assert.equal((await login(other, 'clerk1', PASSWORD)).res.status, 303);
    // after the window the user may try again
    t.clock.now = new Date(t.clock.now.getTime() + 16 * 60_000);
    assert.equal((await login(c, 'clerk1', PASSWORD)).res.status, 303);
  });

  it('costs an unknown username the same answer as a wrong password', async () => {
    const t = await openApp(f);
    await addStaff(t.store, t.agencyId, 'clerk1', 'clerk');
    const a = await login(new Client(t.app), 'nobody', PASSWORD);
    const b = await login(new Client(t.app), 'clerk1', 'wrong');
    assert.equal(a.res.status, 400);
    assert.equal(b.res.status, 400);
    const msg = (h: string) => /id="f-password-error">([\s\S]*?)<\/p>/.exec(h)?.[1];
    assert.equal(msg(a.html), msg(b.html));
  });

  it('requires the session’s CSRF token once signed in (the visitor cookie no longer counts)', async () => {
    const t = await openApp(f);
    await addStaff(t.store, t.agencyId, 'clerk1', 'clerk');
    const c = new Client(t.app);
    await login(c, 'clerk1');
    const visitorToken = c.cookies.get('gk_csrf')!;
    assert.ok(visitorToken);
    assert.equal((await c.post('/logout', {}, { csrf: visitorToken })).res.status, 403);
    await c.get('/account');
    assert.equal((await c.post('/logout', {})).res.status, 303);
  });

  it('enforces roles and agency scope on staff routes (clerk: own agency; supervisor: agencies below; admin: all)', async () => {
    const t = await openApp(f);
    addGuardedRoutes(t.app);
    await addStaff(t.store, t.agencyId, 'clerkA', 'clerk');
    await addStaff(t.store, t.agencyId, 'headA', 'officeHead');
    await addStaff(t.store, t.governmentId, 'sup', 'supervisor');
    await addStaff(t.store, t.governmentId, 'root', 'admin');

    const anon = new Client(t.app);
    const r0 = await anon.get(`/test/agencies/${t.agencyId}`);
    assert.equal(r0.res.status, 303);
    assert.equal(
      r0.res.headers.get('location'),
      `/login?next=${encodeURIComponent(`/test/agencies/${t.agencyId}`)}`,
    );

    const clerk = new Client(t.app);
    await login(clerk, 'clerkA');
    assert.equal((await clerk.get(`/test/agencies/${t.agencyId}`)).res.status, 200);
    assert.equal((await clerk.get(`/test/agencies/${t.otherAgencyId}`)).res.status, 404);
    assert.equal((await clerk.get(`/test/agencies/${t.governmentId}`)).res.status, 404);
    assert.equal((await clerk.get('/test/heads-only')).res.status, 403);

    const head = new Client(t.app);
    await login(head, 'headA');
    assert.equal((await head.get('/test/heads-only')).res.status, 200);

    const sup = new Client(t.app);
    await login(sup, 'sup');
    for (const id of [t.governmentId, t.agencyId, t.otherAgencyId])
      assert.equal((await sup.get(`/test/agencies/${id}`)).res.status, 200);

    const root = new Client(t.app);
    await login(root, 'root');
    assert.equal((await root.get(`/test/agencies/${t.otherAgencyId}`)).res.status, 200);

    // the helpers directly
    const user = {
      id: 1,
      username: 'x',
      displayName: 'x',
      role: 'clerk' as const,
      roleLabel: '承办人',
      agencyId: 5,
      agencyName: 'A',
      scope: [5],
    };
    assert.equal(scopeToAgency(user, 5), true);
    assert.equal(scopeToAgency(user, 6), false);
    assert.deepEqual(agencyFilter(user), [5]);
    assert.equal(canActForAgency(user, 5), true);
    assert.equal(canActForAgency({ ...user, role: 'supervisor', scope: [5, 6] }, 6), false);
    assert.equal(agencyFilter({ ...user, role: 'admin', scope: 'all' }), null);
  });
});
