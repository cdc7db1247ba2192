/**
 * Requests a unit makes about one of its assignments (延期 extensions, 销号 closures), declared on the
 * engine: the kind (read with its assignment locked, visible as the assignment is), its creation (the
 * assignment locked, visible, the unit's own and still writable; the row with the columns every request
 * starts with; the audit record) and the two-stage decision — the lead unit's leader first (unless the
 * requester leads the measure), then the office.
 */
import { randomUUID } from 'node:crypto';
import { type AppContext, audit, type Trx, transaction } from '../../context.ts';
import { lockRow } from '../../db/lock.ts';
import type { ClosureRequestsTable, ExtensionRequestsTable } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import { type Action, authorize, ensureAuthorized } from '../auth/policy.ts';
import { actorOf, type Principal } from '../auth/principal.ts';
import { measureNo } from '../notifications/measure-no.ts';
import {
  type Message,
  notify,
  supervisorRecipients,
  unitRecipients,
  unitsRecipients,
} from '../notifications/notify.ts';
import {
  type AssignmentContext,
  assignmentResource,
  directingLeadIds,
  ensureWritable,
  loadAssignment,
  visibleAssignment,
} from '../supervision/assignment.ts';
import { decisionResource, lockedRequest } from '../supervision/requests.ts';
import type { Step, StepArgs, WorkflowKind } from './engine.ts';
import { ensureReleased } from './request-signoff.ts';

type RequestTable = 'closure_requests' | 'extension_requests';
type RowOf<T extends RequestTable> = T extends 'closure_requests'
  ? ClosureRequestsTable
  : ExtensionRequestsTable;

export interface AssignmentRequestKind<T extends RequestTable>
  extends WorkflowKind<RowOf<T>, AssignmentContext> {
  table: T;
  read: Action;
}

export function assignmentRequestKind<T extends RequestTable>(spec: {
  table: T;
  label: string;
  objectType: string;
  read: Action;
}): AssignmentRequestKind<T> {
  return {
    read: spec.read,
    table: spec.table,
    label: spec.label,
    objectType: spec.objectType,
    async load(ctx: AppContext, trx: Trx, user: Principal, id: string) {
      const r = (await lockedRequest(ctx, trx, spec.table as 'closure_requests', id)) as RowOf<T> | undefined;
      const a = r ? await loadAssignment(trx, r.assignment_id) : undefined;
      if (!r || !a || !authorize(user, spec.read, assignmentResource(a))) throw notFound(spec.label);
      return { row: r, subject: a };
    },
  };
}

/** The columns every request starts with; the kind gives the others. */
type Started =
  | 'id'
  | 'plan_id'
  | 'assignment_id'
  | 'measure_id'
  | 'unit_id'
  | 'requested_by'
  | 'requested_at'
  | 'lead_by'
  | 'lead_at'
  | 'lead_comment'
  | 'decided_by'
  | 'decided_at'
  | 'decision_comment'
  | 'version';

/**
 * A new request about an assignment, in one transaction: the assignment locked and checked (visible,
 * `action` allowed on it, writable); the kind's `write` checks what else it must and gives the row's
 * own columns, the audit record's `after` and whom to tell once it is written (`notify`).
 */
export async function createRequest<T extends RequestTable>(
  ctx: AppContext,
  user: Principal,
  assignmentId: string,
  kind: AssignmentRequestKind<T>,
  spec: {
    action: Action;
    audit: string;
    write(
      trx: Trx,
      a: AssignmentContext,
    ): Promise<{
      columns: Omit<RowOf<T>, Started>;
      after: Record<string, unknown>;
      notify?: (row: RowOf<T>) => Promise<void>;
    }>;
  },
): Promise<string> {
  return transaction(ctx, async (trx) => {
    await lockRow(ctx, trx, 'assignments', assignmentId);
    const a = await visibleAssignment(trx, user, assignmentId, kind.read);
    ensureAuthorized(user, spec.action, assignmentResource(a));
    ensureWritable(a);
    const { columns, after, notify: tell } = await spec.write(trx, a);
    const row = {
      id: randomUUID(),
      plan_id: a.planId,
      assignment_id: a.id,
      measure_id: a.measureId,
      unit_id: a.unitId,
      requested_by: user.userId,
      requested_at: ctx.clock.now().toISOString(),
      lead_by: null,
      lead_at: null,
      lead_comment: null,
      decided_by: null,
      decided_at: null,
      decision_comment: null,
      version: 1,
      ...columns,
    } as RowOf<T>;
    // Typed as one of the two tables: the row is the kind's own, the table the kind names.
    await trx
      .insertInto(kind.table as 'closure_requests')
      .values(row as ClosureRequestsTable)
      .execute();
    await audit(ctx, trx, actorOf(user), {
      action: spec.audit,
      objectType: kind.objectType,
      objectId: row.id,
      after,
    });
    await tell?.(row);
    return row.id;
  });
}

/** `a 1-2 某单位`: how a notification names the request's assignment. */
export const assignmentLabel = (a: AssignmentContext) => `${measureNo(a.taskNo, a.seq)} ${a.unitName}`;

/** The people who take the request's next step: the lead units' leaders, or the office. */
export async function nextDeciders(trx: Trx, a: AssignmentContext, state: string) {
  return state === 'pending_lead' ? unitsRecipients(trx, directingLeadIds(a)) : supervisorRecipients(trx);
}

/** Tell the next deciders, or (once decided) the requesting unit. */
export async function notifyOutcome(
  ctx: AppContext,
  trx: Trx,
  a: AssignmentContext,
  to: string,
  message: Omit<Message, 'planId'>,
) {
  const recipients =
    to === 'pending_lead' || to === 'pending_supervisor'
      ? await nextDeciders(trx, a, to)
      : await unitRecipients(trx, a.unitId);
  await notify(ctx, trx, recipients, { ...message, planId: a.planId });
}

type Staged = ClosureRequestsTable | ExtensionRequestsTable;
export interface StagedInput {
  version: number;
  decision: string;
  comment?: string;
}
export type StagedArgs<R extends Staged, I extends StagedInput> = StepArgs<R, AssignmentContext, I>;

/** The decision on a pending request: the lead step or the office's, approved or not. */
export function stagedDecision<R extends Staged, I extends StagedInput>(spec: {
  action: Action;
  /** The request's name in refusals (`延期申请尚待申请单位领导签发`). */
  label: string;
  wrongState: (state: R['state']) => string;
  approve: I['decision'];
  /** The office's approval (the lead's goes on to the office), and the refusal at either step. */
  approved: R['state'];
  refused: R['state'];
  auditAction: (stage: 'lead' | 'supervisor', approve: boolean) => string;
  finalSet?: (a: StagedArgs<R, I>, approve: boolean) => Partial<R>;
  auditAfter: (a: StagedArgs<R, I>, to: R['state']) => Record<string, unknown>;
  auditDetail: (a: StagedArgs<R, I>, comment: string | null) => unknown;
  after: (a: StagedArgs<R, I>, to: R['state']) => Promise<void>;
}): Step<R, AssignmentContext, I> {
  const stageOf = (a: StagedArgs<R, I>) => (a.row.state === 'pending_lead' ? 'lead' : 'supervisor');
  const approving = (a: StagedArgs<R, I>) => a.input.decision === spec.approve;
  const comment = (a: StagedArgs<R, I>) => a.input.comment?.trim() || null;
  return {
    from: ['pending_lead', 'pending_supervisor'] as R['state'][],
    wrongState: spec.wrongState,
    action: spec.action,
    resource: (a) => decisionResource(stageOf(a), a.subject, a.row),
    guard: (a) => {
      ensureWritable(a.subject);
      ensureReleased(a.row, spec.label);
    },
    to: (a) => {
      if (!approving(a)) return spec.refused;
      return stageOf(a) === 'lead' ? ('pending_supervisor' as R['state']) : spec.approved;
    },
    set: (a) =>
      stageOf(a) === 'lead'
        ? ({ lead_by: a.user.userId, lead_at: a.now, lead_comment: comment(a) } as Partial<R>)
        : ({
            decided_by: a.user.userId,
            decided_at: a.now,
            decision_comment: comment(a),
            ...spec.finalSet?.(a, approving(a)),
          } as Partial<R>),
    audit: (a, to) => ({
      action: spec.auditAction(stageOf(a), approving(a)),
      after: spec.auditAfter(a, to),
      detail: spec.auditDetail(a, comment(a)),
    }),
    after: spec.after,
  };
}
