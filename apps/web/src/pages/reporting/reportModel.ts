import type { AssignmentBrief, ProgressStatus, Report, SaveReportRequest, Target } from '@lantian/contract';
import { targetProgress } from '@lantian/core';

/** The report form's values: one entry per target and per milestone of the measure. */
export interface ReportValues {
  status?: ProgressStatus;
  summary?: string;
  targets?: Record<string, { value?: number | null; note?: string }>;
  milestones?: Record<string, { reached?: boolean; reachedOn?: string | null }>;
}

type Content = Omit<SaveReportRequest, 'version'>;

/** The form as the stored report has it, or empty for a period nothing was saved for. */
export function initialValues(report: Report | null, a: Pick<AssignmentBrief, 'targets' | 'milestones'>) {
  const values: Required<ReportValues> = {
    status: report?.status ?? (undefined as unknown as ProgressStatus),
    summary: report?.summary ?? '',
    targets: {},
    milestones: {},
  };
  for (const t of a.targets) {
    const v = report?.targetValues.find((x) => x.targetId === t.id);
    values.targets[t.id] = { value: v?.value ?? null, note: v?.note ?? '' };
  }
  for (const m of a.milestones) {
    const r = report?.milestonesReached.find((x) => x.milestoneId === m.id);
    values.milestones[m.id] = { reached: !!r, reachedOn: r?.reachedOn ?? null };
  }
  return values;
}

/** What the API takes: targets left blank and milestones not ticked are left out. */
export function toContent(v: ReportValues, a: Pick<AssignmentBrief, 'targets' | 'milestones'>): Content {
  const targetValues: Content['targetValues'] = [];
  for (const t of a.targets) {
    const entry = v.targets?.[t.id];
    if (entry?.value === undefined || entry.value === null || !Number.isFinite(entry.value)) continue;
    const note = entry.note?.trim();
    targetValues.push({ targetId: t.id, value: entry.value, ...(note ? { note } : {}) });
  }
  const milestonesReached: Content['milestonesReached'] = [];
  for (const m of a.milestones) {
    const entry = v.milestones?.[m.id];
    if (entry?.reached && entry.reachedOn)
      milestonesReached.push({ milestoneId: m.id, reachedOn: entry.reachedOn });
  }
  return {
    status: v.status as ProgressStatus,
    summary: (v.summary ?? '').trim(),
    targetValues,
    milestonesReached,
  };
}

/** Progress of one target for a value to date, 0…1 (the same rule the server's lights use). */
export function targetShare(t: Pick<Target, 'comparison' | 'value'>, value: number | null | undefined) {
  return targetProgress({ comparison: t.comparison, target: t.value, value });
}

/** The date in force for a milestone (or, with null, the final deadline): an approved extension's, else the plan's. */
export function dueInForce(
  a: Pick<AssignmentBrief, 'extensions'>,
  milestoneId: string | null,
  planned: string | null,
) {
  const ext = a.extensions.find((e) => e.milestoneId === milestoneId);
  return ext ? { due: ext.due, original: ext.originalDue } : { due: planned, original: null };
}
