/**
 * Binding a measure's target to an indicator (the office's decision), and loading the measured series
 * of bound targets for the units that answer for areas (a district unit → its district's values).
 */
import type { MeasureMeasuredResponse } from '@lantian/contract';
import type { Comparison } from '@lantian/core';
import { type AppContext, audit, transaction } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../audit/actor.ts';
import { refreshAssignments } from '../status/summary.ts';
import { evaluateMeasured, type MeasuredSeries } from './bindings.evaluate.ts';
import { requireIndicator } from './indicators.service.ts';

/**
 * Recompute, in the caller's transaction, the status of the assignments whose targets are bound to an
 * indicator (or to one target): new measured values change their light as a new report would.
 */
export async function refreshBoundAssignments(
  ctx: AppContext,
  trx: Executor,
  by: { indicatorId?: string; targetId?: string },
): Promise<void> {
  let q = trx
    .selectFrom('target_bindings as b')
    .innerJoin('targets as t', 't.id', 'b.target_id')
    .innerJoin('assignments as a', 'a.measure_id', 't.measure_id')
    .innerJoin('plans as p', 'p.id', 'a.plan_id')
    .select(['a.id', 'a.plan_id'])
    .where('p.status', '=', 'published');
  if (by.indicatorId) q = q.where('b.indicator_id', '=', by.indicatorId);
  if (by.targetId) q = q.where('b.target_id', '=', by.targetId);
  const rows = await q.execute();
  const byPlan = new Map<string, string[]>();
  for (const r of rows) byPlan.set(r.plan_id, [...(byPlan.get(r.plan_id) ?? []), r.id]);
  for (const [planId, ids] of byPlan) await refreshAssignments(ctx, trx, planId, [...new Set(ids)]);
}

const BINDABLE: readonly string[] = ['at_most', 'at_least', 'about', 'exactly'];

export async function bindTarget(
  ctx: AppContext,
  actor: Actor,
  targetId: string,
  code: string,
): Promise<void> {
  await transaction(ctx, async (trx) => {
    const target = await trx.selectFrom('targets').selectAll().where('id', '=', targetId).executeTakeFirst();
    if (!target) throw notFound('量化指标');
    if (!BINDABLE.includes(target.comparison))
      throw new AppError(
        'VALIDATION_FAILED',
        `targetId：${target.text} 是${target.comparison}类目标，不能由监测值衡量`,
      );
    const indicator = await requireIndicator(trx, code);
    await trx.deleteFrom('target_bindings').where('target_id', '=', targetId).execute();
    await trx
      .insertInto('target_bindings')
      .values({
        target_id: targetId,
        indicator_id: indicator.id,
        created_by: actor.userId,
        created_at: ctx.clock.now().toISOString(),
      })
      .execute();
    await refreshBoundAssignments(ctx, trx, { targetId });
    await audit(ctx, trx, actor, {
      action: 'target.bind',
      objectType: 'target',
      objectId: targetId,
      after: { indicator: indicator.code },
    });
  });
}

export async function unbindTarget(ctx: AppContext, actor: Actor, targetId: string): Promise<void> {
  await transaction(ctx, async (trx) => {
    const ids = await trx
      .selectFrom('targets as t')
      .innerJoin('assignments as a', 'a.measure_id', 't.measure_id')
      .select(['a.id', 'a.plan_id'])
      .where('t.id', '=', targetId)
      .execute();
    const r = await trx.deleteFrom('target_bindings').where('target_id', '=', targetId).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw notFound('目标绑定');
    const planId = ids[0]?.plan_id;
    if (planId)
      await refreshAssignments(
        ctx,
        trx,
        planId,
        ids.map((x) => x.id),
      );
    await audit(ctx, trx, actor, { action: 'target.unbind', objectType: 'target', objectId: targetId });
  });
}

/** For each assignment (unit) with bound targets: the measured series of the areas its unit answers for. */
export async function measuredSeriesFor(
  db: Executor,
  assignments: readonly { id: string; unitId: string; measureId: string }[],
): Promise<Map<string, MeasuredSeries[]>> {
  const out = new Map<string, MeasuredSeries[]>();
  const measureIds = [...new Set(assignments.map((a) => a.measureId))];
  if (measureIds.length === 0) return out;
  const bound = await db
    .selectFrom('target_bindings as b')
    .innerJoin('targets as t', 't.id', 'b.target_id')
    .innerJoin('indicators as i', 'i.id', 'b.indicator_id')
    .select([
      't.id as target_id',
      't.measure_id',
      't.value',
      't.comparison',
      'i.id as indicator_id',
      'i.unit',
      'i.aggregate',
      'i.better',
    ])
    .where('t.measure_id', 'in', measureIds)
    .execute();
  if (bound.length === 0) return out;
  const unitIds = [...new Set(assignments.map((a) => a.unitId))];
  const areas = await db
    .selectFrom('areas')
    .select(['id', 'unit_id'])
    .where('level', '=', 'district')
    .where('unit_id', 'in', unitIds)
    .execute();
  const areaOfUnit = new Map(areas.map((a) => [a.unit_id as string, a.id]));
  const values = await db
    .selectFrom('indicator_values')
    .select(['indicator_id', 'area_id', 'period', 'period_end', 'value'])
    .where('indicator_id', 'in', [...new Set(bound.map((b) => b.indicator_id))])
    .where('area_id', 'in', areas.length > 0 ? areas.map((a) => a.id) : [''])
    .execute();
  for (const a of assignments) {
    const areaId = areaOfUnit.get(a.unitId);
    if (!areaId) continue;
    const series = bound
      .filter((b) => b.measure_id === a.measureId)
      .map((b) => ({
        targetId: b.target_id,
        comparison: b.comparison as Comparison,
        target: Number(b.value),
        unit: b.unit,
        aggregate: b.aggregate,
        better: b.better,
        points: values
          .filter((v) => v.indicator_id === b.indicator_id && v.area_id === areaId)
          .map((v) => ({
            period: v.period,
            end: v.period_end,
            value: v.value === null ? null : Number(v.value),
          })),
      }));
    if (series.length > 0) out.set(a.id, series);
  }
  return out;
}

/** A measure's bound targets, each responsible unit's measured standing (the measure page's table). */
export async function measureMeasured(
  db: Executor,
  planId: string,
  measureId: string,
  asOf: string,
): Promise<MeasureMeasuredResponse> {
  const plan = await db
    .selectFrom('plans')
    .select(['id', 'year'])
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!plan) throw notFound('计划');
  const targets = await db
    .selectFrom('targets as t')
    .leftJoin('target_bindings as b', 'b.target_id', 't.id')
    .leftJoin('indicators as i', 'i.id', 'b.indicator_id')
    .select(['t.id', 't.text', 't.value', 't.comparison', 'i.code'])
    .where('t.measure_id', '=', measureId)
    .orderBy('t.position')
    .execute();
  const assignments = await db
    .selectFrom('assignments as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['a.id', 'a.unit_id', 'a.measure_id', 'u.name'])
    .where('a.plan_id', '=', planId)
    .where('a.measure_id', '=', measureId)
    .where('a.role', '=', 'responsible')
    .orderBy('u.name')
    .execute();
  const series = await measuredSeriesFor(
    db,
    assignments.map((a) => ({ id: a.id, unitId: a.unit_id, measureId: a.measure_id })),
  );
  const areaNames = new Map(
    (await db.selectFrom('areas').select(['unit_id', 'name']).where('level', '=', 'district').execute()).map(
      (a) => [a.unit_id, a.name] as const,
    ),
  );
  const year = Number(plan.year);
  return {
    measureId,
    asOf,
    targets: targets.map((t) => ({
      targetId: t.id,
      text: t.text,
      value: Number(t.value),
      comparison: t.comparison,
      indicator: t.code ?? null,
      rows: t.code
        ? assignments.map((a) => {
            const m = evaluateMeasured(series.get(a.id) ?? [], year, asOf).get(t.id);
            return {
              unitId: a.unit_id,
              unit: a.name,
              area: areaNames.get(a.unit_id) ?? null,
              value: m?.value ?? null,
              latest: m?.latest ?? null,
              progress: m?.progress ?? 0,
              light: m?.light ?? 'green',
              message: m?.message ?? '该单位不对应监测区域',
            };
          })
        : [],
    })),
  };
}
