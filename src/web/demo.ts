/**
 * `gongkai serve --demo`: the demo agencies and cases (src/demo/seed.ts, only into an empty
 * database), contact profiles for the demo agencies' guides, and a known password for the demo
 * staff accounts that have none. Never used outside demo mode.
 */
import type { Kysely } from 'kysely';
import type { WorkingCalendar } from '../calendar/types.ts';
import { DEMO_GOVERNMENT, SEED_AGENCY, seedDemo } from '../demo/seed.ts';
import { ROLES, type Role } from '../store/agencies.ts';
import type { Store } from '../store/db.ts';
import type { Database } from '../store/schema.ts';
import { saveAgencyProfile } from './agencies.ts';
import { setPassword } from './auth.ts';

/** The documented demo password (README, `gongkai serve --demo` output). */
export const DEMO_PASSWORD = 'demo1234';

const PROFILES: Record<string, { abbr: string; office: string; room: string; phone: string }> = {
  [DEMO_GOVERNMENT]: {
    abbr: '示政',
    office: '示范区人民政府办公室（政务公开办）',
    room: '1号楼101室',
    phone: '0512-6000 1000',
  },
  [SEED_AGENCY]: {
    abbr: '示科工',
    office: '科学技术和工业信息化局办公室',
    room: '3号楼305室',
    phone: '0512-6000 3050',
  },
  某区住房和城乡建设局: {
    abbr: '示住建',
    office: '住房和城乡建设局办公室',
    room: '5号楼201室',
    phone: '0512-6000 5201',
  },
  某区教育局: { abbr: '示教', office: '教育局办公室', room: '6号楼102室', phone: '0512-6000 6102' },
};

export interface DemoAccount {
  username: string;
  displayName: string;
  role: string;
  agency: string;
}

export interface DemoResult {
  seeded: boolean;
  accounts: DemoAccount[];
}

/** Contact profiles for the demo agencies that have none. */
export async function applyDemoProfiles(db: Kysely<Database>): Promise<void> {
  const agencies = await db.selectFrom('agency').select(['id', 'name']).execute();
  for (const a of agencies) {
    const p = PROFILES[a.name];
    if (!p) continue;
    const has = await db
      .selectFrom('agency_profile')
      .select('agency_id')
      .where('agency_id', '=', a.id)
      .executeTakeFirst();
    if (has) continue;
    await saveAgencyProfile(
      db,
      Number(a.id),
      {
        office: p.office,
        address: `某市示范区政务中心${p.room}`,
        postcode: '215000',
        phone: p.phone,
        email: 'gongkai@example.gov.cn',
        officeHours: '工作日 上午9:00—12:00，下午13:30—17:00',
        docAbbr: p.abbr,
      },
      'demo',
    );
  }
}

export async function prepareDemo(store: Store, calendar: WorkingCalendar): Promise<DemoResult> {
  const db = store.db;
  const empty = (await db.selectFrom('agency').select('id').limit(1).execute()).length === 0;
  if (empty) await seedDemo(store, calendar);
  const isDemo = await db
    .selectFrom('agency')
    .select('id')
    .where('name', '=', DEMO_GOVERNMENT)
    .executeTakeFirst();
  if (!isDemo) return { seeded: false, accounts: [] };
  await applyDemoProfiles(db);

  const users = await db
    .selectFrom('staff_user')
    .innerJoin('agency', 'agency.id', 'staff_user.agency_id')
    .select([
      'staff_user.id as id',
      'staff_user.username as username',
      'staff_user.display_name as displayName',
      'staff_user.role as role',
      'staff_user.password_hash as hash',
      'agency.name as agency',
    ])
    .orderBy('staff_user.id')
    .execute();
  for (const u of users) if (!u.hash) await setPassword(db, Number(u.id), DEMO_PASSWORD, 'demo');
  return {
    seeded: empty,
    accounts: users.map((u) => ({
      username: u.username,
      displayName: u.displayName,
      role: ROLES[u.role as Role] ?? u.role,
      agency: u.agency,
    })),
  };
}
