/**
 * The office's board (预警看板): assignments by light, filtered, sorted from an allowlist and paged,
 * straight from the summary table (indexed by plan and severity) — no recomputation per request.
 */
import type { BoardQuery, BoardResponse, BoardRow } from '@lantian/contract';
import type { Reason } from '@lantian/core';
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { Principal } from '../auth/principal.ts';
import { overdueCases } from '../cases/cases.overdue.ts';
import { pageOf } from '../supervision/common.ts';
import { countLights, resolvePlan } from './status.query.ts';
import { ensurePlanFresh, LIGHT_RANK } from './summary.ts';

type Filter = Omit<BoardQuery, 'page' | 'pageSize' | 'sort' | 'order' | 'planId'>;

const LIGHT_FILTER: Record<BoardQuery['light'], number[] | null> = {
  attention: [LIGHT_RANK.yellow, LIGHT_RANK.red],
  yellow: [LIGHT_RANK.yellow],
  red: [LIGHT_RANK.red],
  green: [LIGHT_RANK.green],
  done: [LIGHT_RANK.done],
  all: null,
};

function filtered(db: Executor, planId: string, f: Filter, withLight: boolean) {
  let q = db
    .selectFrom('assignment_status as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .where('s.plan_id', '=', planId);
  const ranks = LIGHT_FILTER[f.light];
  if (withLight && ranks) q = q.where('s.light_rank', 'in', ranks);
  if (f.unitId) q = q.where('s.unit_id', '=', f.unitId);
  if (f.role) q = q.where('s.role', '=', f.role);
  if (f.task) q = q.where('s.task_no', '=', f.task);
  if (f.section) {
    const section = f.section;
    q = q.where('s.task_no', 'in', (eb) =>
      eb
        .selectFrom('plan_tasks as t')
        .select('t.no')
        .where('t.plan_id', '=', planId)
        .where('t.section_id', '=', section),
    );
  }
  if (f.reason) q = q.where('s.reason_codes', 'like', `%,${f.reason},%`);
  return q;
}

const FAR = sql<string>`coalesce(s.next_due, '9999-12-31')`;

export async function board(ctx: AppContext, user: Principal, q: BoardQuery): Promise<BoardResponse> {
  const db = ctx.db.kysely;
  const plan = await resolvePlan(db, user, q.planId);
  const asOf = await ensurePlanFresh(ctx, plan.id);
  const rows = await boardRows(db, plan.id, q);
  const planUnits = await db
    .selectFrom('assignments')
    .select('unit_id')
    .distinct()
    .where('plan_id', '=', plan.id)
    .$if(!!q.unitId, (x) => x.where('unit_id', '=', q.unitId as string))
    .execute();
  const cases = await overdueCases(
    db,
    asOf,
    planUnits.map((u) => u.unit_id),
  );
  const [total, counts] = await Promise.all([
    filtered(db, plan.id, q, true)
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .executeTakeFirstOrThrow(),
    filtered(db, plan.id, q, false)
      .select(['s.light', (eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n')])
      .groupBy('s.light')
      .execute(),
  ]);
  const c = countLights([]);
  for (const r of counts) c[r.light as keyof typeof c] = Number(r.n);
  return {
    planId: plan.id,
    asOf,
    total: Number(total.n),
    page: q.page,
    pageSize: q.pageSize,
    counts: c,
    rows,
    overdueCases: cases,
  };
}

/** One page of the board (also used, unpaged, by the export). */
export async function boardRows(
  db: Executor,
  planId: string,
  q: Omit<BoardQuery, 'page' | 'pageSize'> & { page?: number; pageSize?: number },
): Promise<BoardRow[]> {
  const desc = q.order === 'desc';
  const asc = q.order === 'asc';
  let sel = filtered(db, planId, q, true)
    .innerJoin('measures as m', 'm.id', 's.measure_id')
    .select([
      's.assignment_id',
      's.measure_id',
      's.unit_id',
      'u.name as unit_name',
      's.role',
      's.task_no',
      's.seq',
      's.light',
      's.reasons',
      's.progress',
      's.next_due',
      's.last_period',
      's.last_state',
      'm.text',
    ]);
  switch (q.sort) {
    case 'severity':
      sel = sel.orderBy('s.light_rank', asc ? 'asc' : 'desc').orderBy(FAR, 'asc');
      break;
    case 'nextDue':
      sel = sel.orderBy(FAR, desc ? 'desc' : 'asc').orderBy('s.light_rank', 'desc');
      break;
    case 'task':
      sel = sel.orderBy('s.task_no', desc ? 'desc' : 'asc').orderBy('s.seq', desc ? 'desc' : 'asc');
      break;
    case 'unit':
      sel = sel.orderBy('u.name', desc ? 'desc' : 'asc');
      break;
    case 'progress':
      sel = sel.orderBy('s.progress', desc ? 'desc' : 'asc');
      break;
    case 'updatedAt':
      sel = sel.orderBy('s.updated_at', asc ? 'asc' : 'desc');
      break;
  }
  sel = sel.orderBy('s.task_no').orderBy('s.seq').orderBy('s.assignment_id');
  if (q.page && q.pageSize) {
    const { limit, offset } = pageOf(q.page, q.pageSize);
    sel = sel.limit(limit).offset(offset);
  } else sel = sel.limit(10_000);
  const rows = await sel.execute();
  const notices = await openNotices(
    db,
    rows.map((r) => r.unit_id),
    rows.map((r) => r.measure_id),
  );
  return rows.map((r) => ({
    assignmentId: r.assignment_id,
    planId,
    measureId: r.measure_id,
    task: r.task_no,
    seq: r.seq,
    measureText: r.text.length > 200 ? `${r.text.slice(0, 200)}…` : r.text,
    unitId: r.unit_id,
    unitName: r.unit_name,
    role: r.role,
    light: r.light,
    reasons: (JSON.parse(r.reasons) as Reason[]).map((x) => ({
      ...x,
      due: x.due ?? null,
      period: x.period ?? null,
    })),
    progress: Number(r.progress),
    nextDue: r.next_due,
    lastPeriod: r.last_period,
    lastState: r.last_state,
    openNotice: notices.get(`${r.unit_id}|${r.measure_id}`) ?? null,
  }));
}

/** Notices not yet accepted, by unit and measure: the board shows them so nobody issues a second one. */
async function openNotices(db: Executor, unitIds: string[], measureIds: string[]) {
  const out = new Map<string, { id: string; level: 'yellow' | 'red'; replyDue: string }>();
  if (unitIds.length === 0) return out;
  const rows = await db
    .selectFrom('supervision_notices as n')
    .innerJoin('notice_measures as nm', 'nm.notice_id', 'n.id')
    .select(['n.id', 'n.unit_id', 'n.level', 'n.reply_due', 'nm.measure_id'])
    .where('n.unit_id', 'in', [...new Set(unitIds)])
    .where('nm.measure_id', 'in', [...new Set(measureIds)])
    .where('n.state', '!=', 'accepted')
    .orderBy('n.issued_at')
    .execute();
  for (const r of rows)
    out.set(`${r.unit_id}|${r.measure_id}`, { id: r.id, level: r.level, replyDue: r.reply_due });
  return out;
}
