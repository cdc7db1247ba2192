/**
 * What the audit trail records around the routes themselves: downloads of sensitive material
 * (evidence files, plan documents) as they are sent, resource-level denials (the policy's 403 on a
 * particular report, notice or file, after the role check passed), and failed uploads and imports.
 * Role-level denials are recorded by the access check (http/access.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type AppContext, audit, transaction } from '../context.ts';
import { AppError } from '../errors.ts';
import { anonymousActor } from '../modules/audit/actor.ts';
import { actorOf } from '../modules/auth/principal.ts';

/** Routes whose successful response hands over a file: the audit action for each. */
const DOWNLOADS: Record<string, { action: string; objectType: string; param: string }> = {
  'evidence.read': { action: 'evidence.download', objectType: 'evidence', param: 'evidenceId' },
  'plan.document': { action: 'plan.document_download', objectType: 'plan', param: 'planId' },
};

/** Routes whose failure is recorded as a failed upload or import. */
const UPLOADS: Record<string, string> = {
  'evidence.write': 'evidence.upload',
  'plan.import': 'plan.import',
};

const reachedHandler = new WeakSet<FastifyRequest>();

const accessOf = (req: FastifyRequest) => req.routeOptions.config?.access as string | undefined;
const actorFor = (req: FastifyRequest) =>
  req.principal ? actorOf(req.principal) : anonymousActor(req.ip ?? null);

export function registerAuditHooks(app: FastifyInstance, ctx: AppContext): void {
  // Runs after the access check: a 403 from here on is the policy refusing one resource.
  app.addHook('preHandler', async (req) => {
    reachedHandler.add(req);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const access = accessOf(req);
    const download = access ? DOWNLOADS[access] : undefined;
    if (!download || reply.statusCode !== 200 || !req.principal) return payload;
    const id = (req.params as Record<string, string>)[download.param];
    const size = Buffer.isBuffer(payload) ? payload.length : undefined;
    // Written before the bytes leave: no record, no download.
    await transaction(ctx, (trx) =>
      audit(ctx, trx, actorFor(req), {
        action: download.action,
        objectType: download.objectType,
        objectId: id,
        detail: { route: req.routeOptions.url, bytes: size, sha256: reply.getHeader('x-content-sha256') },
      }),
    );
    return payload;
  });

  app.addHook('onError', async (req, _reply, error) => {
    const access = accessOf(req);
    if (!access || access === 'public' || !reachedHandler.has(req)) return;
    const code = error instanceof AppError ? error.code : 'INTERNAL';
    const upload = UPLOADS[access];
    const denied = code === 'FORBIDDEN';
    if (!denied && !upload) return;
    try {
      await transaction(ctx, (trx) =>
        audit(ctx, trx, actorFor(req), {
          action: denied ? 'access.denied' : (upload as string),
          outcome: denied ? 'denied' : 'failure',
          objectType: denied ? 'route' : undefined,
          objectId: denied ? req.routeOptions.url : undefined,
          detail: {
            method: req.method,
            route: req.routeOptions.url,
            action: access,
            params: req.params,
            level: denied ? 'resource' : undefined,
            code,
            message: error.message.slice(0, 300),
          },
        }),
      );
    } catch (e) {
      req.log.error({ err: e }, 'could not record a denial or failed upload in the audit trail');
    }
  });
}
