import type {
  MyAssignment,
  PlanAssignmentStatusRow,
  ReportingSettingsResponse,
  ReportState,
} from '@lantian/contract';
import { periodsToReport } from '@lantian/core';
import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { reportingSettingsQuery, unitAssignmentStatusQuery } from '../../api/pageQueries.ts';

export interface CurrentPeriod {
  key: string;
  due: string;
  /** The period's report state; null when nothing was saved for it. */
  state: ReportState | null;
  /** Past its due day and not delivered (submitted or accepted). */
  late: boolean;
}

const delivered = (s: string | null) => s === 'submitted' || s === 'accepted';

/**
 * The period a unit reports for now: the latest one its assignment owes as of today, by the plan's
 * reporting settings (the same rule the server applies). Its state is known when it is the latest
 * period reported on; otherwise nothing was saved for it yet.
 */
export function currentPeriod(
  a: Pick<MyAssignment, 'deadline' | 'planYear'>,
  settings: Pick<ReportingSettingsResponse, 'cycle' | 'dueDay' | 'start'> &
    Partial<Pick<ReportingSettingsResponse, 'periodEnd'>>,
  status: Pick<PlanAssignmentStatusRow, 'lastPeriod' | 'lastState' | 'closedOn'> | undefined,
  today: string,
): CurrentPeriod | null {
  const d = a.deadline;
  // The contract writes absent dates as null, core as undefined.
  const deadline = {
    raw: d.raw,
    kind: d.kind,
    due: d.due ?? undefined,
    start: d.start ?? undefined,
    end: d.end ?? undefined,
  };
  // Nothing is owed after the plan period: past it, the last period is the one shown.
  const bounded = { ...settings, end: settings.periodEnd };
  const owed = periodsToReport(deadline, a.planYear, bounded, today, status?.closedOn ?? undefined);
  const p = owed[owed.length - 1];
  if (!p) return null;
  const state = status?.lastPeriod === p.key ? ((status.lastState as ReportState | null) ?? null) : null;
  return { key: p.key, due: p.due, state, late: p.due < today && !delivered(state) };
}

/**
 * Lights of the unit's assignments and the reporting settings of their plans, one request per plan (the
 * route preloader starts both as soon as the unit's list has answered: `preloadMyWork`).
 */
export function useWorkStatus(planIds: readonly string[], unitId: string) {
  const statuses = useQueries({
    queries: planIds.map((planId) => unitAssignmentStatusQuery(planId, unitId)),
  });
  const settings = useQueries({ queries: planIds.map((planId) => reportingSettingsQuery(planId)) });
  const byAssignment = useMemo(() => {
    const map = new Map<string, PlanAssignmentStatusRow>();
    for (const q of statuses) for (const row of q.data?.assignments ?? []) map.set(row.assignmentId, row);
    return map;
  }, [statuses]);
  const settingsByPlan = useMemo(() => {
    const map = new Map<string, ReportingSettingsResponse>();
    for (const q of settings) if (q.data) map.set(q.data.planId, q.data);
    return map;
  }, [settings]);
  return {
    byAssignment,
    settingsByPlan,
    isPending: statuses.some((q) => q.isPending),
    error: statuses.find((q) => q.isError)?.error ?? settings.find((q) => q.isError)?.error ?? null,
    refetch: () => Promise.all([...statuses, ...settings].map((q) => q.refetch())),
  };
}
