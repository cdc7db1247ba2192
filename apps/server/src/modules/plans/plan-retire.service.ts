/**
 * The end of a plan's life, by the office: archive (归档) freezes it — readable, nothing more can be
 * changed; withdraw (撤回) archives it and takes it out of the units' lists (我的任务, plan list,
 * status), for a plan published in error or superseded. Both audited with the reason.
 */
import type { PlanSummary } from '@lantian/contract';
import { type AppContext, audit, type Trx, transaction } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../audit/actor.ts';
import { presentPlanSummary } from './plans.presenters.ts';
import { planSummaries } from './plans.repository.ts';

export type RetireMode = 'archive' | 'withdraw';

/**
 * Retire one plan inside the caller's transaction (a no-op if it is retired so already); `detail`
 * adds to the audit record (a new version names itself). Throws for a missing plan or a draft.
 */
export async function retireInTransaction(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  planId: string,
  mode: RetireMode,
  reason: string | undefined,
  detail: Record<string, unknown> = {},
): Promise<void> {
  const plan = await trx
    .selectFrom('plans')
    .select(['id', 'status', 'withdrawn_at', 'archive_reason'])
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!plan) throw new AppError('NOT_FOUND', '计划不存在或无权查看');
  if (plan.status === 'draft')
    throw new AppError('INVALID_STATE', '草稿计划不能归档或撤回（可直接放弃导入）');
  const done = mode === 'archive' ? plan.status === 'archived' : !!plan.withdrawn_at;
  if (done) return;
  const now = ctx.clock.now().toISOString();
  await trx
    .updateTable('plans')
    .set((eb) => ({
      status: 'archived',
      archived_at: plan.status === 'archived' ? eb.ref('archived_at') : now,
      archive_reason: reason ?? plan.archive_reason,
      ...(mode === 'withdraw' ? { withdrawn_at: now, withdrawn_by: actor.userId } : {}),
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', planId)
    .execute();
  await audit(ctx, trx, actor, {
    action: mode === 'archive' ? 'plan.archive' : 'plan.withdraw',
    objectType: 'plan',
    objectId: planId,
    before: { status: plan.status, withdrawn: !!plan.withdrawn_at },
    after: { status: 'archived', withdrawn: mode === 'withdraw' || !!plan.withdrawn_at },
    detail: { reason: reason ?? null, ...detail },
  });
}

export async function retirePlan(
  ctx: AppContext,
  actor: Actor,
  planId: string,
  mode: RetireMode,
  reason: string | undefined,
): Promise<PlanSummary> {
  return transaction(ctx, async (trx) => {
    await retireInTransaction(ctx, trx, actor, planId, mode, reason);
    const [summary] = await planSummaries(trx, { id: planId });
    return presentPlanSummary(summary as NonNullable<typeof summary>);
  });
}

/** Archive with no reason given (the CLI, older callers). */
export function archivePlan(ctx: AppContext, actor: Actor, planId: string): Promise<PlanSummary> {
  return retirePlan(ctx, actor, planId, 'archive', undefined);
}
