/** Opening the store for a command: migrate, seed the calendar on first start. */
import { createCalendar } from '../calendar/calendar.ts';
import { chineseDaysYears } from '../calendar/seed.ts';
import type { WorkingCalendar } from '../calendar/types.ts';
import { loadCalendarYears, seedCalendar } from './calendar.ts';
import { migrate, type OpenOptions, openStore, type Store } from './db.ts';

export async function openReadyStore(opts: OpenOptions = {}): Promise<Store> {
  const store = openStore(opts);
  await migrate(store);
  await seedCalendar(store.db, chineseDaysYears());
  return store;
}

export async function loadCalendar(store: Store): Promise<WorkingCalendar> {
  return createCalendar(await loadCalendarYears(store.db));
}
