/**
 * Authorization, in one place: which roles may perform each action, and which resources they may
 * touch. Routes name their action; services pass the resource. Nothing else decides access.
 */
import type { UserRole } from '@lantian/contract';
import { AppError } from '../../errors.ts';
import type { Principal } from './principal.ts';

export const BUSINESS_ROLES: readonly UserRole[] = ['supervisor', 'unit_leader', 'unit_staff', 'viewer'];
const SUPERVISOR: readonly UserRole[] = ['supervisor'];

/** Resources the rules look at. */
export type Resource =
  | { type: 'plan'; status: 'draft' | 'published' | 'archived' }
  | { type: 'assignment'; unitId: string; leadUnitIds: readonly string[] }
  | { type: 'user'; userId: string };

interface Rule {
  roles: readonly UserRole[] | 'any';
  /** Further condition on the resource, when one is given. */
  resource?: (p: Principal, r: Resource) => boolean;
}

const planVisible = (p: Principal, r: Resource) =>
  r.type === 'plan' && (r.status !== 'draft' || p.roles.includes('supervisor'));

const notSelf = (p: Principal, r: Resource) => r.type === 'user' && r.userId !== p.userId;

export const POLICY = {
  /** Anyone signed in, even before the forced password change. */
  'self.read': { roles: 'any' },
  'self.logout': { roles: 'any' },
  'self.changePassword': { roles: 'any' },
  'directory.read': { roles: 'any' },
  'directory.createUnit': { roles: ['sysadmin', 'supervisor'] },
  'assignment.readOwn': { roles: BUSINESS_ROLES },
  /** Assignments of a plan: supervisors see all; others their unit's, and all on measures their unit leads. */
  'assignment.read': {
    roles: BUSINESS_ROLES,
    resource: (p, r) =>
      r.type === 'assignment' &&
      (p.roles.includes('supervisor') || r.unitId === p.unitId || r.leadUnitIds.includes(p.unitId)),
  },
  'plan.list': { roles: BUSINESS_ROLES },
  'plan.read': { roles: BUSINESS_ROLES, resource: planVisible },
  'plan.document': { roles: BUSINESS_ROLES, resource: planVisible },
  'plan.import': { roles: SUPERVISOR },
  'plan.review': { roles: SUPERVISOR },
  'plan.decide': { roles: SUPERVISOR },
  'plan.correct': { roles: SUPERVISOR },
  'plan.publish': { roles: SUPERVISOR },
  'plan.archive': { roles: SUPERVISOR },
  'user.list': { roles: ['sysadmin', 'secadmin'] },
  'user.create': { roles: ['sysadmin'] },
  'user.disable': { roles: ['sysadmin'], resource: notSelf },
  'user.enable': { roles: ['sysadmin'], resource: notSelf },
  'user.resetPassword': { roles: ['sysadmin'], resource: notSelf },
  'user.setRoles': { roles: ['secadmin'], resource: notSelf },
  'user.unlock': { roles: ['secadmin'] },
  'audit.read': { roles: ['auditor'] },
  'audit.verify': { roles: ['auditor'] },
} satisfies Record<string, Rule>;

export type Action = keyof typeof POLICY;

/** Actions allowed while the password must still be changed. */
export const ALLOWED_BEFORE_PASSWORD_CHANGE: ReadonlySet<Action> = new Set([
  'self.read',
  'self.logout',
  'self.changePassword',
]);

export function isAction(a: string): a is Action {
  return Object.hasOwn(POLICY, a);
}

/** May this user perform this action (on this resource, when one is given)? */
export function authorize(user: Principal, action: Action, resource?: Resource): boolean {
  const rule: Rule = POLICY[action];
  if (rule.roles !== 'any' && !user.roles.some((r) => (rule.roles as readonly UserRole[]).includes(r)))
    return false;
  if (resource && rule.resource) return rule.resource(user, resource);
  return true;
}

export function ensureAuthorized(user: Principal, action: Action, resource?: Resource): void {
  if (!authorize(user, action, resource)) throw new AppError('FORBIDDEN', '无权执行此操作');
}

/** Which assignments of a plan a user may list. */
export type AssignmentScope = { kind: 'all' } | { kind: 'unit'; unitId: string };

export function assignmentScope(user: Principal): AssignmentScope {
  return user.roles.includes('supervisor') ? { kind: 'all' } : { kind: 'unit', unitId: user.unitId };
}
