/**
 * The per-assignment status summary the board and status pages read. It is refreshed in the same
 * transaction as every fact that changes it (a report signed off, reviewed; an extension approved; a
 * closure), and for every assignment of a plan by the daily job as dates pass — so reading the board
 * never recomputes from the reports.
 */
import { DEFAULT_STATUS_RULES, type IsoDate, type StatusRules } from '@lantian/core';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { AssignmentStatusTable } from '../../db/schema.ts';
import { todayOf } from '../supervision/day.ts';
import { planReporting } from '../supervision/settings.ts';
import { type ComputedStatus, computeStatus } from './compute.ts';
import { type FactsFilter, loadPlanFacts } from './facts.ts';

export const LIGHT_RANK = { done: 0, green: 1, yellow: 2, red: 3 } as const;

export function statusRules(ctx: AppContext): StatusRules {
  const s = ctx.config.supervision;
  return { ...DEFAULT_STATUS_RULES, dueSoonDays: s.dueSoonDays, reportRedAfterDays: s.reportRedAfterDays };
}

export interface ComputedAssignment extends ComputedStatus {
  assignmentId: string;
  measureId: string;
  unitId: string;
  role: 'lead' | 'responsible' | 'assisting';
  taskNo: number;
  seq: number;
}

/** Compute the status of a plan's assignments (all, or some) as of a day, from the facts. */
export async function computePlanStatuses(
  ctx: AppContext,
  db: Executor,
  planId: string,
  asOf: IsoDate,
  filter: FactsFilter = {},
): Promise<ComputedAssignment[]> {
  const plan = await db.selectFrom('plans').select(['year']).where('id', '=', planId).executeTakeFirst();
  if (!plan) return [];
  const reporting = await planReporting(ctx, db, planId, plan.year);
  const facts = await loadPlanFacts(db, planId, filter);
  const rules = statusRules(ctx);
  return facts.map((f) => ({
    assignmentId: f.id,
    measureId: f.measureId,
    unitId: f.unitId,
    role: f.role,
    taskNo: f.taskNo,
    seq: f.seq,
    ...computeStatus(f, plan.year, reporting.settings, asOf, rules),
  }));
}

function toRow(planId: string, c: ComputedAssignment, asOf: IsoDate, now: string): AssignmentStatusTable {
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
    updated_at: now,
  };
}

const SAME: (keyof AssignmentStatusTable)[] = [
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

async function upsert(db: Executor, rows: AssignmentStatusTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('assignment_status')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.column('assignment_id').doUpdateSet((eb) => ({
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
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

const metaKey = (planId: string) => `status_as_of:${planId}`;

/** The day a plan's summaries were last brought up to date as a whole. */
export async function summaryAsOf(db: Executor, planId: string): Promise<IsoDate | null> {
  const row = await db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', metaKey(planId))
    .executeTakeFirst();
  return row?.value ?? null;
}

/**
 * Recompute and store the summaries of some assignments (inside the transaction that changed their
 * facts) as of today.
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
    computed.map((c) => toRow(planId, c, asOf, now)),
  );
}

/**
 * Bring every summary of a plan up to date as of a day; writes only the rows that changed. Returns
 * how many changed.
 */
export async function refreshPlan(
  ctx: AppContext,
  db: Executor,
  planId: string,
  asOf: IsoDate,
): Promise<number> {
  const [computed, existing] = await Promise.all([
    computePlanStatuses(ctx, db, planId, asOf),
    db.selectFrom('assignment_status').selectAll().where('plan_id', '=', planId).execute(),
  ]);
  const now = ctx.clock.now().toISOString();
  const byId = new Map(existing.map((r) => [r.assignment_id, r]));
  const changed = computed
    .map((c) => toRow(planId, c, asOf, now))
    .filter((row) => {
      const old = byId.get(row.assignment_id);
      return !old || SAME.some((k) => (k === 'progress' ? Number(old[k]) !== row[k] : old[k] !== row[k]));
    });
  await upsert(db, changed);
  await db
    .insertInto('meta')
    .values({ key: metaKey(planId), value: asOf })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: asOf }))
    .execute();
  return changed.length;
}

/** Before reading a plan's summaries: if the daily job has not brought them to today, do it now. */
export async function ensurePlanFresh(ctx: AppContext, planId: string): Promise<IsoDate> {
  const today = todayOf(ctx.clock);
  const asOf = await summaryAsOf(ctx.db.kysely, planId);
  if (asOf === today) return today;
  await ctx.db.kysely.transaction().execute((trx) => refreshPlan(ctx, trx, planId, today));
  return today;
}
