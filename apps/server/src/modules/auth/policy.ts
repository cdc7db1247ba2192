/**
 * Authorization, in one place: which roles may perform each action, and which resources they may
 * touch. Routes name their action; services pass the resource. Nothing else decides access.
 */
import { ADMIN_ROLES, type UserRole } from '@lantian/contract';
import { AppError } from '../../errors.ts';
import type { Principal } from './principal.ts';

export const BUSINESS_ROLES: readonly UserRole[] = ['supervisor', 'unit_leader', 'unit_staff', 'viewer'];
const SUPERVISOR: readonly UserRole[] = ['supervisor'];
/** The people of a unit who do its work: draft, submit, answer. */
const UNIT_WORKERS: readonly UserRole[] = ['unit_staff', 'unit_leader'];
const REVIEWERS: readonly UserRole[] = ['supervisor', 'unit_leader', 'unit_staff'];

/** Resources the rules look at. */
export type Resource =
  | { type: 'plan'; status: 'draft' | 'published' | 'archived' }
  | { type: 'assignment'; unitId: string; leadUnitIds: readonly string[] }
  /**
   * An account acted on; `roles`, its roles (the administrators' own accounts are out of reach);
   * `newRoles`, the roles a role change would give it.
   */
  | { type: 'user'; userId: string; roles?: readonly UserRole[]; newRoles?: readonly UserRole[] }
  /**
   * A report under review: by the measure's lead units, or by the office when the reporter leads it.
   * `handledBy`: the accounts that already wrote, signed or decided it (four eyes: none of them reviews it).
   */
  | {
      type: 'review';
      unitId: string;
      leadUnitIds: readonly string[];
      route: 'lead' | 'supervisor';
      handledBy?: readonly (string | null)[];
    }
  /** A request (extension, closure, a notice's reply) at the lead unit's step or the office's step. */
  | {
      type: 'decision';
      stage: 'lead' | 'supervisor';
      unitId: string;
      leadUnitIds: readonly string[];
      handledBy?: readonly (string | null)[];
    }
  /**
   * A unit's own sign-off of what its people wrote (a report; a reply or request when the plan asks for
   * it). `writtenBy`: who wrote it (four eyes: none of them signs it), unless the office marked the unit
   * a sole signer (`soleSigner`: one person, an explicit and audited setting).
   */
  | { type: 'signoff'; unitId: string; writtenBy: readonly (string | null)[]; soleSigner: boolean }
  /** Something that belongs to one unit: a notice issued to it, its own assignment's records. */
  | { type: 'unitOwned'; unitId: string };

interface Rule {
  roles: readonly UserRole[] | 'any';
  /** Further condition on the resource, when one is given. */
  resource?: (p: Principal, r: Resource) => boolean;
}

const planVisible = (p: Principal, r: Resource) =>
  r.type === 'plan' && (r.status !== 'draft' || p.roles.includes('supervisor'));

const notSelf = (p: Principal, r: Resource) => r.type === 'user' && r.userId !== p.userId;
/**
 * 三员分立: the system administrator does not reset, disable or enable an administrator's account —
 * with a password it chose it could sign in as the security or audit administrator. Those accounts are
 * recovered on the server (`npx lantian user reset-password`), audited.
 */
const notSelfNorAdmin = (p: Principal, r: Resource) =>
  notSelf(p, r) && r.type === 'user' && !(r.roles ?? []).some((x) => ADMIN_ROLES.includes(x));

const holdsAdminRole = (roles: readonly UserRole[] | undefined) =>
  (roles ?? []).some((x) => ADMIN_ROLES.includes(x));
/**
 * 三员分立: a role change through the web neither gives nor takes an administrator role, and does not
 * touch an administrator's account; those change only on the server (`npx lantian user roles`), audited.
 */
const touchesAdminRole = (r: Resource) =>
  r.type === 'user' && (holdsAdminRole(r.roles) || holdsAdminRole(r.newRoles));
const mayChangeRoles = (p: Principal, r: Resource) => notSelf(p, r) && !touchesAdminRole(r);

const isSupervisor = (p: Principal) => p.roles.includes('supervisor');
/** Supervisors see everything; a unit sees its own, and everything on the measures it leads. */
const assignmentVisible = (p: Principal, r: Resource) =>
  r.type === 'assignment' && (isSupervisor(p) || r.unitId === p.unitId || r.leadUnitIds.includes(p.unitId));
/** Only the unit's own people act on its work (a supervisor does not write a unit's report). */
const ownUnit = (p: Principal, r: Resource) =>
  (r.type === 'assignment' || r.type === 'unitOwned') &&
  r.unitId === p.unitId &&
  p.roles.some((x) => UNIT_WORKERS.includes(x));
/** Four eyes: whoever wrote, signed, requested or decided an earlier step does not decide the next. */
const handledIt = (p: Principal, r: Resource) =>
  ((r.type === 'review' || r.type === 'decision') && (r.handledBy ?? []).includes(p.userId)) ||
  (r.type === 'signoff' && !r.soleSigner && r.writtenBy.includes(p.userId));
/** The unit's leader signs off what another of its people wrote (or anything, in a sole-signer unit). */
const canSignOff = (p: Principal, r: Resource) =>
  r.type === 'signoff' && r.unitId === p.unitId && p.roles.includes('unit_leader') && !handledIt(p, r);
/** Lead units review the others' reports; the office reviews a lead unit's own. Nobody reviews their own unit. */
const canReview = (p: Principal, r: Resource) => {
  if (r.type !== 'review' || handledIt(p, r)) return false;
  if (r.route === 'supervisor') return isSupervisor(p);
  return (
    r.unitId !== p.unitId &&
    r.leadUnitIds.includes(p.unitId) &&
    p.roles.some((x) => x === 'unit_leader' || x === 'unit_staff')
  );
};
/** The lead unit's leader decides the lead step; the office the final one. */
const canDecide = (p: Principal, r: Resource) => {
  if (r.type !== 'decision' || handledIt(p, r)) return false;
  if (r.stage === 'supervisor') return isSupervisor(p);
  return r.unitId !== p.unitId && r.leadUnitIds.includes(p.unitId) && p.roles.includes('unit_leader');
};
const unitOwnedVisible = (p: Principal, r: Resource) =>
  r.type === 'unitOwned' && (isSupervisor(p) || r.unitId === p.unitId);

export const POLICY = {
  /** Anyone signed in, even before the forced password change. */
  'self.read': { roles: 'any' },
  'self.logout': { roles: 'any' },
  'self.changePassword': { roles: 'any' },
  /** One's own second factor: enrol (even before anything else is allowed), recovery codes. */
  'self.secondFactor': { roles: 'any' },
  /** One's own sessions: list and end them. */
  'self.sessions': { roles: 'any' },
  'directory.read': { roles: 'any' },
  'directory.createUnit': { roles: ['sysadmin', 'supervisor'] },
  /** Rename, disable, enable and merge units, set a group's members: whoever may create units. */
  'directory.editUnit': { roles: ['sysadmin', 'supervisor'] },
  /**
   * Load a directory from a table (another city's units, aliases, groups): the system administrator, who
   * sets the installation up; one unit at a time stays the office's (`directory.editUnit`).
   */
  'directory.import': { roles: ['sysadmin'] },
  /** The directory's history (who changed what, when): its editors and the auditor. */
  'directory.history': { roles: ['sysadmin', 'supervisor', 'auditor'] },
  /** Mark a one-person unit a sole signer (its leader signs off what it wrote itself): the office only. */
  'signoff.setSoleSigner': { roles: SUPERVISOR },
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
  /** The import wizard's preview: parse a document without storing it. */
  'plan.preview': { roles: SUPERVISOR },
  'plan.review': { roles: SUPERVISOR },
  'plan.decide': { roles: SUPERVISOR },
  'plan.correct': { roles: SUPERVISOR },
  /** Whose a target is (city-wide or each unit's) and its per-unit shares: the office only. */
  'target.scope': { roles: SUPERVISOR },
  'plan.publish': { roles: SUPERVISOR },
  'plan.archive': { roles: SUPERVISOR },
  'plan.withdraw': { roles: SUPERVISOR },
  'user.list': { roles: ['sysadmin', 'secadmin'] },
  'user.create': { roles: ['sysadmin'] },
  'user.disable': { roles: ['sysadmin'], resource: notSelfNorAdmin },
  'user.enable': { roles: ['sysadmin'], resource: notSelfNorAdmin },
  'user.resetPassword': { roles: ['sysadmin'], resource: notSelfNorAdmin },
  'user.setRoles': { roles: ['secadmin'], resource: mayChangeRoles },
  'user.unlock': { roles: ['secadmin'] },
  /** Anyone's sessions: the security administrator lists and ends them (audited). */
  'user.sessions': { roles: ['secadmin'] },
  /** A business user's lost second factor: the security administrator resets it (audited); administrators' only on the server. */
  'user.resetSecondFactor': { roles: ['secadmin'], resource: notSelfNorAdmin },
  /** Which business roles must also have a second factor (the administrators and the office always). */
  'security.secondFactorPolicy': { roles: ['secadmin'] },
  'audit.read': { roles: ['auditor'] },
  'audit.verify': { roles: ['auditor'] },
  /** Anyone who can see a list can export it; the export itself is what gets recorded. */
  /** Reporting cycle of a plan (填报周期). */
  'reporting.readSettings': { roles: BUSINESS_ROLES },
  'reporting.writeSettings': { roles: SUPERVISOR },
  /** Progress reports (进度填报): read where the assignment is visible; write in one's own unit. */
  'report.read': { roles: BUSINESS_ROLES, resource: assignmentVisible },
  'report.edit': { roles: UNIT_WORKERS, resource: ownUnit },
  'report.signoff': { roles: ['unit_leader'], resource: canSignOff },
  'report.review': { roles: REVIEWERS, resource: canReview },
  'report.queue': { roles: REVIEWERS },
  /** Evidence files: read with what they belong to; upload and remove in one's own unit. */
  'evidence.read': { roles: BUSINESS_ROLES },
  'evidence.write': { roles: UNIT_WORKERS, resource: ownUnit },
  /** 台账: a unit's ledger of one plan, for its own people and the office; the whole plan's, the office's. */
  'ledger.unit': { roles: BUSINESS_ROLES, resource: unitOwnedVisible },
  'ledger.plan': { roles: SUPERVISOR },
  /** Lights, progress and reasons (scoped like assignments). */
  'status.read': { roles: BUSINESS_ROLES },
  /** The office's board of yellow and red items, and its export. */
  'board.read': { roles: SUPERVISOR },
  'board.export': { roles: SUPERVISOR },
  /** The monthly bulletin (通报): the office's document — its preview, texts and download. */
  'bulletin.read': { roles: SUPERVISOR },
  'bulletin.edit': { roles: SUPERVISOR },
  /** 督办单 */
  'notice.issue': { roles: SUPERVISOR },
  'notice.read': { roles: BUSINESS_ROLES, resource: unitOwnedVisible },
  'notice.reply': { roles: UNIT_WORKERS, resource: ownUnit },
  'notice.decide': { roles: SUPERVISOR, resource: canDecide },
  /** The unit's own sign-off of a reply or request before it leaves the unit (when the plan requires it). */
  'notice.signoff': { roles: ['unit_leader'], resource: canSignOff },
  /** 延期申请 */
  'extension.request': { roles: UNIT_WORKERS, resource: ownUnit },
  'extension.read': { roles: BUSINESS_ROLES, resource: assignmentVisible },
  'extension.decide': { roles: ['supervisor', 'unit_leader'], resource: canDecide },
  'extension.signoff': { roles: ['unit_leader'], resource: canSignOff },
  /** 销号 */
  'closure.request': { roles: UNIT_WORKERS, resource: ownUnit },
  'closure.read': { roles: BUSINESS_ROLES, resource: assignmentVisible },
  'closure.decide': { roles: ['supervisor', 'unit_leader'], resource: canDecide },
  'closure.signoff': { roles: ['unit_leader'], resource: canSignOff },
  /** A unit leader's queue of requests held for sign-off in their unit. */
  'signoff.queue': { roles: ['unit_leader'] },
  /** The notification centre: one's own messages only. */
  'notification.read': { roles: 'any' },
  'notification.settings': { roles: 'any' },
  /** Measured data (issue 9): areas, indicators and rankings are read by every business role. */
  'area.read': { roles: BUSINESS_ROLES },
  'area.import': { roles: SUPERVISOR },
  'indicator.read': { roles: BUSINESS_ROLES },
  'indicator.write': { roles: SUPERVISOR },
  'values.import': { roles: SUPERVISOR },
  'ranking.read': { roles: BUSINESS_ROLES },
  'ranking.publish': { roles: SUPERVISOR },
  /** A measure's target bound to an indicator (its progress and light from measured values). */
  'binding.read': { roles: BUSINESS_ROLES },
  'binding.write': { roles: SUPERVISOR },
  /** The office's rules on measured data, and confirming what they propose (nothing is sent without it). */
  'rule.manage': { roles: SUPERVISOR },
  'proposal.decide': { roles: SUPERVISOR },
  /** Confirming a proposal as a problem case: a decision on the proposal that enters a case. */
  'proposal.toCase': { roles: SUPERVISOR },
  /**
   * 问题案件 (issue 10): the office sees and steers every case; a unit sees, signs, rectifies and
   * answers the cases dispatched to it. Four eyes through `decision` resources: whoever entered a case
   * does not verify it, whoever fed back does not check it, whoever asked for an extension does not decide it.
   */
  'case.read': { roles: BUSINESS_ROLES, resource: unitOwnedVisible },
  'case.create': { roles: SUPERVISOR },
  'case.verify': { roles: SUPERVISOR, resource: canDecide },
  'case.dispatch': { roles: SUPERVISOR },
  'case.sign': { roles: UNIT_WORKERS, resource: ownUnit },
  'case.rectify': { roles: UNIT_WORKERS, resource: ownUnit },
  'case.feedback': { roles: UNIT_WORKERS, resource: ownUnit },
  'case.evidence': { roles: UNIT_WORKERS, resource: ownUnit },
  'case.requestExtension': { roles: UNIT_WORKERS, resource: ownUnit },
  'case.decideExtension': { roles: SUPERVISOR, resource: canDecide },
  'case.check': { roles: SUPERVISOR, resource: canDecide },
  'case.revisit': { roles: SUPERVISOR },
  'case.readSettings': { roles: BUSINESS_ROLES },
  'case.writeSettings': { roles: SUPERVISOR },
  'case.stats': { roles: SUPERVISOR },
  /** API keys of monitoring systems: the security administrator's. */
  'apikey.manage': { roles: ['secadmin'] },
} satisfies Record<string, Rule>;

export type Action = keyof typeof POLICY;

/** Actions allowed while the password must still be changed. */
export const ALLOWED_BEFORE_PASSWORD_CHANGE: ReadonlySet<Action> = new Set([
  'self.read',
  'self.logout',
  'self.changePassword',
]);

/** Actions allowed while a required second factor is not enrolled yet. */
export const ALLOWED_BEFORE_ENROLMENT: ReadonlySet<Action> = new Set([
  'self.read',
  'self.logout',
  'self.changePassword',
  'self.secondFactor',
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
  if (authorize(user, action, resource)) return;
  if (action === 'user.setRoles' && resource && touchesAdminRole(resource) && authorize(user, action))
    throw new AppError('FORBIDDEN', ADMIN_ROLES_ON_SERVER);
  const fresh =
    resource?.type === 'review' || resource?.type === 'decision'
      ? { ...resource, handledBy: [] }
      : resource?.type === 'signoff'
        ? { ...resource, writtenBy: [] }
        : undefined;
  if (fresh && resource && handledIt(user, resource) && authorize(user, action, fresh)) {
    if (resource.type === 'signoff')
      throw new AppError('FORBIDDEN', '本人填写的内容须由本单位另一位领导签发（单人单位须由市级办公室设置）');
    throw new AppError('FORBIDDEN', '本人经手（填报、签发、申请或上一步审批）的事项须由另一人审批');
  }
  throw new AppError('FORBIDDEN', '无权执行此操作');
}

/** Why a role change touching the three administrators is refused on the web. */
export const ADMIN_ROLES_ON_SERVER =
  '系统管理员、安全管理员、审计管理员的角色只能在服务器上用命令行变更（npx lantian user roles），不能在网页中授予、收回或修改';

/** Which assignments of a plan a user may list. */
export type AssignmentScope = { kind: 'all' } | { kind: 'unit'; unitId: string };

export function assignmentScope(user: Principal): AssignmentScope {
  return user.roles.includes('supervisor') ? { kind: 'all' } : { kind: 'unit', unitId: user.unitId };
}
