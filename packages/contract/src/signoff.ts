import { z } from 'zod';
import { FieldText, Id, IsoDateTime } from './common.ts';
import { Page, Paged, PageSize, Version } from './supervision-common.ts';

export const SignoffUnitParams = z.strictObject({ unitId: Id });

/**
 * Four eyes at a unit's sign-off: the office may mark a one-person unit a sole signer (its leader then
 * signs off what it wrote itself). An explicit setting with a reason, audited.
 */
export const SoleSignerRequest = z.strictObject({
  soleSigner: z.boolean(),
  reason: FieldText.trim().min(1).max(500),
});
export type SoleSignerRequest = z.infer<typeof SoleSignerRequest>;

export const SoleSignerResponse = z.object({
  unitId: z.string(),
  soleSigner: z.boolean(),
  reason: z.string().nullable(),
  updatedAt: IsoDateTime.nullable(),
});
export type SoleSignerResponse = z.infer<typeof SoleSignerResponse>;

/** A request's own-unit sign-off, when its plan requires one: held, signed off, or returned. */
export const RequestSignoffState = z.enum(['pending', 'approved', 'returned']);
export type RequestSignoffState = z.infer<typeof RequestSignoffState>;

export const RequestSignoff = z.object({
  state: RequestSignoffState,
  by: z.string().nullable(),
  at: IsoDateTime.nullable(),
  comment: z.string().nullable(),
});
export type RequestSignoff = z.infer<typeof RequestSignoff>;

/** The unit leader signs a held reply or request off, or returns it (with the reason). */
export const RequestSignoffRequest = z
  .strictObject({
    version: Version,
    decision: z.enum(['approve', 'reject']),
    comment: FieldText.max(2000).optional(),
  })
  .refine((r) => r.decision !== 'reject' || (r.comment ?? '').trim().length > 0, {
    message: '退回时须说明理由',
    path: ['comment'],
  });
export type RequestSignoffRequest = z.infer<typeof RequestSignoffRequest>;

export const SignoffItemKind = z.enum(['notice', 'extension', 'closure']);
export type SignoffItemKind = z.infer<typeof SignoffItemKind>;

/** One reply or request held for the caller's unit's sign-off. */
export const SignoffItem = z.object({
  kind: SignoffItemKind,
  /** The notice, extension or closure request (what the sign-off route takes). */
  id: z.string(),
  version: z.number().int(),
  planId: z.string(),
  /** The unit it was written in (the caller's own: requests are signed off inside their unit). */
  unitName: z.string(),
  /** Measure numbers it concerns (`1.2`, or several for a notice). */
  measures: z.array(z.string()),
  /** The request's own words: the reply, the reason for the new date, the closure summary. */
  text: z.string(),
  /** For an extension request: the date asked for. */
  requestedDue: z.string().nullable(),
  writtenBy: z.string().nullable(),
  writtenAt: IsoDateTime,
  /** False when the caller wrote it (another leader signs, four eyes). */
  canSignOff: z.boolean(),
});
export type SignoffItem = z.infer<typeof SignoffItem>;

export const SignoffQueueQuery = z.strictObject({ page: Page, pageSize: PageSize });
export type SignoffQueueQuery = z.infer<typeof SignoffQueueQuery>;

export const SignoffQueueResponse = z.object({ ...Paged, items: z.array(SignoffItem) });
export type SignoffQueueResponse = z.infer<typeof SignoffQueueResponse>;
