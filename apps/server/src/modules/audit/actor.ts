/** Who is acting, as the audit trail records it. */
export interface Actor {
  userId: string | null;
  username: string | null;
  roles: string[];
  unitId: string | null;
  unitName: string | null;
  ip: string | null;
}

/** The operator at the server's console (`npx lantian …`). */
export function cliActor(): Actor {
  return { userId: null, username: 'cli', roles: [], unitId: null, unitName: null, ip: null };
}

/** Lantian itself (first start, migrations). */
export function systemActor(): Actor {
  return { userId: null, username: 'system', roles: [], unitId: null, unitName: null, ip: null };
}

export function anonymousActor(ip: string | null, username: string | null = null): Actor {
  return { userId: null, username, roles: [], unitId: null, unitName: null, ip };
}
