/** `lantian backup --out FILE` and `lantian restore FILE`. */
import { systemClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import type { AppContext } from '../context.ts';
import { openDatabase } from '../db/connect.ts';
import { cliActor } from '../modules/audit/actor.ts';
import { restoreBackup } from '../modules/backup/backup.restore.ts';
import { writeBackup } from '../modules/backup/backup.write.ts';
import { withDatabase } from './context.ts';
import { CliError, type CliIo } from './io.ts';

export function backupCommand(io: CliIo, opts: { out?: string }): Promise<number> {
  if (!opts.out) throw new CliError('backup 需要 --out 文件名（如 --out lantian-2026-12-01.jsonl.gz）', 2);
  const out = opts.out;
  return withDatabase(io, async (ctx) => {
    const r = await writeBackup(ctx, cliActor(), out);
    io.stdout(`已备份 ${Object.keys(r.counts).length} 张表、${r.rows} 行（${r.bytes} 字节）：${r.file}\n`);
    return 0;
  });
}

/** Restore opens the database itself: the first-start setup (directory, administrators) would make it non-empty. */
export async function restoreCommand(io: CliIo, file: string | undefined): Promise<number> {
  if (!file) throw new CliError('restore 需要备份文件：npx lantian restore FILE', 2);
  const config = { ...loadConfig(io.env), ...io.configOverrides };
  const db = openDatabase(config);
  try {
    const ctx: AppContext = { db, config, clock: io.clock ?? systemClock };
    const r = await restoreBackup(ctx, cliActor(), file);
    io.stdout(
      `已从 ${r.sourceDialect === 'postgres' ? 'PostgreSQL' : 'SQLite'} 的备份（${r.createdAt}）恢复 ${r.rows} 行到${db.dialect === 'postgres' ? ' PostgreSQL' : ' SQLite'}\n`,
    );
    return 0;
  } finally {
    await db.close();
  }
}
