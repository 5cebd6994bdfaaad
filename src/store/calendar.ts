/** The holiday table: seeded from chinese-days, editable by an administrator per year. */
import type { Kysely } from 'kysely';
import type { CalendarYearData } from '../calendar/types.ts';
import { audit } from './audit.ts';
import { nowIso } from './db.ts';
import type { Database } from './schema.ts';

/** Replaces one year's data (a State Council notice); recorded in the audit log. */
export async function saveCalendarYear(
  db: Kysely<Database>,
  data: CalendarYearData,
  actor = 'system',
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('calendar_day').where('year', '=', data.year).execute();
    await trx.deleteFrom('calendar_year').where('year', '=', data.year).execute();
    await trx
      .insertInto('calendar_year')
      .values({ year: data.year, source: data.source, updated_at: nowIso() })
      .execute();
    const days = [
      ...data.holidays.map((date) => ({ date, year: data.year, kind: 'holiday' })),
      ...data.makeupWorkdays.map((date) => ({ date, year: data.year, kind: 'makeup' })),
    ];
    for (let i = 0; i < days.length; i += 200)
      await trx
        .insertInto('calendar_day')
        .values(days.slice(i, i + 200))
        .execute();
    await audit(trx, {
      actor,
      entity: 'calendar_year',
      entityId: data.year,
      action: 'saved',
      detail: {
        source: data.source,
        holidays: data.holidays.length,
        makeupWorkdays: data.makeupWorkdays.length,
      },
    });
  });
}

export async function loadCalendarYears(db: Kysely<Database>): Promise<CalendarYearData[]> {
  const years = await db.selectFrom('calendar_year').selectAll().orderBy('year').execute();
  const days = await db.selectFrom('calendar_day').selectAll().orderBy('date').execute();
  return years.map((y) => ({
    year: Number(y.year),
    source: y.source,
    holidays: days
      .filter((d) => Number(d.year) === Number(y.year) && d.kind === 'holiday')
      .map((d) => d.date),
    makeupWorkdays: days
      .filter((d) => Number(d.year) === Number(y.year) && d.kind === 'makeup')
      .map((d) => d.date),
  }));
}

/** Seeds every year the database does not have yet from the given data (first start). */
export async function seedCalendar(db: Kysely<Database>, years: CalendarYearData[]): Promise<number> {
  const have = new Set(
    (await db.selectFrom('calendar_year').select('year').execute()).map((r) => Number(r.year)),
  );
  let n = 0;
  for (const y of years) {
    if (have.has(y.year)) continue;
    await saveCalendarYear(db, y, 'seed');
    n++;
  }
  return n;
}
