/** What extension and closure requests share: whose step it is, and who may see them. */
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { AppContext, Trx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { lockRow } from '../../db/lock.ts';
import type { ClosureRequestsTable, ExtensionRequestsTable } from '../../db/schema.ts';
import type { Resource } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { leadUnitIdsOf } from '../plans/plans.repository.ts';
import { released } from '../workflow/request-signoff.ts';
import { type AssignmentContext, directingLeadIds, reviewRouteOf } from './assignment.ts';

/** A request starts with the lead unit, unless the requester leads the measure (or it has no lead). */
export function firstStage(
  a: Pick<AssignmentContext, 'unitId' | 'leadUnits'>,
): 'pending_lead' | 'pending_supervisor' {
  return reviewRouteOf(a) === 'lead' ? 'pending_lead' : 'pending_supervisor';
}

/** Who may decide a request's step: never the account that asked for it or decided the step before. */
export function decisionResource(
  stage: 'lead' | 'supervisor',
  a: { unitId: string; leadUnits: readonly { id: string }[] },
  r: { requested_by: string | null; lead_by: string | null },
): Resource {
  return {
    type: 'decision',
    stage,
    unitId: a.unitId,
    leadUnitIds: directingLeadIds(a),
    handledBy: [r.requested_by, r.lead_by],
  };
}

const leads = (user: Principal, alias: string) =>
  sql<SqlBool>`exists (select 1 from assignments l where l.measure_id = ${sql.ref(`${alias}.measure_id`)} and l.role = 'lead' and l.via_group_id is null and l.unit_id = ${user.unitId})`;

/**
 * Rows of a request table the user may see: their unit's own; for supervisors all others, and for a
 * unit those on measures it leads — once they have left their unit (not held for its sign-off).
 */
export function visibleRequests(user: Principal, alias: string): RawBuilder<SqlBool> {
  const own = sql<SqlBool>`${sql.ref(`${alias}.unit_id`)} = ${user.unitId}`;
  if (user.roles.includes('supervisor')) return sql<SqlBool>`(${own} or ${released(alias)})`;
  return sql<SqlBool>`(${own} or (${leads(user, alias)} and ${released(alias)}))`;
}

/** Requests waiting for this user's decision: the lead step for a unit leader of a lead unit, the final step for supervisors. */
export function awaitingUser(user: Principal, alias: string): RawBuilder<SqlBool> {
  const options: RawBuilder<SqlBool>[] = [];
  if (user.roles.includes('supervisor'))
    options.push(sql<SqlBool>`${sql.ref(`${alias}.state`)} = 'pending_supervisor'`);
  if (user.roles.includes('unit_leader')) {
    options.push(
      sql<SqlBool>`(${sql.ref(`${alias}.state`)} = 'pending_lead' and ${sql.ref(`${alias}.unit_id`)} <> ${user.unitId} and ${leads(user, alias)})`,
    );
  }
  if (options.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(options, sql` or `)}) and ${released(alias)}`;
}

/** The office's decision on a notice's reply: never by the account that wrote the reply. */
export function replyDecision(unitId: string, repliedBy: string | null | undefined): Resource {
  return { type: 'decision', stage: 'supervisor', unitId, leadUnitIds: [], handledBy: [repliedBy ?? null] };
}

/** What a list of requests needs of their assignments to offer actions: the same fields `loadAssignment` gives. */
export interface RequestAssignment {
  unitId: string;
  leadUnits: { id: string }[];
  planStatus: 'draft' | 'published' | 'archived';
  closedOn: string | null;
}

/** The assignments of a page of requests, in three queries whatever the page's length. */
export async function requestAssignments(
  db: Executor,
  rows: readonly { assignment_id: string; measure_id: string; unit_id: string; plan_id: string }[],
): Promise<Map<string, RequestAssignment>> {
  if (rows.length === 0) return new Map();
  const assignmentIds = [...new Set(rows.map((r) => r.assignment_id))];
  const [plans, leads, closed] = await Promise.all([
    db
      .selectFrom('plans')
      .select(['id', 'status'])
      .where('id', 'in', [...new Set(rows.map((r) => r.plan_id))])
      .execute(),
    leadUnitIdsOf(db, [...new Set(rows.map((r) => r.measure_id))]),
    db
      .selectFrom('closure_requests')
      .select(['assignment_id', 'closed_on'])
      .where('assignment_id', 'in', assignmentIds)
      .where('state', '=', 'closed')
      .execute(),
  ]);
  const status = new Map(plans.map((p) => [p.id, p.status]));
  const closedOn = new Map(closed.map((c) => [c.assignment_id, c.closed_on]));
  return new Map(
    rows.map((r) => [
      r.assignment_id,
      {
        unitId: r.unit_id,
        leadUnits: (leads.get(r.measure_id) ?? []).map((id) => ({ id })),
        planStatus: status.get(r.plan_id) ?? 'archived',
        closedOn: closedOn.get(r.assignment_id) ?? null,
      },
    ]),
  );
}

/**
 * A request row read for a decision, its assignment locked first (see db/lock.ts). On PostgreSQL the
 * row is read again after the lock, so it reflects whatever the previous holder of the lock wrote.
 */
export async function lockedRequest(
  ctx: AppContext,
  trx: Trx,
  table: 'closure_requests',
  id: string,
): Promise<ClosureRequestsTable | undefined>;
export async function lockedRequest(
  ctx: AppContext,
  trx: Trx,
  table: 'extension_requests',
  id: string,
): Promise<ExtensionRequestsTable | undefined>;
export async function lockedRequest(
  ctx: AppContext,
  trx: Trx,
  table: 'closure_requests' | 'extension_requests',
  id: string,
): Promise<ClosureRequestsTable | ExtensionRequestsTable | undefined> {
  const read = () => trx.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst();
  const first = await read();
  if (!first || ctx.db.dialect !== 'postgres') return first;
  await lockRow(ctx, trx, 'assignments', first.assignment_id);
  return read();
}
