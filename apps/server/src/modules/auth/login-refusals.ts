/**
 * Failed logins of any shape are audited: the login service records the ones it decides (wrong
 * password, locked, …); this records the ones refused before it runs — a body that is not JSON, a
 * missing or mistyped field, a control character in the username, an unknown field.
 */
import { CONTROL_CHARACTERS } from '@lantian/contract';
import type { FastifyRequest } from 'fastify';
import { type AppContext, audit, transaction } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { anonymousActor } from '../audit/actor.ts';

/** Codes the login service answers with; it has audited those itself. */
const DECIDED_BY_SERVICE = new Set([
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'RATE_LIMITED',
  'ACCOUNT_DISABLED',
  'ACCOUNT_NOT_AUTHORIZED',
  'SECOND_FACTOR_REQUIRED',
  // The second step's challenge missing, expired or from another address.
  'UNAUTHENTICATED',
]);

/** The username as far as it can be read from a refused body, made safe to store. */
function claimedUsername(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const u = (body as { username?: unknown }).username;
  if (typeof u !== 'string') return null;
  return u.replace(new RegExp(CONTROL_CHARACTERS.source, 'gu'), '\uFFFD').slice(0, 64);
}

export async function auditRefusedLogin(ctx: AppContext, req: FastifyRequest, err: unknown): Promise<void> {
  if (err instanceof AppError && DECIDED_BY_SERVICE.has(err.code)) return;
  const reason =
    err instanceof AppError
      ? err.code.toLowerCase()
      : (err as { validation?: unknown }).validation
        ? 'invalid_request'
        : 'malformed_request';
  await transaction(ctx, (trx) =>
    audit(ctx, trx, anonymousActor(req.ip ?? null, claimedUsername(req.body)), {
      action: 'auth.login',
      outcome: 'failure',
      detail: { reason },
    }),
  );
}
