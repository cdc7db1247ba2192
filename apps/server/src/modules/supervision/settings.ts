/** A plan's reporting settings (填报周期), with the defaults when the supervisor has set none. */
import type { ReportingSettings } from '@lantian/core';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';

export interface PlanReporting {
  planId: string;
  /** `end` is always set: the plan period's last day. */
  settings: ReportingSettings & { end: string };
  /** The plan period (计划期): the plan year unless the plan sets its own. */
  period: { start: string; end: string };
  reminderDays: number[];
  version: number;
  isDefault: boolean;
}

/** The plan period as stored on the plan (null: the plan year). */
export interface StoredPeriod {
  start: string | null;
  end: string | null;
}

export function planPeriodOf(planYear: number, stored?: StoredPeriod): { start: string; end: string } {
  return { start: stored?.start ?? `${planYear}-01-01`, end: stored?.end ?? `${planYear}-12-31` };
}

/** Monthly, due on the 25th, from the start of the plan period; reminders as configured. */
function defaultReporting(
  ctx: AppContext,
  planId: string,
  planYear: number,
  stored?: StoredPeriod,
): PlanReporting {
  const period = planPeriodOf(planYear, stored);
  return {
    planId,
    settings: { cycle: 'monthly', dueDay: 25, start: period.start, end: period.end },
    period,
    reminderDays: [...ctx.config.supervision.reminderDays],
    version: 0,
    isDefault: true,
  };
}

/** The settings from their stored row (or the defaults when there is none). */
export function reportingFromRow(
  ctx: AppContext,
  planId: string,
  planYear: number,
  row: { cycle: string; due_day: number; start_date: string; reminder_days: string; version: number } | null,
  stored?: StoredPeriod,
): PlanReporting {
  if (!row) return defaultReporting(ctx, planId, planYear, stored);
  const period = planPeriodOf(planYear, stored);
  return {
    planId,
    settings: {
      cycle: row.cycle as ReportingSettings['cycle'],
      dueDay: row.due_day,
      start: row.start_date,
      end: period.end,
    },
    period,
    reminderDays: JSON.parse(row.reminder_days) as number[],
    version: row.version,
    isDefault: false,
  };
}

export async function planReporting(
  ctx: AppContext,
  db: Executor,
  planId: string,
  planYear: number,
): Promise<PlanReporting> {
  const [row, plan] = await Promise.all([
    db.selectFrom('reporting_settings').selectAll().where('plan_id', '=', planId).executeTakeFirst(),
    db
      .selectFrom('plans')
      .select(['period_start as start', 'period_end as end'])
      .where('id', '=', planId)
      .executeTakeFirst(),
  ]);
  return reportingFromRow(ctx, planId, planYear, row ?? null, plan);
}
