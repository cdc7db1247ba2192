/**
 * The permission table's shared shapes, and its reporting and supervision rows (the test itself is
 * permissions.test.ts): every route of those modules × the roles that may call it, and the answer.
 */
import { USER_ROLES, type UserRole } from '@lantian/contract';
import type { TestUser } from './context.ts';

export const ALL = USER_ROLES;
export const BUSINESS: UserRole[] = ['supervisor', 'unit_leader', 'unit_staff', 'viewer'];
export const WORKERS: UserRole[] = ['unit_staff', 'unit_leader'];
export const REVIEWERS: UserRole[] = ['supervisor', 'unit_leader', 'unit_staff'];
export const DECIDERS: UserRole[] = ['supervisor', 'unit_leader'];
/** An id nobody has: allowed roles get past the route's policy (to a 404), the others get 403 first. */
export const NONE = '00000000-0000-4000-8000-000000000000';
export const none = (path: string) => () => `/api/v1${path.replaceAll(':id', NONE)}`;

export interface Fixture {
  planId: string;
  /** A second published plan, for the archive route (the others keep working on the first). */
  spareId: string;
  draftId: string;
  measureId: string;
  draftMeasureId: string;
  draftTaskId: string;
  groupId: string;
  unitId: string;
  targetUserId: string;
  login: TestUser;
}

export type Case = {
  /** `apiKey`: a monitoring system's key, never a session (every role gets 401 without a key). */
  allowed: readonly UserRole[] | 'public' | 'apiKey';
  /** The exact answer every allowed role gets (404 for an id nobody has, 400/409/415/422 for a probe body). */
  status: number;
  payload?: (f: Fixture) => unknown;
  url?: (f: Fixture) => string;
};

/** Progress reporting and supervision (issue 5 and on). */
export const SUPERVISION_CASES: Record<string, Case> = {
  // Progress reporting and supervision (issue 5).
  'GET /api/v1/plans/:planId/reporting-settings': { status: 200, allowed: BUSINESS },
  'PUT /api/v1/plans/:planId/reporting-settings': {
    status: 409,
    allowed: ['supervisor'],
    payload: () => ({
      version: 999,
      cycle: 'monthly',
      dueDay: 25,
      start: '2022-01-01',
      reminderDays: [7, 3, 1],
    }),
  },
  'GET /api/v1/assignments/:assignmentId/report-form': {
    status: 404,
    allowed: BUSINESS,
    url: none('/assignments/:id/report-form'),
  },
  'GET /api/v1/assignments/:assignmentId/reports': {
    status: 404,
    allowed: BUSINESS,
    url: none('/assignments/:id/reports'),
  },
  'PUT /api/v1/assignments/:assignmentId/reports/:period': {
    status: 404,
    allowed: WORKERS,
    url: none('/assignments/:id/reports/2022-06'),
    payload: () => ({ version: 0, status: 'on_track', summary: '', targetValues: [], milestonesReached: [] }),
  },
  'POST /api/v1/assignments/:assignmentId/reports/:period/submit': {
    status: 400,
    allowed: WORKERS,
    url: none('/assignments/:id/reports/2022-06/submit'),
  },
  'GET /api/v1/reports/queue': { status: 200, allowed: REVIEWERS },
  'GET /api/v1/reports/:reportId': { status: 404, allowed: BUSINESS, url: none('/reports/:id') },
  'POST /api/v1/reports/:reportId/signoff': {
    status: 404,
    allowed: ['unit_leader'],
    url: none('/reports/:id/signoff'),
    payload: () => ({ version: 1, decision: 'approve' }),
  },
  'POST /api/v1/reports/:reportId/review': {
    status: 404,
    allowed: REVIEWERS,
    url: none('/reports/:id/review'),
    payload: () => ({ version: 1, decision: 'accept' }),
  },
  'POST /api/v1/reports/:reportId/evidence': {
    status: 415,
    allowed: WORKERS,
    url: none('/reports/:id/evidence'),
  },
  'POST /api/v1/notices/:noticeId/evidence': {
    status: 415,
    allowed: WORKERS,
    url: none('/notices/:id/evidence'),
  },
  'POST /api/v1/closures/:closureId/evidence': {
    status: 415,
    allowed: WORKERS,
    url: none('/closures/:id/evidence'),
  },
  'GET /api/v1/evidence/:evidenceId': { status: 404, allowed: BUSINESS, url: none('/evidence/:id') },
  'DELETE /api/v1/evidence/:evidenceId': { status: 404, allowed: WORKERS, url: none('/evidence/:id') },
  'GET /api/v1/plans/:planId/status': { status: 200, allowed: BUSINESS },
  'GET /api/v1/plans/:planId/status/measures': { status: 200, allowed: BUSINESS },
  'GET /api/v1/plans/:planId/status/measures/:measureId': { status: 200, allowed: BUSINESS },
  'GET /api/v1/plans/:planId/status/units': { status: 200, allowed: BUSINESS },
  'GET /api/v1/plans/:planId/status/assignments': { status: 200, allowed: BUSINESS },
  'GET /api/v1/plans/:planId/status/trend': { status: 200, allowed: BUSINESS },
  'GET /api/v1/plans/:planId/overview': { status: 200, allowed: BUSINESS },
  'GET /api/v1/plans/:planId/overview/units': { status: 200, allowed: BUSINESS },
  'GET /api/v1/plans/:planId/matrix': { status: 200, allowed: BUSINESS },

  'GET /api/v1/assignments/:assignmentId/status': {
    status: 404,
    allowed: BUSINESS,
    url: none('/assignments/:id/status'),
  },
  'GET /api/v1/board': { status: 200, allowed: ['supervisor'] },
  'GET /api/v1/board/export': { status: 200, allowed: ['supervisor'] },
  'GET /api/v1/notifications': { status: 200, allowed: ALL },
  'GET /api/v1/notifications/unread-count': { status: 200, allowed: ALL },
  'POST /api/v1/notifications/read': { status: 200, allowed: ALL, payload: () => ({ all: true }) },
  'GET /api/v1/me/notification-settings': { status: 200, allowed: ALL },
  'GET /api/v1/notifications/groups': { status: 200, allowed: ALL },
  'PUT /api/v1/me/notification-settings': {
    status: 200,
    allowed: ALL,
    payload: () => ({ email: null, emailEnabled: false }),
  },
  'POST /api/v1/notices': { status: 400, allowed: ['supervisor'], payload: () => ({}) },
  'GET /api/v1/notices': { status: 200, allowed: BUSINESS },
  'GET /api/v1/notices/:noticeId': { status: 404, allowed: BUSINESS, url: none('/notices/:id') },
  'POST /api/v1/notices/batch': { status: 400, allowed: ['supervisor'], payload: () => ({}) },
  'POST /api/v1/notices/:noticeId/reply': {
    status: 404,
    allowed: WORKERS,
    url: none('/notices/:id/reply'),
    payload: () => ({ version: 1, text: '已整改' }),
  },
  'POST /api/v1/notices/:noticeId/decision': {
    status: 404,
    allowed: ['supervisor'],
    url: none('/notices/:id/decision'),
    payload: () => ({ version: 1, decision: 'accept' }),
  },
  'POST /api/v1/assignments/:assignmentId/extensions': {
    status: 404,
    allowed: WORKERS,
    url: none('/assignments/:id/extensions'),
    payload: () => ({ milestoneId: null, requestedDue: '2022-12-31', reason: '理由' }),
  },
  'GET /api/v1/extensions': { status: 200, allowed: BUSINESS },
  'GET /api/v1/extensions/:extensionId': { status: 404, allowed: BUSINESS, url: none('/extensions/:id') },
  'POST /api/v1/extensions/:extensionId/decision': {
    status: 404,
    allowed: DECIDERS,
    url: none('/extensions/:id/decision'),
    payload: () => ({ version: 1, decision: 'approve' }),
  },
  'POST /api/v1/assignments/:assignmentId/closure': {
    status: 404,
    allowed: WORKERS,
    url: none('/assignments/:id/closure'),
    payload: () => ({ summary: '已完成' }),
  },
  'GET /api/v1/closures': { status: 200, allowed: BUSINESS },
  'GET /api/v1/closures/:closureId': { status: 404, allowed: BUSINESS, url: none('/closures/:id') },
  'POST /api/v1/closures/:closureId/submit': {
    status: 404,
    allowed: WORKERS,
    url: none('/closures/:id/submit'),
    payload: () => ({ version: 1 }),
  },
  'POST /api/v1/closures/:closureId/decision': {
    status: 404,
    allowed: DECIDERS,
    url: none('/closures/:id/decision'),
    payload: () => ({ version: 1, decision: 'approve' }),
  },
  // Own-unit sign-off of replies and requests (issue 12 item 15).
  'GET /api/v1/signoff/requests': { status: 200, allowed: ['unit_leader'] },
  'POST /api/v1/notices/:noticeId/signoff': {
    status: 404,
    allowed: ['unit_leader'],
    url: none('/notices/:id/signoff'),
    payload: () => ({ version: 1, decision: 'approve' }),
  },
  'POST /api/v1/extensions/:extensionId/signoff': {
    status: 404,
    allowed: ['unit_leader'],
    url: none('/extensions/:id/signoff'),
    payload: () => ({ version: 1, decision: 'approve' }),
  },
  'POST /api/v1/closures/:closureId/signoff': {
    status: 404,
    allowed: ['unit_leader'],
    url: none('/closures/:id/signoff'),
    payload: () => ({ version: 1, decision: 'approve' }),
  },
};
