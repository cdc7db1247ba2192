/** The target parts of the status views: standings per assignment and, for who sees the whole measure, the totals. */
import type { TargetStanding, TargetTotal } from '@lantian/contract';
import type { IsoDate } from '@lantian/core';
import type { Executor } from '../../db/connect.ts';
import type { Principal } from '../auth/principal.ts';
import { unitNames } from '../targets/target-scope.ts';
import { loadPlanFacts } from './facts.ts';
import { targetStandings, targetTotals } from './target-standing.ts';

async function planStart(db: Executor, planId: string): Promise<IsoDate> {
  const p = await db
    .selectFrom('plans')
    .select(['year', 'period_start'])
    .where('id', '=', planId)
    .executeTakeFirstOrThrow();
  return p.period_start ?? `${p.year}-01-01`;
}

/** The office, and a unit that leads the measure in its own right (not through a group), see all of it. */
async function seesWholeMeasure(db: Executor, user: Principal, measureId: string): Promise<boolean> {
  if (user.roles.includes('supervisor')) return true;
  if (!user.unitId) return false;
  const lead = await db
    .selectFrom('assignments')
    .select('id')
    .where('measure_id', '=', measureId)
    .where('unit_id', '=', user.unitId)
    .where('role', '=', 'lead')
    .where('via_group_id', 'is', null)
    .executeTakeFirst();
  return !!lead;
}

export async function measureTargetViews(
  db: Executor,
  user: Principal,
  planId: string,
  measureId: string,
  visibleAssignmentIds: readonly string[],
  asOf: IsoDate,
): Promise<{
  targetTotals: TargetTotal[];
  targetStandings: (TargetStanding & { assignmentId: string })[];
}> {
  const ids = await db.selectFrom('assignments').select('id').where('measure_id', '=', measureId).execute();
  const facts = await loadPlanFacts(db, planId, { assignmentIds: ids.map((a) => a.id) });
  if (facts.length === 0 || facts[0]?.targets.length === 0) return { targetTotals: [], targetStandings: [] };
  const clock = { start: await planStart(db, planId), asOf };
  const visible = new Set(visibleAssignmentIds);
  const targetStandingsOut = facts
    .filter((f) => visible.has(f.id))
    .flatMap((f) => targetStandings(f, clock).map((s) => ({ ...s, assignmentId: f.id })));
  const whole = await seesWholeMeasure(db, user, measureId);
  const names = whole
    ? await unitNames(
        db,
        facts.map((f) => f.unitId),
      )
    : new Map<string, string>();
  return {
    targetTotals: whole ? targetTotals(facts, names, clock) : [],
    targetStandings: targetStandingsOut,
  };
}

/** Each target of one assignment as judged for its unit. */
export async function assignmentTargetStandings(
  db: Executor,
  planId: string,
  assignmentId: string,
  asOf: IsoDate,
): Promise<TargetStanding[]> {
  const [f] = await loadPlanFacts(db, planId, { assignmentIds: [assignmentId] });
  if (!f || f.targets.length === 0) return [];
  return targetStandings(f, { start: await planStart(db, planId), asOf });
}
