/**
 * Problem cases past their time limit (the due day passed while the clock runs: dispatched, signed,
 * rectifying, rework). They count in the unit's light (red, as overdue work is) and the board lists
 * them with their reason in words, the days counted as of the day asked.
 */
import { CASE_CLOCK_STATES, type OverdueCase } from '@lantian/contract';
import { daysBetween, type IsoDate } from '@lantian/core';
import type { Executor } from '../../db/connect.ts';
import type { CasesTable } from '../../db/schema.ts';

/** The overdue cases as of `asOf`, of the units given (all units when none given), oldest due first. */
export async function overdueCases(
  db: Executor,
  asOf: IsoDate,
  unitIds?: readonly string[],
): Promise<OverdueCase[]> {
  if (unitIds && unitIds.length === 0) return [];
  let q = db
    .selectFrom('cases as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .leftJoin('case_categories as k', 'k.code', 'c.category')
    .select(['c.id', 'c.number', 'c.unit_id', 'u.name as unit_name', 'k.name as category_name', 'c.category'])
    .select(['c.address', 'c.due_on'])
    .where('c.state', 'in', [...CASE_CLOCK_STATES] as CasesTable['state'][])
    .where('c.due_on', '<', asOf);
  if (unitIds) q = q.where('c.unit_id', 'in', [...new Set(unitIds)]);
  const rows = await q.orderBy('c.due_on').orderBy('c.number').execute();
  return rows.map((r) => {
    const due = r.due_on as IsoDate;
    const days = daysBetween(due, asOf);
    const category = r.category_name ?? r.category;
    return {
      caseId: r.id,
      number: r.number,
      unitId: r.unit_id as string,
      unitName: r.unit_name,
      categoryName: category,
      address: r.address,
      dueOn: due,
      daysOverdue: days,
      reason: `问题案件 ${r.number}（${category}，${r.address}）办理时限 ${due} 已逾期 ${days} 天，尚未办结`,
    };
  });
}

/** How many overdue cases each unit has as of `asOf`. */
export async function overdueCaseCounts(db: Executor, asOf: IsoDate): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('cases')
    .select(['unit_id', (eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n')])
    .where('state', 'in', [...CASE_CLOCK_STATES] as CasesTable['state'][])
    .where('due_on', '<', asOf)
    .where('unit_id', 'is not', null)
    .groupBy('unit_id')
    .execute();
  return new Map(rows.map((r) => [r.unit_id as string, Number(r.n)]));
}
