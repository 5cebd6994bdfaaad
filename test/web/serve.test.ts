/**
 * `gongkai serve` as people run it: two server processes on one data directory (embedded SQLite),
 * the first with --demo. /healthz answers 200 once ready; the demo accounts are printed and sign in
 * with the documented password; a session started on one process is valid on the other.
 * `--workers 2`: one port, two worker processes writing the same SQLite file at once.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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

/** The child processes of a process (Linux /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        // "pid (comm) state ppid …": the command name may contain spaces, so split after ')'
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
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

  it('--workers 2: two worker processes share the port and the SQLite file; concurrent applications all file, each with its own number; SIGTERM stops them all', {
    timeout: 120_000,
  }, async () => {
    const wdir = mkdtempSync(join(tmpdir(), 'gongkai-workers-'));
    try {
      const s = await start(['--data', wdir, '--demo', '--workers', '2']);
      servers.push(s);
      assert.match(s.output(), /工作进程：2个/);
      const workers = childrenOf(s.child.pid!);
      assert.equal(workers.length, 2, `worker processes: ${workers.join(', ')}`);

      // the application form of the first department, its double-submit CSRF cookie and token
      const home = await (await fetch(`${s.url}/`)).text();
      const agencyPath = /href="(\/agencies\/\d+)\/apply"/.exec(home)?.[1];
      assert.ok(agencyPath, 'an application link on the home page');
      const form = await fetch(`${s.url}${agencyPath}/apply`);
      const csrf = cookieOf(form, 'gk_csrf')!;
      const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
      const apply = () =>
        fetch(`${s.url}${agencyPath}/apply`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: csrf, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            _csrf: token,
            applicantType: 'naturalPerson',
            personName: '张三',
            idType: 'residentIdCard',
            idNumber: '11010519491231002X',
            phone: '13800138000',
            address: '某市某区某路1号',
            description: '2025年度本局作出的行政处罚决定书',
            form: 'electronic',
            delivery: 'email',
            email: 'zhangsan@example.com',
          }),
        });
      // 40 at once over fresh connections: both workers file cases into the same file at the same time
      const answers = await Promise.all(Array.from({ length: 40 }, apply));
      assert.deepEqual(
        answers.map((r) => r.status),
        answers.map(() => 303),
      );
      const numbers = await Promise.all(
        answers.map(async (r) => {
          const receipt = await (
            await fetch(`${s.url}/receipt`, { headers: { cookie: cookieOf(r, 'gk_session')! } })
          ).text();
          return /<span class="big-code">(\d{4}-\d{5})<\/span>/.exec(receipt)?.[1];
        }),
      );
      assert.ok(numbers.every(Boolean), 'every receipt shows its number');
      assert.equal(new Set(numbers).size, 40, 'forty different case numbers');

      assert.equal(await stop(s), 0);
      for (const pid of workers) assert.throws(() => process.kill(pid, 0), 'the worker has exited');
    } finally {
      rmSync(wdir, { recursive: true, force: true });
    }
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
