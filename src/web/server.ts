/**
 * Running the web application: in this process, or as a cluster of worker processes sharing one
 * port (`gongkai serve --workers N`).
 *
 * Several processes can share everything the platform keeps: sessions, rate limits and page-cache
 * stamps live in the database, attachments under the data directory; SQLite transactions take the
 * write lock up front (store/db.ts) so the processes wait their turn instead of failing. The
 * primary process migrates the database and loads the demo before any worker starts (migrations
 * are not safe to run from several processes at once), then only forks, watches and stops the
 * workers; each worker opens its own connection and serves. Node's cluster module hands the
 * accepted connections to the workers in turn.
 */
import cluster, { type Worker } from 'node:cluster';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { WorkingCalendar } from '../calendar/types.ts';
import { openStore, type Store } from '../store/db.ts';
import { loadCalendar } from '../store/open.ts';
import { createApp } from './app.ts';
import type { AppEnv } from './context.ts';

/** What a server process needs to know; passed to cluster workers as JSON in the environment. */
export interface ServeSpec {
  dataDir: string;
  port: number;
  host: string;
  baseUrl?: string;
  secureCookies?: boolean;
  trustProxy?: boolean;
  /**
   * A GET path answering "hello world" through the whole middleware stack: the web benchmark's
   * baseline (bench/web.bench.ts); never set by `gongkai serve`.
   */
  helloRoute?: string;
}

const SPEC_ENV = 'GONGKAI_SERVE_SPEC';

export function appFor(spec: ServeSpec, store: Store, calendar: WorkingCalendar): Hono<AppEnv> {
  const app = createApp({
    store,
    calendar,
    config: {
      dataDir: spec.dataDir,
      secureCookies: spec.secureCookies ?? false,
      trustProxy: spec.trustProxy ?? false,
      ...(spec.baseUrl ? { baseUrl: spec.baseUrl.replace(/\/+$/, '') } : {}),
    },
  });
  if (spec.helloRoute) app.get(spec.helloRoute, (c) => c.text('hello world'));
  return app;
}

/** Serves the app in this process; resolves once listening. */
export function listen(app: Hono<AppEnv>, spec: ServeSpec): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: spec.port, hostname: spec.host }, () => resolve(s as Server));
    s.once('error', reject);
  });
}

export interface RunningCluster {
  port: number;
  /** Resolves when the cluster has stopped: after stop(), or when workers keep crashing (then `failed`). */
  done: Promise<{ failed: boolean }>;
  stop(): Promise<void>;
}

/** More crashes than this within a minute stop the cluster instead of restarting for ever. */
const MAX_RESTARTS_PER_MINUTE = 5;

/**
 * Forks `workers` server processes (the database must be migrated already). Resolves when all
 * listen. A worker that dies is replaced; `log` gets one line per event (Chinese, for the operator).
 */
export async function startCluster(
  spec: ServeSpec,
  workers: number,
  log: (line: string) => void,
): Promise<RunningCluster> {
  cluster.setupPrimary({
    exec: fileURLToPath(new URL('./clusterWorker.ts', import.meta.url)),
    // the workers run TypeScript like this process: through tsx's loader, by absolute URL
    execArgv: ['--import', import.meta.resolve('tsx')],
    silent: false,
  });
  const env = { [SPEC_ENV]: JSON.stringify(spec) };
  let stopping = false;
  let finish!: (r: { failed: boolean }) => void;
  const done = new Promise<{ failed: boolean }>((r) => {
    finish = r;
  });
  const live = new Set<Worker>();
  const crashes: number[] = [];

  const stopAll = async (failed: boolean) => {
    stopping = true;
    await Promise.all(
      [...live].map(
        (w) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => w.process.kill('SIGKILL'), 10_000);
            w.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            if (w.isConnected()) w.send('stop');
            else w.process.kill('SIGTERM');
          }),
      ),
    );
    finish({ failed });
  };

  const fork = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const w = cluster.fork(env);
      live.add(w);
      w.once('listening', (address) => resolve(address.port));
      w.once('exit', (code, signal) => {
        live.delete(w);
        reject(new Error(`工作进程启动失败（退出码 ${code ?? signal}）`));
        // a clean exit is a stop (e.g. Ctrl+C reaches the workers before the primary's handler)
        if (stopping || code === 0) return;
        const now = Date.now();
        crashes.push(now);
        while (crashes.length && now - crashes[0]! > 60_000) crashes.shift();
        if (crashes.length > MAX_RESTARTS_PER_MINUTE) {
          log(`工作进程一分钟内退出超过${MAX_RESTARTS_PER_MINUTE}次，停止服务。`);
          void stopAll(true);
          return;
        }
        log(`工作进程 ${w.process.pid} 意外退出（${code ?? signal}），正在重新启动。`);
        fork().catch(() => {});
      });
    });

  let port: number;
  try {
    const ports = await Promise.all(Array.from({ length: workers }, fork));
    port = ports[0]!;
  } catch (e) {
    await stopAll(true);
    throw e;
  }
  return {
    port,
    done,
    stop: async () => {
      if (!stopping) await stopAll(false);
      await done;
    },
  };
}

/** The worker side (clusterWorker.ts): opens its own connection, serves, stops when told. */
export async function runClusterWorker(): Promise<void> {
  const raw = process.env[SPEC_ENV];
  if (!raw || !cluster.isWorker) throw new Error('clusterWorker.ts runs only as a worker of startCluster()');
  const spec = JSON.parse(raw) as ServeSpec;
  const store = openStore({ dataDir: spec.dataDir, backgroundCheckpoints: true });
  const calendar = await loadCalendar(store);
  const server = await listen(appFor(spec, store, calendar), spec);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    server.close(async () => {
      await store.close();
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('message', (m) => {
    if (m === 'stop') stop();
  });
  // Ctrl+C in a terminal signals the whole process group: stop cleanly, the primary stops too
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // the primary is gone: finish what is in flight and leave
  process.on('disconnect', stop);
}
