/** 延期申请: a unit asks for a new date; the lead unit, then the office, approve or refuse. */
import { z } from 'zod';
import { FieldText, Id, IsoDate, IsoDateTime } from './common.ts';
import { RequestSignoff } from './signoff.ts';
import { Page, Paged, PageSize, Version } from './supervision-common.ts';

export const ExtensionState = z.enum(['pending_lead', 'pending_supervisor', 'approved', 'refused']);

export const RequestExtensionRequest = z.strictObject({
  /** The milestone to move, or null for the final deadline. */
  milestoneId: Id.nullable(),
  requestedDue: IsoDate,
  reason: FieldText.trim().min(1).max(4000),
});
export type RequestExtensionRequest = z.infer<typeof RequestExtensionRequest>;

export const ExtensionDecisionRequest = z
  .strictObject({
    version: Version,
    decision: z.enum(['approve', 'refuse']),
    comment: FieldText.max(2000).optional(),
  })
  .refine((r) => r.decision !== 'refuse' || (r.comment ?? '').trim().length > 0, {
    message: '不同意时须说明理由',
    path: ['comment'],
  });
export type ExtensionDecisionRequest = z.infer<typeof ExtensionDecisionRequest>;

export const ExtensionParams = z.strictObject({ extensionId: Id });

export const Extension = z.object({
  id: z.string(),
  planId: z.string(),
  assignmentId: z.string(),
  measureId: z.string(),
  task: z.number().int(),
  seq: z.number().int(),
  unitId: z.string(),
  unitName: z.string(),
  milestoneId: z.string().nullable(),
  /** What is moved: the milestone phrase, or the deadline phrase. */
  subject: z.string(),
  /** The date as written in the plan (kept on record). */
  originalDue: IsoDate,
  requestedDue: IsoDate,
  reason: z.string(),
  state: ExtensionState,
  requestedAt: IsoDateTime,
  requestedBy: z.string().nullable(),
  leadAt: IsoDateTime.nullable(),
  leadBy: z.string().nullable(),
  leadComment: z.string().nullable(),
  decidedAt: IsoDateTime.nullable(),
  decidedBy: z.string().nullable(),
  decisionComment: z.string().nullable(),
  version: z.number().int(),
  /** The requesting unit's own sign-off (null: the plan requires none). */
  signoff: RequestSignoff.nullable(),
  actions: z.object({ decide: z.boolean() }),
});
export type Extension = z.infer<typeof Extension>;

export const ExtensionResponse = z.object({ extension: Extension });

export const ExtensionsQuery = z.strictObject({
  planId: Id.optional(),
  state: ExtensionState.optional(),
  assignmentId: Id.optional(),
  /** `true`: only those waiting for the caller's decision. */
  awaitingMe: z.enum(['true', 'false']).optional(),
  page: Page,
  pageSize: PageSize,
});
export type ExtensionsQuery = z.infer<typeof ExtensionsQuery>;

export const ExtensionsResponse = z.object({ ...Paged, extensions: z.array(Extension) });
export type ExtensionsResponse = z.infer<typeof ExtensionsResponse>;
