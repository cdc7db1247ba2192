import { createHash, createHmac, getHashes, timingSafeEqual } from 'node:crypto';
import type { AuditEventsTable } from '../../db/schema.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** HMAC-SM3 where Node's OpenSSL has SM3 (GB/T 32905), else HMAC-SHA-256. */
export const KEYED_ALGORITHM: 'hmac-sm3' | 'hmac-sha256' = getHashes().includes('sm3')
  ? 'hmac-sm3'
  : 'hmac-sha256';

type Unhashed = Omit<AuditEventsTable, 'hash'>;

/** Every field of a record in a fixed order, chained to the previous record's hash. */
function canonical(e: Unhashed): string {
  return JSON.stringify([
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
  ]);
}

/** The unkeyed hash of records written before the chain was keyed (kept to verify them). */
export function auditHash(e: Unhashed): string {
  return createHash('sha256').update(canonical(e)).digest('hex');
}

/** A keyed MAC of a text, hex. */
export function sign(key: Buffer, text: string, algorithm: string = KEYED_ALGORITHM): string {
  const hash = algorithm === 'hmac-sm3' ? 'sm3' : 'sha256';
  return createHmac(hash, key).update(text).digest('hex');
}

/** Whether `mac` is the MAC of `text` (constant time). */
export function signatureValid(key: Buffer, text: string, mac: string, algorithm?: string): boolean {
  const want = Buffer.from(sign(key, text, algorithm), 'hex');
  const got = Buffer.from(/^[0-9a-f]*$/i.test(mac) ? mac : '', 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}

/** The keyed hash of a record: an HMAC of the same fields, so nobody without the key can recompute it. */
export function keyedAuditHash(e: Unhashed, key: Buffer, algorithm: string = KEYED_ALGORITHM): string {
  return sign(key, `lantian-audit-v2\n${canonical(e)}`, algorithm);
}
