/** `gongkai serve [--port N] [--host H] [--data DIR] [--base-url URL] [--workers N|auto] [--demo]` */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { loadCalendar, openReadyStore } from '../store/open.ts';
import { DEMO_PASSWORD, prepareDemo } from '../web/demo.ts';
import { appFor, listen, type ServeSpec, startCluster } from '../web/server.ts';
import { type Io, UsageError } from './report.ts';

export const SERVE_USAGE = `  gongkai serve [--port 端口] [--host 地址] [--data 目录] [--base-url 网址] [--workers N|auto] [--demo]
      启动网站（公开门户、依申请公开申请和查询、工作人员登录）。默认使用内置数据库和附件目录
      （--data，默认 ./data；设置 DATABASE_URL 时使用 PostgreSQL），监听 127.0.0.1:8080。
      --demo 在空数据库中导入演示机关和案件，并为演示账号设置密码 ${DEMO_PASSWORD}。
      --workers 启动多个工作进程共用同一端口（auto：按处理器核数），默认 1 个；内置数据库和
      PostgreSQL 都可以。多台服务器可以共用同一个 PostgreSQL 数据库和附件目录；通过 HTTPS 反向代理提供服务时，
      设置 GONGKAI_SECURE_COOKIES=1 和 GONGKAI_TRUST_PROXY=1。--base-url（如 https://gk.example.gov.cn）
      用于订阅源和 sitemap.xml 中的完整网址，默认取自请求的主机名。GET /healthz 在就绪后返回 200。
      内置数据库默认在进程崩溃后不丢失已提交的数据；GONGKAI_SQLITE_SYNCHRONOUS=FULL 时断电也不丢失（写入较慢）。`;

export async function runServe(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'base-url': { type: 'string' },
      workers: { type: 'string' },
      demo: { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError('--port 应为0到65535之间的整数');
  const host = values.host ?? '127.0.0.1';
  const dataDir = values.data ?? 'data';
  const baseUrl = values['base-url'];
  if (baseUrl !== undefined && !/^https?:\/\/[^/\s]+(\/[^\s]*)?$/.test(baseUrl))
    throw new UsageError('--base-url 应为以 http:// 或 https:// 开头的网址，例如 https://gk.example.gov.cn');
  const workers = workerCount(values.workers);
  const spec: ServeSpec = {
    dataDir,
    port,
    host,
    secureCookies: process.env.GONGKAI_SECURE_COOKIES === '1',
    trustProxy: process.env.GONGKAI_TRUST_PROXY === '1',
    ...(baseUrl ? { baseUrl } : {}),
  };

  // migrations and the demo run here, once, before any worker starts
  const store = await openReadyStore({ dataDir, backgroundCheckpoints: workers === 1 });
  const calendar = await loadCalendar(store);
  let accounts: Awaited<ReturnType<typeof prepareDemo>>['accounts'] = [];
  if (values.demo) {
    io.err('正在准备演示数据……');
    const r = await prepareDemo(store, calendar);
    if (!r.accounts.length) io.err('数据库中已有非演示数据，未导入演示数据，也未设置演示账号密码。');
    else if (!r.seeded) io.err('数据库不是空的，沿用已有的演示数据。');
    accounts = r.accounts;
  }
  const dialect = store.dialect;

  let actualPort: number;
  let stop: () => Promise<void>;
  let done: Promise<{ failed: boolean }>;
  if (workers === 1) {
    const server = await listen(appFor(spec, store, calendar), spec);
    const address = server.address();
    actualPort = typeof address === 'object' && address ? address.port : port;
    let closed!: (r: { failed: boolean }) => void;
    done = new Promise((r) => {
      closed = r;
    });
    stop = async () => {
      server.close(() => closed({ failed: false }));
      server.closeIdleConnections();
      await done;
    };
  } else {
    await store.close();
    const c = await startCluster(spec, workers, (line) => io.err(line));
    actualPort = c.port;
    stop = c.stop;
    done = c.done;
  }

  const shownHost = host.includes(':') ? `[${host}]` : host;
  io.out(`gongkai 已启动：http://${shownHost === '0.0.0.0' ? '127.0.0.1' : shownHost}:${actualPort}/`);
  io.out(
    `数据库：${dialect === 'postgres' ? 'PostgreSQL（DATABASE_URL）' : `SQLite（${dataDir}）`}　附件目录：${dataDir}/attachments` +
      (workers > 1 ? `　工作进程：${workers}个` : ''),
  );
  if (accounts.length) {
    io.out(`演示账号（密码均为 ${DEMO_PASSWORD}）：`);
    for (const a of accounts) io.out(`  ${a.username.padEnd(12)} ${a.role}　${a.displayName}`);
  }

  const onSignal = () => {
    io.err('正在停止……');
    void stop();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const { failed } = await done;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  if (workers === 1) await store.close();
  return failed ? 1 : 0;
}

/** --workers: a positive integer or "auto" (one per processor); default 1. */
function workerCount(v: string | undefined): number {
  if (v === undefined) return 1;
  if (v === 'auto') return availableParallelism();
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError('--workers 应为1到64之间的整数，或 auto');
  return n;
}
