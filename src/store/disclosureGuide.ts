/**
 * The 政府信息公开指南 of an agency: editable sections (src/disclosure/guide.ts) stored per agency,
 * with the default text where a section was never edited. Saving is recorded in the audit log.
 */
import {
  checkGuideSection,
  GUIDE_SECTION_KEYS,
  GUIDE_SECTIONS,
  GuideError,
  type GuideSectionKey,
} from '../disclosure/guide.ts';
import { audit } from './audit.ts';
import type { Store } from './db.ts';
import { nowIso } from './db.ts';

export { GuideError };

export interface GuideSection {
  key: GuideSectionKey;
  title: string;
  /** The text (paragraphs separated by blank lines). */
  content: string;
  /** True when the agency never edited it (the default text, possibly empty). */
  isDefault: boolean;
  /** A required section with no text: the page should say it is not filled in. */
  missing: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface Guide {
  agencyId: number;
  agencyName: string;
  sections: GuideSection[];
  /** The latest change of any section (the guide's 更新日期), or null. */
  updatedAt: string | null;
}

export async function getGuide(store: Store, agencyId: number): Promise<Guide> {
  const agency = await store.db
    .selectFrom('agency')
    .select('name')
    .where('id', '=', agencyId)
    .executeTakeFirst();
  if (!agency) throw new GuideError(`机关不存在：${agencyId}`);
  const rows = await store.db
    .selectFrom('disclosure_guide')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .execute();
  const byKey = new Map(rows.map((r) => [r.section, r]));
  const sections = GUIDE_SECTION_KEYS.map((key): GuideSection => {
    const def = GUIDE_SECTIONS[key];
    const r = byKey.get(key);
    const content = r ? r.content : def.defaultText;
    return {
      key,
      title: def.title,
      content,
      isDefault: !r,
      missing: def.required && !content.trim(),
      updatedAt: r?.updated_at ?? null,
      updatedBy: r?.updated_by ?? null,
    };
  });
  const updatedAt =
    rows
      .map((r) => r.updated_at)
      .sort()
      .pop() ?? null;
  return { agencyId, agencyName: agency.name, sections, updatedAt };
}

/** Saves one section (GuideError with a Chinese message when refused); audited. */
export async function saveGuideSection(
  store: Store,
  agencyId: number,
  section: string,
  content: unknown,
  actor: string,
): Promise<void> {
  const text = checkGuideSection(section, content);
  const now = nowIso();
  await store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('disclosure_guide')
      .values({ agency_id: agencyId, section, content: text, updated_at: now, updated_by: actor })
      .onConflict((oc) =>
        oc
          .columns(['agency_id', 'section'])
          .doUpdateSet({ content: text, updated_at: now, updated_by: actor }),
      )
      .execute();
    await audit(trx, {
      actor,
      entity: 'disclosure_guide',
      entityId: `${agencyId}/${section}`,
      action: 'saved',
      detail: { length: text.length },
    });
  });
}
