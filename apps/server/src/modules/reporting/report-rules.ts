/** Checks on what a report says and for which period, against the measure it reports on. */

import type { SaveReportRequest } from '@lantian/contract';
import { periodsToReport, type ReportingPeriod } from '@lantian/core';
import { AppError } from '../../errors.ts';
import type { AssignmentContext } from '../supervision/assignment.ts';
import { parseDay } from '../supervision/day.ts';
import type { PlanReporting } from '../supervision/settings.ts';

export type ReportContent = Pick<
  SaveReportRequest,
  'status' | 'summary' | 'targetValues' | 'milestonesReached'
>;

/** The periods the assignment owes reports for, up to today. */
export function owedPeriods(
  a: AssignmentContext,
  reporting: PlanReporting,
  today: string,
): ReportingPeriod[] {
  return periodsToReport(a.deadline, a.planYear, reporting.settings, today, a.closedOn ?? undefined);
}

/** The period a report may be written for: one that has begun and is owed. */
export function reportablePeriod(
  a: AssignmentContext,
  reporting: PlanReporting,
  today: string,
  key: string,
): ReportingPeriod {
  const owed = owedPeriods(a, reporting, today);
  const p = owed.find((x) => x.key === key);
  if (!p) {
    const keys = owed.map((x) => x.key);
    throw new AppError(
      'INVALID_INPUT',
      keys.length > 0
        ? `报告期 ${key} 不在本项任务的填报期内（可填报：${keys.slice(-6).join('、')}）`
        : `本项任务目前没有需要填报的报告期（报告期 ${key}）`,
    );
  }
  return p;
}

/** Validate target values and milestones against the measure; return them as stored. */
export function checkContent(a: AssignmentContext, c: ReportContent, today: string) {
  const targetIds = new Set(a.targets.map((t) => t.id));
  const seenTargets = new Set<string>();
  c.targetValues.forEach((v, i) => {
    if (!targetIds.has(v.targetId))
      throw new AppError('INVALID_INPUT', `targetValues[${i}].targetId：该指标不属于本措施`);
    if (seenTargets.has(v.targetId))
      throw new AppError('INVALID_INPUT', `targetValues[${i}].targetId：同一指标填写了两次`);
    seenTargets.add(v.targetId);
  });
  const milestoneIds = new Set(a.milestones.map((m) => m.id));
  const seenMilestones = new Set<string>();
  c.milestonesReached.forEach((m, i) => {
    if (!milestoneIds.has(m.milestoneId))
      throw new AppError('INVALID_INPUT', `milestonesReached[${i}].milestoneId：该节点不属于本措施`);
    if (seenMilestones.has(m.milestoneId))
      throw new AppError('INVALID_INPUT', `milestonesReached[${i}].milestoneId：同一节点填写了两次`);
    seenMilestones.add(m.milestoneId);
    if (!parseDay(m.reachedOn))
      throw new AppError('INVALID_INPUT', `milestonesReached[${i}].reachedOn：${m.reachedOn} 不是有效日期`);
    if (m.reachedOn > today)
      throw new AppError(
        'INVALID_INPUT',
        `milestonesReached[${i}].reachedOn：完成日期 ${m.reachedOn} 晚于今天`,
      );
  });
  return {
    status: c.status,
    summary: c.summary,
    target_values: JSON.stringify(
      c.targetValues.map((v) => ({
        targetId: v.targetId,
        value: v.value,
        ...(v.note ? { note: v.note } : {}),
      })),
    ),
    milestones_reached: JSON.stringify(
      c.milestonesReached.map((m) => ({ milestoneId: m.milestoneId, reachedOn: m.reachedOn })),
    ),
  };
}
