/** Database rows to the API's shapes. Nothing here reads the database. */
import type { Measure as ApiMeasure, PlanSummary } from '@lantian/contract';
import type { MilestonesTable, TargetsTable } from '../../db/schema.ts';
import type { MeasureWithTask, MentionRow, PlanSummaryRow } from './plans.repository.ts';

export function presentPlanSummary(p: PlanSummaryRow): PlanSummary {
  return {
    id: p.id,
    title: p.title,
    year: p.year,
    status: p.status,
    version: p.version,
    sourceFileName: p.file_name,
    importedAt: p.imported_at,
    importedBy: p.imported_by_name,
    publishedAt: p.published_at,
    taskCount: Number(p.task_count ?? 0),
    measureCount: Number(p.measure_count ?? 0),
    warningCount: (JSON.parse(p.warnings) as unknown[]).length,
    assignmentCount: Number(p.assignment_count ?? 0),
    archivedAt: p.archived_at,
    withdrawnAt: p.withdrawn_at,
    archiveReason: p.archive_reason,
  };
}

type DeadlineColumns = Pick<
  MeasureWithTask,
  | 'deadline_raw'
  | 'deadline_kind'
  | 'deadline_due'
  | 'deadline_start'
  | 'deadline_end'
  | 'deadline_recurrence'
  | 'deadline_assumed'
>;

export function presentDeadline(m: DeadlineColumns) {
  return {
    raw: m.deadline_raw,
    kind: m.deadline_kind as ApiMeasure['deadline']['kind'],
    due: m.deadline_due,
    start: m.deadline_start,
    end: m.deadline_end,
    recurrence: m.deadline_recurrence as ApiMeasure['deadline']['recurrence'],
    assumed: m.deadline_assumed === 1,
  };
}

export function presentMilestone(m: MilestonesTable) {
  return { id: m.id, due: m.due, raw: m.raw, text: m.text };
}

export function presentTarget(t: TargetsTable) {
  return {
    id: t.id,
    value: Number(t.value),
    unit: t.unit,
    comparison: t.comparison as ApiMeasure['targets'][number]['comparison'],
    yearOnYear: t.year_on_year === 1,
    text: t.text,
  };
}

export function presentMention(u: MentionRow) {
  return {
    written: u.written,
    name: u.name,
    kind: u.kind,
    unitId: u.unit_id,
    groupId: u.group_id,
    actingAs: u.acting_as,
  };
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export function presentMeasures(
  measures: MeasureWithTask[],
  milestones: MilestonesTable[],
  targets: TargetsTable[],
  mentions: MentionRow[],
): ApiMeasure[] {
  const ms = groupBy(milestones, (r) => r.measure_id);
  const ts = groupBy(targets, (r) => r.measure_id);
  const us = groupBy(mentions, (r) => r.measure_id);
  return measures.map((m) => {
    const units = us.get(m.id) ?? [];
    const role = (r: string) => units.filter((u) => u.role === r).map(presentMention);
    return {
      id: m.id,
      taskId: m.task_id,
      task: m.task_no,
      taskName: m.task_name,
      seq: m.seq,
      text: m.text,
      lines: JSON.parse(m.lines) as number[],
      deadline: presentDeadline(m),
      milestones: (ms.get(m.id) ?? []).map(presentMilestone),
      targets: (ts.get(m.id) ?? []).map(presentTarget),
      units: { lead: role('lead'), responsible: role('responsible'), assisting: role('assisting') },
      leadEtAl: m.lead_et_al === 1,
      responsibleEtAl: m.responsible_et_al === 1,
      assistingEtAl: m.assisting_et_al === 1,
      version: m.version,
    };
  });
}

export { groupBy };
