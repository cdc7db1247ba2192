import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { DialectName, Executor } from '../../db/connect.ts';
import type { AuditEventsTable, Database } from '../../db/schema.ts';
import type { Actor } from './actor.ts';
import { GENESIS_HASH, keyedAuditHash } from './audit.hash.ts';
import { auditPage, insertAuditEvent, lastAuditEvent, lockAuditChain } from './audit.repository.ts';

export interface AuditInput {
  action: string;
  objectType?: string;
  objectId?: string;
  outcome?: 'success' | 'failure' | 'denied';
  before?: unknown;
  after?: unknown;
  detail?: unknown;
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/**
 * Append one audit record inside the caller's transaction: if the record cannot be written, the
 * change it describes is rolled back with it. The record's hash is an HMAC under the audit key
 * (kept outside the database). Returns the record's sequence number.
 */
export async function recordAudit(
  trx: Transaction<Database>,
  dialect: DialectName,
  clock: Clock,
  actor: Actor,
  input: AuditInput,
  key: Buffer,
): Promise<number> {
  await lockAuditChain(trx, dialect);
  const last = await lastAuditEvent(trx);
  const row: Omit<AuditEventsTable, 'hash'> = {
    seq: (last?.seq ?? 0) + 1,
    id: randomUUID(),
    at: clock.now().toISOString(),
    user_id: actor.userId,
    username: actor.username,
    roles: JSON.stringify(actor.roles),
    unit_id: actor.unitId,
    unit_name: actor.unitName,
    ip: actor.ip,
    action: input.action,
    object_type: input.objectType ?? null,
    object_id: input.objectId ?? null,
    outcome: input.outcome ?? 'success',
    before: json(input.before),
    after: json(input.after),
    detail: json(input.detail),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await insertAuditEvent(trx, { ...row, hash: keyedAuditHash(row, key) });
  return row.seq;
}

const parse = (v: string | null): unknown => (v === null ? null : JSON.parse(v));

/** An audit record as the API presents it. */
export function presentAuditEvent(e: AuditEventsTable) {
  return {
    seq: e.seq,
    id: e.id,
    at: e.at,
    userId: e.user_id,
    username: e.username,
    roles: JSON.parse(e.roles) as string[],
    unitId: e.unit_id,
    unitName: e.unit_name,
    ip: e.ip,
    action: e.action,
    objectType: e.object_type,
    objectId: e.object_id,
    outcome: e.outcome,
    before: parse(e.before),
    after: parse(e.after),
    detail: parse(e.detail),
    prevHash: e.prev_hash,
    hash: e.hash,
  };
}

/** The search words of an audit query (split on spaces, NFKC-folded as the page folds them). */
export const auditWords = (q: string | undefined) => (q ?? '').normalize('NFKC').split(/\s+/).filter(Boolean);

export async function listAuditEvents(
  db: Executor,
  q: { limit?: number; before?: number; action?: string; userId?: string; outcome?: string; q?: string },
) {
  const limit = q.limit ?? 100;
  const rows = await auditPage(db, {
    beforeSeq: q.before,
    limit,
    action: q.action,
    userId: q.userId,
    outcome: q.outcome,
    words: auditWords(q.q),
    order: 'desc',
  });
  return {
    events: rows.map(presentAuditEvent),
    nextBefore: rows.length === limit ? (rows[rows.length - 1]?.seq ?? null) : null,
  };
}
