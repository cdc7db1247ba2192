/**
 * buildApp: the Fastify application, without listening. Plugins in this order:
 * 1 error handling · 2 cookies · 3 compression (JSON on the fly over 1 KB) · 4 security headers and
 * CSRF · 5 access control (every /api/v1 route names its action) · 6 multipart uploads · 7 OpenAPI at
 * /api/docs (signed-in only, or off) · 8 the API under /api/v1 · 9 the built web app (precompressed)
 * with its SPA fallback.
 */
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import type { Db } from './db/connect.ts';
import { startScopeMirror } from './db/read-scope-mirror.ts';
import { AppError } from './errors.ts';
import { API_PREFIX, optionalPrincipal, registerAccessControl } from './http/access.ts';
import { registerAuditHooks } from './http/audit-hooks.ts';
import { registerCompression } from './http/compression.ts';
import { registerErrorHandling } from './http/errors.ts';
import { registerCsrfCheck, registerSecurityHeaders } from './http/security.ts';
import type { ZodApp } from './http/types.ts';
import { assignmentRoutes } from './modules/assignments/assignments.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { sessionRoutes } from './modules/auth/sessions.routes.ts';
import { casesModuleRoutes } from './modules/cases/routes.ts';
import { directoryRoutes } from './modules/directory/directory.routes.ts';
import { documentRoutes } from './modules/documents/documents.routes.ts';
import { exportRoutes } from './modules/exports/exports.routes.ts';
import { monitoringRoutes } from './modules/monitoring/routes.ts';
import { planRoutes } from './modules/plans/plans.routes.ts';
import { secondFactorRoutes } from './modules/second-factor/second-factor.routes.ts';
import { signoffRoutes } from './modules/signoff/signoff.routes.ts';
import { supervisionRoutes } from './modules/supervision/routes.ts';
import { healthRoutes } from './modules/system/health.routes.ts';
import { userRoutes } from './modules/users/users.routes.ts';
import { VERSION } from './version.ts';

/** Requests slower than this are logged even without the access log. */
const SLOW_REQUEST_MS = 1000;

export interface BuildAppOptions {
  db: Db;
  config: Config;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const ctx: AppContext = { db: opts.db, config: opts.config, clock: opts.clock ?? systemClock };
  const tls = opts.config.safety.tlsCert && opts.config.safety.tlsKey;
  const app = Fastify({
    // LANTIAN_TLS_CERT/KEY: HTTPS served directly (no proxy in front).
    ...(tls ? { https: tlsOptions(opts.config) } : {}),
    logger: opts.logger ?? false,
    trustProxy: opts.config.trustProxy,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    logController: new LogController({ disableRequestLogging: !opts.config.accessLog }),
  }).withTypeProvider<ZodTypeProvider>();
  if (!opts.config.accessLog) {
    app.addHook('onResponse', async (req, reply) => {
      if (reply.elapsedTime > SLOW_REQUEST_MS) {
        req.log.warn(
          { method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
          'slow request',
        );
      }
    });
  }
  // Draining: a response finished after close() began ends its keep-alive connection, so the server
  // closes as soon as the requests it had taken in are answered (the connections idle at close() are
  // closed by Node; without this one busy then would hold the drain for Fastify's 72 s keep-alive).
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
  });
  app.addHook('onSend', async (_req, reply) => {
    if (draining) reply.header('connection', 'close');
  });
  // PostgreSQL: read scopes kept in memory, from the triggers' announcements (no query per cached read).
  const mirror = opts.config.strictReads ? undefined : await startScopeMirror(opts.db);
  if (mirror) {
    app.addHook('onSend', async (req) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') await mirror.sync();
    });
    app.addHook('onClose', () => mirror.stop());
  }
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  registerErrorHandling(app);
  await app.register(cookie);
  await registerCompression(app);
  registerSecurityHeaders(app);
  registerCsrfCheck(app, ctx.config);
  registerAccessControl(app, ctx);
  registerAuditHooks(app, ctx);
  await app.register(multipart, {
    limits: {
      fileSize: ctx.config.uploadMaxBytes,
      files: 1,
      fields: 5,
      parts: 6,
      // The wizard's column roles (JSON, header → role) travel as a field.
      fieldSize: 16 * 1024,
      headerPairs: 100,
    },
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: '蓝天 Lantian API',
        version: VERSION,
        description: '计划导入、分工、账户与审计。错误统一为 {error:{code,message}}。',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'lantian_session' },
          monitoringKey: {
            type: 'http',
            scheme: 'bearer',
            description: '监测系统 API 密钥（npx lantian apikey add）',
          },
        },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  if (ctx.config.apiDocs !== 'off') {
    // The route list is a map for an attacker: only a signed-in user reads it.
    await app.register(swaggerUi, {
      routePrefix: '/api/docs',
      staticCSP: true,
      uiHooks: {
        onRequest: async (req) => {
          if (!(await optionalPrincipal(ctx, req)))
            throw new AppError('UNAUTHENTICATED', '请先登录后查看接口文档');
        },
      },
    });
  }

  await app.register(
    async (api) => {
      const zapi = api as unknown as ZodApp;
      for (const routes of [
        healthRoutes,
        authRoutes,
        sessionRoutes,
        secondFactorRoutes,
        assignmentRoutes,
        directoryRoutes,
        planRoutes,
        userRoutes,
        auditRoutes,
        supervisionRoutes,
        monitoringRoutes,
        signoffRoutes,
        documentRoutes,
        exportRoutes,
        casesModuleRoutes,
      ]) {
        await routes(zapi, ctx);
      }
    },
    { prefix: API_PREFIX },
  );

  await registerWebApp(app, ctx.config.webDistDir);
  return app;
}

/** The certificate and key files, read once at start; a missing or unreadable file stops the start. */
function tlsOptions(config: Config): { cert: Buffer; key: Buffer } {
  const read = (file: string, what: string) => {
    try {
      return fs.readFileSync(file);
    } catch (e) {
      throw new Error(`无法读取 TLS ${what}文件 ${file}：${(e as Error).message}`);
    }
  };
  return {
    cert: read(config.safety.tlsCert as string, '证书'),
    key: read(config.safety.tlsKey as string, '私钥'),
  };
}

/**
 * Serve the built web app: hashed assets cached for a year, index.html for every other page path. The
 * build writes `.br` and `.gz` beside each file (apps/web/vite-precompress.ts): those bytes are sent as
 * they are to clients that accept them, never compressed again per request.
 */
async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  const built = fs.existsSync(path.join(root, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, file) => {
        const hashed = file.includes(`${path.sep}assets${path.sep}`);
        res.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) {
      return reply.code(404).send({
        error: { code: 'NOT_FOUND', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` },
      });
    }
    if (built && (req.method === 'GET' || req.method === 'HEAD')) {
      return reply
        .header('Cache-Control', 'no-cache')
        .type('text/html; charset=utf-8')
        .sendFile('index.html');
    }
    return reply
      .code(404)
      .type('text/plain; charset=utf-8')
      .send(
        built
          ? '页面不存在'
          : '前端尚未构建：运行 npm run build -w @lantian/web（或 npm start）后刷新。API 在 /api/v1，文档在 /api/docs。',
      );
  });
}
