/**
 * Rows of the permission table (permissions.test.ts) for the second factor and sessions, kept here so
 * that file stays under the size limit. Same shape as its `Case`.
 */
import { USER_ROLES } from '@lantian/contract';

/** An id nobody has: allowed roles get past the route's policy (to a 404), the others get 403 first. */
export const NONE = '00000000-0000-4000-8000-000000000000';
export const none = (path: string) => () => `/api/v1${path.replaceAll(':id', NONE)}`;

const ALL = USER_ROLES;

export const SECAUTH_ROWS = {
  /** A challenge nobody was given: 401 for anyone (the route is public). */
  'POST /api/v1/auth/login/second-factor': {
    status: 401,
    allowed: 'public',
    payload: () => ({ challenge: 'x'.repeat(43), code: '123456' }),
  },
  'GET /api/v1/me/second-factor': { status: 200, allowed: ALL },
  'POST /api/v1/me/second-factor/enrolment': { status: 200, allowed: ALL },
  /** After the enrolment row: a pending secret exists, and this code is wrong. */
  'POST /api/v1/me/second-factor/confirmation': {
    status: 422,
    allowed: ALL,
    payload: () => ({ code: '000000' }),
  },
  /** Not enrolled (only pending): refused by the service, after the policy. */
  'POST /api/v1/me/second-factor/recovery-codes': {
    status: 422,
    allowed: ALL,
    payload: () => ({ code: '000000' }),
  },
  'GET /api/v1/security/second-factor-policy': { status: 200, allowed: ['secadmin'] },
  'PUT /api/v1/security/second-factor-policy': {
    status: 200,
    allowed: ['secadmin'],
    payload: () => ({ roles: [] }),
  },
  'GET /api/v1/me/sessions': { status: 200, allowed: ALL },
  'DELETE /api/v1/me/sessions/:sessionId': { status: 404, allowed: ALL, url: none('/me/sessions/:id') },
  'GET /api/v1/users/:userId/sessions': { status: 200, allowed: ['secadmin'] },
  'DELETE /api/v1/users/:userId/sessions/:sessionId': {
    status: 404,
    allowed: ['secadmin'],
    url: (f: { targetUserId: string }) => `/api/v1/users/${f.targetUserId}/sessions/${NONE}`,
  },
} as const;
