/** What extension and closure requests share: whose step it is, and who may see them. */
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Resource } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { type AssignmentContext, reviewRouteOf } from './assignment.ts';

/** A request starts with the lead unit, unless the requester leads the measure (or it has no lead). */
export function firstStage(
  a: Pick<AssignmentContext, 'unitId' | 'leadUnits'>,
): 'pending_lead' | 'pending_supervisor' {
  return reviewRouteOf(a) === 'lead' ? 'pending_lead' : 'pending_supervisor';
}

/** Who may decide a request's step: never the account that asked for it or decided the step before. */
export function decisionResource(
  stage: 'lead' | 'supervisor',
  a: Pick<AssignmentContext, 'unitId' | 'leadUnits'>,
  r: { requested_by: string | null; lead_by: string | null },
): Resource {
  return {
    type: 'decision',
    stage,
    unitId: a.unitId,
    leadUnitIds: a.leadUnits.map((l) => l.id),
    handledBy: [r.requested_by, r.lead_by],
  };
}

const leads = (user: Principal, alias: string) =>
  sql<SqlBool>`exists (select 1 from assignments l where l.measure_id = ${sql.ref(`${alias}.measure_id`)} and l.role = 'lead' and l.unit_id = ${user.unitId})`;

/**
 * Rows of a request table the user may see: all for supervisors; otherwise their unit's own and those
 * on measures their unit leads.
 */
export function visibleRequests(user: Principal, alias: string): RawBuilder<SqlBool> {
  if (user.roles.includes('supervisor')) return sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`(${sql.ref(`${alias}.unit_id`)} = ${user.unitId} or ${leads(user, alias)})`;
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
  return sql<SqlBool>`(${sql.join(options, sql` or `)})`;
}

/** The office's decision on a notice's reply: never by the account that wrote the reply. */
export function replyDecision(unitId: string, repliedBy: string | null | undefined): Resource {
  return { type: 'decision', stage: 'supervisor', unitId, leadUnitIds: [], handledBy: [repliedBy ?? null] };
}
