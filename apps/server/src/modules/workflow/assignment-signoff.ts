/**
 * The unit's own sign-off of an extension or closure request held in it (see request-signoff.ts):
 * signed off, it goes on to the lead unit or the office as it would have without the setting; returned,
 * an extension request ends refused by its own leader and a closure request goes back to its draft.
 */
import type { ClosureRequestsTable, ExtensionRequestsTable } from '../../db/schema.ts';
import type { Action } from '../auth/policy.ts';
import { type AssignmentContext, ensureWritable } from '../supervision/assignment.ts';
import { assignmentLabel, notifyOutcome } from './assignment-requests.ts';
import type { Step, StepArgs } from './engine.ts';
import { ensureHeld, notifyReturned, notifySignoffNeeded, signedOff } from './request-signoff.ts';
import { type SignoffInput, signoffStep } from './signoff.ts';

type Held = ClosureRequestsTable | ExtensionRequestsTable;

export function assignmentSignoff<R extends Held>(spec: {
  kind: 'extension' | 'closure';
  label: string;
  action: Action;
  /** Where a returned request goes. */
  returned: R['state'];
  returnedSet?: Partial<R>;
  /** What the next deciders are told the request asks for. */
  describe: (r: R) => string;
}): Step<R, AssignmentContext, SignoffInput> {
  return signoffStep<R, AssignmentContext, SignoffInput>({
    from: ['pending_lead', 'pending_supervisor'] as R['state'][],
    wrongState: () => `${spec.label}不在待签发状态`,
    action: spec.action,
    unitId: (a) => a.row.unit_id,
    writtenBy: (a) => [a.row.requested_by],
    approved: (a) => a.row.state,
    rejected: spec.returned,
    guard: (a) => {
      ensureHeld(a.row, spec.label);
      ensureWritable(a.subject);
    },
    set: (a, to) => ({ ...signedOff(a), ...(to === spec.returned ? spec.returnedSet : {}) }) as Partial<R>,
    auditAction: (approve) => `${spec.kind}.${approve ? 'signoff' : 'signoff_return'}`,
    async after(a, to) {
      const label = assignmentLabel(a.subject);
      if (a.input.decision === 'approve')
        await notifyOutcome(a.ctx, a.trx, a.subject, to, {
          kind: `${spec.kind}.requested`,
          title: `${spec.label}：${label}`,
          body: spec.describe(a.row),
          objectType: spec.kind,
          objectId: a.row.id,
        });
      else
        await notifyReturned(a.ctx, a.trx, a.row.unit_id, a.row.requested_by, {
          kind: `${spec.kind}.signoff_returned`,
          title: `${spec.label}未获本单位领导签发：${label}`,
          body: `理由：${a.input.comment?.trim() ?? ''}`,
          objectType: spec.kind,
          objectId: a.row.id,
          planId: a.subject.planId,
        });
    },
  });
}

/** Tell the unit's leaders a request waits for their sign-off. */
export function askForSignoff(
  a: Pick<StepArgs<Held, AssignmentContext, unknown>, 'ctx' | 'trx' | 'subject'>,
  kind: 'extension' | 'closure',
  label: string,
  id: string,
  body: string,
) {
  return notifySignoffNeeded(a.ctx, a.trx, a.subject.unitId, {
    kind: `${kind}.pending_signoff`,
    title: `待签发：${label} ${assignmentLabel(a.subject)}`,
    body,
    objectType: kind,
    objectId: id,
    planId: a.subject.planId,
  });
}
