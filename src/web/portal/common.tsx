/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** Pieces shared by the portal pages. */
import type { FC } from 'hono/jsx';
import { formatLetterDate } from '../../cases/letters/agency.ts';
import { type AgencyWithProfile, getAgency } from '../agencies.ts';
import type { AppContext } from '../context.ts';
import { NotFoundError } from '../guard.ts';

/** The agency of the route's `:agencyId`, or a 404. */
export async function agencyOr404(c: AppContext, param: string | undefined): Promise<AgencyWithProfile> {
  const id = /^\d{1,12}$/.test(param ?? '') ? Number(param) : Number.NaN;
  const agency = Number.isSafeInteger(id) ? await getAgency(c.get('deps').store.db, id) : null;
  if (!agency) throw new NotFoundError('没有找到这个机关。');
  return agency;
}

/** A date as people read it (2026年3月5日), machine-readable in <time>. */
export const DateText: FC<{ date: string | undefined | null }> = ({ date }) =>
  date ? <time datetime={date}>{formatLetterDate(date)}</time> : <span>—</span>;

/** '2026-03-05T02:10:00Z' → '2026年3月5日 10:10' (Beijing time). */
export function beijingDateTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  const date = d.toISOString().slice(0, 10);
  return `${formatLetterDate(date)} ${d.toISOString().slice(11, 16)}`;
}

export const agencyCrumbs = (a: { id: number; name: string }) => [
  { href: '/', label: '首页' },
  { href: `/agencies/${a.id}`, label: a.name },
];
