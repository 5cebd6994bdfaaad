/** Security headers on every response, the Origin check, body limits and HTTPS cookie settings. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CSP } from '../../src/web/security.ts';
import { describeStores } from '../helpers/stores.ts';
import { Client, openApp, validForm } from './helpers.ts';

function assertHeaders(r: Response, where: string) {
  const csp = r.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self'(;|$)/, where);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, where);
  assert.match(csp, /frame-ancestors 'none'/, where);
  assert.match(csp, /object-src 'none'/, where);
  assert.match(csp, /form-action 'self'/, where);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff', where);
  assert.equal(r.headers.get('x-frame-options'), 'DENY', where);
  assert.equal(r.headers.get('referrer-policy'), 'same-origin', where);
}

describeStores('web security', (f) => {
  it('sets the security headers on pages, errors, files and JSON', async () => {
    const t = await openApp(f);
    for (const path of [
      '/',
      `/agencies/${t.agencyId}/apply`,
      '/status',
      '/login',
      '/no-such-page',
      '/healthz',
    ]) {
      const r = await t.app.request(path);
      assertHeaders(r, path);
    }
    const page = await t.app.request('/status');
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.equal(page.headers.get('strict-transport-security'), null, 'no HSTS over plain HTTP');
    const html = await page.text();
    assert.doesNotMatch(html, /<script>|<script(?![^>]*\bsrc=)|\son[a-z]+=/i, 'no inline script or handlers');
    const css = /href="(\/static\/app\.[0-9a-f]+\.css)"/.exec(html)![1]!;
    const r = await t.app.request(css);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('cache-control')!, /immutable/);
    assertHeaders(r, css);
    assert.equal(CSP.includes("'unsafe-inline'"), false);
  });

  it('refuses a cross-site POST even with a valid token, and accepts the same origin', async () => {
    const t = await openApp(f);
    const c = new Client(t.app);
    await c.get(`/agencies/${t.agencyId}/apply`);
    const evil = await c.post(`/agencies/${t.agencyId}/apply`, validForm, {
      headers: { origin: 'https://evil.example', host: 'localhost' },
    });
    assert.equal(evil.res.status, 403);
    const fetchSite = await c.post(`/agencies/${t.agencyId}/apply`, validForm, {
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    assert.equal(fetchSite.res.status, 403);
    const same = await c.post(`/agencies/${t.agencyId}/apply`, validForm, {
      headers: { origin: 'http://localhost', host: 'localhost' },
    });
    assert.equal(same.res.status, 303);
  });

  it('limits the size of bodies before parsing them (413)', async () => {
    const t = await openApp(f);
    const c = new Client(t.app);
    await c.get('/login');
    const r = await c.post('/login', { username: 'x', password: 'y'.repeat(1024 * 1024 + 10) });
    assert.equal(r.res.status, 413);
    assert.match(r.html, /提交的内容过大/);
  });

  it('uses __Host- cookies with Secure and sends HSTS when served over HTTPS', async () => {
    const t = await openApp(f, { secureCookies: true });
    const r = await t.app.request(`/agencies/${t.agencyId}/apply`);
    const cookie = r.headers.getSetCookie().join('\n');
    assert.match(cookie, /__Host-gk_csrf=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax/);
    assert.match(r.headers.get('strict-transport-security')!, /max-age=31536000/);
  });
});
