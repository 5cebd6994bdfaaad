/**
 * A small in-process cache of rendered pages, for pages that are read far more often than they
 * change (an applicant's status page is reloaded while the case waits). An entry is keyed by
 * everything the page shows — the caller builds the key from the records' version stamps, the
 * day, the signed-in user — so a change to the case makes a new key and the old entry is never
 * served again. The per-session CSRF token is stored as a placeholder and filled in on each hit.
 * Entries also expire after `ttlMs` (for changes the key cannot see, e.g. an edited holiday
 * calendar or agency profile). Bounded; each server process has its own (nothing shared, nothing
 * to invalidate across processes).
 */
import type { AppDeps } from './context.ts';

export const TOKEN_SLOT = '\u0000csrf\u0000';

interface Entry {
  html: string;
  until: number;
}

export class PageCache {
  private entries = new Map<string, Entry>();
  constructor(
    private readonly max = 2000,
    private readonly ttlMs = 60_000,
  ) {}

  /** The page with the token filled in, or null. */
  get(key: string, token: string, nowMs = Date.now()): string | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.until <= nowMs) {
      this.entries.delete(key);
      return null;
    }
    return e.html.replaceAll(TOKEN_SLOT, token);
  }

  /** Stores a page rendered with `token` (every occurrence becomes the placeholder). */
  set(key: string, html: string, token: string, nowMs = Date.now()): void {
    if (this.entries.size >= this.max) {
      // drop the oldest inserted entry (Map keeps insertion order)
      const first = this.entries.keys().next();
      if (!first.done) this.entries.delete(first.value);
    }
    this.entries.set(key, {
      html: token ? html.replaceAll(token, TOKEN_SLOT) : html,
      until: nowMs + this.ttlMs,
    });
  }

  get size(): number {
    return this.entries.size;
  }
}

const caches = new WeakMap<AppDeps, PageCache>();

/** The server's page cache. */
export function pageCacheOf(deps: AppDeps): PageCache {
  let c = caches.get(deps);
  if (!c) {
    c = new PageCache();
    caches.set(deps, c);
  }
  return c;
}
