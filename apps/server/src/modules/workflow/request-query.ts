/**
 * Reading the requests a unit makes about its assignments (延期 extensions, 销号 closures): one list
 * (filters, paging, the scope `visibleRequests` gives), one detail and the office's "decided between"
 * read, over a kind's own joined query (alias `x` for the request row) and its own presenter, which
 * adds the kind's fields to those every request shows (`presentRequest`). `requestReader` gives a
 * kind the three, named as its contract names them.
 */
import { type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { notFound } from '../../errors.ts';
import { type Action, authorize } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { pageOf, userNames } from '../supervision/common.ts';
import {
  awaitingUser,
  decisionResource,
  type RequestAssignment,
  visibleRequests,
} from '../supervision/requests.ts';
import { isHeld, presentSignoff, type SignoffColumns } from './request-signoff.ts';

/** The columns every assignment request row has (besides its own). */
export interface RequestRow extends SignoffColumns {
  id: string;
  plan_id: string;
  assignment_id: string;
  measure_id: string;
  unit_id: string;
  state: string;
  requested_by: string | null;
  requested_at: string;
  lead_by: string | null;
  lead_at: string | null;
  lead_comment: string | null;
  decided_by: string | null;
  decided_at: string | null;
  decision_comment: string | null;
  version: number;
  task_no: number;
  seq: number;
  unit_name: string;
}

export interface RequestListQuery {
  planId?: string | undefined;
  state?: string | undefined;
  assignmentId?: string | undefined;
  awaitingMe?: 'true' | 'false' | undefined;
  page: number;
  pageSize: number;
}

export interface RequestSource<DB, TB extends keyof DB, Row extends RequestRow, Out> {
  /** The name in refusals (`销号申请`: 未找到). */
  label: string;
  /** The request table (as `x`) with what it shows joined, unscoped and unselected. */
  from(db: Executor): SelectQueryBuilder<DB, TB, object>;
  /** The columns a row of the kind shows. */
  columns(q: SelectQueryBuilder<DB, TB, object>): SelectQueryBuilder<DB, TB, Row>;
  present(ctx: AppContext, user: Principal, rows: Row[]): Promise<Out[]>;
}

/** What a kind declares to be read: its presenter gives only its own fields, row by row. */
export interface RequestKindSource<DB, TB extends keyof DB, Row extends RequestRow, Own>
  extends Omit<RequestSource<DB, TB, Row, Own>, 'present'> {
  /** The list's key in the contract (`closures`) and the detail's (`closure`). */
  many: string;
  one: string;
  present(ctx: AppContext, user: Principal, rows: Row[]): Promise<Own[]>;
}

type Shown<Own> = Omit<ReturnType<typeof presentRequest>, keyof Own> & Own;

/** The list, the detail and the bulletin's read of a request kind. */
export function requestReader<
  DB,
  TB extends keyof DB,
  Row extends RequestRow,
  Own,
  Many extends string,
  One extends string,
>(kind: RequestKindSource<DB, TB, Row, Own> & { many: Many; one: One }) {
  const source: RequestSource<DB, TB, Row, Shown<Own>> = {
    ...kind,
    async present(ctx, user, rows) {
      const who = await requestPeople(ctx.db.kysely, rows);
      const own = await kind.present(ctx, user, rows);
      return rows.map((r, i) => ({ ...presentRequest(r, who), ...own[i] }) as Shown<Own>);
    },
  };
  return {
    async list(ctx: AppContext, user: Principal, q: RequestListQuery) {
      const { items, ...page } = await listRequests(ctx, user, source, q);
      return { ...page, [kind.many]: items } as typeof page & Record<Many, Shown<Own>[]>;
    },
    async detail(ctx: AppContext, user: Principal, id: string) {
      return { [kind.one]: await requestDetail(ctx, user, source, id) } as Record<One, Shown<Own>>;
    },
    decidedBetween: (ctx: AppContext, planId: string, state: string, from: string, before: string) =>
      decidedBetween(ctx, source, planId, state, from, before),
  };
}

const eq = (column: string, value: string) => sql<SqlBool>`${sql.ref(column)} = ${value}`;

/** A page of the requests the user may see, newest first. */
export async function listRequests<DB, TB extends keyof DB, Row extends RequestRow, Out>(
  ctx: AppContext,
  user: Principal,
  source: RequestSource<DB, TB, Row, Out>,
  q: RequestListQuery,
): Promise<{ total: number; page: number; pageSize: number; items: Out[] }> {
  let b = source.from(ctx.db.kysely).where(visibleRequests(user, 'x'));
  if (q.planId) b = b.where(eq('x.plan_id', q.planId));
  if (q.state) b = b.where(eq('x.state', q.state));
  if (q.assignmentId) b = b.where(eq('x.assignment_id', q.assignmentId));
  if (q.awaitingMe === 'true') b = b.where(awaitingUser(user, 'x'));
  const { limit, offset } = pageOf(q.page, q.pageSize);
  const [total, rows] = await Promise.all([
    b.select(sql<number>`cast(count(*) as integer)`.as('n')).executeTakeFirstOrThrow(),
    source
      .columns(b)
      .orderBy(sql.ref('x.requested_at'), 'desc')
      .orderBy(sql.ref('x.id'))
      .limit(limit)
      .offset(offset)
      .execute(),
  ]);
  return {
    total: Number((total as { n: number }).n),
    page: q.page,
    pageSize: q.pageSize,
    items: await source.present(ctx, user, rows as Row[]),
  };
}

/** One request the user may see, or notFound. */
export async function requestDetail<DB, TB extends keyof DB, Row extends RequestRow, Out>(
  ctx: AppContext,
  user: Principal,
  source: RequestSource<DB, TB, Row, Out>,
  id: string,
): Promise<Out> {
  const b = source.from(ctx.db.kysely).where(visibleRequests(user, 'x')).where(eq('x.id', id));
  const row = (await source.columns(b).executeTakeFirst()) as Row | undefined;
  if (!row) throw notFound(source.label);
  const [out] = await source.present(ctx, user, [row]);
  return out as Out;
}

/** A plan's requests decided into `state` within `[from, before)` (UTC instants), oldest first: for the bulletin. */
export async function decidedBetween<DB, TB extends keyof DB, Row extends RequestRow, Out>(
  ctx: AppContext,
  source: RequestSource<DB, TB, Row, Out>,
  planId: string,
  state: string,
  from: string,
  before: string,
): Promise<Row[]> {
  const b = source
    .from(ctx.db.kysely)
    .where(eq('x.plan_id', planId))
    .where(eq('x.state', state))
    .where(sql<SqlBool>`${sql.ref('x.decided_at')} >= ${from}`)
    .where(sql<SqlBool>`${sql.ref('x.decided_at')} < ${before}`);
  return (await source
    .columns(b)
    .orderBy(sql.ref('x.decided_at'))
    .orderBy(sql.ref('x.id'))
    .execute()) as Row[];
}

/** Who wrote and decided each row, by display name. */
export async function requestPeople(db: Executor, rows: readonly RequestRow[]) {
  const names = await userNames(
    db,
    rows.flatMap((r) => [r.requested_by, r.lead_by, r.decided_by, r.signed_off_by]),
  );
  return (id: string | null) => (id ? (names.get(id) ?? null) : null);
}

/** The fields every request shows, in the contract's words. */
export function presentRequest(r: RequestRow, who: (id: string | null) => string | null) {
  return {
    id: r.id,
    planId: r.plan_id,
    assignmentId: r.assignment_id,
    measureId: r.measure_id,
    task: r.task_no,
    seq: r.seq,
    unitId: r.unit_id,
    unitName: r.unit_name,
    state: r.state,
    requestedAt: r.requested_at,
    requestedBy: who(r.requested_by),
    signoff: presentSignoff(r, who),
    leadAt: r.lead_at,
    leadBy: who(r.lead_by),
    leadComment: r.lead_comment,
    decidedAt: r.decided_at,
    decidedBy: who(r.decided_by),
    decisionComment: r.decision_comment,
    version: r.version,
  };
}

/** May the user decide the request's pending step now (released from its unit, plan and assignment open)? */
export function mayDecide(
  user: Principal,
  action: Action,
  r: RequestRow,
  a: RequestAssignment | undefined,
): boolean {
  const pending = r.state === 'pending_lead' || r.state === 'pending_supervisor';
  if (!a || !pending || isHeld(r) || a.planStatus !== 'published' || a.closedOn) return false;
  return authorize(user, action, decisionResource(r.state === 'pending_lead' ? 'lead' : 'supervisor', a, r));
}
