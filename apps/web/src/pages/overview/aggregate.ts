/**
 * The figures of the overview dashboard and the responsibility matrix, computed from one plan's measures
 * and expanded assignments (about a hundred measures and a few thousand assignments: cheap in the browser).
 */
import type {
  Assignment,
  Measure,
  PlanDetailResponse,
  ResponsibilityRole,
  Task,
  Unit,
} from '@lantian/contract';
import { addDays } from '../../lib/time.ts';

type UnitKind = Unit['kind'];
type SectionLike = Pick<PlanDetailResponse['sections'][number], 'id' | 'ordinal' | 'title'>;
type TaskLike = Pick<Task, 'id' | 'no' | 'name' | 'section'>;

export interface RoleCounts {
  lead: number;
  responsible: number;
  assisting: number;
}

/** A unit's measures in one task (distinct measures; a measure counts once per role the unit holds). */
export interface MatrixCell {
  unitId: string;
  task: number;
  measures: number;
  roles: RoleCounts;
}

export interface MatrixUnit {
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
  measures: number;
  roles: RoleCounts;
}

const KIND_ORDER: UnitKind[] = ['city_department', 'district', 'street', 'enterprise', 'other'];

/** Units × tasks: how many measures, in which role. Units ordered by kind, then by load. */
export function responsibilityMatrix(assignments: readonly Assignment[], role?: ResponsibilityRole) {
  const cells = new Map<string, { measures: Set<string>; roles: Record<ResponsibilityRole, Set<string>> }>();
  const units = new Map<
    string,
    { name: string; kind: UnitKind; measures: Set<string>; roles: Record<ResponsibilityRole, Set<string>> }
  >();
  const empty = () => ({
    lead: new Set<string>(),
    responsible: new Set<string>(),
    assisting: new Set<string>(),
  });
  for (const a of assignments) {
    if (role && a.role !== role) continue;
    const key = `${a.unitId}\u0000${a.task}`;
    const cell = cells.get(key) ?? { measures: new Set(), roles: empty() };
    cell.measures.add(a.measureId);
    cell.roles[a.role].add(a.measureId);
    cells.set(key, cell);
    const unit = units.get(a.unitId) ?? {
      name: a.unitName,
      kind: a.unitKind,
      measures: new Set(),
      roles: empty(),
    };
    unit.measures.add(a.measureId);
    unit.roles[a.role].add(a.measureId);
    units.set(a.unitId, unit);
  }
  const count = (r: Record<ResponsibilityRole, Set<string>>): RoleCounts => ({
    lead: r.lead.size,
    responsible: r.responsible.size,
    assisting: r.assisting.size,
  });
  const unitList: MatrixUnit[] = [...units]
    .map(([unitId, u]) => ({
      unitId,
      unitName: u.name,
      unitKind: u.kind,
      measures: u.measures.size,
      roles: count(u.roles),
    }))
    .sort(
      (a, b) =>
        KIND_ORDER.indexOf(a.unitKind) - KIND_ORDER.indexOf(b.unitKind) ||
        b.measures - a.measures ||
        a.unitName.localeCompare(b.unitName, 'zh-CN'),
    );
  const cellList: MatrixCell[] = [...cells].map(([key, c]) => {
    const [unitId = '', task = '0'] = key.split('\u0000');
    return { unitId, task: Number(task), measures: c.measures.size, roles: count(c.roles) };
  });
  return { units: unitList, cells: cellList };
}

/** Measures per month of their final date in the plan year; ongoing and out-of-year ones apart. */
export function measuresByMonth(measures: readonly Measure[], year: number) {
  const months = new Array<number>(12).fill(0);
  let ongoing = 0;
  let otherYears = 0;
  for (const m of measures) {
    const due = m.deadline.kind === 'ongoing' ? null : (m.deadline.end ?? m.deadline.due);
    if (!due) {
      ongoing++;
      continue;
    }
    const [y, mo] = due.split('-').map(Number);
    if (y === year && mo) months[mo - 1] = (months[mo - 1] ?? 0) + 1;
    else otherYears++;
  }
  return { months, ongoing, otherYears };
}

export function measuresBySection(
  measures: readonly Measure[],
  tasks: readonly TaskLike[],
  sections: readonly SectionLike[],
) {
  const sectionOfTask = new Map<string, string>();
  for (const t of tasks) {
    const s = sections.find((x) => x.id === t.section || x.ordinal === t.section);
    if (s) sectionOfTask.set(t.id, s.id);
  }
  return sections.map((s) => ({
    section: s,
    measures: measures.filter((m) => sectionOfTask.get(m.taskId) === s.id).length,
  }));
}

/** Distinct measures each unit leads (after group expansion), most first. */
export function measuresByLead(assignments: readonly Assignment[]) {
  const byUnit = new Map<string, { unitName: string; measures: Set<string> }>();
  for (const a of assignments) {
    if (a.role !== 'lead') continue;
    const u = byUnit.get(a.unitId) ?? { unitName: a.unitName, measures: new Set() };
    u.measures.add(a.measureId);
    byUnit.set(a.unitId, u);
  }
  return [...byUnit]
    .map(([unitId, u]) => ({ unitId, unitName: u.unitName, measures: u.measures.size }))
    .sort((a, b) => b.measures - a.measures || a.unitName.localeCompare(b.unitName, 'zh-CN'));
}

export interface UpcomingItem {
  key: string;
  date: string;
  kind: 'milestone' | 'deadline';
  measure: Measure;
  text: string;
  raw: string;
}

/** Milestones and final deadlines from today through `days` days ahead, in date order. */
export function upcoming(measures: readonly Measure[], today: string, days: number): UpcomingItem[] {
  const until = addDays(today, days);
  const items: UpcomingItem[] = [];
  for (const m of measures) {
    for (const ms of m.milestones) {
      if (ms.due >= today && ms.due <= until) {
        items.push({
          key: `${m.id}-${ms.id}`,
          date: ms.due,
          kind: 'milestone',
          measure: m,
          text: ms.text,
          raw: ms.raw,
        });
      }
    }
    const due = m.deadline.kind === 'ongoing' ? null : (m.deadline.end ?? m.deadline.due);
    const alreadyAMilestone = m.milestones.some((ms) => ms.due === due);
    if (due && due >= today && due <= until && !alreadyAMilestone) {
      items.push({
        key: `${m.id}-due`,
        date: due,
        kind: 'deadline',
        measure: m,
        text: m.text,
        raw: m.deadline.raw,
      });
    }
  }
  return items.sort(
    (a, b) =>
      a.date.localeCompare(b.date) || a.measure.task - b.measure.task || a.measure.seq - b.measure.seq,
  );
}

export interface UnitLoad extends MatrixUnit {
  overdue: number;
}

/**
 * Units by open responsibilities: distinct measures per unit and role, and how many are past their final
 * date. Until progress reports and closure exist, every responsibility of a published plan is open.
 */
export function unitLoad(
  assignments: readonly Assignment[],
  measures: readonly Measure[],
  today: string,
): UnitLoad[] {
  const measureById = new Map(measures.map((m) => [m.id, m]));
  const { units } = responsibilityMatrix(assignments);
  const overdueByUnit = new Map<string, Set<string>>();
  for (const a of assignments) {
    const m = measureById.get(a.measureId);
    const due = m && m.deadline.kind !== 'ongoing' ? (m.deadline.end ?? m.deadline.due) : null;
    if (due && due < today) {
      const set = overdueByUnit.get(a.unitId) ?? new Set();
      set.add(a.measureId);
      overdueByUnit.set(a.unitId, set);
    }
  }
  return units
    .map((u) => ({ ...u, overdue: overdueByUnit.get(u.unitId)?.size ?? 0 }))
    .sort((a, b) => b.measures - a.measures || a.unitName.localeCompare(b.unitName, 'zh-CN'));
}
