/**
 * 单位进展: each unit's light, its assignments by light, its overdue problem cases and its progress in a
 * plan, tallied in SQL from the stored summaries (one row per unit, however many assignments), then
 * sorted (names in the Chinese order) and paged here. Supervisors see every unit, others their own.
 */
import type { Light, UnitStatusQuery, UnitStatusResponse, UnitStatusRow } from '@lantian/contract';
import { lightOfCounts } from '@lantian/core';
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Principal } from '../auth/principal.ts';
import { overdueCaseCounts } from '../cases/cases.overdue.ts';
import { pageOf } from '../supervision/common.ts';
import { resolvePlan, unitsNamed } from './status.query.ts';
import { ensurePlanFresh } from './summary.ts';
import { lightCount } from './unit-tallies.query.ts';

const RANK: Record<Light, number> = { red: 3, yellow: 2, green: 1, done: 0 };
const n = (x: unknown) => Number(x ?? 0);
const byName = (a: UnitStatusRow, b: UnitStatusRow) => a.unitName.localeCompare(b.unitName, 'zh-CN');

/**
 * Every unit the caller sees in the plan (of those whose name has the words, if any) with its tallies.
 * Progress is the mean of the assignments' progress (each stored to four decimals), to four decimals:
 * summed as whole ten-thousandths, so no order of addition can tip a half.
 */
export async function unitStatuses(ctx: AppContext, user: Principal, planId?: string, words?: string) {
  const db = ctx.db.kysely;
  const plan = await resolvePlan(db, user, planId);
  const asOf = await ensurePlanFresh(ctx, plan.id);
  const unitIds = words ? await unitsNamed(db, words) : undefined;
  const scoped = () => {
    let q = db.selectFrom('assignment_status as s').where('s.plan_id', '=', plan.id);
    if (!user.roles.includes('supervisor')) q = q.where('s.unit_id', '=', user.unitId);
    return q;
  };
  const tally = async () => {
    if (unitIds?.length === 0) return [];
    let q = scoped().innerJoin('units as u', 'u.id', 's.unit_id');
    if (unitIds) q = q.where('s.unit_id', 'in', unitIds);
    return q
      .select((eb) => [
        's.unit_id',
        'u.name as unit_name',
        eb.fn.countAll().as('assignments'),
        lightCount('red').as('red'),
        lightCount('yellow').as('yellow'),
        lightCount('green').as('green'),
        lightCount('done').as('done'),
        eb.fn.sum(sql<number>`cast(round(s.progress * 10000) as integer)`).as('progress'),
      ])
      .groupBy(['s.unit_id', 'u.name'])
      .execute();
  };
  const [rows, counted, overdue] = await Promise.all([
    tally(),
    scoped()
      .select((eb) => eb.fn.count<number | string>(eb.fn('distinct', [eb.ref('s.unit_id')])).as('n'))
      .executeTakeFirst(),
    overdueCaseCounts(db, asOf),
  ]);
  const units = rows.map((r): UnitStatusRow => {
    const counts = { red: n(r.red), yellow: n(r.yellow), green: n(r.green), done: n(r.done) };
    const assignments = n(r.assignments);
    const overdueCases = overdue.get(r.unit_id) ?? 0;
    return {
      unitId: r.unit_id,
      unitName: r.unit_name,
      // An overdue problem case is overdue work: red.
      light: overdueCases > 0 ? 'red' : lightOfCounts(counts),
      progress: Math.round(n(r.progress) / assignments) / 10_000,
      counts,
      assignments,
      overdueCases,
    };
  });
  return { planId: plan.id, asOf, unitTotal: n(counted?.n), units };
}

type Sort = UnitStatusQuery['sort'];
const KEYS: Record<Sort, (a: UnitStatusRow, b: UnitStatusRow) => number> = {
  // The light, then less progress first when descending (the page's first order).
  light: (a, b) => RANK[a.light] - RANK[b.light] || b.progress - a.progress,
  unit: byName,
  red: (a, b) => a.counts.red - b.counts.red,
  yellow: (a, b) => a.counts.yellow - b.counts.yellow,
  green: (a, b) => a.counts.green - b.counts.green,
  done: (a, b) => a.counts.done - b.counts.done,
  assignments: (a, b) => a.assignments - b.assignments,
  overdueCases: (a, b) => a.overdueCases - b.overdueCases,
  progress: (a, b) => a.progress - b.progress,
};

/** Ties of any sort: most red, then most yellow, less progress, then the name. */
const ties = (a: UnitStatusRow, b: UnitStatusRow) =>
  b.counts.red - a.counts.red ||
  b.counts.yellow - a.counts.yellow ||
  a.progress - b.progress ||
  byName(a, b) ||
  (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0);

/** The units in a sort's order (`order` reverses the sort, not its ties). */
export function sortUnitStatuses(units: UnitStatusRow[], sort: Sort, order: 'asc' | 'desc') {
  const dir = order === 'desc' ? -1 : 1;
  return units.sort((a, b) => dir * KEYS[sort](a, b) || ties(a, b));
}

/** One page of the units' lights, by words in the unit's name and by light, in the sort asked for. */
export async function unitStatusPage(
  ctx: AppContext,
  user: Principal,
  planId: string,
  q: UnitStatusQuery,
): Promise<UnitStatusResponse> {
  const all = await unitStatuses(ctx, user, planId, q.q);
  const kept = all.units.filter((u) => !q.light || u.light === q.light);
  const { limit, offset } = pageOf(q.page, q.pageSize);
  return {
    planId: all.planId,
    asOf: all.asOf,
    total: kept.length,
    page: q.page,
    pageSize: q.pageSize,
    unitTotal: all.unitTotal,
    units: sortUnitStatuses(kept, q.sort, q.order).slice(offset, offset + limit),
  };
}
