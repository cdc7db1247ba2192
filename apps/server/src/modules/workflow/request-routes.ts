/**
 * The HTTP of a request kind (督办单, 延期, 销号): the POST that creates one, its list, its detail, and
 * one POST per step (`/<base>/:<param>/<step>`) that takes the step on the engine; the creation and
 * every step answer with the detail read again. Each route names its policy action
 * (`config.access`), as every route does: a step's is the step's own `action`.
 */
import type { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import type { Action } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { type Step, takeStep, type WorkflowKind, type WorkflowRow } from './engine.ts';

export interface RequestStepRoute {
  path: string;
  access: Action;
  summary: string;
  body: z.ZodType;
  run(ctx: AppContext, user: Principal, id: string, body: unknown): Promise<unknown>;
}

/** A step's route: its body (typed by its schema) is the step's input on the kind. */
export function stepRoute<R extends WorkflowRow, S, B extends z.ZodType, P>(
  kind: WorkflowKind<R, S>,
  r: { path: string; summary: string; body: B; step: Step<R, S, z.output<B> & { version: number }, P> },
): RequestStepRoute {
  return {
    path: r.path,
    access: r.step.action,
    summary: r.summary,
    body: r.body,
    run: (ctx, user, id, body) =>
      takeStep(ctx, user, kind, r.step, id, body as z.output<B> & { version: number }),
  };
}

/** The POST that creates a request (`/notices`, `/assignments/:assignmentId/closure`). */
export interface RequestCreateRoute<B extends z.ZodType, PS extends z.ZodType> {
  path: string;
  access: Action;
  summary: string;
  params?: PS;
  body: B;
  /** Writes the request; its id. */
  run(ctx: AppContext, user: Principal, params: z.output<PS>, body: z.output<B>): Promise<string>;
}

export interface RequestRoutes<Q extends z.ZodType, B extends z.ZodType, PS extends z.ZodType> {
  tags: string[];
  create: RequestCreateRoute<B, PS>;
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

export function requestRoutes<Q extends z.ZodType, B extends z.ZodType, PS extends z.ZodType>(
  app: ZodApp,
  ctx: AppContext,
  spec: RequestRoutes<Q, B, PS>,
): void {
  const { tags, create } = spec;
  const idOf = (params: unknown) => (params as Record<string, string>)[spec.param] as string;
  app.post(
    create.path,
    {
      config: { access: create.access },
      schema: {
        tags,
        summary: create.summary,
        ...(create.params ? { params: create.params } : {}),
        body: create.body,
        response: { 200: spec.response },
      },
    },
    async (req) => {
      const user = principalOf(req);
      const id = await create.run(ctx, user, req.params as z.output<PS>, req.body as z.output<B>);
      return spec.detail(ctx, user, id);
    },
  );
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
