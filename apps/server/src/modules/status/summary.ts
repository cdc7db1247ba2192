/**
 * The per-assignment status summary the board and status pages read. It is refreshed in the same
 * transaction as every fact that changes it (a report signed off, reviewed; an extension approved; a
 * closure), and for every assignment of a plan by the daily job as dates pass — so reading the board
 * never recomputes from the reports.
 */
import { DEFAULT_STATUS_RULES, type IsoDate, type StatusRules } from '@lantian/core';
import { type AppContext, transaction } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { AssignmentStatusTable } from '../../db/schema.ts';
import { todayOf } from '../supervision/day.ts';
import { type PlanReporting, planReporting } from '../supervision/settings.ts';
import {
  type AssignmentFactsRow,
  type ComputedStatus,
  computeLight,
  computeStatus,
  recheckOn,
} from './compute.ts';
import { type FactsFilter, loadPlanFactHistory, loadPlanFacts } from './facts.ts';

export const LIGHT_RANK = { done: 0, green: 1, yellow: 2, red: 3 } as const;

export function statusRules(ctx: AppContext): StatusRules {
  const s = ctx.config.supervision;
  return { ...DEFAULT_STATUS_RULES, dueSoonDays: s.dueSoonDays, reportRedAfterDays: s.reportRedAfterDays };
}

export interface ComputedAssignment extends ComputedStatus {
  /** The next day the status could change with time alone (null: never). */
  recheckOn: IsoDate | null;
  assignmentId: string;
  measureId: string;
  unitId: string;
  role: 'lead' | 'responsible' | 'assisting';
  taskNo: number;
  seq: number;
}

/** A plan's year, reporting settings and the facts of its assignments: what the rules need. */
export interface PlanSnapshot {
  planId: string;
  /** When the facts were read: a summary written by a transaction after this is newer than what they give. */
  takenAt: string;
  planYear: number;
  reporting: PlanReporting;
  facts: AssignmentFactsRow[];
}

export async function loadPlanSnapshot(
  ctx: AppContext,
  db: Executor,
  planId: string,
  filter: FactsFilter = {},
): Promise<PlanSnapshot | undefined> {
  const takenAt = ctx.clock.now().toISOString();
  const plan = await db.selectFrom('plans').select(['year']).where('id', '=', planId).executeTakeFirst();
  if (!plan) return undefined;
  const [reporting, facts] = await Promise.all([
    planReporting(ctx, db, planId, plan.year),
    loadPlanFacts(db, planId, filter),
  ]);
  return { planId, takenAt, planYear: plan.year, reporting, facts };
}

function computeSnapshot(ctx: AppContext, snap: PlanSnapshot, asOf: IsoDate): ComputedAssignment[] {
  const rules = statusRules(ctx);
  return snap.facts.map((f) => {
    const start = snap.reporting.period.start;
    const status = computeStatus(f, snap.planYear, snap.reporting.settings, asOf, rules, start);
    return {
      assignmentId: f.id,
      measureId: f.measureId,
      unitId: f.unitId,
      role: f.role,
      taskNo: f.taskNo,
      seq: f.seq,
      ...status,
      recheckOn: recheckOn(
        f,
        status,
        snap.planYear,
        snap.reporting.settings,
        asOf,
        rules,
        snap.reporting.reminderDays,
        start,
      ),
    };
  });
}

/** Compute the status of a plan's assignments (all, or some) as of a day, from the facts. */
export async function computePlanStatuses(
  ctx: AppContext,
  db: Executor,
  planId: string,
  asOf: IsoDate,
  filter: FactsFilter = {},
): Promise<ComputedAssignment[]> {
  const snap = await loadPlanSnapshot(ctx, db, planId, filter);
  return snap ? computeSnapshot(ctx, snap, asOf) : [];
}

/** One assignment's light at a day, and whose it is (what the trend counts). */
export interface LightAt {
  assignmentId: string;
  measureId: string;
  unitId: string;
  light: ComputedStatus['light'];
}

/**
 * The light of every assignment of a plan (or of the ones given) at each of several days, each from the
 * facts recorded before its instant (`recordedBefore`): the facts are read once and cut per day (the
 * trend's month ends). Only the status is computed, not the next recheck day a stored summary keeps.
 */
export async function computePlanLightsAt(
  ctx: AppContext,
  db: Executor,
  planId: string,
  points: readonly { asOf: IsoDate; recordedBefore: string }[],
  filter: Pick<FactsFilter, 'assignmentIds'> = {},
): Promise<LightAt[][]> {
  if (points.length === 0) return [];
  const plan = await db.selectFrom('plans').select(['year']).where('id', '=', planId).executeTakeFirst();
  if (!plan) return points.map(() => []);
  const last = points.map((p) => p.recordedBefore).sort()[points.length - 1];
  const [reporting, history] = await Promise.all([
    planReporting(ctx, db, planId, plan.year),
    loadPlanFactHistory(db, planId, { ...filter, recordedBefore: last }),
  ]);
  const rules = statusRules(ctx);
  const start = reporting.period.start;
  return points.map((p) => {
    // Assignments of a measure with nothing of their own yet (no report, extension, closure, share or
    // measured data) have the same facts, so the same light: judged once per measure and day.
    const bare = new Map<string, LightAt['light']>();
    return history.before(p.recordedBefore).map((f) => {
      const own =
        f.reports.length > 0 ||
        f.extensions.length > 0 ||
        f.closedOn !== null ||
        (f.measured?.length ?? 0) > 0 ||
        f.targets.some((t) => t.share != null);
      let light = own ? undefined : bare.get(f.measureId);
      if (light === undefined) {
        light = computeLight(f, plan.year, reporting.settings, p.asOf, rules, start);
        if (!own) bare.set(f.measureId, light);
      }
      return { assignmentId: f.id, measureId: f.measureId, unitId: f.unitId, light };
    });
  });
}

function toRow(
  planId: string,
  c: ComputedAssignment,
  asOf: IsoDate,
  now: string,
  recheck: 'computed' | 'today',
): AssignmentStatusTable {
  return {
    assignment_id: c.assignmentId,
    plan_id: planId,
    measure_id: c.measureId,
    unit_id: c.unitId,
    role: c.role,
    task_no: c.taskNo,
    seq: c.seq,
    light: c.light,
    light_rank: LIGHT_RANK[c.light],
    reasons: JSON.stringify(c.reasons),
    reason_codes: `,${[...new Set(c.reasons.map((r) => r.code))].join(',')},`,
    progress: c.progress,
    completed: c.completed ? 1 : 0,
    closed_on: c.closedOn,
    next_due: c.nextDue,
    last_period: c.lastPeriod,
    last_state: c.lastState,
    computed_on: asOf,
    recheck_on: recheck === 'today' ? asOf : c.recheckOn,
    updated_at: now,
  };
}

/**
 * Insert or update summaries. With `notTouchedSince`, a row that a transaction refreshed after that
 * instant is left alone (it already reflects newer facts than the caller read).
 */
async function upsert(db: Executor, rows: AssignmentStatusTable[], notTouchedSince?: string): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('assignment_status')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => {
        const update = oc.column('assignment_id').doUpdateSet((eb) => ({
          light: eb.ref('excluded.light'),
          light_rank: eb.ref('excluded.light_rank'),
          reasons: eb.ref('excluded.reasons'),
          reason_codes: eb.ref('excluded.reason_codes'),
          progress: eb.ref('excluded.progress'),
          completed: eb.ref('excluded.completed'),
          closed_on: eb.ref('excluded.closed_on'),
          next_due: eb.ref('excluded.next_due'),
          last_period: eb.ref('excluded.last_period'),
          last_state: eb.ref('excluded.last_state'),
          task_no: eb.ref('excluded.task_no'),
          seq: eb.ref('excluded.seq'),
          computed_on: eb.ref('excluded.computed_on'),
          recheck_on: eb.ref('excluded.recheck_on'),
          updated_at: eb.ref('excluded.updated_at'),
        }));
        return notTouchedSince ? update.where('assignment_status.updated_at', '<', notTouchedSince) : update;
      })
      .execute();
  }
}

const metaKey = (planId: string) => `status_as_of:${planId}`;

/** The day a plan's summaries were last brought up to date as a whole. */
async function summaryAsOf(db: Executor, planId: string): Promise<IsoDate | null> {
  const row = await db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', metaKey(planId))
    .executeTakeFirst();
  return row?.value ?? null;
}

/**
 * Recompute and store the summaries of some assignments inside the transaction that changed their
 * facts. They are marked for the next daily run (recheck today), which also sends what they now owe.
 */
export async function refreshAssignments(
  ctx: AppContext,
  db: Executor,
  planId: string,
  assignmentIds: readonly string[],
): Promise<void> {
  const asOf = todayOf(ctx.clock);
  const computed = await computePlanStatuses(ctx, db, planId, asOf, { assignmentIds });
  const now = ctx.clock.now().toISOString();
  await upsert(
    db,
    computed.map((c) => toRow(planId, c, asOf, now, 'today')),
  );
}

async function markPlanFresh(db: Executor, planId: string, asOf: IsoDate) {
  await db
    .insertInto('meta')
    .values({ key: metaKey(planId), value: asOf })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: asOf }))
    .execute();
}

/** Recompute every summary of a plan inside the caller's transaction (after its settings changed). */
export async function refreshPlan(
  ctx: AppContext,
  trx: Executor,
  planId: string,
  asOf: IsoDate,
): Promise<number> {
  const computed = await computePlanStatuses(ctx, trx, planId, asOf);
  const now = ctx.clock.now().toISOString();
  await upsert(
    trx,
    computed.map((c) => toRow(planId, c, asOf, now, 'today')),
  );
  await markPlanFresh(trx, planId, asOf);
  return computed.length;
}

/** Assignments whose summary is missing, whose recheck day has come, or that were computed for a later day. */
async function dueAssignmentIds(db: Executor, planId: string, asOf: IsoDate): Promise<string[]> {
  const rows = await db
    .selectFrom('assignments as a')
    .leftJoin('assignment_status as s', 's.assignment_id', 'a.id')
    .select('a.id')
    .where('a.plan_id', '=', planId)
    .where((eb) =>
      eb.or([
        eb('s.assignment_id', 'is', null),
        eb('s.recheck_on', '<=', asOf),
        eb('s.computed_on', '>', asOf),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Bring a plan's summaries up to a day, recomputing only the assignments that are due. `daily`: the
 * job's run, which stores each one's next recheck day (and then sends their reminders from the same
 * snapshot); otherwise they stay due today, so the job still sees them.
 */
export async function refreshDue(
  ctx: AppContext,
  planId: string,
  asOf: IsoDate,
  mode: 'daily' | 'read',
): Promise<{ snapshot: PlanSnapshot | undefined; computed: ComputedAssignment[]; changed: number }> {
  const db = ctx.db.kysely;
  const ids = await dueAssignmentIds(db, planId, asOf);
  if (ids.length === 0 && (await summaryAsOf(db, planId)) === asOf)
    return { snapshot: undefined, computed: [], changed: 0 };
  const snapshot =
    ids.length > 0 ? await loadPlanSnapshot(ctx, db, planId, { assignmentIds: ids }) : undefined;
  const computed = snapshot ? computeSnapshot(ctx, snapshot, asOf) : [];
  const existing = new Map<string, AssignmentStatusTable>();
  for (let i = 0; i < ids.length; i += 2000) {
    const part = ids.slice(i, i + 2000);
    for (const r of await db
      .selectFrom('assignment_status')
      .selectAll()
      .where('assignment_id', 'in', part)
      .execute())
      existing.set(r.assignment_id, r);
  }
  const now = ctx.clock.now().toISOString();
  const rows = computed.map((c) => toRow(planId, c, asOf, now, mode === 'daily' ? 'computed' : 'today'));
  const changed = rows.filter((r) => {
    const old = existing.get(r.assignment_id);
    return !old || CONTENT.some((k) => (k === 'progress' ? Number(old[k]) !== r[k] : old[k] !== r[k]));
  });
  const changedIds = new Set(changed.map((r) => r.assignment_id));
  // Rows whose content is the same only move their dates: one update per recheck day.
  const sameByRecheck = new Map<string | null, string[]>();
  for (const r of rows) {
    if (changedIds.has(r.assignment_id)) continue;
    sameByRecheck.set(r.recheck_on, [...(sameByRecheck.get(r.recheck_on) ?? []), r.assignment_id]);
  }
  const guard = snapshot?.takenAt ?? now;
  // Small transactions with a pause between them: on SQLite one long write transaction would hold
  // the database's single writer lock and stall every request that writes (and, with the event loop
  // busy, every request) while the daily job runs.
  const batches: ((trx: Executor) => Promise<void>)[] = [];
  for (let i = 0; i < changed.length; i += WRITE_BATCH) {
    const part = changed.slice(i, i + WRITE_BATCH);
    // The facts were read before this transaction: leave alone what another one refreshed since.
    batches.push((trx) => upsert(trx, part, guard));
  }
  for (const [recheck, list] of sameByRecheck) {
    for (let i = 0; i < list.length; i += WRITE_BATCH * 4) {
      const part = list.slice(i, i + WRITE_BATCH * 4);
      batches.push(async (trx) => {
        await trx
          .updateTable('assignment_status')
          .set({ computed_on: asOf, recheck_on: recheck })
          .where('assignment_id', 'in', part)
          .where('updated_at', '<', guard)
          .execute();
      });
    }
  }
  for (const write of batches) {
    await transaction(ctx, write);
    await yieldToRequests();
  }
  await markPlanFresh(db, planId, asOf);
  return { snapshot, computed, changed: changed.length };
}

/** Rows per write transaction of the refresh. */
const WRITE_BATCH = 100;

/** Let pending requests run (I/O callbacks come before `setImmediate`). */
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What a status row says (as opposed to when it was computed). */
const CONTENT: (keyof AssignmentStatusTable)[] = [
  'light',
  'reasons',
  'progress',
  'completed',
  'closed_on',
  'next_due',
  'last_period',
  'last_state',
  'task_no',
  'seq',
];

/** Before reading a plan's summaries: if they were not brought to today yet, do it now. */
export async function ensurePlanFresh(ctx: AppContext, planId: string): Promise<IsoDate> {
  const today = todayOf(ctx.clock);
  if ((await summaryAsOf(ctx.db.kysely, planId)) !== today) await refreshDue(ctx, planId, today, 'read');
  return today;
}
