/** Agencies (机关) and staff users. */
import type { Kysely } from 'kysely';
import { audit } from './audit.ts';
import { nowIso } from './db.ts';
import type { Database } from './schema.ts';

export const AGENCY_KINDS = {
  government: '人民政府',
  department: '政府部门',
  township: '乡镇（街道）',
} as const;
export type AgencyKind = keyof typeof AGENCY_KINDS;

export const ROLES = {
  clerk: '承办人',
  sectionHead: '股室负责人',
  officeHead: '政府信息公开工作机构负责人',
  leader: '分管领导',
  supervisor: '监督人员',
  admin: '系统管理员',
} as const;
export type Role = keyof typeof ROLES;

export interface AgencyInput {
  name: string;
  kind: AgencyKind;
  parentId?: number | null;
  creditCode?: string | null;
}

export async function createAgency(db: Kysely<Database>, a: AgencyInput, actor = 'system'): Promise<number> {
  if (!a.name.trim()) throw new Error('机关名称：必填');
  if (!(a.kind in AGENCY_KINDS))
    throw new Error(`机关类型：应为 ${Object.keys(AGENCY_KINDS).join('、')} 之一`);
  const existing = await db.selectFrom('agency').select('id').where('name', '=', a.name).executeTakeFirst();
  if (existing) throw new Error(`机关名称：“${a.name}”已存在`);
  const row = await db
    .insertInto('agency')
    .values({
      name: a.name.trim(),
      kind: a.kind,
      parent_id: a.parentId ?? null,
      credit_code: a.creditCode ?? null,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(db, { actor, entity: 'agency', entityId: row.id, action: 'created', detail: a });
  return Number(row.id);
}

export async function findAgency(db: Kysely<Database>, name: string) {
  return db.selectFrom('agency').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function createStaffUser(
  db: Kysely<Database>,
  u: { agencyId: number; username: string; displayName: string; role: Role; passwordHash?: string | null },
  actor = 'system',
): Promise<number> {
  if (!(u.role in ROLES)) throw new Error(`角色：应为 ${Object.keys(ROLES).join('、')} 之一`);
  const row = await db
    .insertInto('staff_user')
    .values({
      agency_id: u.agencyId,
      username: u.username,
      display_name: u.displayName,
      role: u.role,
      password_hash: u.passwordHash ?? null,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(db, {
    actor,
    entity: 'staff_user',
    entityId: row.id,
    action: 'created',
    detail: { ...u, passwordHash: undefined },
  });
  return Number(row.id);
}
