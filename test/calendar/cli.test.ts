import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCalendar } from '../../src/calendar/calendar.ts';
import { chineseDaysYears } from '../../src/calendar/seed.ts';
import type { WorkingCalendar } from '../../src/calendar/types.ts';
import { CALENDAR_USAGE, runCalendar } from '../../src/cli/calendar.ts';

const loaded = createCalendar(chineseDaysYears());

async function run(argv: string[], getCalendar: () => Promise<WorkingCalendar> = async () => loaded) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCalendar(argv, { out: (s) => out.push(s), err: (s) => err.push(s) }, getCalendar);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('gongkai calendar', () => {
  test('add-working-days prints the due date', async () => {
    assert.deepEqual(await run(['add-working-days', '2025-09-26', '20']), {
      code: 0,
      out: '2025-10-30',
      err: '',
    });
    assert.deepEqual(await run(['add-working-days', '2025-12-31', '20']), {
      code: 0,
      out: '2026-01-29',
      err: '',
    });
  });

  test('count-working-days prints the number', async () => {
    assert.deepEqual(await run(['count-working-days', '2025-09-26', '2025-10-30']), {
      code: 0,
      out: '20',
      err: '',
    });
    assert.deepEqual(await run(['count-working-days', '2025-10-30', '2025-09-26']), {
      code: 0,
      out: '0',
      err: '',
    });
  });

  test('a result in a year without data: exit 2 with the Chinese message (WD-01)', async () => {
    const r = await run(['add-working-days', '2026-12-20', '20']);
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(
      r.err,
      /^工作日历没有2027年的节假日安排数据，无法计算自2026-12-20起20个工作日的期限（截止日期将落在2027年）；请管理员先录入国务院办公厅公布的2027年节假日安排$/,
    );
    const c = await run(['count-working-days', '2026-12-01', '2027-01-31']);
    assert.equal(c.code, 2);
    assert.match(c.err, /工作日历没有2027年/);
  });

  test('bad arguments: exit 2 with usage, and the calendar is not loaded', async () => {
    const never = async (): Promise<WorkingCalendar> => {
      throw new Error('should not load');
    };
    for (const [argv, msg] of [
      [['add-working-days', '2026-2-3', '5'], /日期格式应为YYYY-MM-DD（且为真实存在的日期）：2026-2-3/],
      [['add-working-days', '2026-02-03', '-5'], /工作日数N应为非负整数：-5/],
      [['add-working-days', '2026-02-03', '1.5'], /工作日数N应为非负整数/],
      [['add-working-days', '2026-02-03'], /缺少工作日数N/],
      [['add-working-days'], /缺少日期/],
      [['add-working-days', '2026-02-03', '5', 'x'], /多余的参数：x/],
      [['count-working-days', '2026-02-03'], /缺少结束日期/],
      [['count-working-days', '2026-02-30', '2026-03-03'], /起始日期格式应为/],
      [['frobnicate'], /未知命令：calendar frobnicate/],
    ] as const) {
      const r = await run([...argv], never);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.err, msg);
      assert.ok(r.err.endsWith(CALENDAR_USAGE));
    }
  });

  test('help prints the usage', async () => {
    assert.deepEqual(await run(['--help']), { code: 0, out: CALENDAR_USAGE, err: '' });
    assert.deepEqual(await run([]), { code: 0, out: CALENDAR_USAGE, err: '' });
  });
});
