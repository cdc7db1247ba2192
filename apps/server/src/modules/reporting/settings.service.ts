/** The supervisor sets a plan's reporting cycle; every assignment's status is refreshed with it. */
import type { ReportingSettingsResponse, UpdateReportingSettingsRequest } from '@lantian/contract';
import { daysBetween } from '@lantian/core';
import { type AppContext, audit, transaction } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../audit/actor.ts';
import { existingPlan } from '../plans/plan-guard.ts';
import { refreshPlan } from '../status/summary.ts';
import { isUniqueViolation, versionConflict } from '../supervision/common.ts';
import { parseDay, todayOf } from '../supervision/day.ts';
import { type PlanReporting, planReporting } from '../supervision/settings.ts';

function presentSettings(s: PlanReporting, requestSignoff: boolean): ReportingSettingsResponse {
  return {
    planId: s.planId,
    cycle: s.settings.cycle,
    dueDay: s.settings.dueDay,
    start: s.settings.start,
    periodStart: s.period.start,
    periodEnd: s.period.end,
    reminderDays: s.reminderDays,
    version: s.version,
    isDefault: s.isDefault,
    requestSignoff,
  };
}

/** Settings of a plan the caller can see (drafts only for supervisors, like the plan itself). */
export async function readSettings(ctx: AppContext, planId: string, isSupervisor: boolean) {
  const plan = await existingPlan(ctx.db.kysely, planId);
  if (plan.status === 'draft' && !isSupervisor) throw new AppError('NOT_FOUND', '计划不存在或无权查看');
  return presentSettings(
    await planReporting(ctx, ctx.db.kysely, planId, plan.year),
    plan.request_signoff === 1,
  );
}

/** Longest plan period accepted (a five-year plan and a little): keeps periods and payloads bounded. */
const MAX_PERIOD_DAYS = 6 * 366;

/** The plan period the request asks for (or the current one), checked field by field. */
function checkedPeriod(
  input: UpdateReportingSettingsRequest,
  current: { start: string; end: string },
): { start: string; end: string } {
  const start = input.periodStart ?? current.start;
  const end = input.periodEnd ?? current.end;
  if (!parseDay(start)) throw new AppError('INVALID_INPUT', `periodStart：${start} 不是有效日期`);
  if (!parseDay(end)) throw new AppError('INVALID_INPUT', `periodEnd：${end} 不是有效日期`);
  if (end < start) throw new AppError('INVALID_INPUT', 'periodEnd：计划期结束日期不能早于开始日期');
  if (daysBetween(start, end) > MAX_PERIOD_DAYS)
    throw new AppError('INVALID_INPUT', 'periodEnd：计划期不能超过 6 年');
  return { start, end };
}

export async function updateSettings(
  ctx: AppContext,
  actor: Actor,
  planId: string,
  input: UpdateReportingSettingsRequest,
): Promise<ReportingSettingsResponse> {
  if (!parseDay(input.start)) throw new AppError('INVALID_INPUT', `start：${input.start} 不是有效日期`);
  try {
    return await transaction(ctx, async (trx) => {
      const plan = await existingPlan(trx, planId);
      if (plan.status === 'archived') throw new AppError('PLAN_ARCHIVED', '计划已归档，不能修改填报设置');
      const before = await planReporting(ctx, trx, planId, plan.year);
      if (before.version !== input.version) throw versionConflict('填报设置');
      const period = checkedPeriod(input, before.period);
      if (input.start < period.start || input.start > period.end)
        throw new AppError(
          'INVALID_INPUT',
          `start：填报起始日期应在计划期 ${period.start} 至 ${period.end} 内`,
        );
      const now = ctx.clock.now().toISOString();
      const days = [...new Set(input.reminderDays)].sort((a, b) => b - a);
      const row = {
        plan_id: planId,
        cycle: input.cycle,
        due_day: input.dueDay,
        start_date: input.start,
        reminder_days: JSON.stringify(days),
        version: input.version + 1,
        updated_by: actor.userId,
        updated_at: now,
      };
      if (before.isDefault) await trx.insertInto('reporting_settings').values(row).execute();
      else {
        const r = await trx
          .updateTable('reporting_settings')
          .set(row)
          .where('plan_id', '=', planId)
          .where('version', '=', input.version)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw versionConflict('填报设置');
      }
      // Requests already held stay held until signed off; the setting decides what is written from now on.
      const requestSignoff = input.requestSignoff ?? plan.request_signoff === 1;
      if (
        period.start !== before.period.start ||
        period.end !== before.period.end ||
        requestSignoff !== (plan.request_signoff === 1)
      )
        await trx
          .updateTable('plans')
          .set({
            period_start: period.start,
            period_end: period.end,
            request_signoff: requestSignoff ? 1 : 0,
            updated_at: now,
          })
          .where('id', '=', planId)
          .execute();
      await audit(ctx, trx, actor, {
        action: 'reporting.settings',
        objectType: 'plan',
        objectId: planId,
        before: presentSettings(before, plan.request_signoff === 1),
        after: {
          cycle: input.cycle,
          dueDay: input.dueDay,
          start: input.start,
          periodStart: period.start,
          periodEnd: period.end,
          reminderDays: days,
          requestSignoff,
        },
      });
      if (plan.status === 'published') await refreshPlan(ctx, trx, planId, todayOf(ctx.clock));
      return presentSettings(await planReporting(ctx, trx, planId, plan.year), requestSignoff);
    });
  } catch (e) {
    // Two supervisors setting a plan's first settings at once: the second is a stale write.
    if (isUniqueViolation(e)) throw versionConflict('填报设置');
    throw e;
  }
}
