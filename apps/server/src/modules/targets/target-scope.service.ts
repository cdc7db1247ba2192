/**
 * The office decides whose a target is (city-wide or each unit's) and sets per-unit shares of a city-wide
 * target, in the review or after publishing. Audited; a published plan's summaries of the measure are
 * recomputed in the same transaction, so the units' progress follows at once.
 */
import type { SetTargetScopeRequest, TargetScopeResponse } from '@lantian/contract';
import { type AppContext, audit, type Trx, transaction } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../audit/actor.ts';
import { expandAssignments } from '../plans/plan-publish.service.ts';
import { refreshAssignments } from '../status/summary.ts';
import { loadTargetScopes, presentScope, type ScopeInfo, unitNames } from './target-scope.ts';

const ROLE_ORDER = { responsible: 0, lead: 1, assisting: 2 } as const;

interface CarryingUnit {
  unitId: string;
  unitName: string;
  role: 'lead' | 'responsible' | 'assisting';
}

/** The units that carry a measure: its assignments once published, the expansion the draft would publish. */
async function carryingUnits(
  ctx: AppContext,
  trx: Trx,
  plan: { id: string; status: string },
  measureId: string,
): Promise<CarryingUnit[]> {
  const rows =
    plan.status === 'draft'
      ? (await expandAssignments(ctx, trx, plan.id)).filter((a) => a.measure_id === measureId)
      : await trx
          .selectFrom('assignments')
          .select(['unit_id', 'role', 'measure_id'])
          .where('measure_id', '=', measureId)
          .execute();
  const names = await unitNames(
    trx,
    rows.map((r) => r.unit_id),
  );
  const best = new Map<string, CarryingUnit>();
  for (const r of rows) {
    const seen = best.get(r.unit_id);
    if (!seen || ROLE_ORDER[r.role] < ROLE_ORDER[seen.role])
      best.set(r.unit_id, { unitId: r.unit_id, unitName: names.get(r.unit_id) ?? '', role: r.role });
  }
  return [...best.values()].sort(
    (a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.unitName.localeCompare(b.unitName, 'zh'),
  );
}

function respond(s: ScopeInfo, units: CarryingUnit[], names: Map<string, string>): TargetScopeResponse {
  const shares = [...s.shares].map(([unitId, value]) => ({
    unitId,
    unitName: names.get(unitId) ?? '',
    value,
  }));
  const sharesTotal = Math.round(shares.reduce((a, x) => a + x.value, 0) * 1e6) / 1e6;
  return {
    targetId: s.targetId,
    scope: presentScope(s),
    shares,
    sharesTotal,
    sharesDiffer: shares.length > 0 && Math.abs(sharesTotal - s.value) > 1e-9,
    units,
  };
}

async function targetOfPlan(trx: Executor, planId: string, targetId: string) {
  const row = await trx
    .selectFrom('targets as t')
    .innerJoin('measures as m', 'm.id', 't.measure_id')
    .select(['t.id', 't.measure_id'])
    .where('t.id', '=', targetId)
    .where('m.plan_id', '=', planId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', '指标不存在或无权查看');
  return row;
}

async function planRow(ctx: AppContext, trx: Trx, planId: string) {
  let q = trx
    .selectFrom('plans')
    .select(['id', 'status'])
    .where('id', '=', planId)
    .where('importing_since', 'is', null);
  if (ctx.db.dialect === 'postgres') q = q.forUpdate();
  const plan = await q.executeTakeFirst();
  if (!plan) throw new AppError('NOT_FOUND', '计划不存在或无权查看');
  return plan;
}

async function scopeOf(trx: Executor, planId: string, measureId: string, targetId: string) {
  const s = (await loadTargetScopes(trx, planId, [measureId])).get(targetId);
  if (!s) throw new AppError('NOT_FOUND', '指标不存在或无权查看');
  return s;
}

export async function targetScopeDetail(
  ctx: AppContext,
  planId: string,
  targetId: string,
): Promise<TargetScopeResponse> {
  return transaction(ctx, async (trx) => {
    const plan = await planRow(ctx, trx, planId);
    const t = await targetOfPlan(trx, planId, targetId);
    const s = await scopeOf(trx, planId, t.measure_id, targetId);
    const units = await carryingUnits(ctx, trx, plan, t.measure_id);
    return respond(s, units, await unitNames(trx, [...s.shares.keys()]));
  });
}

export async function setTargetScope(
  ctx: AppContext,
  actor: Actor,
  planId: string,
  targetId: string,
  input: SetTargetScopeRequest,
): Promise<TargetScopeResponse> {
  return transaction(ctx, async (trx) => {
    const plan = await planRow(ctx, trx, planId);
    if (plan.status === 'archived') throw new AppError('PLAN_ARCHIVED', '计划已归档，不能再修改指标');
    const t = await targetOfPlan(trx, planId, targetId);
    const before = await scopeOf(trx, planId, t.measure_id, targetId);
    const cityWide = input.cityWide ?? before.rule.cityWide;
    const units = await carryingUnits(ctx, trx, plan, t.measure_id);
    const carrying = new Set(units.map((u) => u.unitId));
    const shares = input.shares;
    if (shares && shares.length > 0 && !cityWide)
      throw new AppError(
        'VALIDATION_FAILED',
        'shares：只有全市（牵头单位总体）指标才能分解到单位；本指标由各单位各自完成',
      );
    const seen = new Set<string>();
    shares?.forEach((s, i) => {
      if (!carrying.has(s.unitId))
        throw new AppError('VALIDATION_FAILED', `shares[${i}].unitId：该单位不承担本措施`);
      if (seen.has(s.unitId))
        throw new AppError('VALIDATION_FAILED', `shares[${i}].unitId：同一单位填写了两次`);
      seen.add(s.unitId);
    });

    const now = ctx.clock.now().toISOString();
    await trx
      .updateTable('targets')
      .set({ city_wide: input.cityWide === null ? null : input.cityWide ? 1 : 0 })
      .where('id', '=', targetId)
      .execute();
    // A target each unit holds has no shares; otherwise `shares` (when given) replaces them.
    if (!cityWide || shares) {
      await trx.deleteFrom('target_shares').where('target_id', '=', targetId).execute();
      if (cityWide && shares && shares.length > 0)
        await trx
          .insertInto('target_shares')
          .values(
            shares.map((s) => ({
              target_id: targetId,
              unit_id: s.unitId,
              value: s.value,
              updated_by: actor.userId ?? null,
              updated_at: now,
            })),
          )
          .execute();
    }
    const after = await scopeOf(trx, planId, t.measure_id, targetId);
    await audit(ctx, trx, actor, {
      action: 'target.scope',
      objectType: 'target',
      objectId: targetId,
      before: {
        cityWide: before.cityWide,
        decidedBy: before.decidedBy,
        shares: Object.fromEntries(before.shares),
      },
      after: {
        cityWide: after.cityWide,
        decidedBy: after.decidedBy,
        shares: Object.fromEntries(after.shares),
      },
      detail: { planId, measureId: t.measure_id, reason: input.reason ?? null },
    });
    if (plan.status === 'published') {
      const ids = await trx
        .selectFrom('assignments')
        .select('id')
        .where('measure_id', '=', t.measure_id)
        .execute();
      await refreshAssignments(
        ctx,
        trx,
        planId,
        ids.map((a) => a.id),
      );
    }
    return respond(after, units, await unitNames(trx, [...after.shares.keys()]));
  });
}
