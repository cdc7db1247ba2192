import { describe, expect, it } from 'vitest';
import {
  auditHash,
  GENESIS_HASH,
  KEYED_ALGORITHM,
  keyedAuditHash,
  sign,
  signatureValid,
} from './audit.hash.ts';

const base = {
  seq: 1,
  id: 'x',
  at: '2022-01-01T00:00:00.000Z',
  user_id: null,
  username: 'cli',
  roles: '[]',
  unit_id: null,
  unit_name: null,
  ip: null,
  action: 'test',
  object_type: null,
  object_id: null,
  outcome: 'success' as const,
  before: null,
  after: null,
  detail: null,
  prev_hash: GENESIS_HASH,
};
const key = Buffer.alloc(32, 7);
const changes = { seq: 2, action: 'other', detail: '{}', prev_hash: 'f'.repeat(64), user_id: 'u' };

describe('auditHash (records before the chain was keyed)', () => {
  it('changes when any field or the previous hash changes', () => {
    const h = auditHash(base);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash({ ...base })).toBe(h);
    for (const [k, v] of Object.entries(changes)) expect(auditHash({ ...base, [k]: v }), k).not.toBe(h);
  });
});

describe('keyedAuditHash', () => {
  it('uses HMAC-SM3 where available, depends on every field and on the key', () => {
    expect(KEYED_ALGORITHM).toBe('hmac-sm3');
    const h = keyedAuditHash(base, key);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toBe(auditHash(base));
    expect(keyedAuditHash(base, Buffer.alloc(32, 8))).not.toBe(h);
    for (const [k, v] of Object.entries(changes))
      expect(keyedAuditHash({ ...base, [k]: v }, key), k).not.toBe(h);
  });

  it('checks signatures in constant time and refuses junk', () => {
    const mac = sign(key, 'text');
    expect(signatureValid(key, 'text', mac)).toBe(true);
    expect(signatureValid(key, 'text2', mac)).toBe(false);
    expect(signatureValid(key, 'text', 'zz')).toBe(false);
    expect(signatureValid(key, 'text', sign(key, 'text', 'hmac-sha256'), 'hmac-sha256')).toBe(true);
  });
});
