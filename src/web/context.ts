/**
 * What every route sees: the dependencies (store, calendar, configuration, clock) and the request's
 * session and signed-in staff user. No state lives in the process: sessions, rate limits and
 * uploads are in the database and the data directory, so several `gongkai serve` processes can run
 * behind one load balancer.
 */
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { WorkingCalendar } from '../calendar/types.ts';
import { type CaseConfig, defaultCaseConfig } from '../cases/config.ts';
import { shanghaiDateOf } from '../cases/dates.ts';
import type { Role } from '../store/agencies.ts';
import type { Store } from '../store/db.ts';

export interface WebConfig {
  /** Data directory: attachments are stored under DATA/attachments. */
  dataDir: string;
  /** Name shown in the header and the page titles. */
  siteName?: string;
  /**
   * The public address of the site (e.g. 'https://gk.example.gov.cn') for absolute URLs in the Atom
   * feeds and the sitemap; default: from the request (Host, or X-Forwarded-Host/-Proto behind a
   * trusted proxy).
   */
  baseUrl?: string;
  /** Cookies with `Secure` and the `__Host-` prefix, and HSTS: set when served over HTTPS. */
  secureCookies?: boolean;
  /** Read the client address and host from X-Forwarded-For / X-Forwarded-Host (behind a proxy). */
  trustProxy?: boolean;
  /** The clock (tests pin it). */
  now?: () => Date;
  /** The case rules (periods, outcome mapping); default: the 2019 Regulations. */
  caseConfig?: CaseConfig;
  /**
   * 条例第三十一条第（四）项: an application over the internet is received on the day both sides
   * confirm it. With this on (default), the receipt the portal shows and issues on submission is
   * the confirmation (`receiptConfirmed` by the system, the same day); off, staff confirm it.
   */
  confirmOnlineReceipt?: boolean;
  uploads?: { maxFileBytes?: number; maxFiles?: number };
  sessions?: { idleMinutes?: number; maxHours?: number };
  /** Failed logins per username+address and per address, and failed status look-ups per address. */
  limits?: {
    windowMinutes?: number;
    loginPerUser?: number;
    loginPerAddress?: number;
    lookupPerAddress?: number;
  };
}

export interface ResolvedConfig {
  dataDir: string;
  siteName: string;
  baseUrl: string | null;
  secureCookies: boolean;
  trustProxy: boolean;
  now: () => Date;
  caseConfig: CaseConfig;
  confirmOnlineReceipt: boolean;
  uploads: { maxFileBytes: number; maxFiles: number };
  sessions: { idleMinutes: number; maxHours: number };
  limits: { windowMinutes: number; loginPerUser: number; loginPerAddress: number; lookupPerAddress: number };
}

export function resolveConfig(c: WebConfig): ResolvedConfig {
  return {
    dataDir: c.dataDir,
    siteName: c.siteName ?? '政府信息公开平台',
    baseUrl: c.baseUrl ? c.baseUrl.replace(/\/+$/, '') : null,
    secureCookies: c.secureCookies ?? false,
    trustProxy: c.trustProxy ?? false,
    now: c.now ?? (() => new Date()),
    caseConfig: c.caseConfig ?? defaultCaseConfig(),
    confirmOnlineReceipt: c.confirmOnlineReceipt ?? true,
    uploads: { maxFileBytes: 10 * 1024 * 1024, maxFiles: 5, ...c.uploads },
    sessions: { idleMinutes: 60, maxHours: 12, ...c.sessions },
    limits: {
      windowMinutes: 15,
      loginPerUser: 5,
      loginPerAddress: 50,
      lookupPerAddress: 10,
      ...c.limits,
    },
  };
}

export interface AppDeps {
  store: Store;
  calendar: WorkingCalendar;
  config: ResolvedConfig;
}

/** The signed-in staff user, as every staff route sees it. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  agencyId: number;
  agencyName: string;
  /**
   * The agencies whose cases the user may see: 'all' (admin), the own agency and the agencies
   * below it (supervisor), or the own agency (everyone else).
   */
  scope: 'all' | number[];
}

export interface SessionData {
  /** Cases the visitor proved access to (case number + query code, or submitted in this session). */
  cases?: number[];
  /** The case whose receipt (number + query code) is shown after submission. */
  receipt?: number;
  flash?: Flash[];
}

export interface Flash {
  kind: 'success' | 'info' | 'error';
  text: string;
}

export interface Session {
  idHash: string;
  csrfToken: string;
  staffUserId: number | null;
  data: SessionData;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export type AppEnv = {
  Bindings: Partial<HttpBindings>;
  Variables: {
    deps: AppDeps;
    session: Session | null;
    user: SessionUser | null;
  };
};

export type AppContext = Context<AppEnv>;

/** Now, as an ISO timestamp (UTC) from the configured clock. */
export const nowIsoOf = (deps: AppDeps) => deps.config.now().toISOString();

/** Today's Beijing date from the configured clock. */
export const todayOf = (deps: AppDeps) => shanghaiDateOf(nowIsoOf(deps));

/** The case dependencies for the store (calendar and rules). */
export const caseDeps = (deps: AppDeps) => ({ calendar: deps.calendar, config: deps.config.caseConfig });
