/**
 * 延期申请: a unit asks to move a milestone or its final deadline, with a reason. The lead unit's leader
 * decides first (unless the requester leads the measure), then the office. The plan's date stays on
 * record; an approved date drives the lights from then on.
 */
import { randomUUID } from 'node:crypto';
import type { ExtensionDecisionRequest, RequestExtensionRequest } from '@lantian/contract';
import { finalDue } from '@lantian/core';
import { type AppContext, audit, type Trx, transaction } from '../../context.ts';
import { lockRow } from '../../db/lock.ts';
import type { ExtensionRequestsTable } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { authorize, ensureAuthorized } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { actorOf } from '../auth/principal.ts';
import { measureNo } from '../notifications/measure-no.ts';
import { notify, supervisorRecipients, unitRecipients, unitsRecipients } from '../notifications/notify.ts';
import { refreshAssignments } from '../status/summary.ts';
import {
  type AssignmentContext,
  assignmentResource,
  directingLeadIds,
  ensureWritable,
  loadAssignment,
  visibleAssignment,
} from '../supervision/assignment.ts';
import { versionConflict } from '../supervision/common.ts';
import { parseDay } from '../supervision/day.ts';
import { decisionResource, firstStage, lockedRequest } from '../supervision/requests.ts';

/** The date being moved: the plan's own, and the one in force now (after earlier extensions). */
function subjectOf(a: AssignmentContext, milestoneId: string | null) {
  if (milestoneId) {
    const m = a.milestones.find((x) => x.id === milestoneId);
    if (!m) throw new AppError('INVALID_INPUT', 'milestoneId：该节点不属于本措施');
    const current = a.extensions.find((e) => e.milestoneId === m.id)?.due ?? m.due;
    return { label: `节点“${m.raw}”`, original: m.due, current };
  }
  const original = finalDue(a.deadline);
  if (!original) throw new AppError('INVALID_INPUT', `完成时限“${a.deadline.raw}”没有最终日期，无需申请延期`);
  const current = a.extensions.find((e) => e.milestoneId === null)?.due ?? original;
  return { label: `完成时限“${a.deadline.raw}”`, original, current };
}

export async function requestExtension(
  ctx: AppContext,
  user: Principal,
  assignmentId: string,
  input: RequestExtensionRequest,
): Promise<string> {
  if (!parseDay(input.requestedDue))
    throw new AppError('INVALID_INPUT', `requestedDue：${input.requestedDue} 不是有效日期`);
  return transaction(ctx, async (trx) => {
    await lockRow(ctx, trx, 'assignments', assignmentId);
    const a = await visibleAssignment(trx, user, assignmentId, 'extension.read');
    ensureAuthorized(user, 'extension.request', assignmentResource(a));
    ensureWritable(a);
    const subject = subjectOf(a, input.milestoneId);
    if (input.requestedDue <= subject.current)
      throw new AppError('INVALID_INPUT', `requestedDue：申请的日期应晚于现行期限 ${subject.current}`);
    let pendingQ = trx
      .selectFrom('extension_requests')
      .select('id')
      .where('assignment_id', '=', a.id)
      .where('state', 'in', ['pending_lead', 'pending_supervisor']);
    pendingQ = input.milestoneId
      ? pendingQ.where('milestone_id', '=', input.milestoneId)
      : pendingQ.where('milestone_id', 'is', null);
    if (await pendingQ.executeTakeFirst())
      throw new AppError('INVALID_STATE', `${subject.label}已有一份待审批的延期申请`);
    const row: ExtensionRequestsTable = {
      id: randomUUID(),
      plan_id: a.planId,
      assignment_id: a.id,
      measure_id: a.measureId,
      unit_id: a.unitId,
      milestone_id: input.milestoneId,
      original_due: subject.original,
      requested_due: input.requestedDue,
      reason: input.reason,
      state: firstStage(a),
      requested_by: user.userId,
      requested_at: ctx.clock.now().toISOString(),
      lead_by: null,
      lead_at: null,
      lead_comment: null,
      decided_by: null,
      decided_at: null,
      decision_comment: null,
      version: 1,
    };
    await trx.insertInto('extension_requests').values(row).execute();
    await audit(ctx, trx, actorOf(user), {
      action: 'extension.request',
      objectType: 'extension_request',
      objectId: row.id,
      after: {
        assignmentId: a.id,
        subject: subject.label,
        from: subject.current,
        to: row.requested_due,
        state: row.state,
      },
    });
    const to =
      row.state === 'pending_lead'
        ? await unitsRecipients(trx, directingLeadIds(a))
        : await supervisorRecipients(trx);
    await notify(ctx, trx, to, {
      kind: 'extension.requested',
      title: `延期申请：${measureNo(a.taskNo, a.seq)} ${a.unitName}`,
      body: `${subject.label}申请由 ${subject.current} 延至 ${row.requested_due}：${input.reason}`,
      objectType: 'extension',
      objectId: row.id,
      planId: a.planId,
    });
    return row.id;
  });
}

/** The request (its assignment locked) and its assignment, if the user may see them. */
async function visibleExtension(ctx: AppContext, trx: Trx, user: Principal, id: string) {
  const r = await lockedRequest(ctx, trx, 'extension_requests', id);
  const a = r ? await loadAssignment(trx, r.assignment_id) : undefined;
  if (!r || !a || !authorize(user, 'extension.read', assignmentResource(a))) throw notFound('延期申请');
  return { r, a };
}

export async function decideExtension(
  ctx: AppContext,
  user: Principal,
  id: string,
  input: ExtensionDecisionRequest,
): Promise<void> {
  await transaction(ctx, async (trx) => {
    const { r, a } = await visibleExtension(ctx, trx, user, id);
    if (r.state !== 'pending_lead' && r.state !== 'pending_supervisor')
      throw new AppError('INVALID_STATE', '该延期申请已审批完毕');
    const stage = r.state === 'pending_lead' ? 'lead' : 'supervisor';
    ensureAuthorized(user, 'extension.decide', decisionResource(stage, a, r));
    ensureWritable(a);
    if (r.version !== input.version) throw versionConflict('延期申请');
    const now = ctx.clock.now().toISOString();
    const approve = input.decision === 'approve';
    const comment = input.comment?.trim() || null;
    const changes: Partial<ExtensionRequestsTable> =
      stage === 'lead'
        ? {
            state: approve ? 'pending_supervisor' : 'refused',
            lead_by: user.userId,
            lead_at: now,
            lead_comment: comment,
          }
        : {
            state: approve ? 'approved' : 'refused',
            decided_by: user.userId,
            decided_at: now,
            decision_comment: comment,
          };
    const u = await trx
      .updateTable('extension_requests')
      .set({ ...changes, version: r.version + 1 })
      .where('id', '=', id)
      .where('version', '=', r.version)
      .executeTakeFirst();
    if (Number(u.numUpdatedRows) !== 1) throw versionConflict('延期申请');
    await audit(ctx, trx, actorOf(user), {
      action: `extension.${stage}_${approve ? 'approve' : 'refuse'}`,
      objectType: 'extension_request',
      objectId: id,
      before: { state: r.state },
      after: { state: changes.state, due: changes.state === 'approved' ? r.requested_due : undefined },
      detail: comment ? { comment } : undefined,
    });
    if (changes.state === 'approved') await refreshAssignments(ctx, trx, a.planId, [a.id]);
    const label = `${measureNo(a.taskNo, a.seq)} ${a.unitName}`;
    if (changes.state === 'pending_supervisor') {
      await notify(ctx, trx, await supervisorRecipients(trx), {
        kind: 'extension.requested',
        title: `延期申请（牵头单位已同意）：${label}`,
        body: `申请延至 ${r.requested_due}：${r.reason}`,
        objectType: 'extension',
        objectId: id,
        planId: a.planId,
      });
    } else {
      await notify(ctx, trx, await unitRecipients(trx, a.unitId), {
        kind: approve ? 'extension.approved' : 'extension.refused',
        title: `延期申请${approve ? '已批准' : '未获同意'}：${label}`,
        body: approve
          ? `新的期限为 ${r.requested_due}（原为 ${r.original_due}）。`
          : `理由：${comment ?? ''}`,
        objectType: 'extension',
        objectId: id,
        planId: a.planId,
      });
    }
  });
}
