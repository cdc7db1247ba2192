/** The rows a parsed plan is stored as (pure: ids made here, nothing written). */
import { randomUUID } from 'node:crypto';
import type { Plan } from '@lantian/core';
import type {
  MeasuresTable,
  MeasureUnitsTable,
  MilestonesTable,
  PlanSectionsTable,
  PlanTasksTable,
  TargetsTable,
} from '../../db/schema.ts';
import { AppError } from '../../errors.ts';

export interface OutlineRows {
  sections: PlanSectionsTable[];
  tasks: PlanTasksTable[];
  taskIds: ReadonlyMap<number, string>;
}

export interface MeasureRows {
  measures: MeasuresTable[];
  milestones: MilestonesTable[];
  targets: TargetsTable[];
  /** Mentions of units and of groups the directory holds. */
  mentions: MeasureUnitsTable[];
  /** Mentions of the plan's own groups, whose ids exist only once the groups are created. */
  ownGroupMentions: MeasureUnitsTable[];
}

/** Check that a parse result can be stored: every measure in a known task, no duplicates. */
export function checkPlanShape(plan: Plan): void {
  const taskNos = new Set<number>();
  for (const t of plan.tasks) {
    if (taskNos.has(t.no)) throw new AppError('INVALID_INPUT', `重点任务序号 ${t.no} 重复`);
    taskNos.add(t.no);
  }
  const seen = new Set<string>();
  for (const m of plan.measures) {
    if (!taskNos.has(m.task))
      throw new AppError('INVALID_INPUT', `措施 ${m.task}-${m.seq} 所属的重点任务 ${m.task} 不存在`);
    const key = `${m.task}-${m.seq}`;
    if (seen.has(key)) throw new AppError('INVALID_INPUT', `措施 ${key} 重复`);
    seen.add(key);
  }
  if (plan.measures.length === 0) throw new AppError('INVALID_INPUT', '计划中没有任何工作措施');
}

/** The names of groups the plan names that the directory does not hold (created with the draft). */
export function ownGroupNames(plan: Plan, known: ReadonlyMap<string, string>): string[] {
  return plan.measures.flatMap((m) =>
    Object.values(m.units ?? {})
      .flat()
      .filter((u) => u.kind === 'group' && !known.has(u.name))
      .map((u) => u.name),
  );
}

/** The plan's sections and tasks. */
export function outlineRows(plan: Plan, planId: string): OutlineRows {
  const sectionIds = new Map<string, string>();
  const sections = plan.sections.map((s, position) => {
    const id = randomUUID();
    sectionIds.set(s.ordinal, id);
    return { id, plan_id: planId, ordinal: s.ordinal, title: s.title, position, line: s.line };
  });
  const taskIds = new Map<number, string>();
  const tasks = plan.tasks.map((t) => {
    const id = randomUUID();
    taskIds.set(t.no, id);
    return {
      id,
      plan_id: planId,
      section_id: t.section ? (sectionIds.get(t.section) ?? null) : null,
      no: t.no,
      name: t.name,
      lines: JSON.stringify(t.lines),
    };
  });
  return { sections, tasks, taskIds };
}

/** The rows of some of the plan's measures (a step of the writer). */
export function measureRows(
  measures: Plan['measures'],
  planId: string,
  now: string,
  taskIds: ReadonlyMap<number, string>,
  unitIds: ReadonlyMap<string, string>,
  groupIds: ReadonlyMap<string, string>,
): MeasureRows {
  const out: MeasureRows = {
    measures: [],
    milestones: [],
    targets: [],
    mentions: [],
    ownGroupMentions: [],
  };
  for (const m of measures) {
    const id = randomUUID();
    const d = m.deadline;
    out.measures.push({
      id,
      plan_id: planId,
      task_id: taskIds.get(m.task) as string,
      task_no: m.task,
      seq: m.seq,
      text: m.text,
      lines: JSON.stringify(m.lines),
      deadline_raw: d.raw,
      deadline_kind: d.kind,
      deadline_due: d.due ?? null,
      deadline_start: d.start ?? null,
      deadline_end: d.end ?? null,
      deadline_recurrence: d.recurrence ?? null,
      deadline_assumed: (d.assumed ? 1 : 0) as 0 | 1,
      lead_et_al: (m.leadEtAl ? 1 : 0) as 0 | 1,
      responsible_et_al: (m.responsibleEtAl ? 1 : 0) as 0 | 1,
      assisting_et_al: (m.assistingEtAl ? 1 : 0) as 0 | 1,
      version: 1,
      updated_at: now,
    });
    m.milestones.forEach((ms, position) => {
      out.milestones.push({
        id: randomUUID(),
        measure_id: id,
        position,
        due: ms.due,
        raw: ms.raw,
        text: ms.text,
      });
    });
    m.targets.forEach((t, position) => {
      out.targets.push({
        id: randomUUID(),
        measure_id: id,
        position,
        value: t.value,
        unit: t.unit,
        comparison: t.comparison,
        year_on_year: (t.yearOnYear ? 1 : 0) as 0 | 1,
        text: t.text,
      });
    });
    for (const role of ['lead', 'responsible', 'assisting'] as const) {
      (m.units?.[role] ?? []).forEach((u, position) => {
        const unitId = u.kind === 'unit' ? (unitIds.get(u.name) ?? null) : null;
        const groupId = u.kind === 'group' ? (groupIds.get(u.name) ?? null) : null;
        const row: MeasureUnitsTable = {
          id: randomUUID(),
          plan_id: planId,
          measure_id: id,
          role,
          position,
          written: u.written,
          name: u.name,
          // A name the parser knew but the stored directory does not is unknown here.
          kind: unitId ? 'unit' : groupId ? 'group' : 'unknown',
          unit_id: unitId,
          group_id: groupId,
          acting_as: u.actingAs ?? null,
        };
        if (u.kind === 'group' && !groupId) out.ownGroupMentions.push(row);
        else out.mentions.push(row);
      });
    }
  }
  return out;
}
