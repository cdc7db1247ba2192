/**
 * The unit's own sign-off as a workflow step: what one of a unit's people wrote (a notice reply, an
 * extension or closure request, a case's feedback) leaves the unit only once another of its leaders
 * approves it; a sole-signer unit (modules/signoff) is the audited exception. Rejected, it goes back
 * to the state it was written in.
 */
import type { Action } from '../auth/policy.ts';
import { signoffResource } from '../signoff/sole-signer.ts';
import type { Step, StepArgs, WorkflowRow } from './engine.ts';

export interface SignoffInput {
  version: number;
  decision: 'approve' | 'reject';
  comment?: string | null;
}

export interface SignoffSpec<R extends WorkflowRow, S, I extends SignoffInput> {
  from: readonly R['state'][];
  wrongState: (state: R['state']) => string;
  /** The policy action: its resource is the `signoff` one (the unit's leader, not the writer). */
  action: Action;
  unitId: (a: StepArgs<R, S, I>) => string;
  writtenBy: (a: StepArgs<R, S, I>) => readonly (string | null)[] | Promise<readonly (string | null)[]>;
  /** The state reached when approved (it may depend on the row: the lead step or the office). */
  approved: R['state'] | ((a: StepArgs<R, S, I>) => R['state']);
  /** The state reached when returned (it may depend on the row: a notice stays as it was). */
  rejected: R['state'] | ((a: StepArgs<R, S, I>) => R['state']);
  set?: (a: StepArgs<R, S, I>, to: R['state']) => Partial<R>;
  auditAction: (approve: boolean) => string;
  guard?: (a: StepArgs<R, S, I>) => void | Promise<void>;
  after?: (a: StepArgs<R, S, I>, to: R['state']) => Promise<void>;
}

function outcome<R extends WorkflowRow, S, I>(
  to: R['state'] | ((a: StepArgs<R, S, I>) => R['state']),
  a: StepArgs<R, S, I>,
): R['state'] {
  return typeof to === 'function' ? to(a) : to;
}

export function signoffStep<R extends WorkflowRow, S, I extends SignoffInput = SignoffInput>(
  spec: SignoffSpec<R, S, I>,
): Step<R, S, I> {
  return {
    from: spec.from,
    wrongState: spec.wrongState,
    action: spec.action,
    resource: async (a) => signoffResource(a.trx, spec.unitId(a), await spec.writtenBy(a)),
    guard: spec.guard,
    to: (a) => (a.input.decision === 'reject' ? outcome(spec.rejected, a) : outcome(spec.approved, a)),
    set: spec.set,
    audit: (a, to) => {
      const comment = a.input.comment?.trim() || null;
      return {
        action: spec.auditAction(a.input.decision === 'approve'),
        after: { state: to },
        detail: comment ? { comment } : undefined,
      };
    },
    after: spec.after,
  };
}
