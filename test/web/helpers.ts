/**
 * Test helpers for the web app: an app over a fresh store (SQLite and PostgreSQL through
 * describeStores), a pinned clock, a temporary data directory, and a tiny browser (cookie jar,
 * CSRF token from the last page) over `app.request()` — no socket.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import type { Hono } from 'hono';
import { createCalendar } from '../../src/calendar/calendar.ts';
import { chineseDaysYears } from '../../src/calendar/seed.ts';
import { createAgency, createStaffUser, type Role } from '../../src/store/agencies.ts';
import type { Store } from '../../src/store/db.ts';
import { createApp } from '../../src/web/app.ts';
import { hashPassword } from '../../src/web/auth.ts';
import type { AppEnv, WebConfig } from '../../src/web/context.ts';
import type { StoreFactory } from '../helpers/stores.ts';

export const calendar = createCalendar(chineseDaysYears());

const dirs: string[] = [];
after(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export interface TestApp {
  app: Hono<AppEnv>;
  store: Store;
  dataDir: string;
  agencyId: number;
  otherAgencyId: number;
  governmentId: number;
  clock: { now: Date };
  /** Another app over the same store (a second server process). */
  twin(): Hono<AppEnv>;
}

/** Monday 2026-03-02, 10:00 Beijing time. */
export const T0 = new Date('2026-03-02T02:00:00Z');

export async function openApp(f: StoreFactory, config: Partial<WebConfig> = {}): Promise<TestApp> {
  const store = await f.open();
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-web-'));
  dirs.push(dataDir);
  const governmentId = await createAgency(store.db, { name: '示范区人民政府', kind: 'government' });
  const agencyId = await createAgency(store.db, {
    name: '某区住房和城乡建设局',
    kind: 'department',
    parentId: governmentId,
  });
  const otherAgencyId = await createAgency(store.db, {
    name: '某区教育局',
    kind: 'department',
    parentId: governmentId,
  });
  const clock = { now: new Date(T0) };
  const make = () =>
    createApp({ store, calendar, config: { dataDir, now: () => clock.now, trustProxy: true, ...config } });
  return { app: make(), store, dataDir, agencyId, otherAgencyId, governmentId, clock, twin: make };
}

export async function addStaff(
  store: Store,
  agencyId: number,
  username: string,
  role: Role,
  password = 'correct horse 1',
): Promise<number> {
  return createStaffUser(store.db, {
    agencyId,
    username,
    displayName: `测试用户${username}`,
    role,
    passwordHash: await hashPassword(password),
  });
}

/** A browser over app.request(): keeps cookies, remembers the last page's CSRF token. */
export class Client {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(
    public app: Hono<AppEnv>,
    public ip = '203.0.113.7',
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { 'x-forwarded-for': this.ip, accept: 'text/html', ...extra };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return h;
  }

  private keep(r: Response): void {
    for (const sc of r.headers.getSetCookie()) {
      const [pair, ...attrs] = sc.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      if (attrs.some((a) => /max-age=0/i.test(a.trim())) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<{ res: Response; html: string }> {
    const res = await this.app.request(path, { headers: this.headers(headers) });
    this.keep(res);
    const type = res.headers.get('content-type') ?? '';
    const html = type.startsWith('text/html') ? await res.text() : '';
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (m) this.csrf = m[1]!;
    return { res, html };
  }

  /** POSTs a form (urlencoded, or multipart when a File is among the values); adds the CSRF token unless given. */
  async post(
    path: string,
    fields: Record<string, string | string[] | File | File[]>,
    opts: { csrf?: string | null; headers?: Record<string, string> } = {},
  ): Promise<{ res: Response; html: string }> {
    const token = opts.csrf === undefined ? this.csrf : opts.csrf;
    const all: [string, string | File][] = [];
    if (token !== null) all.push(['_csrf', token]);
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) all.push([k, x]);
    let body: FormData | URLSearchParams;
    if (all.some(([, v]) => typeof v !== 'string')) {
      body = new FormData();
      for (const [k, v] of all) body.append(k, v);
    } else body = new URLSearchParams(all as [string, string][]);
    const res = await this.app.request(path, { method: 'POST', body, headers: this.headers(opts.headers) });
    this.keep(res);
    const type = res.headers.get('content-type') ?? '';
    const html = type.startsWith('text/html') ? await res.text() : '';
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (m) this.csrf = m[1]!;
    return { res, html };
  }

  /** Follows a 303 with a GET. */
  async follow(r: { res: Response }): Promise<{ res: Response; html: string }> {
    const loc = r.res.headers.get('location');
    if (!loc) throw new Error(`no redirect (status ${r.res.status})`);
    return this.get(loc);
  }
}

/** A valid natural-person application as the form sends it. */
export const validForm = {
  applicantType: 'naturalPerson',
  personName: '张三',
  idType: 'residentIdCard',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  email: 'zhangsan@example.com',
  address: '某市某区某路1号',
  description: '2025年度本局作出的行政处罚决定书（涉及某小区违建）',
  form: 'electronic',
  delivery: 'email',
};

/** A minimal, valid PDF. */
export const tinyPdf = () =>
  new File(
    [Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')],
    '身份证明.pdf',
    {
      type: 'application/pdf',
    },
  );

/** The text content of HTML (tags removed, entities of the common kind decoded). */
export const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
