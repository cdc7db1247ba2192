/**
 * Whose target it is (issue 12 item 14): the decision in force for each target of a plan — the office's
 * (`targets.city_wide` 1/0) or else the rule's (core `targetScope` over the target's words and the
 * measure's carriers) — and the office's per-unit shares (`target_shares`). Read fresh on every use: the
 * office may change them after publishing.
 */
import type { TargetScopeView } from '@lantian/contract';
import { type Comparison, measureCarriers, type TargetScope, targetScope } from '@lantian/core';
import type { Executor } from '../../db/connect.ts';
import { groupBy } from '../plans/plans.presenters.ts';

export interface ScopeInfo {
  targetId: string;
  measureId: string;
  value: number;
  comparison: Comparison;
  cityWide: boolean;
  decidedBy: 'rule' | 'office';
  rule: TargetScope;
  /** Unit id → share, in the target's unit. */
  shares: Map<string, number>;
}

const CHUNK = 500;

/** The scope of every target of a plan, or of some of its measures. */
export async function loadTargetScopes(
  db: Executor,
  planId: string,
  measureIds?: readonly string[],
): Promise<Map<string, ScopeInfo>> {
  const scoped = measureIds && measureIds.length <= CHUNK ? measureIds : undefined;
  if (measureIds && measureIds.length === 0) return new Map();
  let tq = db
    .selectFrom('targets as t')
    .innerJoin('measures as m', 'm.id', 't.measure_id')
    .select([
      't.id',
      't.measure_id',
      't.value',
      't.unit',
      't.comparison',
      't.year_on_year',
      't.text',
      't.city_wide',
    ])
    .where('m.plan_id', '=', planId);
  let mq = db
    .selectFrom('measure_units')
    .select(['measure_id', 'role', 'kind'])
    .where('plan_id', '=', planId);
  let sq = db
    .selectFrom('target_shares as s')
    .innerJoin('targets as t', 't.id', 's.target_id')
    .innerJoin('measures as m', 'm.id', 't.measure_id')
    .select(['s.target_id', 's.unit_id', 's.value'])
    .where('m.plan_id', '=', planId);
  if (scoped) {
    tq = tq.where('t.measure_id', 'in', scoped);
    mq = mq.where('measure_id', 'in', scoped);
    sq = sq.where('t.measure_id', 'in', scoped);
  }
  const [targets, mentions, shares] = await Promise.all([tq.execute(), mq.execute(), sq.execute()]);
  const wanted = measureIds ? new Set(measureIds) : null;
  const byMeasure = groupBy(mentions, (m) => m.measure_id);
  const sharesOf = groupBy(shares, (s) => s.target_id);
  const out = new Map<string, ScopeInfo>();
  for (const t of targets) {
    if (wanted && !wanted.has(t.measure_id)) continue;
    const comparison = t.comparison as Comparison;
    const rule = targetScope({
      text: t.text,
      unit: t.unit,
      comparison,
      yearOnYear: t.year_on_year === 1,
      carriers: measureCarriers(byMeasure.get(t.measure_id) ?? []),
    });
    const office = t.city_wide === null || t.city_wide === undefined ? null : t.city_wide === 1;
    out.set(t.id, {
      targetId: t.id,
      measureId: t.measure_id,
      value: Number(t.value),
      comparison,
      cityWide: office ?? rule.cityWide,
      decidedBy: office === null ? 'rule' : 'office',
      rule,
      shares: new Map((sharesOf.get(t.id) ?? []).map((s) => [s.unit_id, Number(s.value)])),
    });
  }
  return out;
}

export function presentScope(s: ScopeInfo): TargetScopeView {
  return {
    cityWide: s.cityWide,
    decidedBy: s.decidedBy,
    ruleCityWide: s.rule.cityWide,
    ruleReason: s.rule.reason,
    ruleCue: s.rule.cue ?? null,
  };
}

/** A unit's share of a city-wide target, or null (none set, or the target is each unit's own). */
export function shareOf(s: ScopeInfo | undefined, unitId: string): number | null {
  if (!s?.cityWide) return null;
  return s.shares.get(unitId) ?? null;
}

/** Targets as presented, with whose they are and (in one unit's view) that unit's share. */
export async function withScopes<T extends { id: string }>(
  db: Executor,
  planId: string,
  measureIds: readonly string[],
  targets: readonly T[],
  unitId?: string,
): Promise<(T & { cityWide: boolean; share?: number | null })[]> {
  if (targets.length === 0) return [];
  const scopes = await loadTargetScopes(db, planId, measureIds);
  return targets.map((t) => {
    const s = scopes.get(t.id);
    return {
      ...t,
      cityWide: s?.cityWide ?? false,
      ...(unitId ? { share: shareOf(s, unitId) } : {}),
    };
  });
}

export async function unitNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('units').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A plan's measures as the review and the plan view show them: each target with its decision and shares. */
export async function withMeasureScopes<M extends { id: string; targets: readonly { id: string }[] }>(
  db: Executor,
  planId: string,
  measures: M[],
): Promise<M[]> {
  if (!measures.some((m) => m.targets.length > 0)) return measures;
  const scopes = await loadTargetScopes(
    db,
    planId,
    measures.map((m) => m.id),
  );
  const names = await unitNames(
    db,
    [...scopes.values()].flatMap((s) => [...s.shares.keys()]),
  );
  return measures.map((m) => ({
    ...m,
    targets: m.targets.map((t) => {
      const s = scopes.get(t.id);
      if (!s) return t;
      return {
        ...t,
        cityWide: s.cityWide,
        scope: presentScope(s),
        shares: [...s.shares].map(([unitId, value]) => ({
          unitId,
          unitName: names.get(unitId) ?? '',
          value,
        })),
      };
    }),
  }));
}

/** An assignment as its unit's report shows it: each target says whether it is city-wide, and the unit's share. */
export async function briefWithScopes<
  B extends { planId: string; measureId: string; unitId: string; targets: { id: string }[] },
>(db: Executor, brief: B): Promise<B> {
  return {
    ...brief,
    targets: await withScopes(db, brief.planId, [brief.measureId], brief.targets, brief.unitId),
  };
}
