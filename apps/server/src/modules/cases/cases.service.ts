/** Problem cases' use cases: enter one, take a step (each on the workflow engine), settings. */
import type { CreateCaseRequest } from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { Principal } from '../auth/principal.ts';
import { actorOf } from '../auth/principal.ts';
import { type Step, takeStep } from '../workflow/engine.ts';
import { createCase } from './cases.create.ts';
import { type CaseRow, caseKind } from './cases.kind.ts';
import {
  checkStep,
  decideExtensionStep,
  dispatchStep,
  feedbackStep,
  rectifyStep,
  requestExtensionStep,
  revisitStep,
  signStep,
  verifyStep,
} from './cases.steps.ts';

export const CASE_STEPS = {
  verify: verifyStep,
  dispatch: dispatchStep,
  sign: signStep,
  rectify: rectifyStep,
  feedback: feedbackStep,
  check: checkStep,
  revisit: revisitStep,
  extension: requestExtensionStep,
  extensionDecision: decideExtensionStep,
} as const;
export type CaseStepName = keyof typeof CASE_STEPS;

/** Take one step of a case; all of it (row, timeline, audit, notifications) is written, or nothing. */
export async function takeCaseStep<I extends { version: number }>(
  ctx: AppContext,
  user: Principal,
  name: CaseStepName,
  id: string,
  input: I,
): Promise<CaseRow['state']> {
  const step = CASE_STEPS[name] as unknown as Step<CaseRow, null, I, unknown>;
  return takeStep(ctx, user, caseKind, step, id, input);
}

/** The office enters a case found by an inspection, a complaint, a monitoring value, or by hand. */
export async function enterCase(ctx: AppContext, user: Principal, input: CreateCaseRequest): Promise<string> {
  if (input.measureId) {
    const m = await ctx.db.kysely
      .selectFrom('measures')
      .select('id')
      .where('id', '=', input.measureId)
      .executeTakeFirst();
    if (!m) throw new AppError('VALIDATION_FAILED', `measureId：措施 ${input.measureId} 不存在`);
  }
  const created = await createCase(ctx, actorOf(user), user, {
    ...input,
    source: input.origin,
    externalId: null,
  });
  return created.id;
}
