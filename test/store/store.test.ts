/** The store on both databases: migrations from empty, append-only tables, calendar, backup/restore. */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { createAgency, createStaffUser, findAgency } from '../../src/store/agencies.ts';
import { audit } from '../../src/store/audit.ts';
import { backup, RestoreError, restore } from '../../src/store/backup.ts';
import { loadCalendarYears, saveCalendarYear, seedCalendar } from '../../src/store/calendar.ts';
import { migrate } from '../../src/store/db.ts';
import { describeStores, storeFactories } from '../helpers/stores.ts';

describeStores('store', (f) => {
  it('migrates an empty database; a second migrate applies nothing', async () => {
    const s = await f.open();
    assert.deepEqual(await migrate(s), []);
    const tables = ['agency', 'staff_user', 'application_case', 'case_event', 'audit_log'];
    for (const t of tables) {
      // biome-ignore lint/suspicious/noExplicitAny: any table
      const rows = await (s.db.selectFrom(t as any) as any).selectAll().execute();
      assert.deepEqual(rows, [], t);
    }
    await s.close();
  });

  it('creates agencies and staff, refuses duplicates with a Chinese message, audits both', async () => {
    const s = await f.open();
    const id = await createAgency(s.db, {
      name: '某区教育局',
      kind: 'department',
      creditCode: '11341702486344515H',
    });
    await createStaffUser(s.db, { agencyId: id, username: 'zhang', displayName: '张三', role: 'clerk' });
    await assert.rejects(
      createAgency(s.db, { name: '某区教育局', kind: 'department' }),
      /机关名称：“某区教育局”已存在/,
    );
    assert.equal((await findAgency(s.db, '某区教育局'))?.kind, 'department');
    const log = await s.db.selectFrom('audit_log').select(['entity', 'action']).orderBy('id').execute();
    assert.deepEqual(log, [
      { entity: 'agency', action: 'created' },
      { entity: 'staff_user', action: 'created' },
    ]);
    await s.close();
  });

  it('refuses to update or delete the audit log and case events', async () => {
    const s = await f.open();
    await audit(s.db, { actor: 'x', entity: 'e', entityId: 1, action: 'a' });
    await assert.rejects(s.db.deleteFrom('audit_log').execute(), /只能追加/);
    await assert.rejects(s.db.updateTable('audit_log').set({ actor: 'y' }).execute(), /只能追加/);
    await s.close();
  });

  it('stores and reloads calendar years; seeding skips years it has', async () => {
    const s = await f.open();
    const y2026 = {
      year: 2026,
      holidays: ['2026-01-01', '2026-01-02', '2026-01-03'],
      makeupWorkdays: ['2026-01-04'],
      source: 'hand-written test data',
    };
    await saveCalendarYear(s.db, y2026);
    const y2025 = {
      year: 2025,
      holidays: ['2025-01-01'],
      makeupWorkdays: [],
      source: 'hand-written test data',
    };
    assert.equal(await seedCalendar(s.db, [{ ...y2026, holidays: [] }, y2025]), 1);
    const years = await loadCalendarYears(s.db);
    assert.deepEqual(
      years.map((y) => [y.year, y.holidays.length, y.makeupWorkdays]),
      [
        [2025, 1, []],
        [2026, 3, ['2026-01-04']],
      ],
    );
    await s.close();
  });

  it('backs up and restores into an empty database of either kind, and refuses a non-empty one', async () => {
    const s = await f.open();
    const id = await createAgency(s.db, { name: '某县人民政府', kind: 'government' });
    await createStaffUser(s.db, { agencyId: id, username: 'li', displayName: '李四', role: 'officeHead' });
    const file = join(mkdtempSync(join(tmpdir(), 'gk-')), 'b.jsonl');
    const counts = await backup(s, file);
    assert.equal(counts.agency, 1);
    await assert.rejects(restore(s, file), RestoreError);
    for (const target of storeFactories()) {
      const t = await target.open();
      const restored = await restore(t, file);
      assert.deepEqual(restored, { agency: 1, staff_user: 1, audit_log: 2 });
      assert.equal((await findAgency(t.db, '某县人民政府'))?.kind, 'government');
      // ids continue after the restored ones
      const next = await createAgency(t.db, { name: '另一个机关', kind: 'department' });
      assert.ok(next > id, `${target.name}: new id ${next} after restored ${id}`);
      await t.close();
    }
    await s.close();
  });
});
