/**
 * The HTTP of a request kind (督办单, 延期, 销号): its list, its detail, and one POST per step
 * (`/<base>/:<param>/<step>`) that takes the step and answers with the detail read again. Each route
 * names its policy action (`config.access`), as every route does.
 */
import type { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import type { Action } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';

export interface RequestStepRoute {
  path: string;
  access: Action;
  summary: string;
  body: z.ZodType;
  run(ctx: AppContext, user: Principal, id: string, body: unknown): Promise<unknown>;
}

/** A step's route, its body typed by its schema. */
export function stepRoute<B extends z.ZodType>(r: {
  path: string;
  access: Action;
  summary: string;
  body: B;
  run(ctx: AppContext, user: Principal, id: string, body: z.infer<B>): Promise<unknown>;
}): RequestStepRoute {
  return r as RequestStepRoute;
}

export interface RequestRoutes<Q extends z.ZodType> {
  tags: string[];
  /** `/closures` */
  base: string;
  /** `closureId` */
  param: string;
  params: z.ZodType;
  /** The detail's response, which every step answers with too. */
  response: z.ZodType;
  detail(ctx: AppContext, user: Principal, id: string): Promise<unknown>;
  read: { access: Action; listSummary: string; detailSummary: string };
  list: {
    querystring: Q;
    response: z.ZodType;
    run(ctx: AppContext, user: Principal, q: z.infer<Q>): Promise<unknown>;
  };
  steps: readonly RequestStepRoute[];
}

export function requestRoutes<Q extends z.ZodType>(
  app: ZodApp,
  ctx: AppContext,
  spec: RequestRoutes<Q>,
): void {
  const { tags } = spec;
  const idOf = (params: unknown) => (params as Record<string, string>)[spec.param] as string;
  app.get(
    spec.base,
    {
      config: { access: spec.read.access },
      schema: {
        tags,
        summary: spec.read.listSummary,
        querystring: spec.list.querystring,
        response: { 200: spec.list.response },
      },
    },
    async (req) => spec.list.run(ctx, principalOf(req), req.query as z.infer<Q>),
  );
  app.get(
    `${spec.base}/:${spec.param}`,
    {
      config: { access: spec.read.access },
      schema: {
        tags,
        summary: spec.read.detailSummary,
        params: spec.params,
        response: { 200: spec.response },
      },
    },
    async (req) => spec.detail(ctx, principalOf(req), idOf(req.params)),
  );
  for (const step of spec.steps) {
    app.post(
      `${spec.base}/:${spec.param}/${step.path}`,
      {
        config: { access: step.access },
        schema: {
          tags,
          summary: step.summary,
          params: spec.params,
          body: step.body,
          response: { 200: spec.response },
        },
      },
      async (req) => {
        const user = principalOf(req);
        const id = idOf(req.params);
        await step.run(ctx, user, id, req.body);
        return spec.detail(ctx, user, id);
      },
    );
  }
}
