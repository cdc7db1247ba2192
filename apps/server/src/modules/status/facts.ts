/**
 * Loading the recorded facts of a plan's assignments in a few queries: as they stand now (for the
 * summary), or as they stood at the end of a given day (for `lantian status --at`, from the report
 * history and the decision times).
 */
import type { Comparison } from '@lantian/core';
import type { Executor } from '../../db/connect.ts';
import type { ProgressStatusValue, ReportStateValue } from '../../db/schema.ts';
import { measuredSeriesFor } from '../indicators/bindings.service.ts';
import { groupBy } from '../plans/plans.presenters.ts';
import { deadlineOf, latestExtensions } from '../supervision/assignment.ts';
import { loadTargetScopes, shareOf } from '../targets/target-scope.ts';
import type { AssignmentFactsRow, ReportSnapshot } from './compute.ts';

export interface FactsFilter {
  /** Only these assignments (the ones a transaction just changed). */
  assignmentIds?: readonly string[];
  /** Facts as recorded before this instant (UTC ISO); omitted, as they are now. */
  recordedBefore?: string;
}

const CHUNK = 500;
/** An empty list shared by the rows that have none (the rules only read them). */
const NONE: never[] = [];

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

interface RawReport {
  assignment_id: string;
  period: string;
  state: ReportStateValue;
  status: ProgressStatusValue;
  milestones_reached: string;
  target_values: string;
}

function snapshot(r: RawReport): ReportSnapshot {
  return {
    period: r.period,
    state: r.state,
    status: r.status,
    milestonesReached: JSON.parse(r.milestones_reached),
    targetValues: JSON.parse(r.target_values),
  };
}

async function currentReports(db: Executor, planId: string, ids?: readonly string[]): Promise<RawReport[]> {
  const base = () =>
    db
      .selectFrom('progress_reports')
      .select(['assignment_id', 'period', 'state', 'status', 'milestones_reached', 'target_values'])
      .where('plan_id', '=', planId);
  if (!ids) return base().execute();
  const out: RawReport[] = [];
  for (const part of chunks(ids)) out.push(...(await base().where('assignment_id', 'in', part).execute()));
  return out;
}

interface ReportEvent extends RawReport {
  report_id: string;
  seq: number;
  at: string;
}

/** Every recorded step of the plan's reports (before `before`, if given). */
async function reportEvents(
  db: Executor,
  planId: string,
  before?: string,
  ids?: readonly string[],
): Promise<ReportEvent[]> {
  const base = () => {
    let q = db
      .selectFrom('report_events as e')
      .innerJoin('progress_reports as r', 'r.id', 'e.report_id')
      .select([
        'e.report_id',
        'r.assignment_id',
        'r.period',
        'e.to_state as state',
        'e.status',
        'e.milestones_reached',
        'e.target_values',
        'e.seq',
        'e.at',
      ])
      .where('e.plan_id', '=', planId);
    if (before) q = q.where('e.at', '<', before);
    return q;
  };
  const rows: ReportEvent[] = [];
  if (!ids) rows.push(...(await base().execute()));
  else
    for (const part of chunks(ids))
      rows.push(...(await base().where('r.assignment_id', 'in', part).execute()));
  return rows;
}

/**
 * The reports of each assignment as the last recorded step of each before an instant left them, oldest
 * period first (one report per assignment and period). Instants asked in increasing order (the trend's
 * month ends) replay only the steps recorded since the previous one, and an assignment none of whose
 * reports moved keeps the same list; an earlier instant replays from the start.
 */
function reportReplay(events: readonly ReportEvent[]) {
  const byTime = [...events].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
  let cursor = 0;
  let cut: string | undefined;
  const latest = new Map<string, ReportEvent>();
  const reportsOf = new Map<string, Set<string>>();
  const lists = new Map<string, ReportSnapshot[]>();
  const snapshots = new Map<ReportEvent, ReportSnapshot>();
  const snapshotOf = (r: ReportEvent) => {
    let s = snapshots.get(r);
    if (!s) {
      s = snapshot(r);
      snapshots.set(r, s);
    }
    return s;
  };
  return (before: string): ReadonlyMap<string, ReportSnapshot[]> => {
    if (cut === undefined || before < cut) {
      cursor = 0;
      latest.clear();
      reportsOf.clear();
      lists.clear();
    }
    cut = before;
    const moved = new Set<string>();
    for (; cursor < byTime.length; cursor++) {
      const e = byTime[cursor] as ReportEvent;
      if (e.at >= before) break;
      const seen = latest.get(e.report_id);
      if (seen && seen.seq >= e.seq) continue;
      latest.set(e.report_id, e);
      const ids = reportsOf.get(e.assignment_id) ?? new Set<string>();
      ids.add(e.report_id);
      reportsOf.set(e.assignment_id, ids);
      moved.add(e.assignment_id);
    }
    for (const a of moved) {
      const ids = [...(reportsOf.get(a) ?? [])];
      const list = ids.map((id) => snapshotOf(latest.get(id) as ReportEvent));
      lists.set(
        a,
        list.sort((x, y) => (x.period < y.period ? -1 : 1)),
      );
    }
    return lists;
  };
}

export async function loadPlanFacts(
  db: Executor,
  planId: string,
  filter: FactsFilter = {},
): Promise<AssignmentFactsRow[]> {
  const history = await loadFactHistory(db, planId, filter, false);
  return history.before(filter.recordedBefore);
}

/**
 * A plan's facts with the time each was recorded, loaded once: `before(t)` gives them as they stood
 * before the instant `t` (UTC ISO) — what `loadPlanFacts` with `recordedBefore: t` reads — for as many
 * instants as asked (the trend's month ends) without reading again.
 */
export async function loadPlanFactHistory(
  db: Executor,
  planId: string,
  filter: Omit<FactsFilter, 'recordedBefore'> & { recordedBefore?: string } = {},
): Promise<FactHistory> {
  return loadFactHistory(db, planId, filter, true);
}

export interface FactHistory {
  /** The facts before the instant (UTC ISO); omitted, as loaded. */
  before(instant?: string): AssignmentFactsRow[];
}

async function loadFactHistory(
  db: Executor,
  planId: string,
  filter: FactsFilter,
  history: boolean,
): Promise<FactHistory> {
  let q = db
    .selectFrom('assignments as a')
    .innerJoin('measures as m', 'm.id', 'a.measure_id')
    .select([
      'a.id',
      'a.measure_id',
      'a.unit_id',
      'a.role',
      'm.task_no',
      'm.seq',
      'm.deadline_raw',
      'm.deadline_kind',
      'm.deadline_due',
      'm.deadline_start',
      'm.deadline_end',
      'm.deadline_recurrence',
    ])
    .where('a.plan_id', '=', planId);
  const ids = filter.assignmentIds;
  if (ids && ids.length > 0 && ids.length <= CHUNK) q = q.where('a.id', 'in', ids);
  if (ids?.length === 0) return { before: () => [] };
  let assignments = await q.orderBy('m.task_no').orderBy('m.seq').orderBy('a.id').execute();
  if (ids && ids.length > CHUNK) {
    const wanted = new Set(ids);
    assignments = assignments.filter((a) => wanted.has(a.id));
  }
  const measureIds = [...new Set(assignments.map((a) => a.measure_id))];
  const scope = ids && ids.length <= CHUNK ? ids : undefined;
  const before = filter.recordedBefore;

  // A few assignments (a report written, a request decided) need their own measures' parts only.
  const scopedMeasures = scope && measureIds.length > 0 ? measureIds : undefined;
  const [milestones, targets, reports, extensions, closures, scopes, measured] = await Promise.all([
    (() => {
      let m = db
        .selectFrom('milestones as ms')
        .innerJoin('measures as m', 'm.id', 'ms.measure_id')
        .select(['ms.id', 'ms.measure_id', 'ms.due', 'ms.raw', 'ms.position'])
        .where('m.plan_id', '=', planId);
      if (scopedMeasures) m = m.where('ms.measure_id', 'in', scopedMeasures);
      return m.orderBy('ms.measure_id').orderBy('ms.position').execute();
    })(),
    (() => {
      let t = db
        .selectFrom('targets as t')
        .innerJoin('measures as m', 'm.id', 't.measure_id')
        .select(['t.id', 't.measure_id', 't.value', 't.comparison', 't.position'])
        .where('m.plan_id', '=', planId);
      if (scopedMeasures) t = t.where('t.measure_id', 'in', scopedMeasures);
      return t.orderBy('t.measure_id').orderBy('t.position').execute();
    })(),
    history || before ? reportEvents(db, planId, before, scope) : currentReports(db, planId, scope),
    (() => {
      let e = db
        .selectFrom('extension_requests')
        .select(['assignment_id', 'milestone_id', 'original_due', 'requested_due', 'decided_at'])
        .where('plan_id', '=', planId)
        .where('state', '=', 'approved');
      if (before) e = e.where('decided_at', '<', before);
      if (scope) e = e.where('assignment_id', 'in', scope);
      return e.orderBy('decided_at').execute();
    })(),
    (() => {
      let c = db
        .selectFrom('closure_requests')
        .select(['assignment_id', 'closed_on', 'decided_at'])
        .where('plan_id', '=', planId)
        .where('state', '=', 'closed');
      if (before) c = c.where('decided_at', '<', before);
      if (scope) c = c.where('assignment_id', 'in', scope);
      return c.execute();
    })(),
    // Whose each target is, and the units' shares: the office may change them after publishing.
    loadTargetScopes(db, planId, scopedMeasures),
    measuredSeriesFor(
      db,
      assignments.map((a) => ({ id: a.id, unitId: a.unit_id, measureId: a.measure_id })),
    ),
  ]);
  const wantedMeasures = new Set(measureIds);
  const ms = groupBy(
    milestones.filter((m) => wantedMeasures.has(m.measure_id)),
    (m) => m.measure_id,
  );
  const ts = groupBy(
    targets.filter((t) => wantedMeasures.has(t.measure_id)),
    (t) => t.measure_id,
  );
  const timed = history || before;
  // What does not depend on the instant, once per assignment: the trend cuts the same facts at 24 month ends.
  const fixed = assignments.map((a) => ({
    measured: measured.get(a.id),
    id: a.id,
    planId,
    measureId: a.measure_id,
    unitId: a.unit_id,
    role: a.role,
    taskNo: a.task_no,
    seq: a.seq,
    deadline: deadlineOf(a),
    milestones: (ms.get(a.measure_id) ?? []).map((m) => ({ id: m.id, due: m.due, raw: m.raw })),
    targets: (ts.get(a.measure_id) ?? []).map((t) => ({
      id: t.id,
      value: Number(t.value),
      comparison: t.comparison as Comparison,
      cityWide: scopes.get(t.id)?.cityWide ?? false,
      share: shareOf(scopes.get(t.id), a.unit_id),
    })),
  }));
  const replay = timed ? reportReplay(reports as ReportEvent[]) : undefined;
  const current = timed ? undefined : groupBy(reports as RawReport[], (r) => r.assignment_id);
  const assemble = (cut?: string): AssignmentFactsRow[] => {
    const rs = replay
      ? replay(cut ?? before ?? '\uffff')
      : new Map(
          [...(current ?? [])].map(([id, list]) => [
            id,
            list.map(snapshot).sort((x, y) => (x.period < y.period ? -1 : 1)),
          ]),
        );
    const es = groupBy(
      cut ? extensions.filter((e) => e.decided_at != null && e.decided_at < cut) : extensions,
      (e) => e.assignment_id,
    );
    const closed = new Map(
      (cut ? closures.filter((c) => c.decided_at != null && c.decided_at < cut) : closures).map((c) => [
        c.assignment_id,
        c.closed_on,
      ]),
    );
    // The parts fixed above and the report lists are shared between instants: the rules only read them.
    return fixed.map((a) => ({
      measured: a.measured,
      id: a.id,
      planId: a.planId,
      measureId: a.measureId,
      unitId: a.unitId,
      role: a.role,
      taskNo: a.taskNo,
      seq: a.seq,
      deadline: a.deadline,
      milestones: a.milestones,
      targets: a.targets,
      reports: rs.get(a.id) ?? NONE,
      extensions: es.has(a.id) ? latestExtensions(es.get(a.id) ?? NONE) : NONE,
      closedOn: closed.get(a.id) ?? null,
    }));
  };
  return { before: assemble };
}
