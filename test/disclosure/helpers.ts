/** Shared fixtures of the disclosure tests: an agency with staff, the calendar, event inputs. */
import { createCalendar } from '../../src/calendar/calendar.ts';
import { chineseDaysYears } from '../../src/calendar/seed.ts';
import type { ItemActor } from '../../src/disclosure/events.ts';
import { createAgency } from '../../src/store/agencies.ts';
import type { Store } from '../../src/store/db.ts';

export const calendar = createCalendar(chineseDaysYears());
export const deps = { calendar };

export const CREDIT_CODE = '11341702486344515H';

export const actors = {
  clerk: { id: 'u1', role: 'clerk', name: '王承办' },
  sectionHead: { id: 'u2', role: 'sectionHead', name: '李股长' },
  leader: { id: 'u3', role: 'leader', name: '张副局长' },
  officeHead: { id: 'u4', role: 'officeHead', name: '赵主任' },
  admin: { id: 'u5', role: 'admin' },
  system: { id: 'import', role: 'system' },
} satisfies Record<string, ItemActor>;

export const at = (d: string) => `${d}T10:00:00+08:00`;

export const ev = (type: string, on: string, actor: ItemActor, extra: Record<string, unknown> = {}) => ({
  type,
  on,
  at: at(on),
  actor,
  ...extra,
});

export function fields(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '关于做好2026年义务教育招生入学工作的通知',
    documentNumber: '某教发〔2026〕3号',
    formedOn: '2026-03-02',
    writtenOn: '2026-03-02',
    category: 'art20.11',
    bodyHtml: '<p>各学校：</p><p>为做好2026年义务教育招生入学工作，现将有关事项通知如下。</p>',
    ...over,
  };
}

/** The whole default chain then publication, starting on `on` (all the same day). */
export function approveAndPublish(on: string) {
  return [
    ev('submitted', on, actors.clerk),
    ev('approved', on, actors.sectionHead, { step: 0 }),
    ev('approved', on, actors.leader, { step: 1 }),
    ev('approved', on, actors.officeHead, { step: 2 }),
    ev('published', on, actors.clerk),
  ];
}

export async function agency(s: Store, name = '某区教育局', creditCode: string | null = CREDIT_CODE) {
  return createAgency(s.db, { name, kind: 'department', creditCode });
}
