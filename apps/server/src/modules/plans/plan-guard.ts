import type { Executor } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { planById } from './plans.repository.ts';

export async function existingPlan(db: Executor, planId: string) {
  const plan = await planById(db, planId);
  if (!plan) throw new AppError('NOT_FOUND', '计划不存在或无权查看');
  return plan;
}

/** Review steps (decisions, unit fixes, corrections) change a draft only. */
export async function draftPlan(db: Executor, planId: string) {
  const plan = await existingPlan(db, planId);
  if (plan.status !== 'draft') {
    throw new AppError(
      'PLAN_NOT_DRAFT',
      `计划已${plan.status === 'published' ? '发布' : '归档'}，不能再修改`,
    );
  }
  return plan;
}
