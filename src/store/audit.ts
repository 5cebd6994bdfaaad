/** The append-only audit log of state changes that are not case events. */
import type { Kysely } from 'kysely';
import { nowIso } from './db.ts';
import type { Database } from './schema.ts';

export async function audit(
  db: Kysely<Database>,
  entry: { actor: string; entity: string; entityId: string | number; action: string; detail?: unknown },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: nowIso(),
      actor: entry.actor,
      entity: entry.entity,
      entity_id: String(entry.entityId),
      action: entry.action,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}
