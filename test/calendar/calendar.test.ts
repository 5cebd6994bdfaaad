import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import cd from 'chinese-days';
import fc from 'fast-check';
import { createCalendar } from '../../src/calendar/calendar.ts';
import { daysFromCivil, formatIsoDate, parseIsoDate } from '../../src/calendar/date.ts';
import {
  CalendarDataError,
  chineseDaysYears,
  readChineseDaysJson,
  validateYearData,
} from '../../src/calendar/seed.ts';
import { CalendarCoverageError, type CalendarYearData } from '../../src/calendar/types.ts';

const seed = chineseDaysYears();
const calendar = createCalendar(seed);

// ---------------------------------------------------------------------------------------------
// A naive reference, written independently of src/calendar (Date objects, day-by-day loops).

const naiveHolidays = new Set(seed.flatMap((y) => y.holidays));
const naiveMakeup = new Set(seed.flatMap((y) => y.makeupWorkdays));
const naiveYears = new Set(seed.map((y) => y.year));

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** WD-03, or 'uncovered'. */
function naiveIsWorkday(iso: string): boolean | 'uncovered' {
  if (!naiveYears.has(Number(iso.slice(0, 4)))) return 'uncovered';
  if (naiveMakeup.has(iso)) return true;
  const wd = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6 && !naiveHolidays.has(iso);
}

/** WD-04: the n-th working day strictly after start, or 'uncovered' if a day looked at has no data. */
function naiveAdd(start: string, n: number): string | 'uncovered' {
  let d = start;
  for (let k = 0; k < n; ) {
    d = nextDay(d);
    const w = naiveIsWorkday(d);
    if (w === 'uncovered') return 'uncovered';
    if (w) k++;
  }
  return d;
}

function naiveCount(from: string, to: string): number | 'uncovered' {
  let n = 0;
  for (let d = nextDay(from); d <= to; d = nextDay(d)) {
    const w = naiveIsWorkday(d);
    if (w === 'uncovered') return 'uncovered';
    if (w) n++;
  }
  return n;
}

function outcome(f: () => string | number): string | number {
  try {
    return f();
  } catch (e) {
    if (e instanceof CalendarCoverageError) return 'uncovered';
    throw e;
  }
}

const FIRST = daysFromCivil(2004, 1, 1);
const LAST = daysFromCivil(2026, 12, 31);
/** Any date 2004-01-01 … 2026-12-31 (plus 2003-12-31, a valid start). */
const dateArb = fc.integer({ min: FIRST - 1, max: LAST }).map(formatIsoDate);

// ---------------------------------------------------------------------------------------------

describe('spec §5.2 test vectors (WD-02, WD-04)', () => {
  const vectors: [string, number, string][] = [
    ['2025-09-26', 20, '2025-10-30'],
    ['2025-09-30', 7, '2025-10-16'],
    ['2025-10-30', 20, '2025-11-27'],
    ['2025-01-20', 20, '2025-02-21'],
    ['2026-02-10', 20, '2026-03-16'],
    ['2026-09-18', 20, '2026-10-22'],
    ['2025-12-31', 20, '2026-01-29'],
  ];
  for (const [start, n, due] of vectors) {
    test(`${start} + ${n} working days = ${due}`, () => {
      assert.equal(calendar.addWorkingDays(start, n), due);
      assert.equal(calendar.countWorkingDays(start, due), n);
      assert.equal(cd.findWorkday(n, start), due, 'chinese-days agrees');
      assert.equal(naiveAdd(start, n), due, 'naive reference agrees');
    });
  }

  test('stack.md §4 checks', () => {
    assert.equal(calendar.addWorkingDays('2024-09-20', 20), '2024-10-23');
    assert.equal(calendar.addWorkingDays('2024-02-08', 1), '2024-02-09');
  });
});

describe('WD-01: no deadline in a year without data', () => {
  test('a deadline into 2027 is refused with a Chinese message', () => {
    // chinese-days silently assumes 2027 is all weekdays; we must not.
    assert.equal(cd.isWorkday('2027-01-01'), true);
    assert.throws(
      () => calendar.addWorkingDays('2026-12-20', 20),
      (e: unknown) => {
        assert.ok(e instanceof CalendarCoverageError);
        assert.equal(e.year, 2027);
        assert.equal(
          e.message,
          '工作日历没有2027年的节假日安排数据，无法计算自2026-12-20起20个工作日的期限（截止日期将落在2027年）；' +
            '请管理员先录入国务院办公厅公布的2027年节假日安排',
        );
        return true;
      },
    );
  });

  test('the last working day of 2026 is fine, one more is refused', () => {
    const last = calendar.addWorkingDays('2026-12-20', calendar.countWorkingDays('2026-12-20', '2026-12-31'));
    assert.equal(last, '2026-12-31');
    assert.throws(() => calendar.addWorkingDays('2026-12-31', 1), CalendarCoverageError);
    assert.throws(() => calendar.addWorkingDays('2026-12-30', 2), /2027年/);
  });

  test('a far deadline says "or later"', () => {
    assert.throws(() => calendar.addWorkingDays('2026-12-01', 400), /截止日期将落在2027年或以后/);
  });

  test('isWorkday, countWorkingDays and specialDaysBetween refuse 2027 too', () => {
    assert.throws(
      () => calendar.isWorkday('2027-01-01'),
      /工作日历没有2027年的节假日安排数据，无法判断2027-01-01是否为工作日/,
    );
    assert.throws(
      () => calendar.isWorkday('2003-06-02'),
      (e) => e instanceof CalendarCoverageError && e.year === 2003,
    );
    assert.throws(
      () => calendar.countWorkingDays('2026-12-20', '2027-01-15'),
      /无法计算2026-12-20至2027-01-15之间的工作日数/,
    );
    assert.throws(() => calendar.specialDaysBetween('2026-12-20', '2027-01-15'), CalendarCoverageError);
  });

  test('start-date rule at the edges: Dec 31 of the year before a covered year is a valid start', () => {
    assert.equal(calendar.addWorkingDays('2003-12-31', 1), '2004-01-02'); // 1 Jan 2004 is 元旦
    assert.equal(calendar.countWorkingDays('2003-12-31', '2004-01-02'), 1);
    assert.throws(
      () => calendar.addWorkingDays('2003-12-30', 1),
      (e) =>
        e instanceof CalendarCoverageError &&
        e.year === 2003 &&
        /无法从2003-12-30起计算1个工作日的期限/.test(e.message),
    );
    assert.throws(() => calendar.countWorkingDays('2003-12-30', '2004-01-05'), CalendarCoverageError);
  });

  test('empty ranges look at no day', () => {
    assert.equal(calendar.addWorkingDays('2030-05-05', 0), '2030-05-05');
    assert.equal(calendar.countWorkingDays('2030-05-05', '2030-05-01'), 0);
    assert.equal(calendar.countWorkingDays('2026-03-09', '2026-03-09'), 0);
    assert.deepEqual(calendar.specialDaysBetween('2030-05-05', '2030-05-05'), []);
  });

  test('a gap year is not covered, and a deadline may not cross it', () => {
    const gap = createCalendar(seed.filter((y) => y.year === 2024 || y.year === 2026));
    assert.deepEqual(gap.years, [2024, 2026]);
    assert.equal(gap.covers(2024), true);
    assert.equal(gap.covers(2025), false);
    assert.equal(gap.covers(2027), false);
    assert.throws(
      () => gap.addWorkingDays('2024-12-20', 20),
      (e) => e instanceof CalendarCoverageError && e.year === 2025,
    );
    assert.throws(
      () => gap.addWorkingDays('2025-06-01', 1),
      (e) => e instanceof CalendarCoverageError && e.year === 2025,
    );
    assert.throws(
      () => gap.countWorkingDays('2024-12-01', '2026-01-10'),
      (e) => e instanceof CalendarCoverageError && e.year === 2025,
    );
    assert.throws(() => gap.isWorkday('2025-03-03'), CalendarCoverageError);
    // 2026-01-01…03 元旦, 2026-01-04 (Sunday) worked.
    assert.equal(gap.addWorkingDays('2025-12-31', 1), '2026-01-04');
    assert.equal(gap.addWorkingDays('2024-12-20', 5), calendar.addWorkingDays('2024-12-20', 5));
  });

  test('an administrator adds the 2027 notice: the deadline becomes computable', () => {
    const y2027: CalendarYearData = {
      year: 2027,
      holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
      makeupWorkdays: [],
      source: 'admin:测试 2026-11-05 国办发明电〔2026〕X号',
    };
    const extended = createCalendar([...seed, y2027]);
    assert.equal(extended.covers(2027), true);
    assert.equal(extended.isWorkday('2027-01-01'), false);
    const due = extended.addWorkingDays('2026-12-20', 20);
    assert.equal(extended.countWorkingDays('2026-12-20', due), 20);
    assert.equal(due, '2027-01-18'); // chinese-days would say 2027-01-15, counting 1 Jan as a working day
    assert.equal(cd.findWorkday(20, '2026-12-20'), '2027-01-15');
  });
});

describe('WD-03: holidays and make-up days (2026, spec §5.1)', () => {
  test('make-up weekend days are working days', () => {
    for (const d of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']) {
      assert.equal(calendar.isWorkday(d), true, d);
    }
  });

  test('holiday weekdays, including the in-lieu rest days, are not working days', () => {
    // 2026-02-20 (Fri) and 2026-02-23 (Mon) are chinese-days' inLieuDays of 春节.
    for (const d of [
      '2026-01-01',
      '2026-01-02',
      '2026-02-16',
      '2026-02-20',
      '2026-02-23',
      '2026-04-06',
      '2026-10-01',
      '2026-10-07',
    ]) {
      assert.equal(calendar.isWorkday(d), false, d);
    }
  });

  test('ordinary days', () => {
    assert.equal(calendar.isWorkday('2026-03-09'), true); // Monday
    assert.equal(calendar.isWorkday('2026-03-07'), false); // Saturday
    assert.equal(calendar.isWorkday('2026-03-08'), false); // Sunday
  });

  test('the seeded 2026 arrangement is the State Council notice', () => {
    const y = seed.find((s) => s.year === 2026)!;
    const range = (from: string, to: string) => {
      const out: string[] = [];
      for (let z = parseIsoDate(from); z <= parseIsoDate(to); z++) out.push(formatIsoDate(z));
      return out;
    };
    assert.deepEqual(y.holidays, [
      ...range('2026-01-01', '2026-01-03'),
      ...range('2026-02-15', '2026-02-23'),
      ...range('2026-04-04', '2026-04-06'),
      ...range('2026-05-01', '2026-05-05'),
      ...range('2026-06-19', '2026-06-21'),
      ...range('2026-09-25', '2026-09-27'),
      ...range('2026-10-01', '2026-10-07'),
    ]);
    assert.deepEqual(y.makeupWorkdays, [
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  test('specialDaysBetween lists the days that explain a deadline (from exclusive, to inclusive)', () => {
    assert.deepEqual(calendar.specialDaysBetween('2026-02-14', '2026-02-16'), [
      { date: '2026-02-15', kind: 'holiday' },
      { date: '2026-02-16', kind: 'holiday' },
    ]);
    const explain = calendar.specialDaysBetween('2026-09-18', '2026-10-22');
    assert.deepEqual(
      explain.filter((s) => s.kind === 'makeup').map((s) => s.date),
      ['2026-09-20', '2026-10-10'],
    );
    assert.equal(explain.filter((s) => s.kind === 'holiday').length, 10);
    assert.deepEqual(calendar.specialDaysBetween('2026-03-01', '2026-03-31'), []);
  });
});

describe('seed from chinese-days', () => {
  test('one year of data per year 2004…2026, valid, with the package version as source', () => {
    assert.deepEqual(
      seed.map((y) => y.year),
      Array.from({ length: 23 }, (_, i) => 2004 + i),
    );
    for (const y of seed) {
      assert.deepEqual(validateYearData(y), [], String(y.year));
      assert.equal(y.source, 'chinese-days@1.5.7');
    }
    assert.deepEqual(
      calendar.years,
      seed.map((y) => y.year),
    );
  });

  test('every in-lieu day is a holiday; make-up days are the package workdays', () => {
    const json = readChineseDaysJson();
    for (const d of Object.keys(json.inLieuDays)) assert.equal(naiveHolidays.has(d), true, d);
    assert.equal(naiveMakeup.size, Object.keys(json.workdays).length);
    // In-lieu days only listed as such would still be rest days.
    const only = chineseDaysYears({
      holidays: {},
      workdays: { '2026-02-14': 'x' },
      inLieuDays: { '2026-02-20': 'Spring Festival,春节,4' },
    });
    assert.deepEqual(only, [
      { year: 2026, holidays: ['2026-02-20'], makeupWorkdays: ['2026-02-14'], source: 'chinese-days@1.5.7' },
    ]);
    assert.equal(createCalendar(only).isWorkday('2026-02-20'), false);
  });

  test('agrees with chinese-days on every day 2004…2026', () => {
    for (let z = FIRST; z <= LAST; z++) {
      const d = formatIsoDate(z);
      assert.equal(calendar.isWorkday(d), cd.isWorkday(d), d);
    }
  });
});

describe('properties', () => {
  test('addWorkingDays and countWorkingDays are inverse; the result is a working day', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 400 }), (d, n) => {
        const r = outcome(() => calendar.addWorkingDays(d, n));
        if (r === 'uncovered') {
          assert.ok(parseIsoDate(d) > LAST - 700);
          return;
        }
        assert.equal(calendar.countWorkingDays(d, r as string), n);
        if (n > 0) {
          assert.equal(calendar.isWorkday(r as string), true);
          // …and it is the first such day: one day earlier has one working day fewer.
          assert.equal(calendar.countWorkingDays(d, formatIsoDate(parseIsoDate(r as string) - 1)), n - 1);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('addWorkingDays agrees with the naive reference (coverage refusals included)', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 300 }), (d, n) => {
        assert.equal(
          outcome(() => calendar.addWorkingDays(d, n)),
          naiveAdd(d, n),
        );
      }),
      { numRuns: 1500 },
    );
    // Near the end of the data, where refusals happen.
    fc.assert(
      fc.property(
        fc.integer({ min: LAST - 60, max: LAST + 3 }).map(formatIsoDate),
        fc.integer({ min: 0, max: 60 }),
        (d, n) => {
          assert.equal(
            outcome(() => calendar.addWorkingDays(d, n)),
            naiveAdd(d, n),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  test('countWorkingDays agrees with the naive reference', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -10, max: 500 }), (d, span) => {
        const to = formatIsoDate(parseIsoDate(d) + span);
        assert.equal(
          outcome(() => calendar.countWorkingDays(d, to)),
          naiveCount(d, to),
        );
      }),
      { numRuns: 1500 },
    );
  });

  test('agrees with chinese-days findWorkday where its result is within 2026', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 40 }), (d, n) => {
        const ours = outcome(() => calendar.addWorkingDays(d, n));
        fc.pre(ours !== 'uncovered');
        assert.equal(cd.findWorkday(n, d), ours);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('input validation', () => {
  test('malformed or unreal dates are refused with a Chinese message', () => {
    for (const bad of [
      '2026-2-3',
      '2026/02/03',
      '2026-02-30',
      '2026-13-01',
      '20260203',
      '',
      ' 2026-02-03',
      '2026-02-03T00:00',
    ]) {
      assert.throws(() => calendar.addWorkingDays(bad, 1), /格式应为YYYY-MM-DD/, bad);
      assert.throws(() => calendar.countWorkingDays('2026-01-05', bad), /格式应为YYYY-MM-DD/, bad);
      assert.throws(() => calendar.isWorkday(bad), /日期格式应为YYYY-MM-DD.*：/, bad);
    }
    assert.throws(
      () => calendar.addWorkingDays('2026-02-30', 1),
      /起算日期格式应为YYYY-MM-DD（且为真实存在的日期）：2026-02-30/,
    );
    assert.throws(() => calendar.isWorkday(undefined as unknown as string), /（未填写）/);
    assert.equal(calendar.isWorkday('2024-02-29'), true);
  });

  test('the number of working days must be a non-negative integer', () => {
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(
        () => calendar.addWorkingDays('2026-03-02', n),
        (e) => e instanceof RangeError && /工作日数应为非负整数/.test(e.message),
      );
    }
  });
});

describe("validateYearData (administrators' edits)", () => {
  const good: CalendarYearData = {
    year: 2027,
    holidays: ['2027-01-01'],
    makeupWorkdays: ['2027-02-06'], // a Saturday
    source: 'admin:张三 国办发明电〔2026〕X号',
  };

  test('valid data has no problems', () => {
    assert.deepEqual(validateYearData(good), []);
  });

  test('each problem is named in Chinese with the field and the date', () => {
    assert.deepEqual(validateYearData({ ...good, holidays: ['2026-12-31'] }), [
      '2027年放假日（holidays）中的2026-12-31不在2027年内',
    ]);
    assert.deepEqual(validateYearData({ ...good, makeupWorkdays: ['2027-02-08'] }), [
      '2027年调休上班日（makeupWorkdays）中的2027-02-08是星期一，调休上班日应为星期六或星期日',
    ]);
    assert.deepEqual(validateYearData({ ...good, holidays: ['2027-02-06'] }), [
      '2027年2027-02-06同时出现在放假日（holidays）和调休上班日（makeupWorkdays）中，一天只能是其中一种',
    ]);
    assert.deepEqual(validateYearData({ ...good, holidays: ['2027-01-01', '2027-01-01'] }), [
      '2027年放假日（holidays）中的2027-01-01重复出现',
    ]);
    assert.deepEqual(validateYearData({ ...good, holidays: ['2027-1-1'] }), [
      '2027年放假日（holidays）第1项日期格式应为YYYY-MM-DD（且为真实存在的日期）：2027-1-1',
    ]);
    assert.deepEqual(validateYearData({ ...good, holidays: [20270101] }), [
      '2027年放假日（holidays）第1项日期格式应为YYYY-MM-DD（且为真实存在的日期）：20270101',
    ]);
    assert.deepEqual(validateYearData({ ...good, source: ' ' }), [
      '2027年数据来源（source）不能为空，请注明国务院办公厅通知的文号或数据包版本',
    ]);
    assert.deepEqual(validateYearData({ ...good, year: '2027' }), [
      '年份（year）应为1949–9999之间的整数："2027"',
    ]);
    assert.deepEqual(validateYearData({ ...good, makeupWorkdays: undefined }), [
      '2027年调休上班日（makeupWorkdays）应为日期列表',
    ]);
    assert.deepEqual(validateYearData(null), [
      '节假日安排数据应为一个对象（包含 year、holidays、makeupWorkdays、source）',
    ]);
  });

  test('several problems are all reported', () => {
    const problems = validateYearData({
      ...good,
      holidays: ['2027-13-01', '2028-01-01'],
      makeupWorkdays: ['2027-02-08'],
    });
    assert.equal(problems.length, 3);
  });

  test('createCalendar refuses invalid data and a year given twice', () => {
    assert.throws(
      () => createCalendar([{ ...good, makeupWorkdays: ['2027-02-08'] }]),
      (e) =>
        e instanceof CalendarDataError && /节假日安排数据有误/.test(e.message) && e.problems.length === 1,
    );
    assert.throws(() => createCalendar([good, good]), /2027年的节假日安排数据重复提供/);
  });

  test('an empty calendar covers nothing', () => {
    const empty = createCalendar([]);
    assert.deepEqual(empty.years, []);
    assert.equal(empty.covers(2026), false);
    assert.throws(() => empty.addWorkingDays('2026-03-02', 1), CalendarCoverageError);
    assert.throws(() => empty.isWorkday('2026-03-02'), CalendarCoverageError);
  });
});
