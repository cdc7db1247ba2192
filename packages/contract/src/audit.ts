import { z } from 'zod';
import { FieldText, Id, IsoDateTime } from './common.ts';

export const AuditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  /** Page backwards: events with a sequence number below this one. */
  /** A cursor: the `seq` of the oldest record shown (an int4 in PostgreSQL). */
  before: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
  action: FieldText.max(100).optional(),
  userId: Id.optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  /** Words (separated by spaces), each found in the user name, unit, IP address or object id. */
  q: FieldText.trim().max(100).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEvent = z.object({
  seq: z.number().int(),
  id: z.string(),
  at: IsoDateTime,
  userId: z.string().nullable(),
  username: z.string().nullable(),
  roles: z.array(z.string()),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  outcome: z.enum(['success', 'failure', 'denied']),
  before: z.unknown(),
  after: z.unknown(),
  detail: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditResponse = z.object({
  events: z.array(AuditEvent),
  nextBefore: z.number().int().nullable(),
});
export type AuditResponse = z.infer<typeof AuditResponse>;

/** Each kind of break `audit verify` reports, one line each. */
export const AuditBreakKind = z.enum([
  'rewritten',
  'broken_link',
  'forged',
  'missing_records',
  'truncated',
  'wiped',
  'missing_checkpoint',
  'bad_checkpoint',
  'bad_archive',
  'keying',
]);
export type AuditBreakKind = z.infer<typeof AuditBreakKind>;

export const AuditVerifyResponse = z.object({
  ok: z.boolean(),
  /** Records read, archives included. */
  checked: z.number().int(),
  /** Of those, records read from archive files. */
  archived: z.number().int(),
  /** Valid checkpoints found outside the database. */
  checkpoints: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), id: z.string().nullable(), reason: z.string() }).nullable(),
  breaks: z.array(
    z.object({
      kind: AuditBreakKind,
      seq: z.number().int().nullable(),
      id: z.string().nullable(),
      reason: z.string(),
    }),
  ),
});
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponse>;
