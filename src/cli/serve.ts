/** `gongkai serve [--port N] [--host H] [--data DIR] [--base-url URL] [--demo]` */
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { loadCalendar, openReadyStore } from '../store/open.ts';
import { createApp } from '../web/app.ts';
import { DEMO_PASSWORD, prepareDemo } from '../web/demo.ts';
import { type Io, UsageError } from './report.ts';

export const SERVE_USAGE = `  gongkai serve [--port 端口] [--host 地址] [--data 目录] [--base-url 网址] [--demo]
      启动网站（公开门户、依申请公开申请和查询、工作人员登录）。默认使用内置数据库和附件目录
      （--data，默认 ./data；设置 DATABASE_URL 时使用 PostgreSQL），监听 127.0.0.1:8080。
      --demo 在空数据库中导入演示机关和案件，并为演示账号设置密码 ${DEMO_PASSWORD}。
      多个进程可以共用同一个 PostgreSQL 数据库和附件目录；通过 HTTPS 反向代理提供服务时，
      设置 GONGKAI_SECURE_COOKIES=1 和 GONGKAI_TRUST_PROXY=1。--base-url（如 https://gk.example.gov.cn）
      用于订阅源和 sitemap.xml 中的完整网址，默认取自请求的主机名。GET /healthz 在就绪后返回 200。`;

export async function runServe(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'base-url': { type: 'string' },
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

  const store = await openReadyStore({ dataDir });
  const calendar = await loadCalendar(store);
  let accounts: Awaited<ReturnType<typeof prepareDemo>>['accounts'] = [];
  if (values.demo) {
    io.err('正在准备演示数据……');
    const r = await prepareDemo(store, calendar);
    if (!r.accounts.length) io.err('数据库中已有非演示数据，未导入演示数据，也未设置演示账号密码。');
    else if (!r.seeded) io.err('数据库不是空的，沿用已有的演示数据。');
    accounts = r.accounts;
  }
  const app = createApp({
    store,
    calendar,
    config: {
      dataDir,
      secureCookies: process.env.GONGKAI_SECURE_COOKIES === '1',
      trustProxy: process.env.GONGKAI_TRUST_PROXY === '1',
      ...(baseUrl ? { baseUrl: baseUrl.replace(/\/+$/, '') } : {}),
    },
  });

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  io.out(`gongkai 已启动：http://${shownHost === '0.0.0.0' ? '127.0.0.1' : shownHost}:${actualPort}/`);
  io.out(
    `数据库：${store.dialect === 'postgres' ? 'PostgreSQL（DATABASE_URL）' : `SQLite（${dataDir}）`}　附件目录：${dataDir}/attachments`,
  );
  if (accounts.length) {
    io.out(`演示账号（密码均为 ${DEMO_PASSWORD}）：`);
    for (const a of accounts) io.out(`  ${a.username.padEnd(12)} ${a.role}　${a.displayName}`);
  }

  await new Promise<void>((resolve) => {
    const stop = () => {
      io.err('正在停止……');
      server.close(() => resolve());
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await store.close();
  return 0;
}
