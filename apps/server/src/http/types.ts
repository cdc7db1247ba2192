/** Fastify's types extended with what Lantian adds to routes and requests. */
import type {} from '@fastify/cookie';
import type {} from '@fastify/multipart';
import type { ApiKeyScope } from '@lantian/contract';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiClient } from '../modules/apikeys/apikeys.service.ts';
import type { Action } from '../modules/auth/policy.ts';
import type { Principal } from '../modules/auth/principal.ts';

/**
 * `public`: no session needed. `apiKey:<scope>`: a monitoring system's API key with that scope, no
 * session. Every other route names the action the policy checks.
 */
export type RouteAccess = Action | 'public' | `apiKey:${ApiKeyScope}`;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /**
     * Read scopes (at most three) the handler's cache checks for the caller's unit, read with the
     * session in one query when the session is cached, and found on `req.principal.scopes`. Runs
     * before validation: the query is not parsed yet.
     */
    readScopes?: (req: FastifyRequest, unitId: string) => string[];
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** The monitoring system behind an `apiKey:` route's key. */
    apiClient: ApiClient | null;
  }
  interface FastifyInstance {
    /** Every /api/v1 route with the access it names (the permission test walks them). */
    apiRoutes: readonly { method: string; url: string; access: RouteAccess }[];
  }
}

export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;
