/**
 * Property tests: random event sequences, kept only where the machine accepts each event, must
 * give a due date after the clock start (never before it, never earlier than the plain 20 working
 * days), and projecting the same events twice (or after a JSON round trip) gives the same view.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CHANNEL_CODES } from '../../src/cases/config.ts';
import { addDays } from '../../src/cases/dates.ts';
import type { CaseEvent } from '../../src/cases/events.ts';
import { perPageFee } from '../../src/cases/fees.ts';
import { appendEvent, type CaseRecord, project } from '../../src/cases/machine.ts';
import { t3CellsOfCase } from '../../src/report/compile.ts';
import { calendar, ctx, ev, officeHead } from './helpers.ts';

const system = { id: 'sys', role: 'system' } as const;
const REPLY_OUTCOMES = [
  'disclosed',
  'partlyDisclosed',
  'withheldProcess',
  'notHeld',
  'notResponsible',
  'stillUnclear',
  'petition',
];

const KINDS = [
  'receiptConfirmed',
  'correctionRequested',
  'correctionReceived',
  'correctionLapsed',
  'consultationSent',
  'consultationAnswered',
  'consultationLapsed',
  'extensionApproved',
  'feeNoticeSent',
  'feePaid',
  'feeLapsed',
  'referred',
  'withdrawn',
  'replied',
  'reopened',
] as const;

function candidate(kind: (typeof KINDS)[number], on: string, pick: number): Record<string, unknown> {
  const name = pick % 2 ? '甲公司' : '乙机关';
  switch (kind) {
    case 'correctionRequested':
      return ev(kind, on, { items: ['请明确信息名称'], dueWorkingDays: 1 + (pick % 15) });
    case 'correctionReceived':
      return ev(kind, on, pick % 3 ? {} : { goodReason: '邮寄延误' });
    case 'correctionLapsed':
    case 'consultationLapsed':
    case 'feeLapsed':
      return ev(kind, on, kind === 'consultationLapsed' && pick % 2 ? { name } : {}, system);
    case 'consultationSent':
      return ev(kind, on, { party: pick % 2 ? 'thirdParty' : 'otherAgency', name });
    case 'consultationAnswered':
      return ev(kind, on, { opinion: 'consent', ...(pick % 3 ? { name } : {}) });
    case 'extensionApproved':
      return ev(kind, on, { days: 1 + (pick % 20), reason: '情况复杂', approvedBy: officeHead });
    case 'feeNoticeSent': {
      const pages = 31 + (pick % 300);
      return ev(kind, on, {
        method: 'perPage',
        pages,
        amountYuan: perPageFee(pages),
        scheduleVersion: '国办函〔2020〕109号',
      });
    }
    case 'referred':
      return ev(kind, on, { scope: pick % 5 ? 'internal' : 'external', to: '业务科' });
    case 'replied':
      return ev(kind, on, { outcome: REPLY_OUTCOMES[pick % REPLY_OUTCOMES.length] });
    case 'reopened':
      return ev(kind, on, {
        decision: pick % 2 ? 'reconsideration' : 'litigation',
        decidedOn: on,
        ...(pick % 3 === 0 ? { dueDate: addDays(on, 10 + (pick % 20)) } : {}),
      });
    default:
      return ev(kind, on);
  }
}

const scenario = fc.record({
  channel: fc.constantFrom(...CHANNEL_CODES),
  startOffset: fc.integer({ min: 0, max: 600 }),
  steps: fc.array(
    fc.record({
      // weights: withdrawal and reply end most sequences, so they are rarer than the steps between
      kind: fc.oneof(
        ...KINDS.map((k) => ({
          arbitrary: fc.constant(k),
          weight:
            k === 'withdrawn'
              ? 1
              : k === 'replied' || k === 'referred'
                ? 2
                : k === 'receiptConfirmed'
                  ? 8
                  : 4,
        })),
      ),
      gap: fc.integer({ min: 0, max: 12 }),
      pick: fc.nat(999),
    }),
    { maxLength: 30 },
  ),
});

function accepted(input: {
  channel: CaseRecord['channel'];
  startOffset: number;
  steps: { kind: (typeof KINDS)[number]; gap: number; pick: number }[];
}) {
  const rec: CaseRecord = { id: 'p', channel: input.channel, applicantType: 'commercial' };
  let on = addDays('2025-01-02', input.startOffset);
  const first = appendEvent(rec, [], ev('received', on), ctx());
  assert.ok(first.ok);
  let events: CaseEvent[] = first.events;
  const prefixes: CaseEvent[][] = [events];
  for (const step of input.steps) {
    on = addDays(on, step.gap);
    const r = appendEvent(rec, events, candidate(step.kind, on, step.pick), ctx());
    if (r.ok) {
      events = r.events;
      prefixes.push(events);
    }
  }
  return { rec, events, prefixes };
}

describe('case machine properties', () => {
  it('the due date is never before the start, nor before the plain 20 working days', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { rec, prefixes } = accepted(input);
        for (const events of prefixes) {
          const v = project(rec, events, calendar);
          if (v.dueDate === undefined) continue;
          const d = v.deadline!;
          assert.ok(v.clockStart !== undefined && v.dueDate > v.clockStart, `${v.dueDate} ≤ ${v.clockStart}`);
          if (d.fixedByDecision) continue;
          assert.ok(v.dueDate >= calendar.addWorkingDays(d.start, d.baseDays));
          assert.equal(calendar.isWorkday(v.dueDate), true);
          const paused = d.pauses.reduce((a, p) => a + p.days, 0);
          assert.equal(calendar.countWorkingDays(d.start, v.dueDate), d.workingDaysCounted + paused);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('projection is deterministic and survives a JSON round trip of the events', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { rec, events } = accepted(input);
        const a = project(rec, events, calendar, undefined, { asOf: '2026-06-30' });
        const b = project(rec, JSON.parse(JSON.stringify(events)) as CaseEvent[], calendar, undefined, {
          asOf: '2026-06-30',
        });
        assert.deepEqual(a, b);
        assert.equal(a.eventCount, events.length);
      }),
      { numRuns: 200 },
    );
  });

  it('an accepted history is accepted again on replay; closed ⇔ outcome; table 三 balances per case', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { rec, events } = accepted(input);
        let again: CaseEvent[] = [];
        for (const e of events) {
          const r = appendEvent(rec, again, e, ctx());
          assert.ok(r.ok, r.ok ? '' : r.message);
          again = r.events;
        }
        const v = project(rec, events, calendar);
        const closed = ['replied', 'referred', 'closed', 'withdrawn'].includes(v.status);
        assert.equal(closed, v.outcome !== undefined);
        const st = v.statistics;
        if (st.receivedOn !== null && st.concludedOn !== null) assert.ok(st.concludedOn >= st.receivedOn);
        for (const year of [2025, 2026, 2027]) {
          const cells = t3CellsOfCase({ id: 1, number: 'p', ...st }, year);
          assert.ok(cells.length === 0 || cells.length === 2, cells.join());
        }
      }),
      { numRuns: 200 },
    );
  });
});
