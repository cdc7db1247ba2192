import { describe, expect, it } from 'vitest';
import { assignmentScope, authorize } from './policy.ts';
import type { Principal } from './principal.ts';

const user = (roles: Principal['roles'], unitId = 'A'): Principal => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  unitId,
  unitName: 'A',
  unitFullName: 'A',
  unitKind: 'district',
  roles,
  mustChangePassword: false,
  passwordExpired: false,
  secondFactorEnrolled: false,
  secondFactorRequired: false,
  sessionId: 's',
  sessionExpiresAt: '',
  ip: null,
});

describe('authorize', () => {
  it('hides drafts from everyone but supervisors', () => {
    const draft = { type: 'plan', status: 'draft' } as const;
    expect(authorize(user(['supervisor']), 'plan.read', draft)).toBe(true);
    expect(authorize(user(['unit_leader']), 'plan.read', draft)).toBe(false);
    expect(authorize(user(['unit_leader']), 'plan.read', { type: 'plan', status: 'published' })).toBe(true);
    expect(authorize(user(['sysadmin']), 'plan.read', { type: 'plan', status: 'published' })).toBe(false);
  });

  it('shows a unit its own assignments and, as lead, the others on that measure', () => {
    const own = { type: 'assignment', unitId: 'A', leadUnitIds: ['C'] } as const;
    const led = { type: 'assignment', unitId: 'B', leadUnitIds: ['A'] } as const;
    const other = { type: 'assignment', unitId: 'B', leadUnitIds: ['C'] } as const;
    const staff = user(['unit_staff']);
    expect([own, led, other].map((r) => authorize(staff, 'assignment.read', r))).toEqual([true, true, false]);
    expect(authorize(user(['supervisor'], 'Z'), 'assignment.read', other)).toBe(true);
    expect(assignmentScope(staff)).toEqual({ kind: 'unit', unitId: 'A' });
    expect(assignmentScope(user(['supervisor']))).toEqual({ kind: 'all' });
  });

  it('keeps administrators to their own work and off their own account', () => {
    expect(authorize(user(['sysadmin']), 'user.create')).toBe(true);
    expect(authorize(user(['sysadmin']), 'user.setRoles')).toBe(false);
    expect(authorize(user(['secadmin']), 'user.setRoles', { type: 'user', userId: 'other' })).toBe(true);
    expect(authorize(user(['secadmin']), 'user.setRoles', { type: 'user', userId: 'u' })).toBe(false);
    expect(authorize(user(['auditor']), 'audit.read')).toBe(true);
    expect(authorize(user(['supervisor']), 'audit.read')).toBe(false);
    expect(authorize(user(['auditor']), 'plan.publish')).toBe(false);
  });
});
