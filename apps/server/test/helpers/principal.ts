/** A signed-in user as the services see one, for tests that call services without HTTP. */
import type { Principal } from '../../src/modules/auth/principal.ts';

export function testPrincipal(
  who: { userId: string; username: string; unitId: string },
  roles: Principal['roles'],
  unitName: string,
): Principal {
  return {
    userId: who.userId,
    username: who.username,
    displayName: who.username,
    unitId: who.unitId,
    unitName,
    unitFullName: unitName,
    unitKind: 'city_department',
    roles,
    mustChangePassword: false,
    passwordExpired: false,
    secondFactorEnrolled: false,
    secondFactorRequired: false,
    sessionId: 'test',
    sessionExpiresAt: '2099-01-01T00:00:00.000Z',
    ip: null,
  };
}
