/**
 * 销号: the unit drafts a closure request, attaches evidence and submits it; the lead unit's leader
 * confirms (unless the requester leads the measure); the office closes it. A closed assignment is
 * locked — no report, request or evidence changes — and counts as done everywhere.
 */
import type { ClosureDecisionRequest, CreateClosureRequest } from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { ClosureRequestsTable } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Principal } from '../auth/principal.ts';
import { endExtensionsOnClosure } from '../extensions/extensions.closure.ts';
import { refreshAssignments } from '../status/summary.ts';
import { type AssignmentContext, assignmentResource, ensureWritable } from '../supervision/assignment.ts';
import { todayOf } from '../supervision/day.ts';
import { firstStage } from '../supervision/requests.ts';
import {
  assignmentLabel,
  assignmentRequestKind,
  createRequest,
  notifyOutcome,
  stagedDecision,
} from '../workflow/assignment-requests.ts';
import { askForSignoff, assignmentSignoff } from '../workflow/assignment-signoff.ts';
import type { Step } from '../workflow/engine.ts';
import { requireEvidence } from '../workflow/evidence.ts';
import { isHeld, signoffOnWrite } from '../workflow/request-signoff.ts';

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

export const closures = assignmentRequestKind({
  table: 'closure_requests',
  label: '销号申请',
  objectType: 'closure_request',
  read: 'closure.read',
});

export function createClosure(
  ctx: AppContext,
  user: Principal,
  assignmentId: string,
  input: CreateClosureRequest,
): Promise<string> {
  return createRequest(ctx, user, assignmentId, closures, {
    action: 'closure.request',
    audit: 'closure.create',
    async write(trx, a) {
      if (await openClosureOf(trx, a.id))
        throw new AppError('INVALID_STATE', '本项任务已有一份未办结的销号申请');
      return {
        columns: {
          summary: input.summary,
          state: 'draft' as const,
          submitted_at: null,
          closed_on: null,
          signoff_state: null,
          signed_off_by: null,
          signed_off_at: null,
          signoff_comment: null,
        },
        after: { assignmentId: a.id, state: 'draft' },
      };
    },
  });
}

/** Send the draft on, with at least one evidence file. */
const submit: Step<ClosureRequestsTable, AssignmentContext, { version: number }, SubmitPrepared> = {
  from: ['draft'],
  wrongState: () => '销号申请已提交',
  action: 'closure.request',
  resource: (x) => assignmentResource(x.subject),
  checks: ['authorize', 'guard', 'version', 'state'],
  guard: (x) => ensureWritable(x.subject),
  prepare: async (x) => {
    await requireEvidence(x.trx, 'closure', x.row.id, '销号须附佐证材料：请先上传至少一个文件');
    return signoffOnWrite(x.trx, x.subject.planId);
  },
  to: (x) => firstStage(x.subject),
  set: (x) => ({ submitted_at: x.now, ...x.prepared }),
  audit: (x, to) => ({
    action: 'closure.submit',
    before: { state: 'draft' },
    after: { state: to, ...(isHeld(x.prepared) ? { signoff: 'pending' } : {}) },
  }),
  after: (x, to) =>
    isHeld(x.prepared)
      ? askForSignoff(x, 'closure', '销号申请', x.row.id, x.row.summary.slice(0, 500))
      : notifyOutcome(x.ctx, x.trx, x.subject, to, {
          kind: 'closure.requested',
          title: `销号申请：${assignmentLabel(x.subject)}`,
          body: x.row.summary.slice(0, 500),
          objectType: 'closure',
          objectId: x.row.id,
        }),
};
type SubmitPrepared = Awaited<ReturnType<typeof signoffOnWrite>>;

/** The requesting unit's leader signs the held request off (it goes on) or returns it to its draft. */
const signoff = assignmentSignoff<ClosureRequestsTable>({
  kind: 'closure',
  label: '销号申请',
  action: 'closure.signoff',
  returned: 'draft',
  returnedSet: { submitted_at: null },
  describe: (r) => r.summary.slice(0, 500),
});

const decide = stagedDecision<ClosureRequestsTable, ClosureDecisionRequest>({
  action: 'closure.decide',
  label: '销号申请',
  wrongState: (s) => (s === 'draft' ? '销号申请尚未提交' : '销号申请已办结'),
  approve: 'approve',
  approved: 'closed',
  refused: 'rejected',
  auditAction: (stage, approve) =>
    stage === 'lead'
      ? `closure.lead_${approve ? 'confirm' : 'reject'}`
      : `closure.${approve ? 'close' : 'reject'}`,
  finalSet: (x, approve) => ({ closed_on: approve ? todayOf(x.ctx.clock) : null }),
  auditAfter: (x, to) => ({ state: to, ...(to === 'closed' ? { closedOn: todayOf(x.ctx.clock) } : {}) }),
  auditDetail: (x, comment) => ({ assignmentId: x.subject.id, ...(comment ? { comment } : {}) }),
  async after(x, to) {
    const a = x.subject;
    const closedOn = todayOf(x.ctx.clock);
    if (to === 'closed') {
      await endExtensionsOnClosure(x.ctx, x.trx, x.user, a.id, closedOn);
      await refreshAssignments(x.ctx, x.trx, a.planId, [a.id]);
    }
    const label = assignmentLabel(a);
    const comment = x.input.comment?.trim() || null;
    await notifyOutcome(x.ctx, x.trx, a, to, {
      kind:
        to === 'pending_supervisor'
          ? 'closure.requested'
          : to === 'closed'
            ? 'closure.closed'
            : 'closure.rejected',
      title:
        to === 'pending_supervisor'
          ? `销号申请（牵头单位已确认）：${label}`
          : to === 'closed'
            ? `已销号：${label}`
            : `销号申请被驳回：${label}`,
      body:
        to === 'pending_supervisor'
          ? x.row.summary.slice(0, 500)
          : to === 'closed'
            ? `该项任务已于 ${closedOn} 销号。`
            : `理由：${comment ?? ''}`,
      objectType: 'closure',
      objectId: x.row.id,
    });
  },
});

export const closureSteps = { submit, signoff, decide };
