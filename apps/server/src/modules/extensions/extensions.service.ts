/**
 * 延期申请: a unit asks to move a milestone or its final deadline, with a reason. The lead unit's leader
 * decides first (unless the requester leads the measure), then the office. The plan's date stays on
 * record; an approved date drives the lights from then on.
 */
import type { ExtensionDecisionRequest, RequestExtensionRequest } from '@lantian/contract';
import { finalDue } from '@lantian/core';
import type { AppContext } from '../../context.ts';
import type { ExtensionRequestsTable } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Principal } from '../auth/principal.ts';
import { refreshAssignments } from '../status/summary.ts';
import type { AssignmentContext } from '../supervision/assignment.ts';
import { parseDay } from '../supervision/day.ts';
import { firstStage } from '../supervision/requests.ts';
import {
  assignmentLabel,
  assignmentRequestKind,
  createRequest,
  notifyOutcome,
  stagedDecision,
} from '../workflow/assignment-requests.ts';
import { askForSignoff, assignmentSignoff } from '../workflow/assignment-signoff.ts';
import { isHeld, signoffOnWrite } from '../workflow/request-signoff.ts';

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

export const extensions = assignmentRequestKind({
  table: 'extension_requests',
  label: '延期申请',
  objectType: 'extension_request',
  read: 'extension.read',
});

export function requestExtension(
  ctx: AppContext,
  user: Principal,
  assignmentId: string,
  input: RequestExtensionRequest,
): Promise<string> {
  if (!parseDay(input.requestedDue))
    throw new AppError('INVALID_INPUT', `requestedDue：${input.requestedDue} 不是有效日期`);
  return createRequest(ctx, user, assignmentId, extensions, {
    action: 'extension.request',
    audit: 'extension.request',
    async write(trx, a) {
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
      const columns = {
        milestone_id: input.milestoneId,
        original_due: subject.original,
        requested_due: input.requestedDue,
        reason: input.reason,
        state: firstStage(a),
        ...(await signoffOnWrite(trx, a.planId)),
      };
      const body = `${subject.label}申请由 ${subject.current} 延至 ${input.requestedDue}：${input.reason}`;
      return {
        columns,
        after: {
          assignmentId: a.id,
          subject: subject.label,
          from: subject.current,
          to: input.requestedDue,
          state: columns.state,
          ...(isHeld(columns) ? { signoff: 'pending' } : {}),
        },
        notify: (row) =>
          isHeld(row)
            ? askForSignoff({ ctx, trx, subject: a }, 'extension', '延期申请', row.id, body)
            : notifyOutcome(ctx, trx, a, row.state, {
                kind: 'extension.requested',
                title: `延期申请：${assignmentLabel(a)}`,
                body,
                objectType: 'extension',
                objectId: row.id,
              }),
      };
    },
  });
}

const decide = stagedDecision<ExtensionRequestsTable, ExtensionDecisionRequest>({
  action: 'extension.decide',
  label: '延期申请',
  wrongState: () => '该延期申请已审批完毕',
  approve: 'approve',
  approved: 'approved',
  refused: 'refused',
  auditAction: (stage, approve) => `extension.${stage}_${approve ? 'approve' : 'refuse'}`,
  auditAfter: (x, to) => ({ state: to, due: to === 'approved' ? x.row.requested_due : undefined }),
  auditDetail: (_x, comment) => (comment ? { comment } : undefined),
  async after(x, to) {
    const { row: r, subject: a } = x;
    if (to === 'approved') await refreshAssignments(x.ctx, x.trx, a.planId, [a.id]);
    const label = assignmentLabel(a);
    const approve = x.input.decision === 'approve';
    const forward = to === 'pending_supervisor';
    await notifyOutcome(x.ctx, x.trx, a, to, {
      kind: forward ? 'extension.requested' : approve ? 'extension.approved' : 'extension.refused',
      title: forward
        ? `延期申请（牵头单位已同意）：${label}`
        : `延期申请${approve ? '已批准' : '未获同意'}：${label}`,
      body: forward
        ? `申请延至 ${r.requested_due}：${r.reason}`
        : approve
          ? `新的期限为 ${r.requested_due}（原为 ${r.original_due}）。`
          : `理由：${x.input.comment?.trim() || ''}`,
      objectType: 'extension',
      objectId: r.id,
    });
  },
});

/** The requesting unit's leader signs the held request off (it goes on) or returns it (it ends). */
const signoff = assignmentSignoff<ExtensionRequestsTable>({
  kind: 'extension',
  label: '延期申请',
  action: 'extension.signoff',
  returned: 'refused',
  describe: (r) => `申请延至 ${r.requested_due}：${r.reason}`,
});

export const extensionSteps = { decide, signoff };
