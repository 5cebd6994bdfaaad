/**
 * WAL checkpoints in a worker thread (store/checkpointer.ts): with background checkpoints the
 * server's connection no longer checkpoints at 1000 pages, yet what it commits reaches the database
 * file within moments — copied by the worker's connection, not by a commit on the event loop.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStore } from '../../src/store/db.ts';

describe('background WAL checkpoints', () => {
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /**
   * Writes ~600 pages (well under the fallback threshold), then waits until the database file holds
   * them or `wait` ms have passed; returns the file's size and the connection's checkpoint threshold.
   */
  async function writeAndWait(background: boolean, wait: number) {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-ckpt-'));
    dirs.push(dir);
    const store = openStore({ dataDir: dir, backgroundCheckpoints: background });
    const sqlite = store.sqlite!;
    const autocheckpoint = sqlite.pragma('wal_autocheckpoint', { simple: true });
    sqlite.exec('create table filler (id integer primary key, body text not null)');
    const insert = sqlite.prepare('insert into filler (body) values (?)');
    // one transaction: ~600 WAL frames (one commit per row would write the interior pages again each time)
    sqlite.transaction(() => {
      for (let i = 0; i < 600; i++) insert.run('x'.repeat(3500));
    })();
    const file = join(dir, 'gongkai.sqlite');
    const deadline = Date.now() + wait;
    while (statSync(file).size < 2_000_000 && Date.now() < deadline) await sleep(50);
    const sizes = { db: statSync(file).size, autocheckpoint };
    await store.close();
    return sizes;
  }

  it('moves committed pages into the database file from the worker; the connection itself checkpoints only past 10,000 pages', async () => {
    const withWorker = await writeAndWait(true, 15_000);
    assert.equal(withWorker.autocheckpoint, 10_000);
    // 600 rows of 3.5 KB: the table is in the database file (> 2 MB), not only in the WAL
    assert.ok(withWorker.db > 2_000_000, `database file ${withWorker.db} bytes`);

    // the control: SQLite's own checkpoint (1000 pages) does not run, the rows stay in the WAL
    const inline = await writeAndWait(false, 1000);
    assert.equal(inline.autocheckpoint, 1000);
    assert.ok(inline.db < 100_000, `database file ${inline.db} bytes`);
  });

  it('stops the worker on close, and close waits for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-ckpt-'));
    dirs.push(dir);
    const store = openStore({ dataDir: dir, backgroundCheckpoints: true });
    await store.close();
    // closed cleanly: the last connection removed the WAL file
    assert.throws(() => statSync(join(dir, 'gongkai.sqlite-wal')));
  });
});
