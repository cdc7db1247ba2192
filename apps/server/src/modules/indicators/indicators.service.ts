/** Indicators (监测指标) and their goals: added by the office, read by everyone. */
import { randomUUID } from 'node:crypto';
import {
  type GoalsRequest,
  type Indicator,
  IndicatorInput,
  type IndicatorsResponse,
  type IndicatorUpdate,
} from '@lantian/contract';
import { parsePeriod } from '@lantian/core';
import { type AppContext, audit, type Trx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { areaViews } from '../areas/areas.repository.ts';
import type { Actor } from '../audit/actor.ts';
import {
  allIndicators,
  goalsOf,
  hasValuesAtLevel,
  type IndicatorRow,
  indicatorByCode,
  insertIndicator,
  updateIndicatorRow,
} from './indicators.repository.ts';

export async function addIndicator(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  input: IndicatorInput,
): Promise<IndicatorRow> {
  const parsed = IndicatorInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'VALIDATION_FAILED',
      `${issue?.path.join('.') || '指标'}：${issue?.message ?? '无效'}`,
    );
  }
  const v = parsed.data;
  if (await indicatorByCode(trx, v.code)) throw new AppError('CONFLICT', `指标代码 ${v.code} 已存在`);
  const now = ctx.clock.now().toISOString();
  const row: IndicatorRow = {
    id: randomUUID(),
    code: v.code,
    name: v.name,
    unit: v.unit,
    better: v.better,
    resolution: v.resolution,
    decimals: v.decimals,
    levels: JSON.stringify([...new Set(v.levels)]),
    aggregate: v.aggregate,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  };
  await insertIndicator(trx, row);
  await audit(ctx, trx, actor, {
    action: 'indicator.add',
    objectType: 'indicator',
    objectId: row.id,
    after: v,
  });
  return row;
}

/**
 * The office edits an indicator: name, unit, better direction, published decimals, levels, aggregate.
 * A level that already holds values cannot be removed (its rankings and published editions rest on them).
 */
export async function updateIndicator(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  code: string,
  input: IndicatorUpdate,
): Promise<IndicatorRow> {
  const row = await requireIndicator(trx, code);
  const before = levelsOf(row);
  const levels = input.levels ? [...new Set(input.levels)] : before;
  for (const removed of before.filter((l) => !levels.includes(l)))
    if (await hasValuesAtLevel(trx, row.id, removed))
      throw new AppError(
        'CONFLICT',
        `levels：指标 ${code} 已有${removed === 'district' ? '区' : '街道（乡镇）'}级数据，不能去掉该层级`,
      );
  const set = {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.unit !== undefined && { unit: input.unit }),
    ...(input.better !== undefined && { better: input.better }),
    ...(input.decimals !== undefined && { decimals: input.decimals }),
    ...(input.aggregate !== undefined && { aggregate: input.aggregate }),
    levels: JSON.stringify(levels),
    updated_at: ctx.clock.now().toISOString(),
  };
  await updateIndicatorRow(trx, row.id, set);
  await audit(ctx, trx, actor, {
    action: 'indicator.update',
    objectType: 'indicator',
    objectId: row.id,
    before: {
      name: row.name,
      unit: row.unit,
      better: row.better,
      decimals: row.decimals,
      levels: before,
      aggregate: row.aggregate,
    },
    after: input,
  });
  return { ...row, ...set };
}

export async function requireIndicator(db: Executor, code: string): Promise<IndicatorRow> {
  const row = await indicatorByCode(db, code);
  if (!row) throw new AppError('NOT_FOUND', `指标 ${code} 不存在`);
  return row;
}

export const levelsOf = (row: IndicatorRow) => JSON.parse(row.levels) as ('district' | 'street')[];

export async function indicatorView(db: Executor, row: IndicatorRow): Promise<Indicator> {
  const goals = await goalsOf(db, row.id);
  const areas = goals.some((g) => g.area_id) ? (await areaViews(db)).byId : new Map();
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    unit: row.unit,
    better: row.better,
    resolution: row.resolution,
    decimals: row.decimals,
    levels: levelsOf(row),
    aggregate: row.aggregate,
    goals: goals.map((g) => ({
      area: g.area_id ? (areas.get(g.area_id)?.name ?? null) : null,
      areaId: g.area_id,
      period: g.period,
      value: Number(g.value),
    })),
  };
}

export async function listIndicators(db: Executor): Promise<IndicatorsResponse> {
  const rows = await allIndicators(db);
  return { indicators: await Promise.all(rows.map((r) => indicatorView(db, r))) };
}

/** Set goals: each (area, period) given replaces the one stored. */
export async function setGoals(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  indicator: IndicatorRow,
  input: GoalsRequest,
): Promise<void> {
  const { index } = await areaViews(trx);
  const now = ctx.clock.now().toISOString();
  const rows = input.goals.map((g, i) => {
    const p = parsePeriod(g.period);
    if (!p) throw new AppError('VALIDATION_FAILED', `goals.${i}.period：${g.period} 不是有效期间`);
    let areaId: string | null = null;
    if (g.area !== null) {
      const found = index.find(g.area);
      if (!found.ok)
        throw new AppError('VALIDATION_FAILED', `goals.${i}.area：区域“${g.area}”不存在或有同名`);
      areaId = found.area.id;
    }
    return {
      id: randomUUID(),
      indicator_id: indicator.id,
      area_id: areaId,
      period: p.key,
      value: g.value,
      created_by: actor.userId,
      created_at: now,
    };
  });
  for (const r of rows) {
    let del = trx
      .deleteFrom('indicator_goals')
      .where('indicator_id', '=', indicator.id)
      .where('period', '=', r.period);
    del = r.area_id === null ? del.where('area_id', 'is', null) : del.where('area_id', '=', r.area_id);
    await del.execute();
  }
  if (rows.length > 0) await trx.insertInto('indicator_goals').values(rows).execute();
  await audit(ctx, trx, actor, {
    action: 'indicator.goals',
    objectType: 'indicator',
    objectId: indicator.id,
    after: input.goals,
  });
}

/** The goal for an area in a period: the area's own for that period or its year, else the all-area one. */
export function goalFor(
  goals: readonly { area_id: string | null; period: string; value: number }[],
  areaId: string,
  periodKey: string,
): number | null {
  const year = periodKey.slice(0, 4);
  for (const [area, per] of [
    [areaId, periodKey],
    [areaId, year],
    [null, periodKey],
    [null, year],
  ] as const) {
    const g = goals.find((x) => x.area_id === area && x.period === per);
    if (g) return Number(g.value);
  }
  return null;
}
