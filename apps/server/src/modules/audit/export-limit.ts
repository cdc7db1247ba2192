/**
 * Exports are rate limited per account, counted from the audit trail (every export is recorded there
 * first), so the limit holds across instances and restarts.
 */
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';

const EXPORT_ACTIONS = ['board.export', 'list.export'] as const;
const TEN_MINUTES = 10 * 60_000;

export async function ensureExportAllowed(ctx: AppContext, db: Executor, userId: string): Promise<void> {
  const since = new Date(ctx.clock.now().getTime() - TEN_MINUTES).toISOString();
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
    .where('user_id', '=', userId)
    .where('action', 'in', EXPORT_ACTIONS)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  const limit = ctx.config.security.exportsPerTenMinutes;
  if (Number(row.n) >= limit)
    throw new AppError('RATE_LIMITED', `导出过于频繁（10 分钟内最多 ${limit} 次），请稍后再试`);
}
