/**
 * The dashboard's and the responsibility matrix's figures, computed here rather than in the browser so
 * that no page needs a plan-wide list: lights per section and the units most in need of attention,
 * measures by month and the deadlines ahead, each unit's load, and the units × tasks matrix (paged by
 * unit). Everything counts what the caller may see (the plan's visibility rules, as the lists apply them).
 */
import {
  type Assignment,
  ATTENTION_UNITS,
  type LightCounts,
  type MatrixCell,
  type MatrixQuery,
  type MatrixResponse,
  type MatrixUnit,
  type Measure,
  type PlanOverviewResponse,
  sectionOf,
  type UnitLoadQuery,
  type UnitLoadResponse,
  type UnitLoadRow,
  UPCOMING_LIMIT,
  type UpcomingItem,
} from '@lantian/contract';
import { addDays, combineLights } from '@lantian/core';
import type { AppContext } from '../../context.ts';
import type { Principal } from '../auth/principal.ts';
import { planAssignments, planDetail, planMeasures } from '../plans/plans.query.ts';
import { pageOf } from '../supervision/common.ts';
import { countLights, planLights, resolvePlan } from './status.query.ts';
import { ensurePlanFresh } from './summary.ts';
import { unitStatuses } from './unit-status.query.ts';
import { cellTallies, unitTallies } from './unit-tallies.query.ts';

type Role = Assignment['role'];
type UnitKind = Assignment['unitKind'];
const KIND_ORDER: UnitKind[] = ['city_department', 'district', 'street', 'enterprise', 'other'];
const zeroLights = (): LightCounts => ({ red: 0, yellow: 0, green: 0, done: 0 });
const byName = (a: { unitName: string }, b: { unitName: string }) =>
  a.unitName.localeCompare(b.unitName, 'zh-CN');

/** A measure's final date (the end of its window), or null for ongoing work. */
function finalDate(m: Measure): string | null {
  return m.deadline.kind === 'ongoing' ? null : (m.deadline.end ?? m.deadline.due);
}

/** Measures per month of their final date in the plan year; ongoing and out-of-year ones apart. */
export function measuresByMonth(measures: readonly Measure[], year: number) {
  const months = new Array<number>(12).fill(0);
  let ongoing = 0;
  let otherYears = 0;
  for (const m of measures) {
    const due = finalDate(m);
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

/** Milestones and final dates from today through `days` ahead, in date order (a final date that is also a milestone once). */
export function upcoming(measures: readonly Measure[], today: string, days: number): UpcomingItem[] {
  const until = addDays(today, days);
  const items: UpcomingItem[] = [];
  const of = (m: Measure) => ({ measureId: m.id, task: m.task, seq: m.seq, taskName: m.taskName });
  for (const m of measures) {
    for (const ms of m.milestones) {
      if (ms.due >= today && ms.due <= until)
        items.push({
          key: `${m.id}-${ms.id}`,
          date: ms.due,
          kind: 'milestone',
          ...of(m),
          text: ms.text,
          raw: ms.raw,
        });
    }
    const due = finalDate(m);
    if (due && due >= today && due <= until && !m.milestones.some((ms) => ms.due === due))
      items.push({
        key: `${m.id}-due`,
        date: due,
        kind: 'deadline',
        ...of(m),
        text: m.text,
        raw: m.deadline.raw,
      });
  }
  return items.sort((a, b) => a.date.localeCompare(b.date) || a.task - b.task || a.seq - b.seq);
}

interface Tally {
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
  measures: Set<string>;
  roles: Record<Role, Set<string>>;
}
const tally = (a: Assignment): Tally => ({
  unitId: a.unitId,
  unitName: a.unitName,
  unitKind: a.unitKind,
  measures: new Set(),
  roles: { lead: new Set(), responsible: new Set(), assisting: new Set() },
});
function add(map: Map<string, Tally>, key: string, a: Assignment) {
  const t = map.get(key) ?? tally(a);
  t.measures.add(a.measureId);
  t.roles[a.role].add(a.measureId);
  map.set(key, t);
}

/** Per unit and per unit × task: distinct measures, and per role (a measure counts once per role held). */
export function responsibilityTallies(assignments: readonly Assignment[]) {
  const units = new Map<string, Tally>();
  const cells = new Map<string, Tally & { task: number }>();
  for (const a of assignments) {
    add(units, a.unitId, a);
    const key = `${a.unitId}\u0000${a.task}`;
    if (!cells.has(key)) cells.set(key, { ...tally(a), task: a.task });
    add(cells, key, a);
  }
  return { units: [...units.values()], cells: [...cells.values()] };
}

/** The dashboard's figures: lights by section and by unit, counts, measures by month, deadlines ahead. */
export async function planOverview(
  ctx: AppContext,
  user: Principal,
  planId: string,
  days: number,
): Promise<PlanOverviewResponse> {
  const db = ctx.db.kysely;
  const [detail, status, measures, assignments] = await Promise.all([
    planDetail(db, user, planId),
    planLights(ctx, user, planId),
    planMeasures(db, user, planId),
    planAssignments(db, user, planId),
  ]);
  const units = await unitStatuses(ctx, user, planId);
  const taskByNo = new Map(detail.tasks.map((t) => [t.no, t]));
  const perSection = new Map<string | null, LightCounts>();
  for (const m of status.measures) {
    const id = sectionOf(taskByNo.get(m.task), detail.sections) ?? null;
    const c = perSection.get(id) ?? zeroLights();
    c[m.light]++;
    perSection.set(id, c);
  }
  const sections = [...detail.sections.map((s) => s.id), null]
    .filter((id) => perSection.has(id))
    .map((id) => ({ sectionId: id, counts: perSection.get(id) as LightCounts }));
  const attention = [...units.units]
    .sort((a, b) => b.counts.red - a.counts.red || b.counts.yellow - a.counts.yellow || byName(a, b))
    .slice(0, ATTENTION_UNITS)
    .map((u) => ({ unitId: u.unitId, unitName: u.unitName, light: u.light, counts: u.counts }));
  const ahead = upcoming(measures, status.asOf, days);
  return {
    planId,
    asOf: status.asOf,
    light: combineLights(status.measures.map((m) => m.light)),
    counts: countLights(status.lights),
    sections,
    attention,
    measureCount: measures.length,
    unitCount: new Set(assignments.map((a) => a.unitId)).size,
    assignmentCount: assignments.length,
    byMonth: measuresByMonth(measures, detail.plan.year),
    days,
    upcomingTotal: ahead.length,
    upcoming: ahead.slice(0, UPCOMING_LIMIT),
  };
}

/**
 * One page of the units by load (distinct measures, per role, past their final date, lights): the tallies
 * are counted in SQL, one row per unit; the units are sorted here (names in the Chinese order) and paged.
 */
export async function unitLoadPage(
  ctx: AppContext,
  user: Principal,
  planId: string,
  q: UnitLoadQuery,
): Promise<UnitLoadResponse> {
  const db = ctx.db.kysely;
  const plan = await resolvePlan(db, user, planId);
  const asOf = await ensurePlanFresh(ctx, plan.id);
  const rows: UnitLoadRow[] = await unitTallies(db, user, plan.id, { asOf });
  const key = (r: UnitLoadRow) => (q.sort === 'measures' ? r.measures : r.lights[q.sort]);
  rows.sort((a, b) => key(b) - key(a) || b.measures - a.measures || byName(a, b));
  const { limit, offset } = pageOf(q.page, q.pageSize);
  return {
    total: rows.length,
    page: q.page,
    pageSize: q.pageSize,
    units: rows.slice(offset, offset + limit),
  };
}

/**
 * One page of the matrix's units (by kind, then load, then name) with their cells, of one role or all:
 * units tallied in SQL, sorted and paged here, then the cells of the page's units only.
 */
export async function matrixPage(
  ctx: AppContext,
  user: Principal,
  planId: string,
  q: MatrixQuery,
): Promise<MatrixResponse> {
  const db = ctx.db.kysely;
  const plan = await resolvePlan(db, user, planId);
  const units = await unitTallies(db, user, plan.id, { role: q.role });
  units.sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.unitKind) - KIND_ORDER.indexOf(b.unitKind) ||
      b.measures - a.measures ||
      byName(a, b),
  );
  const { limit, offset } = pageOf(q.page, q.pageSize);
  const page = units.slice(offset, offset + limit);
  const cells = await cellTallies(
    db,
    user,
    plan.id,
    page.map((u) => u.unitId),
    q.role,
  );
  const cellsOf = new Map<string, MatrixCell[]>();
  for (const c of cells) {
    const list = cellsOf.get(c.unitId) ?? [];
    list.push({ task: c.task, measures: c.measures, roles: c.roles });
    cellsOf.set(c.unitId, list);
  }
  const list: MatrixUnit[] = page.map((t) => ({
    unitId: t.unitId,
    unitName: t.unitName,
    unitKind: t.unitKind,
    measures: t.measures,
    roles: t.roles,
    cells: cellsOf.get(t.unitId) ?? [],
  }));
  return { total: units.length, page: q.page, pageSize: q.pageSize, units: list };
}
