import { describe, expect, it } from 'vitest';
import { auditHash, GENESIS_HASH } from './audit.hash.ts';

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

describe('auditHash', () => {
  it('changes when any field or the previous hash changes', () => {
    const h = auditHash(base);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash({ ...base })).toBe(h);
    for (const [k, v] of Object.entries({
      seq: 2,
      action: 'other',
      detail: '{}',
      prev_hash: 'f'.repeat(64),
      user_id: 'u',
    })) {
      expect(auditHash({ ...base, [k]: v }), k).not.toBe(h);
    }
  });
});
