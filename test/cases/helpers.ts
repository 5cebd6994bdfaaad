/** Shared fixtures for the case tests: the real calendar (chinese-days seed), event builders. */
import assert from 'node:assert/strict';
import { createCalendar } from '../../src/calendar/calendar.ts';
import { chineseDaysYears } from '../../src/calendar/seed.ts';
import type { CalendarYearData, WorkingCalendar } from '../../src/calendar/types.ts';
import type { CaseConfig, Channel } from '../../src/cases/config.ts';
import type { Actor, CaseEvent } from '../../src/cases/events.ts';
import {
  appendEvent,
  type CaseContext,
  type CaseRecord,
  type CaseRuleId,
  type CaseState,
  replay,
} from '../../src/cases/machine.ts';
import type { ApplicantType } from '../../src/cases/outcomes.ts';

/** 2004–2026 from chinese-days 1.5.7 (spec §5.1); 2027 is not covered (WD-01). */
export const calendar: WorkingCalendar = createCalendar(chineseDaysYears());

/** A hand-written calendar of 2025 only (spec §5.1 notice), for coverage tests. */
export const YEAR_2025: CalendarYearData = {
  year: 2025,
  holidays: [
    '2025-01-01',
    ...['01-28', '01-29', '01-30', '01-31', '02-01', '02-02', '02-03', '02-04'].map((d) => `2025-${d}`),
    '2025-04-04',
    '2025-04-05',
    '2025-04-06',
    ...['05-01', '05-02', '05-03', '05-04', '05-05', '05-31', '06-01', '06-02'].map((d) => `2025-${d}`),
    ...['10-01', '10-02', '10-03', '10-04', '10-05', '10-06', '10-07', '10-08'].map((d) => `2025-${d}`),
  ],
  makeupWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  source: 'test: 国务院办公厅关于2025年部分节假日安排的通知',
};

export const clerk: Actor = { id: 'u-clerk', role: 'clerk' };
export const officeHead: Actor = { id: 'u-head', role: 'officeHead', name: '王主任' };

/** An event input recorded at 10:00 Beijing time on its legal date (or on `recordedOn`). */
export function ev(
  type: CaseEvent['type'],
  on: string,
  extra: Record<string, unknown> = {},
  actor: Actor = clerk,
  recordedOn: string = on,
): Record<string, unknown> {
  return { type, on, at: `${recordedOn}T10:00:00+08:00`, actor, ...extra };
}

export function record(
  channel: Channel = 'inPerson',
  applicantType: ApplicantType = 'naturalPerson',
): CaseRecord {
  return { id: 'case-1', channel, applicantType };
}

export function ctx(config?: CaseConfig, cal: WorkingCalendar = calendar): CaseContext {
  return config ? { calendar: cal, config } : { calendar: cal };
}

/** Appends every input, failing the test with the rule and message of the first refusal. */
export function run(
  rec: CaseRecord,
  inputs: Record<string, unknown>[],
  c: CaseContext = ctx(),
): { events: CaseEvent[]; state: CaseState } {
  let events: CaseEvent[] = [];
  for (const [i, input] of inputs.entries()) {
    const r = appendEvent(rec, events, input, c);
    if (!r.ok) assert.fail(`event ${i} (${String(input.type)}) refused: ${r.rule} ${r.message}`);
    events = r.events;
  }
  return { events, state: replay(rec, events, c) };
}

/** Appends `inputs`, then asserts that `next` is refused with `rule` and exactly `message` (or a message matching it). */
export function refused(
  rec: CaseRecord,
  inputs: Record<string, unknown>[],
  next: Record<string, unknown>,
  rule: CaseRuleId | 'SCHEMA',
  message: string | RegExp,
  c: CaseContext = ctx(),
): void {
  const { events } = run(rec, inputs, c);
  const r = appendEvent(rec, events, next, c);
  assert.equal(r.ok, false, `expected ${String(next.type)} to be refused`);
  if (r.ok) return;
  assert.equal(r.rule, rule, r.message);
  if (typeof message === 'string') assert.equal(r.message, message);
  else assert.match(r.message, message);
}
