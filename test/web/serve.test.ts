/**
 * `gongkai serve` as people run it: two server processes on one data directory (embedded SQLite),
 * the first with --demo. /healthz answers 200 once ready; the demo accounts are printed and sign in
 * with the documented password; a session started on one process is valid on the other.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/gongkai.js', import.meta.url));

interface Server {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function start(args: string[]): Promise<Server> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    env: { ...process.env, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b) => {
    out += b;
  });
  child.stderr!.on('data', (b) => {
    out += b;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const check = () => {
      const m = /已启动：(http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        // the rest of the banner comes in the same write or right after
        setTimeout(() => resolve({ child, url: m[1]!.replace(/\/$/, ''), output: () => out }), 100);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${out}`));
    });
  });
}

function stop(s: Server): Promise<number | null> {
  return new Promise((resolve) => {
    s.child.removeAllListeners('exit');
    s.child.once('exit', (code) => resolve(code));
    s.child.kill('SIGTERM');
  });
}

const cookieOf = (r: Response, name: string) =>
  r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${name}=`));

describe('gongkai serve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-serve-'));
  const servers: Server[] = [];
  after(async () => {
    for (const s of servers) if (s.child.exitCode === null) await stop(s);
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts with --demo, answers /healthz, signs demo users in, and shares sessions between processes', {
    timeout: 120_000,
  }, async () => {
    const a = await start(['--data', dir, '--demo']);
    servers.push(a);
    const health = await fetch(`${a.url}/healthz`);
    assert.equal(health.status, 200);
    assert.match(a.output(), /演示账号（密码均为 demo1234）/);
    assert.match(a.output(), /clerk1\s+承办人/);

    const b = await start(['--data', dir, '--base-url', 'https://gk.example.gov.cn/']);
    servers.push(b);
    assert.equal((await fetch(`${b.url}/healthz`)).status, 200);
    // --base-url: the sitemap's absolute addresses use it, not the request's host
    const sitemap = await (await fetch(`${b.url}/sitemap.xml`)).text();
    assert.match(sitemap, /<loc>https:\/\/gk\.example\.gov\.cn\/agencies\/\d+\/disclosure<\/loc>/);
    assert.doesNotMatch(sitemap, /127\.0\.0\.1/);

    // sign in on A
    const form = await fetch(`${a.url}/login`);
    const csrfCookie = cookieOf(form, 'gk_csrf')!;
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const login = await fetch(`${a.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token, username: 'clerk1', password: 'demo1234' }),
    });
    assert.equal(login.status, 303);
    const session = cookieOf(login, 'gk_session')!;
    assert.ok(session);
    // the session is known to B (another process)
    const account = await fetch(`${b.url}/account`, { headers: { cookie: session }, redirect: 'manual' });
    assert.equal(account.status, 200);
    assert.match(await account.text(), /科学技术和工业信息化局/);

    assert.equal(await stop(b), 0);
    assert.equal(await stop(a), 0);
  });

  it('refuses a --base-url that is not an http(s) address, in Chinese, with exit code 2', async () => {
    const child = spawn(
      process.execPath,
      [BIN, 'serve', '--port', '0', '--data', dir, '--base-url', 'gk.example'],
      {
        env: { ...process.env, DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let err = '';
    child.stderr!.on('data', (b) => {
      err += b;
    });
    const code = await new Promise((r) => child.once('exit', r));
    assert.equal(code, 2);
    assert.match(err, /--base-url 应为以 http:\/\/ 或 https:\/\/ 开头的网址/);
  });
});
