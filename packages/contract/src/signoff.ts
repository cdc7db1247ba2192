import { z } from 'zod';
import { FieldText, Id, IsoDateTime } from './common.ts';

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
