import { createHash } from 'node:crypto';
import type { AuditEventsTable } from '../../db/schema.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** The hash of one record: every field in a fixed order, chained to the previous record's hash. */
export function auditHash(e: Omit<AuditEventsTable, 'hash'>): string {
  const fields = [
    e.seq,
    e.id,
    e.at,
    e.user_id,
    e.username,
    e.roles,
    e.unit_id,
    e.unit_name,
    e.ip,
    e.action,
    e.object_type,
    e.object_id,
    e.outcome,
    e.before,
    e.after,
    e.detail,
    e.prev_hash,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}
