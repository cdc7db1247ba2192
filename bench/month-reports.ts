/**
 * A month of progress reports as the units' sign-offs record them (the report and its events), written
 * straight to the tables: two of three assignments owing the month report it on the 20th, every fifth
 * is sent back on the 23rd, every seventh says it is behind. Shared by the light-trend test
 * (apps/server/test/light-trend.test.ts) and the plan-lists bench, which replay a year of them.
 */
import { randomUUID } from 'node:crypto';
import { type Deadline, periodsToReport, type ReportingSettings } from '@lantian/core';
import type { Insertable } from 'kysely';
import { type AppContext, transaction } from '../apps/server/src/context.ts';
import type { ProgressReportsTable, ReportEventsTable } from '../apps/server/src/db/schema.ts';
import { insertMany } from '../apps/server/src/modules/plans/plans.repository.ts';
import { deadlineOf } from '../apps/server/src/modules/supervision/assignment.ts';

export interface OwingAssignment {
  id: string;
  measure_id: string;
  unit_id: string;
  deadline: Deadline;
}

/** The plan's assignments with their deadlines, in a fixed order (by id) that the month's pattern follows. */
export async function owingAssignments(ctx: AppContext, planId: string): Promise<OwingAssignment[]> {
  const rows = await ctx.db.kysely
    .selectFrom('assignments as a')
    .innerJoin('measures as m', 'm.id', 'a.measure_id')
    .selectAll('m')
    .select(['a.id', 'a.measure_id', 'a.unit_id'])
    .where('a.plan_id', '=', planId)
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    measure_id: r.measure_id,
    unit_id: r.unit_id,
    deadline: deadlineOf(r),
  }));
}

/** Writes `month`'s reports of `assignments` (in their order) in one transaction; returns how many. */
export async function deliverMonth(
  ctx: AppContext,
  plan: { id: string; year: number; settings: ReportingSettings },
  assignments: readonly OwingAssignment[],
  month: string,
  /** Who signs the unit's reports off (null: nobody recorded). */
  userOf: (unitId: string) => string | null = () => null,
): Promise<number> {
  const reports: Insertable<ProgressReportsTable>[] = [];
  const events: Insertable<ReportEventsTable>[] = [];
  assignments.forEach((a, i) => {
    if (i % 3 === 2) return;
    const owed = periodsToReport(a.deadline, plan.year, plan.settings, `${month}-20`);
    if (!owed.some((p) => p.key === month)) return;
    const id = randomUUID();
    const user = userOf(a.unit_id);
    const at = `${month}-20T02:00:00.000Z`;
    const returned = i % 5 === 0;
    const status = i % 7 === 0 ? ('behind' as const) : ('on_track' as const);
    reports.push({
      id,
      plan_id: plan.id,
      assignment_id: a.id,
      measure_id: a.measure_id,
      unit_id: a.unit_id,
      period: month,
      period_start: `${month}-01`,
      period_end: `${month}-28`,
      period_due: `${month}-25`,
      state: returned ? 'returned' : 'submitted',
      status,
      summary: `${month} 推进`,
      target_values: '[]',
      milestones_reached: '[]',
      review_route: 'lead',
      version: returned ? 3 : 2,
      created_by: user,
      created_at: at,
      updated_by: user,
      updated_at: at,
      submitted_by: user,
      submitted_at: at,
      signed_off_by: user,
      signed_off_at: at,
      reviewed_by: null,
      reviewed_at: null,
      review_decision: returned ? 'returned' : null,
      review_comment: null,
      signoff_comment: null,
      last_request_id: null,
    });
    const event = (seq: number, when: string, to: 'submitted' | 'returned') => ({
      id: randomUUID(),
      report_id: id,
      seq,
      plan_id: plan.id,
      at: when,
      user_id: user,
      action: to === 'submitted' ? 'signoff' : 'review',
      from_state: to === 'submitted' ? 'pending_signoff' : 'submitted',
      to_state: to,
      status,
      milestones_reached: '[]',
      target_values: '[]',
      comment: null,
    });
    events.push(event(1, at, 'submitted'));
    if (returned) events.push(event(2, `${month}-23T02:00:00.000Z`, 'returned'));
  });
  await transaction(ctx, async (trx) => {
    await insertMany(trx, 'progress_reports', reports);
    await insertMany(trx, 'report_events', events);
  });
  return reports.length;
}
