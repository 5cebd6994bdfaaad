/** Agencies as the web shows them: the list, one agency with its contact profile, its letter profile. */
import { type Kysely, sql } from 'kysely';
import type { AgencyProfile } from '../cases/letters/agency.ts';
import { AGENCY_KINDS, type AgencyKind } from '../store/agencies.ts';
import { audit } from '../store/audit.ts';
import type { AgencyProfileTable, Database } from '../store/schema.ts';

export interface AgencyRow {
  id: number;
  name: string;
  kind: AgencyKind;
  kindLabel: string;
  parentId: number | null;
}

export interface ContactProfile {
  office: string | null;
  address: string | null;
  postcode: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  officeHours: string | null;
  website: string | null;
  docAbbr: string | null;
  guideNote: string | null;
}

export interface AgencyWithProfile extends AgencyRow {
  parentName: string | null;
  parentKind: AgencyKind | null;
  profile: ContactProfile;
}

const toRow = (r: { id: number; name: string; kind: string; parent_id: number | null }): AgencyRow => ({
  id: Number(r.id),
  name: r.name,
  kind: r.kind as AgencyKind,
  kindLabel: AGENCY_KINDS[r.kind as AgencyKind] ?? r.kind,
  parentId: r.parent_id === null ? null : Number(r.parent_id),
});

/** Every agency: governments first, then by name. */
export async function listAgencies(db: Kysely<Database>): Promise<AgencyRow[]> {
  const rows = await db.selectFrom('agency').select(['id', 'name', 'kind', 'parent_id']).execute();
  const order: Record<string, number> = { government: 0, department: 1, township: 2 };
  return rows.map(toRow).sort((a, b) => (order[a.kind] ?? 9) - (order[b.kind] ?? 9) || a.id - b.id);
}

export async function getAgency(db: Kysely<Database>, id: number): Promise<AgencyWithProfile | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  // written out: nearly every portal page and every application reads it
  const { rows } = await sql<AgencyJoinRow>`select a.id, a.name, a.kind, a.parent_id,
      parent.name as parent_name, parent.kind as parent_kind,
      p.office, p.address, p.postcode, p.phone, p.fax, p.email, p.office_hours, p.website, p.doc_abbr, p.guide_note
    from agency a
    left join agency parent on parent.id = a.parent_id
    left join agency_profile p on p.agency_id = a.id
    where a.id = ${id}`.execute(db);
  const r = rows[0];
  if (!r) return null;
  return {
    ...toRow(r),
    parentName: r.parent_name ?? null,
    parentKind: (r.parent_kind as AgencyKind | null) ?? null,
    profile: {
      office: r.office ?? null,
      address: r.address ?? null,
      postcode: r.postcode ?? null,
      phone: r.phone ?? null,
      fax: r.fax ?? null,
      email: r.email ?? null,
      officeHours: r.office_hours ?? null,
      website: r.website ?? null,
      docAbbr: r.doc_abbr ?? null,
      guideNote: r.guide_note ?? null,
    },
  };
}

/** The agency, its parent's name and kind, and its profile's columns (null without a profile). */
type AgencyJoinRow = { id: number; name: string; kind: string; parent_id: number | null } & {
  parent_name: string | null;
  parent_kind: string | null;
} & { [K in keyof Omit<AgencyProfileTable, 'agency_id' | 'updated_at'>]: AgencyProfileTable[K] | null };

/** What a letter needs to know about the agency (src/cases/letters/agency.ts). */
export function letterProfileOf(a: AgencyWithProfile): AgencyProfile {
  const parentGovernment = a.parentKind === 'government' && a.parentName ? a.parentName : undefined;
  return {
    name: a.name,
    kind: a.kind,
    ...(a.profile.docAbbr ? { docAbbr: a.profile.docAbbr } : {}),
    ...(parentGovernment ? { parentGovernment } : {}),
  };
}

/** Creates or replaces an agency's contact profile (audited). */
export async function saveAgencyProfile(
  db: Kysely<Database>,
  agencyId: number,
  p: Partial<ContactProfile>,
  actor: string,
  at = new Date().toISOString(),
): Promise<void> {
  const values = {
    office: p.office ?? null,
    address: p.address ?? null,
    postcode: p.postcode ?? null,
    phone: p.phone ?? null,
    fax: p.fax ?? null,
    email: p.email ?? null,
    office_hours: p.officeHours ?? null,
    website: p.website ?? null,
    doc_abbr: p.docAbbr ?? null,
    guide_note: p.guideNote ?? null,
    updated_at: at,
  };
  await db
    .insertInto('agency_profile')
    .values({ agency_id: agencyId, ...values })
    .onConflict((oc) => oc.column('agency_id').doUpdateSet(values))
    .execute();
  await audit(db, { actor, entity: 'agency_profile', entityId: agencyId, action: 'saved', detail: p });
}
