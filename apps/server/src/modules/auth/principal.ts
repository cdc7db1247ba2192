import type { UserRole } from '@lantian/contract';
import type { Actor } from '../audit/actor.ts';

/** The signed-in user behind a request. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  unitId: string;
  unitName: string;
  unitFullName: string;
  unitKind: string;
  roles: UserRole[];
  mustChangePassword: boolean;
  passwordExpired: boolean;
  /** A confirmed TOTP factor is enrolled. */
  secondFactorEnrolled: boolean;
  /** The account's roles require one (the three administrators, supervisors, the policy's roles). */
  secondFactorRequired: boolean;
  sessionId: string;
  sessionExpiresAt: string;
  ip: string | null;
  /** Read scopes (`session` and those the route asked for) as they were when the request was authenticated. */
  scopes?: ReadonlyMap<string, number>;
}

export function actorOf(p: Principal): Actor {
  return {
    userId: p.userId,
    username: p.username,
    roles: p.roles,
    unitId: p.unitId,
    unitName: p.unitName,
    ip: p.ip,
  };
}
