/**
 * Rows of the permission table (permissions.test.ts) for re-enrolling the second factor. Same shape as
 * its `Case`.
 */
import { USER_ROLES } from '@lantian/contract';

export const FACTOR_RESET_ROWS = {
  /** Nobody in the table is enrolled: refused by the service (409), after the policy. */
  'POST /api/v1/me/second-factor/reset': {
    status: 409,
    allowed: USER_ROLES,
    payload: () => ({ code: '123456' }),
  },
  /** The target is a business user (a viewer): the security administrator resets, nobody else. */
  'POST /api/v1/users/:userId/second-factor/reset': {
    status: 200,
    allowed: ['secadmin'],
    payload: () => ({ reason: '权限表测试' }),
  },
} as const;
