/**
 * Who reports on deadline day (issue 13), shared by bench/deadline-day.bench.ts and
 * apps/server/test/deadline-day.test.ts: the assignments of a published plan that its unit users report
 * on, one each. The seed plan assigns 44 units: for 60 users, every unit once and then again the units
 * with the most assignments.
 */
import type { Executor } from '../apps/server/src/db/connect.ts';

export interface ReportingPick {
  unitId: string;
  assignmentId: string;
}

/**
 * `count` distinct assignments of the plan that are not a lead's, in rounds: each unit's first (units with
 * the most assignments first), then each unit's second, and so on. Throws when the plan has fewer.
 */
export async function pickReportingAssignments(
  db: Executor,
  planId: string,
  count: number,
): Promise<ReportingPick[]> {
  const rows = await db
    .selectFrom('assignments')
    .select(['id', 'unit_id'])
    .where('plan_id', '=', planId)
    .where('role', '!=', 'lead')
    .orderBy('unit_id')
    .orderBy('id')
    .execute();
  const byUnit = new Map<string, string[]>();
  for (const r of rows) byUnit.set(r.unit_id, [...(byUnit.get(r.unit_id) ?? []), r.id]);
  const units = [...byUnit.entries()].sort((a, b) => b[1].length - a[1].length);
  const picks: ReportingPick[] = [];
  for (let round = 0; picks.length < count; round++) {
    const before = picks.length;
    for (const [unitId, ids] of units) {
      const id = ids[round];
      if (id && picks.length < count) picks.push({ unitId, assignmentId: id });
    }
    if (picks.length === before) throw new Error(`the plan has fewer than ${count} assignments to report on`);
  }
  return picks;
}
