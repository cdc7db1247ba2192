/**
 * Sessions seen by their owner (我的会话) and by the security administrator: list with device, address
 * and last seen; end one. Ending a session deletes its row, which moves the `session` read scope (a
 * trigger), so every instance's session cache refuses it on the next request, as after logout.
 */
import { MINUTE } from '../../clock.ts';
import { type AppContext, audit, transaction } from '../../context.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../audit/actor.ts';
import * as repo from './auth.repository.ts';
import { deviceSummary } from './device.ts';
import { forgetSession } from './session-cache.ts';

export async function listSessions(ctx: AppContext, userId: string, currentSessionId: string | null) {
  const now = ctx.clock.now();
  const idleBefore = new Date(now.getTime() - ctx.config.security.sessionIdleMinutes * MINUTE).toISOString();
  const rows = await repo.listUserSessions(ctx.db.kysely, userId, now.toISOString(), idleBefore);
  return {
    limit: ctx.config.security.maxSessions,
    sessions: rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at,
      expiresAt: r.expires_at,
      ip: r.ip,
      device: deviceSummary(r.user_agent),
      current: r.id === currentSessionId,
    })),
  };
}

/** End one session of `userId` (404 when it has no such session); audited with who ended it. */
export async function endSession(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  sessionId: string,
): Promise<void> {
  await transaction(ctx, async (trx) => {
    if (!(await repo.deleteUserSession(trx, userId, sessionId))) throw notFound('会话');
    await audit(ctx, trx, actor, {
      action: actor.userId === userId ? 'auth.session_end' : 'user.session_end',
      objectType: 'session',
      objectId: sessionId,
      detail: { userId },
    });
  });
  forgetSession(ctx.db.kysely, sessionId);
}
