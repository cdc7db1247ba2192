/** A plan's reporting settings (填报周期), with the defaults when the supervisor has set none. */
import type { ReportingSettings } from '@lantian/core';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';

export interface PlanReporting {
  planId: string;
  settings: ReportingSettings;
  reminderDays: number[];
  version: number;
  isDefault: boolean;
}

/** Monthly, due on the 25th, from 1 January of the plan year; reminders as configured. */
function defaultReporting(ctx: AppContext, planId: string, planYear: number): PlanReporting {
  return {
    planId,
    settings: { cycle: 'monthly', dueDay: 25, start: `${planYear}-01-01` },
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
): PlanReporting {
  if (!row) return defaultReporting(ctx, planId, planYear);
  return {
    planId,
    settings: { cycle: row.cycle as ReportingSettings['cycle'], dueDay: row.due_day, start: row.start_date },
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
  const row = await db
    .selectFrom('reporting_settings')
    .selectAll()
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return reportingFromRow(ctx, planId, planYear, row ?? null);
}
