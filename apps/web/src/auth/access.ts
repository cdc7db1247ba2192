import type { MeResponse, UserRole } from '@lantian/contract';

/**
 * What each page needs, mirrored from the server's policy so the menu shows only what a user may open.
 * The server stays the authority: a page it refuses still answers 403, shown as "no access".
 */
export type Area =
  | 'myWork'
  | 'reviews'
  | 'board'
  | 'notices'
  | 'extensions'
  | 'closures'
  | 'notifications'
  | 'plans'
  | 'planImport'
  | 'matrix'
  | 'dashboard'
  | 'rankings'
  | 'bulletin'
  | 'monitoringRules'
  | 'cases'
  | 'caseInbox'
  | 'caseQueue'
  | 'caseStats'
  | 'caseSettings'
  | 'adminUsers'
  | 'adminUnits'
  | 'adminRoles'
  | 'adminApiKeys'
  | 'adminAudit';

const AREA_ROLES: Record<Area, readonly UserRole[]> = {
  myWork: ['supervisor', 'unit_leader', 'unit_staff', 'viewer'],
  reviews: ['supervisor', 'unit_leader', 'unit_staff'],
  board: ['supervisor'],
  notices: ['supervisor', 'unit_leader', 'unit_staff', 'viewer'],
  extensions: ['supervisor', 'unit_leader', 'unit_staff', 'viewer'],
  closures: ['supervisor', 'unit_leader', 'unit_staff', 'viewer'],
  notifications: ['sysadmin', 'secadmin', 'auditor', 'supervisor', 'unit_leader', 'unit_staff', 'viewer'],
  plans: ['supervisor', 'unit_leader', 'unit_staff', 'viewer'],
  planImport: ['supervisor'],
  matrix: ['supervisor'],
  dashboard: ['supervisor'],
  rankings: ['supervisor', 'unit_leader', 'unit_staff', 'viewer'],
  bulletin: ['supervisor'],
  monitoringRules: ['supervisor'],
  cases: ['supervisor', 'unit_leader', 'unit_staff', 'viewer'],
  caseInbox: ['unit_leader', 'unit_staff'],
  caseQueue: ['supervisor'],
  caseStats: ['supervisor'],
  caseSettings: ['supervisor'],
  adminUsers: ['sysadmin'],
  adminUnits: ['sysadmin', 'supervisor'],
  adminRoles: ['secadmin'],
  adminApiKeys: ['secadmin'],
  adminAudit: ['auditor'],
};

export function canAccess(roles: readonly UserRole[], area: Area): boolean {
  return AREA_ROLES[area].some((r) => roles.includes(r));
}

/** Where a user lands after signing in: the page of their main job. */
export function homePath(me: Pick<MeResponse, 'roles'>): string {
  const order: [Area, string][] = [
    ['dashboard', '/dashboard'],
    ['myWork', '/my-work'],
    ['adminUsers', '/admin/users'],
    ['adminRoles', '/admin/roles'],
    ['adminAudit', '/admin/audit'],
    ['plans', '/plans'],
  ];
  for (const [area, path] of order) if (canAccess(me.roles, area)) return path;
  return '/plans';
}

/** A `next` parameter is only followed to a path inside this app (no `//host` or `https:` redirects). */
export function safeNext(next: string | null | undefined): string | undefined {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return undefined;
  if (next.startsWith('/login') || next.startsWith('/password')) return undefined;
  return next;
}
