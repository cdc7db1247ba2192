/** Demo data: the bundled 2022 Beijing air plan, imported, decided and published in one command. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED_PLANS } from '@lantian/core';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../audit/actor.ts';
import { importPlanDocument } from '../plans/plan-import.service.ts';
import { publishPlan } from '../plans/plan-publish.service.ts';
import { decideGroupsOfKind } from '../plans/plan-review.service.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
/** packages/core/seeds, from apps/server/src/modules/demo and apps/server/dist/modules/demo alike. */
export const SEEDS_DIR = path.resolve(here, '../../../../../packages/core/seeds');
const DEMO = BUNDLED_PLANS[0];
export const DEMO_PLAN_FILE = path.join(SEEDS_DIR, DEMO.file);
/** The demo's choice for `相关区政府`. */
export const DEMO_RELEVANT_DISTRICTS: string[] = [...DEMO.relevantDistricts];

export interface DemoResult {
  planId: string;
  created: boolean;
  assignments: number;
}

/** Load the demo plan unless a plan from the same file is already there (published or draft). */
export async function loadDemo(ctx: AppContext, actor: Actor): Promise<DemoResult> {
  const bytes = fs.readFileSync(DEMO_PLAN_FILE);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const same = await ctx.db.kysely
    .selectFrom('plans as p')
    .innerJoin('plan_documents as d', 'd.id', 'p.document_id')
    .select(['p.id', 'p.status'])
    .where('d.sha256', '=', sha256)
    .where('p.status', '!=', 'archived')
    .orderBy('p.imported_at')
    .execute();
  const existing = same.find((p) => p.status === 'published') ?? same[0];
  if (existing?.status === 'published') {
    const r = await publishPlan(ctx, actor, existing.id);
    return { planId: existing.id, created: false, assignments: r.plan.assignmentCount };
  }
  const planId =
    existing?.id ??
    (await importPlanDocument(ctx, actor, {
      fileName: path.basename(DEMO_PLAN_FILE),
      mediaType: 'text/plain',
      bytes,
    }));
  await decideGroupsOfKind(ctx, actor, planId, 'district', DEMO_RELEVANT_DISTRICTS);
  const published = await publishPlan(ctx, actor, planId);
  return { planId, created: true, assignments: published.assignmentsCreated };
}
