/** 销号: the unit requests closure with evidence, the lead unit confirms, the office closes. */
import { z } from 'zod';
import { FieldText, Id, IsoDate, IsoDateTime } from './common.ts';
import { RequestSignoff } from './signoff.ts';
import { Attachment, Page, Paged, PageSize, Version } from './supervision-common.ts';

export const ClosureState = z.enum(['draft', 'pending_lead', 'pending_supervisor', 'closed', 'rejected']);

export const CreateClosureRequest = z.strictObject({ summary: FieldText.trim().min(1).max(8000) });
export type CreateClosureRequest = z.infer<typeof CreateClosureRequest>;

export const SubmitClosureRequest = z.strictObject({ version: Version });

export const ClosureDecisionRequest = z
  .strictObject({
    version: Version,
    /** The lead unit confirms (`approve`) or rejects; the office closes (`approve`) or rejects. */
    decision: z.enum(['approve', 'reject']),
    comment: FieldText.max(2000).optional(),
  })
  .refine((r) => r.decision !== 'reject' || (r.comment ?? '').trim().length > 0, {
    message: '驳回时须说明理由',
    path: ['comment'],
  });
export type ClosureDecisionRequest = z.infer<typeof ClosureDecisionRequest>;

export const ClosureParams = z.strictObject({ closureId: Id });

export const Closure = z.object({
  id: z.string(),
  planId: z.string(),
  assignmentId: z.string(),
  measureId: z.string(),
  task: z.number().int(),
  seq: z.number().int(),
  unitId: z.string(),
  unitName: z.string(),
  summary: z.string(),
  state: ClosureState,
  requestedAt: IsoDateTime,
  requestedBy: z.string().nullable(),
  submittedAt: IsoDateTime.nullable(),
  leadAt: IsoDateTime.nullable(),
  leadBy: z.string().nullable(),
  leadComment: z.string().nullable(),
  decidedAt: IsoDateTime.nullable(),
  decidedBy: z.string().nullable(),
  decisionComment: z.string().nullable(),
  closedOn: IsoDate.nullable(),
  version: z.number().int(),
  evidence: z.array(Attachment),
  /** The requesting unit's own sign-off (null: the plan requires none). */
  signoff: RequestSignoff.nullable(),
  actions: z.object({ submit: z.boolean(), decide: z.boolean(), uploadEvidence: z.boolean() }),
});
export type Closure = z.infer<typeof Closure>;

export const ClosureResponse = z.object({ closure: Closure });

export const ClosuresQuery = z.strictObject({
  planId: Id.optional(),
  state: ClosureState.optional(),
  assignmentId: Id.optional(),
  awaitingMe: z.enum(['true', 'false']).optional(),
  page: Page,
  pageSize: PageSize,
});
export type ClosuresQuery = z.infer<typeof ClosuresQuery>;

export const ClosuresResponse = z.object({ ...Paged, closures: z.array(Closure) });
export type ClosuresResponse = z.infer<typeof ClosuresResponse>;
