/**
 * The authorization table for EVERY route the app serves. The routes are read from the app itself
 * (Hono's route list), so a new route that is not classified here fails the first test.
 *
 * Each route has a kind, and the kind says who gets what (agency A owns the records; agency B's
 * clerk must never see them; a supervisor of the government above A reads but never acts):
 *
 *   asset       static files                     anyone 200
 *   public      portal pages and feeds           anyone 200 (or a redirect they are meant to follow)
 *   visitor     public forms (POST)              anyone; never 401
 *   applicant   a case's status pages            only the browser that filed or looked the case up
 *   staff       console pages of one's own work  anonymous → login (GET) / 401 (POST); B's clerk 200
 *   staffA      console pages on A's records     anonymous → login / 401; B's clerk 404; A's clerk
 *                                                200; supervisor's POST 403
 *   apiPublic   public JSON                      anyone; never 401
 *   apiStaff    staff JSON on A's records        anonymous 401; B's clerk 404; A's clerk 200
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeStores } from '../helpers/stores.ts';
import { Client, openApp } from './helpers.ts';
import { fixture, isAsset, login, servedRoutes, TABLE } from './routeTable.ts';

const loginPath = (r: Response) => r.headers.get('location') ?? '';

describeStores('authorization of every route', (f) => {
  it('every route the app serves is classified here, and every classified route is served', async () => {
    const t = await openApp(f);
    const served = servedRoutes(t).filter((k) => !isAsset(k.split(' ')[1]!));
    assert.deepEqual(
      served.filter((k) => !(k in TABLE)),
      [],
      'routes without an authorization rule in test/web/routes.test.ts',
    );
    assert.deepEqual(
      Object.keys(TABLE).filter((k) => !served.includes(k)),
      [],
      'classified routes the app does not serve',
    );
  });

  it('anonymous visitors, another agency’s clerk, the supervisor and the own clerk get what their role allows', async () => {
    const t = await openApp(f);
    const { ids, applicant } = await fixture(t);
    const anon = new Client(t.app, '198.51.100.1');
    await anon.get('/login'); // a visitor's double-submit CSRF token, so POSTs reach the route
    const clerkA = new Client(t.app, '198.51.100.2');
    await login(clerkA, 'clerkA');
    const clerkB = new Client(t.app, '198.51.100.3');
    await login(clerkB, 'clerkB');
    const sup = new Client(t.app, '198.51.100.4');
    await login(sup, 'sup');

    const problems: string[] = [];
    const expect = (what: string, status: number, ok: boolean) => {
      if (!ok) problems.push(`${what}: ${status}`);
    };

    const request = async (c: Client, method: string, url: string, api: boolean): Promise<Response> => {
      if (method === 'GET') return (await c.get(url, api ? { accept: 'application/json' } : {})).res;
      if (api)
        return t.app.request(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-csrf-token': c.csrf,
            'x-forwarded-for': c.ip,
            cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          },
          body: '{}',
        });
      return (await c.post(url, {})).res;
    };

    for (const [key, [kind, make]] of Object.entries(TABLE)) {
      const [method, pattern] = key.split(' ') as [string, string];
      if (pattern === '/logout' || pattern === '/login') continue; // sign-in and out change the clients
      const url = make(ids);
      const api = kind === 'apiPublic' || kind === 'apiStaff';
      const r = await request(anon, method, url, api);
      const s = r.status;
      switch (kind) {
        case 'asset':
        case 'public':
          if (method === 'GET')
            expect(
              `${key} anonymous`,
              s,
              s === 200 ||
                s === 301 ||
                (s === 204 && pattern === '/favicon.ico') ||
                s === 404 /* unpublished report */,
            );
          break;
        case 'visitor':
        case 'apiPublic':
          expect(`${key} anonymous`, s, s !== 401 && s !== 403 && s < 500);
          break;
        case 'applicant': {
          expect(`${key} anonymous`, s, s !== 200 && s !== 303 ? true : loginPath(r).startsWith('/status'));
          if (method === 'GET') {
            const own = (await applicant.get(url)).res.status;
            expect(`${key} the applicant`, own, own === 200);
          }
          break;
        }
        case 'staff':
        case 'staffA': {
          if (method === 'GET')
            expect(`${key} anonymous`, s, s === 303 && loginPath(r).startsWith('/login?next='));
          else expect(`${key} anonymous`, s, s === 401);
          const b = (await request(clerkB, method, url, false)).status;
          if (kind === 'staffA') {
            expect(`${key} clerk of agency B`, b, b === 404);
            if (method === 'GET') {
              const a = (await request(clerkA, method, url, false)).status;
              const missing = /attachments\/999999$/.test(url) || /export\.pdf$/.test(url);
              expect(`${key} clerk of agency A`, a, a === 200 || (missing && (a === 404 || a === 503)));
            } else {
              const v = (await request(sup, method, url, false)).status;
              expect(`${key} supervisor (reads only)`, v, v === 403);
            }
          } else if (method === 'GET') expect(`${key} clerk of agency B`, b, b === 200);
          break;
        }
        case 'apiStaff': {
          expect(`${key} anonymous`, s, s === 401);
          if (/\/api\/(cases\/|reports\/)/.test(url)) {
            const b = (await request(clerkB, method, url, true)).status;
            expect(`${key} clerk of agency B`, b, b === 404);
          }
          if (method === 'GET') {
            const a = (await request(clerkA, method, url, true)).status;
            expect(`${key} clerk of agency A`, a, a === 200);
          }
          break;
        }
      }
    }
    assert.deepEqual(problems, []);
  });
});
