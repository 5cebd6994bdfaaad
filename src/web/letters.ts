/**
 * Letters issued on a case (table case_letter): each is stored as rendered when it was issued
 * (the RenderedLetter JSON), so a download later gives the same document even after the templates
 * change. Only letters addressed to the applicant appear on the public status page.
 */
import { type Kysely, sql } from 'kysely';
import type { Application } from '../cases/intake.ts';
import { letterValuesFromCase } from '../cases/letters/case.ts';
import { letterDocx, type RenderedLetter, renderLetter } from '../cases/letters/render.ts';
import { type LetterKind, templateFor } from '../cases/letters/templates.ts';
import type { CaseView } from '../cases/machine.ts';
import type { Database } from '../store/schema.ts';
import { type AgencyWithProfile, letterProfileOf } from './agencies.ts';

export type LetterRecipient = 'applicant' | 'thirdParty' | 'agency';

/** Who a letter of each kind is addressed to (default: the applicant). */
export function recipientOf(kind: LetterKind): LetterRecipient {
  if (kind === 'consultationLetter' || kind === 'disclosureToThirdPartyNotice') return 'thirdParty';
  if (kind === 'consultationLetterAgency') return 'agency';
  return 'applicant';
}

/** Stores an issued letter; returns its id. */
export async function issueLetter(
  db: Kysely<Database>,
  input: { caseId: number; letter: RenderedLetter; issuedOn: string; issuedBy: string; at: string },
): Promise<number> {
  // written out: every online application issues one (the submission's hot path)
  const { letter } = input;
  const { rows } = await sql<{ id: number }>`insert into case_letter
    (case_id, kind, title, recipient, doc_number, issued_on, rendered, issued_at, issued_by)
    values (${input.caseId}, ${letter.kind}, ${letter.title}, ${recipientOf(letter.kind)}, ${letter.docNumber},
      ${input.issuedOn}, ${JSON.stringify(letter)}, ${input.at}, ${input.issuedBy})
    returning id`.execute(db);
  return Number(rows[0]!.id);
}

export interface LetterListItem {
  id: number;
  kind: string;
  title: string;
  docNumber: string | null;
  issuedOn: string;
}

export async function listLetters(
  db: Kysely<Database>,
  caseId: number,
  recipient: LetterRecipient | null = 'applicant',
): Promise<LetterListItem[]> {
  let q = db
    .selectFrom('case_letter')
    .select(['id', 'kind', 'title', 'doc_number', 'issued_on'])
    .where('case_id', '=', caseId);
  if (recipient) q = q.where('recipient', '=', recipient);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    title: r.title,
    docNumber: r.doc_number,
    issuedOn: r.issued_on,
  }));
}

/** One stored letter of a case, or null. */
export async function getLetter(db: Kysely<Database>, caseId: number, letterId: number) {
  if (!Number.isSafeInteger(letterId)) return null;
  return (
    (await db
      .selectFrom('case_letter')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('id', '=', letterId)
      .executeTakeFirst()) ?? null
  );
}

/** The DOCX of a stored letter. */
export async function storedLetterDocx(row: { rendered: string }): Promise<Buffer> {
  return letterDocx(JSON.parse(row.rendered) as RenderedLetter);
}

/** A file name for a stored letter: '2026-00012 政府信息公开申请登记回执.docx'. */
export const letterFilename = (caseNumber: string, title: string) => `${caseNumber} ${title}.docx`;

/**
 * The 登记回执 of a new application (条例第三十一条): rendered from the case and stored. Returns
 * null (nothing issued) when the letter cannot be rendered from the data at hand.
 */
export function renderReceipt(
  agency: AgencyWithProfile,
  src: { view: CaseView; application: Application; caseNumber: string },
  issuedOn: string,
): RenderedLetter | null {
  const kind: LetterKind = 'receipt';
  try {
    return renderLetter(templateFor(kind, { on: issuedOn }), {
      agency: letterProfileOf(agency),
      issuedOn,
      values: letterValuesFromCase(kind, src),
    });
  } catch {
    return null;
  }
}
