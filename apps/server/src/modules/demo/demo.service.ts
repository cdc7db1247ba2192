/** Demo data: the bundled 2022 Beijing air plan, imported, decided and published in one command. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../audit/actor.ts';
import { importPlanDocument } from '../plans/plan-import.service.ts';
import { publishPlan } from '../plans/plan-publish.service.ts';
import { decideGroupsOfKind } from '../plans/plan-review.service.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
/** apps/server/demo, from src/modules/demo and from dist/modules/demo alike. */
export const DEMO_DIR = path.resolve(here, '../../../demo');
export const DEMO_PLAN_FILE = path.join(DEMO_DIR, 'beijing-air-2022.txt');
/** The demo's choice for `相关区政府`. */
export const DEMO_RELEVANT_DISTRICTS = ['门头沟区政府', '怀柔区政府'];

export interface DemoResult {
  planId: string;
  created: boolean;
  assignments: number;
}

/** Load the demo plan unless a plan from the same file is already there (published or draft). */
export async function loadDemo(ctx: AppContext, actor: Actor): Promise<DemoResult> {
  const bytes = fs.readFileSync(DEMO_PLAN_FILE);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const existing = await ctx.db.kysely
    .selectFrom('plans as p')
    .innerJoin('plan_documents as d', 'd.id', 'p.document_id')
    .select(['p.id', 'p.status'])
    .where('d.sha256', '=', sha256)
    .where('p.status', '!=', 'archived')
    .executeTakeFirst();
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
