import type { Plan } from '@lantian/core';
import type { AppContext, Trx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { planById } from './plans.repository.ts';

export async function existingPlan(db: Executor, planId: string) {
  const plan = await planById(db, planId);
  if (!plan) throw new AppError('NOT_FOUND', '计划不存在或无权查看');
  return plan;
}

/**
 * Review steps (decisions, unit fixes, corrections) change a draft only. The plan's row is locked for
 * the rest of the transaction (PostgreSQL; SQLite's BEGIN IMMEDIATE serialises anyway), so a step and a
 * publish never overlap: the step lands before the publish, or finds the plan published and changes nothing.
 */
export async function draftPlan(ctx: AppContext, trx: Trx, planId: string) {
  let q = trx.selectFrom('plans').selectAll().where('id', '=', planId).where('importing_since', 'is', null);
  if (ctx.db.dialect === 'postgres') q = q.forUpdate();
  const plan = await q.executeTakeFirst();
  if (!plan) throw new AppError('NOT_FOUND', '计划不存在或无权查看');
  if (plan.status !== 'draft') {
    throw new AppError(
      'PLAN_NOT_DRAFT',
      `计划已${plan.status === 'published' ? '发布' : '归档'}，不能再修改`,
    );
  }
  return plan;
}

/**
 * The jurisdiction a draft's units belong to: the plan's own when the directory was not applied to it
 * (`成都市`; `''` when it names no place), undefined when it is the directory's own plan.
 */
export function planJurisdiction(plan: { parse_result: string }): string | undefined {
  const parsed = JSON.parse(plan.parse_result) as Partial<Pick<Plan, 'jurisdiction' | 'warnings'>>;
  const foreign = (parsed.warnings ?? []).some((w) => w.code === 'DIRECTORY_NOT_APPLIED');
  return foreign ? (parsed.jurisdiction ?? '') : undefined;
}
