/** Reconsideration and litigation records (table 四), validated by src/cases/review.ts. */
import type { Kysely } from 'kysely';
import { toReviewFacts, validateReviewRecord } from '../cases/review.ts';
import { audit } from './audit.ts';
import { CaseInputError } from './cases.ts';
import type { Database } from './schema.ts';

export async function addReviewRecord(
  db: Kysely<Database>,
  agencyId: number,
  input: unknown,
  actor: string,
): Promise<number> {
  const v = validateReviewRecord(input);
  if (!v.ok) throw new CaseInputError(v.errors.map((e) => e.message).join('；'), v.errors);
  const facts = toReviewFacts(v.value);
  const caseId = v.value.caseIds[0] ? Number(v.value.caseIds[0]) : null;
  const row = await db
    .insertInto('review_record')
    .values({
      agency_id: agencyId,
      case_id: Number.isFinite(caseId) ? caseId : null,
      kind: facts.kind,
      received_on: facts.receivedOn,
      decided_on: facts.decidedOn,
      result: facts.result,
      note: JSON.stringify(v.value),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(db, { actor, entity: 'review_record', entityId: row.id, action: 'created', detail: v.value });
  return Number(row.id);
}
