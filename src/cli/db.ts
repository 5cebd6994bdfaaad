/** `gongkai db migrate|backup|restore` */
import { parseArgs } from 'node:util';
import { backup, RestoreError, restore } from '../store/backup.ts';
import { migrate, openStore } from '../store/db.ts';
import type { Io } from './report.ts';

export const DB_USAGE = `  gongkai db migrate [--data 目录]          建立或升级数据库（只向前迁移）
  gongkai db backup 文件 [--data 目录]       备份整个数据库（JSON Lines，可在SQLite与PostgreSQL之间恢复）
  gongkai db restore 文件 [--data 目录]      把备份恢复到一个空的数据库
  设置环境变量 DATABASE_URL 时使用 PostgreSQL，否则使用数据目录（默认 ./data）中的 SQLite 文件。`;

export async function runDb(argv: string[], io: Io): Promise<number> {
  const [cmd, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { data: { type: 'string' } },
  });
  const store = openStore({ dataDir: values.data ?? 'data' });
  try {
    if (cmd === 'migrate') {
      const applied = await migrate(store);
      io.out(applied.length ? `已执行迁移：${applied.join('、')}` : '数据库已是最新结构');
      return 0;
    }
    if (cmd === 'backup' || cmd === 'restore') {
      const file = positionals[0];
      if (!file) {
        io.err(`请指定备份文件\n${DB_USAGE}`);
        return 2;
      }
      await migrate(store);
      const counts = cmd === 'backup' ? await backup(store, file) : await restore(store, file);
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      io.out(
        `${cmd === 'backup' ? '已备份到' : '已从'} ${file}${cmd === 'backup' ? '' : '恢复'}：共${total}行`,
      );
      return 0;
    }
    io.err(`未知的 db 子命令：${cmd ?? ''}\n${DB_USAGE}`);
    return 2;
  } catch (e) {
    if (e instanceof RestoreError) {
      io.err(e.message);
      return 2;
    }
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      io.err(`文件不存在：${positionals[0]}`);
      return 2;
    }
    throw e;
  } finally {
    await store.close();
  }
}
