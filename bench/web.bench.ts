/**
 * Benchmark: the web server under load with autocannon on loopback.
 *
 * The server runs in a child process (the code `gongkai serve --demo [--workers N]` runs: the
 * database migrated and the demo loaded first, then appFor() over the embedded SQLite database in
 * a temporary data directory — in that process for one worker, in N cluster workers otherwise) with
 * one extra bare route, `GET /__hello`, that goes through the same middleware stack. autocannon
 * runs in this process.
 *
 * For each worker count (--workers, default "1,auto"), measured in the same run, each for --seconds,
 * in --rounds rounds (hello, status, submissions, hello, status, … on one server), the median round
 * reported (this machine's speed drifts by a factor of two over minutes; interleaved rounds keep the
 * ratios honest):
 *   1. hello world            GET /__hello                         (the baseline)
 *   2. status page            GET /status/cases/:id with the session of the applicant who filed it
 *   3. application submission POST /agencies/:id/apply (urlencoded, CSRF double-submit cookie):
 *      durable — the case, its events, the receipt letter and the session are committed before the
 *      303 answer. Run with SQLite `synchronous = NORMAL` (the default: WAL, a commit survives a
 *      crash of the process) and `synchronous = FULL` (GONGKAI_SQLITE_SYNCHRONOUS=FULL: also
 *      survives power loss) on a fresh server.
 * For each: requests/s, p50/p99 latency, the ratio to hello world of the same worker count.
 * Afterwards the submissions are counted in the database: every 303 answer must have left exactly
 * one case.
 *
 * Targets (issue 4): status page ≥ 30% of the hello-world rate; ≥ 500 durable submissions/s on SQLite.
 * autocannon shares the machine's processors with the server: on a 2-processor machine "auto"
 * workers compete with it.
 *
 *   node --import tsx bench/web.bench.ts [--seconds 5] [--rounds 3] [--connections 10] [--workers 1,auto]
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const SELF = fileURLToPath(import.meta.url);

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    child: { type: 'boolean', default: false },
    data: { type: 'string' },
    sync: { type: 'string', default: 'NORMAL' },
    workers: { type: 'string', default: '1,auto' },
    rounds: { type: 'string', default: '3' },
  },
});

// ---------------------------------------------------------------------------------------------
// Child: the server

async function child(dataDir: string, sync: string, workers: number): Promise<void> {
  if (!/^(NORMAL|FULL)$/.test(sync)) throw new Error(`--sync NORMAL|FULL, not ${sync}`);
  process.env.GONGKAI_SQLITE_SYNCHRONOUS = sync; // this process and the cluster workers
  const { loadCalendar, openReadyStore } = await import('../src/store/open.ts');
  const { openStore } = await import('../src/store/db.ts');
  const { appFor, listen, startCluster } = await import('../src/web/server.ts');
  const { prepareDemo } = await import('../src/web/demo.ts');
  const spec = { dataDir, port: 0, host: '127.0.0.1', helloRoute: '/__hello' };
  const store = await openReadyStore({ dataDir, backgroundCheckpoints: workers === 1 });
  const calendar = await loadCalendar(store);
  await prepareDemo(store, calendar);
  const agency = await store.db
    .selectFrom('agency')
    .select('id')
    .where('kind', '!=', 'government')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const countCases = async (db: typeof store.db) =>
    Number(
      (
        await db
          .selectFrom('application_case')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const before = await countCases(store.db);
  let port: number;
  let stop: () => Promise<void>;
  if (workers === 1) {
    const server = await listen(appFor(spec, store, calendar), spec);
    port = (server.address() as { port: number }).port;
    stop = () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
  } else {
    await store.close();
    const c = await startCluster(spec, workers, (line) => process.stderr.write(`${line}\n`));
    port = c.port;
    stop = c.stop;
  }
  process.send?.({ port, agencyId: Number(agency.id), cases: before });
  process.on('message', async (m) => {
    if (m !== 'stop') return;
    await stop();
    if (workers !== 1) await store.close().catch(() => {});
    const counting = workers === 1 ? store : openStore({ dataDir });
    const n = await countCases(counting.db);
    await counting.close();
    process.send?.({ cases: n }, () => process.exit(0));
  });
}

// ---------------------------------------------------------------------------------------------
// Parent: the load

interface Server {
  proc: ChildProcess;
  base: string;
  agencyId: number;
  dir: string;
  /** Cases in the database when the server started (the demo's). */
  casesAtStart: number;
}

async function startServer(sync: string, workers: number): Promise<Server> {
  process.stderr.write(`starting the server (demo data, synchronous=${sync}, ${workers} worker(s))…\n`);
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-web-bench-'));
  const proc = fork(SELF, ['--child', '--data', dir, '--sync', sync, '--workers', String(workers)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const info = await new Promise<{ port: number; agencyId: number; cases: number }>((resolve, reject) => {
    proc.once('message', (m) => resolve(m as { port: number; agencyId: number; cases: number }));
    proc.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  return {
    proc,
    base: `http://127.0.0.1:${info.port}`,
    agencyId: info.agencyId,
    dir,
    casesAtStart: info.cases,
  };
}

async function stopServer(s: Server): Promise<number> {
  const reply = new Promise<{ cases: number }>((resolve) =>
    s.proc.once('message', (m) => resolve(m as { cases: number })),
  );
  s.proc.send('stop');
  const { cases } = await reply;
  await new Promise((r) => s.proc.once('exit', r));
  rmSync(s.dir, { recursive: true, force: true });
  return cases;
}

const cookiesOf = (r: Response) =>
  r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');

/** The form page's double-submit CSRF cookie and token. */
async function formToken(s: Server): Promise<{ cookie: string; token: string }> {
  const r = await fetch(`${s.base}/agencies/${s.agencyId}/apply`);
  const html = await r.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF token on the application form');
  return { cookie: cookiesOf(r), token };
}

const FORM = {
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

interface Result {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  statuses: Record<string, number>;
  errors: number;
}

async function load(name: string, opts: autocannon.Options): Promise<Result> {
  process.stderr.write(`${name}…\n`);
  const r = await autocannon({
    connections: Number(values.connections),
    duration: Number(values.seconds),
    ...opts,
  });
  const statuses: Record<string, number> = {};
  for (const [code, v] of Object.entries(r.statusCodeStats ?? {})) statuses[code] = v.count ?? 0;
  return {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    statuses,
    errors: r.errors + r.timeouts,
  };
}

/**
 * Every 303 answer must have its case; autocannon stops counting at the end of each run with up to
 * one request per connection still in flight, whose cases are committed but not counted.
 */
function verdict(answered: number, cases: number, runs: number): string {
  const inFlight = cases - answered;
  if (inFlight === 0) return 'equal';
  if (inFlight > 0 && inFlight <= Number(values.connections) * runs)
    return `equal but for ${inFlight} requests in flight when the runs stopped`;
  return 'DIFFERENT: a submission answered 303 without its case, or the count is off';
}

const submit = (sv: Server, c: { cookie: string; token: string }): autocannon.Options => ({
  url: `${sv.base}/agencies/${sv.agencyId}/apply`,
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: c.cookie },
  body: new URLSearchParams({ _csrf: c.token, ...FORM }).toString(),
});

/** The round with the median rate; the counts of all rounds summed (for the database check). */
function median(name: string, rounds: Result[]): Result {
  const sorted = [...rounds].sort((a, b) => a.rps - b.rps);
  const mid = sorted[Math.floor((sorted.length - 1) / 2)]!;
  const statuses: Record<string, number> = {};
  for (const r of rounds)
    for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  return {
    ...mid,
    name,
    statuses,
    requests: rounds.reduce((n, r) => n + r.requests, 0),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
  };
}

/** One worker count: hello, status, submissions NORMAL on one server; submissions FULL on a fresh one. */
async function measure(workers: number, results: Result[], checks: string[]): Promise<void> {
  const label = (name: string) => `${name} [${workers}w]`;
  const rounds = Number(values.rounds);
  const s = await startServer('NORMAL', workers);
  const { cookie, token } = await formToken(s);
  const filed = await fetch(`${s.base}/agencies/${s.agencyId}/apply`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ _csrf: token, ...FORM }),
  });
  if (filed.status !== 303) throw new Error(`application refused (${filed.status})`);
  const session = cookiesOf(filed);
  const receipt = await fetch(`${s.base}/receipt`, { headers: { cookie: session } });
  const caseId = /\/status\/cases\/(\d+)/.exec(await receipt.text())?.[1];
  if (!caseId) throw new Error('no case link on the receipt');
  const statusPage = await fetch(`${s.base}/status/cases/${caseId}`, { headers: { cookie: session } });
  if (statusPage.status !== 200 || !(await statusPage.text()).includes('答复期限'))
    throw new Error(`status page not shown (${statusPage.status})`);

  const hello: Result[] = [];
  const status: Result[] = [];
  const normal: Result[] = [];
  for (let i = 0; i < rounds; i++) {
    hello.push(await load(label('hello world'), { url: `${s.base}/__hello` }));
    status.push(
      await load(label('status page'), {
        url: `${s.base}/status/cases/${caseId}`,
        headers: { cookie: session },
      }),
    );
    normal.push(await load(label('submission NORMAL'), submit(s, { cookie, token })));
  }
  results.push(
    median(label('hello world'), hello),
    median(label('status page'), status),
    median(label('submission NORMAL'), normal),
  );
  // one case was filed before the load (for the status page)
  const casesNormal = (await stopServer(s)) - s.casesAtStart - 1;
  const answeredNormal = normal.reduce((n, r) => n + (r.statuses['303'] ?? 0), 0);
  checks.push(
    `${workers}w NORMAL: ${answeredNormal} answers 303, ${casesNormal} new cases in the database ` +
      `(${verdict(answeredNormal, casesNormal, rounds)})`,
  );

  const f = await startServer('FULL', workers);
  const fullToken = await formToken(f);
  const full: Result[] = [];
  for (let i = 0; i < rounds; i++) full.push(await load(label('submission FULL'), submit(f, fullToken)));
  results.push(median(label('submission FULL'), full));
  const casesFull = (await stopServer(f)) - f.casesAtStart;
  const answeredFull = full.reduce((n, r) => n + (r.statuses['303'] ?? 0), 0);
  checks.push(
    `${workers}w FULL: ${answeredFull} answers 303, ${casesFull} new cases in the database ` +
      `(${verdict(answeredFull, casesFull, rounds)})`,
  );
}

async function main(): Promise<void> {
  const counts = values
    .workers!.split(',')
    .map((w) => (w.trim() === 'auto' ? availableParallelism() : Number(w)))
    .filter((n, i, all) => Number.isInteger(n) && n >= 1 && all.indexOf(n) === i);
  if (!counts.length) throw new Error('--workers: a list of counts like 1,2 or 1,auto');
  const results: Result[] = [];
  const checks: string[] = [];
  for (const w of counts) await measure(w, results, checks);

  console.log(
    `web benchmark — autocannon, ${values.connections} connections, ${values.seconds} s × ${values.rounds} rounds (median), SQLite, demo data, ` +
      `${availableParallelism()} processors`,
  );
  console.log('');
  console.log(
    `${'route [workers]'.padEnd(30)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'vs hello'.padStart(10)}  statuses`,
  );
  const targets: string[] = [];
  for (let i = 0; i < results.length; i += 4) {
    const [hello, status, normal, full] = results.slice(i, i + 4) as [Result, Result, Result, Result];
    for (const r of [hello, status, normal, full])
      console.log(
        `${r.name.padEnd(30)}${r.rps.toFixed(0).padStart(9)}${String(r.p50).padStart(9)}${String(r.p99).padStart(9)}${`${((r.rps / hello.rps) * 100).toFixed(1)}%`.padStart(10)}  ${JSON.stringify(r.statuses)}${r.errors ? ` errors ${r.errors}` : ''}`,
      );
    const w = counts[i / 4];
    targets.push(
      `${w} worker(s): status page ≥ 30% of hello world: ${((status.rps / hello.rps) * 100).toFixed(1)}% — ${status.rps / hello.rps >= 0.3 ? 'met' : 'NOT met'}; ` +
        `≥ 500 durable submissions/s: NORMAL ${normal.rps.toFixed(0)}/s — ${normal.rps >= 500 ? 'met' : 'NOT met'}, ` +
        `FULL ${full.rps.toFixed(0)}/s — ${full.rps >= 500 ? 'met' : 'NOT met'}`,
    );
  }
  console.log('');
  for (const c of checks) console.log(c);
  console.log('');
  for (const t of targets) console.log(`target, ${t}`);
}

if (values.child) {
  await child(values.data!, values.sync!, Number(values.workers));
} else {
  await main();
}
