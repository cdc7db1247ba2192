/**
 * 销号: the unit drafts a closure request, attaches evidence and submits it; the lead unit's leader
 * confirms (unless the requester leads the measure); the office closes it. A closed assignment is
 * locked — no report, request or evidence changes — and counts as done everywhere.
 */
import { randomUUID } from 'node:crypto';
import type { ClosureDecisionRequest, CreateClosureRequest } from '@lantian/contract';
import { type AppContext, audit, type Trx, transaction } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { lockRow } from '../../db/lock.ts';
import type { ClosureRequestsTable } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { authorize, ensureAuthorized } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { actorOf } from '../auth/principal.ts';
import { countAttachments } from '../evidence/evidence.repository.ts';
import { measureNo } from '../notifications/measure-no.ts';
import { notify, supervisorRecipients, unitRecipients, unitsRecipients } from '../notifications/notify.ts';
import { refreshAssignments } from '../status/summary.ts';
import {
  assignmentResource,
  directingLeadIds,
  ensureWritable,
  loadAssignment,
  visibleAssignment,
} from '../supervision/assignment.ts';
import { versionConflict } from '../supervision/common.ts';
import { todayOf } from '../supervision/day.ts';
import { decisionResource, firstStage, lockedRequest } from '../supervision/requests.ts';

const OPEN = ['draft', 'pending_lead', 'pending_supervisor'] as const;

/** The assignment's closure request still in progress (drafted or awaiting a decision), if any. */
export async function openClosureOf(db: Executor, assignmentId: string) {
  return db
    .selectFrom('closure_requests')
    .select(['id', 'state'])
    .where('assignment_id', '=', assignmentId)
    .where('state', 'in', [...OPEN])
    .executeTakeFirst();
}

export async function createClosure(
  ctx: AppContext,
  user: Principal,
  assignmentId: string,
  input: CreateClosureRequest,
): Promise<string> {
  return transaction(ctx, async (trx) => {
    await lockRow(ctx, trx, 'assignments', assignmentId);
    const a = await visibleAssignment(trx, user, assignmentId, 'closure.read');
    ensureAuthorized(user, 'closure.request', assignmentResource(a));
    ensureWritable(a);
    const open = await openClosureOf(trx, a.id);
    if (open) throw new AppError('INVALID_STATE', '本项任务已有一份未办结的销号申请');
    const row: ClosureRequestsTable = {
      id: randomUUID(),
      plan_id: a.planId,
      assignment_id: a.id,
      measure_id: a.measureId,
      unit_id: a.unitId,
      summary: input.summary,
      state: 'draft',
      requested_by: user.userId,
      requested_at: ctx.clock.now().toISOString(),
      submitted_at: null,
      lead_by: null,
      lead_at: null,
      lead_comment: null,
      decided_by: null,
      decided_at: null,
      decision_comment: null,
      closed_on: null,
      version: 1,
    };
    await trx.insertInto('closure_requests').values(row).execute();
    await audit(ctx, trx, actorOf(user), {
      action: 'closure.create',
      objectType: 'closure_request',
      objectId: row.id,
      after: { assignmentId: a.id, state: 'draft' },
    });
    return row.id;
  });
}

/** The request (its assignment locked) and its assignment, if the user may see them. */
async function visibleClosure(ctx: AppContext, trx: Trx, user: Principal, id: string) {
  const r = await lockedRequest(ctx, trx, 'closure_requests', id);
  const a = r ? await loadAssignment(trx, r.assignment_id) : undefined;
  if (!r || !a || !authorize(user, 'closure.read', assignmentResource(a))) throw notFound('销号申请');
  return { r, a };
}

async function update(
  trx: Trx,
  r: ClosureRequestsTable,
  version: number,
  changes: Partial<ClosureRequestsTable>,
) {
  const u = await trx
    .updateTable('closure_requests')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', r.id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(u.numUpdatedRows) !== 1) throw versionConflict('销号申请');
}

/** Send the draft on, with at least one evidence file. */
export async function submitClosure(
  ctx: AppContext,
  user: Principal,
  id: string,
  version: number,
): Promise<void> {
  await transaction(ctx, async (trx) => {
    const { r, a } = await visibleClosure(ctx, trx, user, id);
    ensureAuthorized(user, 'closure.request', assignmentResource(a));
    ensureWritable(a);
    if (r.version !== version) throw versionConflict('销号申请');
    if (r.state !== 'draft') throw new AppError('INVALID_STATE', '销号申请已提交');
    if ((await countAttachments(trx, 'closure', id)) === 0)
      throw new AppError('INVALID_INPUT', '销号须附佐证材料：请先上传至少一个文件');
    const state = firstStage(a);
    await update(trx, r, version, { state, submitted_at: ctx.clock.now().toISOString() });
    await audit(ctx, trx, actorOf(user), {
      action: 'closure.submit',
      objectType: 'closure_request',
      objectId: id,
      before: { state: 'draft' },
      after: { state },
    });
    const to =
      state === 'pending_lead'
        ? await unitsRecipients(trx, directingLeadIds(a))
        : await supervisorRecipients(trx);
    await notify(ctx, trx, to, {
      kind: 'closure.requested',
      title: `销号申请：${measureNo(a.taskNo, a.seq)} ${a.unitName}`,
      body: r.summary.slice(0, 500),
      objectType: 'closure',
      objectId: id,
      planId: a.planId,
    });
  });
}

export async function decideClosure(
  ctx: AppContext,
  user: Principal,
  id: string,
  input: ClosureDecisionRequest,
): Promise<void> {
  await transaction(ctx, async (trx) => {
    const { r, a } = await visibleClosure(ctx, trx, user, id);
    if (r.state !== 'pending_lead' && r.state !== 'pending_supervisor')
      throw new AppError('INVALID_STATE', r.state === 'draft' ? '销号申请尚未提交' : '销号申请已办结');
    const stage = r.state === 'pending_lead' ? 'lead' : 'supervisor';
    ensureAuthorized(user, 'closure.decide', decisionResource(stage, a, r));
    ensureWritable(a);
    if (r.version !== input.version) throw versionConflict('销号申请');
    const now = ctx.clock.now().toISOString();
    const approve = input.decision === 'approve';
    const comment = input.comment?.trim() || null;
    const changes: Partial<ClosureRequestsTable> =
      stage === 'lead'
        ? {
            state: approve ? 'pending_supervisor' : 'rejected',
            lead_by: user.userId,
            lead_at: now,
            lead_comment: comment,
          }
        : {
            state: approve ? 'closed' : 'rejected',
            decided_by: user.userId,
            decided_at: now,
            decision_comment: comment,
            closed_on: approve ? todayOf(ctx.clock) : null,
          };
    await update(trx, r, input.version, changes);
    await audit(ctx, trx, actorOf(user), {
      action:
        stage === 'lead'
          ? `closure.lead_${approve ? 'confirm' : 'reject'}`
          : `closure.${approve ? 'close' : 'reject'}`,
      objectType: 'closure_request',
      objectId: id,
      before: { state: r.state },
      after: { state: changes.state, ...(changes.closed_on ? { closedOn: changes.closed_on } : {}) },
      detail: { assignmentId: a.id, ...(comment ? { comment } : {}) },
    });
    if (changes.state === 'closed') {
      await endPendingExtensions(ctx, trx, user, a.id, changes.closed_on as string);
      await refreshAssignments(ctx, trx, a.planId, [a.id]);
    }
    const label = `${measureNo(a.taskNo, a.seq)} ${a.unitName}`;
    if (changes.state === 'pending_supervisor') {
      await notify(ctx, trx, await supervisorRecipients(trx), {
        kind: 'closure.requested',
        title: `销号申请（牵头单位已确认）：${label}`,
        body: r.summary.slice(0, 500),
        objectType: 'closure',
        objectId: id,
        planId: a.planId,
      });
    } else {
      await notify(ctx, trx, await unitRecipients(trx, a.unitId), {
        kind: changes.state === 'closed' ? 'closure.closed' : 'closure.rejected',
        title: changes.state === 'closed' ? `已销号：${label}` : `销号申请被驳回：${label}`,
        body:
          changes.state === 'closed' ? `该项任务已于 ${changes.closed_on} 销号。` : `理由：${comment ?? ''}`,
        objectType: 'closure',
        objectId: id,
        planId: a.planId,
      });
    }
  });
}

/** Closing an assignment ends its pending extension requests: there is no deadline left to move. */
async function endPendingExtensions(
  ctx: AppContext,
  trx: Trx,
  user: Principal,
  assignmentId: string,
  closedOn: string,
) {
  const pending = await trx
    .selectFrom('extension_requests')
    .select(['id', 'state', 'version'])
    .where('assignment_id', '=', assignmentId)
    .where('state', 'in', ['pending_lead', 'pending_supervisor'])
    .execute();
  const now = ctx.clock.now().toISOString();
  const comment = `该项任务已于 ${closedOn} 销号，延期申请自动终止`;
  for (const x of pending) {
    await trx
      .updateTable('extension_requests')
      .set({
        state: 'refused',
        decided_by: user.userId,
        decided_at: now,
        decision_comment: comment,
        version: x.version + 1,
      })
      .where('id', '=', x.id)
      .execute();
    await audit(ctx, trx, actorOf(user), {
      action: 'extension.end_on_closure',
      objectType: 'extension_request',
      objectId: x.id,
      before: { state: x.state },
      after: { state: 'refused' },
      detail: { comment },
    });
  }
}
