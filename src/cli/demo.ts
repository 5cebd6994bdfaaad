/** `gongkai demo seed [--data DIR]` */
import { parseArgs } from 'node:util';
import { seedDemo } from '../demo/seed.ts';
import { loadCalendar, openReadyStore } from '../store/open.ts';
import type { Io } from './report.ts';

export const DEMO_USAGE = `  gongkai demo seed [--data 目录]
      在内置数据库中建立演示机关、人员和若干年度的依申请公开案件（含科学技术和工业信息化局，其2022年度没有收到申请）。`;

export async function runDemo(argv: string[], io: Io): Promise<number> {
  const [cmd, ...rest] = argv;
  const { values } = parseArgs({ args: rest, options: { data: { type: 'string' } } });
  if (cmd !== 'seed') {
    io.err(`未知的 demo 子命令：${cmd ?? ''}\n${DEMO_USAGE}`);
    return 2;
  }
  const store = await openReadyStore({ dataDir: values.data ?? 'data' });
  try {
    const s = await seedDemo(store, await loadCalendar(store));
    io.out(
      `演示数据已建立：${s.agencies}个机关、${s.users}个工作人员账号、${s.cases}件依申请公开案件、${s.reviews}件行政复议/诉讼记录`,
    );
    return 0;
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('数据库中已有机关数据')) {
      io.err(e.message);
      return 2;
    }
    throw e;
  } finally {
    await store.close();
  }
}
