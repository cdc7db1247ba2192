/**
 * Writing an imported draft without stalling the server (issue 8): SQLite runs every query on the event
 * loop and one connection, so one transaction of a 6,000-measure plan held every other request for most
 * of a second. The draft is written instead in short transactions (`DRAFT_STEP_MEASURES` measures with their rows each),
 * with a turn of the event loop between them, while `plans.importing_since` keeps it invisible; the last,
 * small transaction (the plan's own groups, the audit record, the caller's `finish`) clears it. Any
 * failure deletes what was written, so nothing half-written is ever seen or left behind.
 */
import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Plan } from '@lantian/core';
import { type AppContext, audit, type Trx, transaction } from '../../context.ts';
import type { Database, MeasureUnitsTable } from '../../db/schema.ts';
import type { Actor } from '../audit/actor.ts';
import { addPlanGroups, readDirectory } from '../directory/directory.service.ts';
import { checkPlanShape, measureRows, outlineRows, ownGroupNames } from './plan-draft-rows.ts';
import { insertMany } from './plans.repository.ts';

/** Rows of sections or tasks per transaction: a few milliseconds of SQLite work each. */
export const DRAFT_CHUNK_ROWS = 500;
/** Measures per step (with their milestones, targets and unit mentions): 2–5 ms of SQLite work each (150 took 15 ms and more). */
export const DRAFT_STEP_MEASURES = 50;
/** A draft still being written after this long is a crash's leftover. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

export interface DraftDocument {
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
  sha256: string;
  /** The plan as JSON text, made by the parse worker; serialised here when absent. */
  planJson?: string;
}

/**
 * Write `plan` as a draft and return its id. `finish` runs in the last transaction, after the draft is
 * complete and before it becomes visible (a thrown error there undoes the whole import).
 */
export async function writeDraft(
  ctx: AppContext,
  actor: Actor,
  plan: Plan,
  doc: DraftDocument,
  finish: (trx: Trx, planId: string) => Promise<void>,
): Promise<string> {
  checkPlanShape(plan);
  const now = ctx.clock.now().toISOString();
  const { unitIds, groupIds } = await readDirectory(ctx.db.kysely);
  const planId = randomUUID();
  const documentId = randomUUID();
  const outline = outlineRows(plan, planId);
  await nextTurn();
  await transaction(ctx, async (trx) => {
    await trx
      .insertInto('plan_documents')
      .values({
        id: documentId,
        file_name: doc.fileName.slice(0, 255),
        media_type: doc.mediaType.slice(0, 100),
        size: doc.bytes.length,
        sha256: doc.sha256,
        content: Buffer.from(doc.bytes),
        uploaded_by: actor.userId,
        uploaded_at: now,
      })
      .execute();
  });
  await nextTurn();
  const parseResult = doc.planJson ?? JSON.stringify(plan);
  await nextTurn();
  await transaction(ctx, async (trx) => {
    await trx
      .insertInto('plans')
      .values({
        id: planId,
        title: plan.title,
        year: plan.year,
        status: 'draft',
        document_id: documentId,
        parse_result: parseResult,
        warnings: JSON.stringify(plan.warnings),
        preamble: JSON.stringify(plan.preamble),
        imported_by: actor.userId,
        imported_at: now,
        published_by: null,
        published_at: null,
        archived_at: null,
        version: 1,
        updated_at: now,
        importing_since: now,
      })
      .execute();
  });
  try {
    await writeChunked(ctx, 'plan_sections', outline.sections);
    await writeChunked(ctx, 'plan_tasks', outline.tasks);
    const ownGroupMentions: MeasureUnitsTable[] = [];
    const ownGroups: string[] = [];
    for (let i = 0; i < plan.measures.length; i += DRAFT_STEP_MEASURES) {
      await nextTurn();
      const slice = plan.measures.slice(i, i + DRAFT_STEP_MEASURES);
      const rows = measureRows(slice, planId, now, outline.taskIds, unitIds, groupIds);
      ownGroupMentions.push(...rows.ownGroupMentions);
      // A slice at a time: over 6,000 measures at once this was tens of milliseconds on the event loop.
      ownGroups.push(...ownGroupNames({ ...plan, measures: slice }, groupIds));
      await transaction(ctx, async (trx) => {
        await insertMany(trx, 'measures', rows.measures);
        await insertMany(trx, 'milestones', rows.milestones);
        await insertMany(trx, 'targets', rows.targets);
        await insertMany(trx, 'measure_units', rows.mentions);
      });
    }
    await nextTurn();
    await transaction(ctx, async (trx) => {
      // The plan's own groups are created (and audited) only with the draft that names them.
      const own = await addPlanGroups(ctx, trx, actor, ownGroups);
      const mentions = ownGroupMentions.map((m) => {
        const groupId = own.get(m.name) ?? null;
        return { ...m, group_id: groupId, kind: groupId ? ('group' as const) : ('unknown' as const) };
      });
      await insertMany(trx, 'measure_units', mentions);
      await finish(trx, planId);
      await trx.updateTable('plans').set({ importing_since: null }).where('id', '=', planId).execute();
      await audit(ctx, trx, actor, {
        action: 'plan.import',
        objectType: 'plan',
        objectId: planId,
        after: { title: plan.title, year: plan.year, status: 'draft' },
        detail: {
          fileName: doc.fileName,
          sha256: doc.sha256,
          size: doc.bytes.length,
          tasks: plan.tasks.length,
          measures: plan.measures.length,
          warnings: plan.warnings.length,
        },
      });
    });
  } catch (e) {
    await deletePartialDraft(ctx, planId).catch((cleanup: Error) => {
      // The draft stays invisible; the next import's sweep removes it.
      process.stderr.write(`蓝天：未能删除导入失败的草稿 ${planId}（${cleanup.message}）\n`);
    });
    throw e;
  }
  return planId;
}

async function writeChunked<T extends keyof Database & string>(
  ctx: AppContext,
  table: T,
  rows: Parameters<typeof insertMany<T>>[2],
): Promise<void> {
  for (let i = 0; i < rows.length; i += DRAFT_CHUNK_ROWS) {
    await nextTurn();
    const chunk = rows.slice(i, i + DRAFT_CHUNK_ROWS);
    await transaction(ctx, (trx) => insertMany(trx, table, chunk));
  }
}

/** Delete a draft that never became visible, child rows first, one table per transaction. */
export async function deletePartialDraft(ctx: AppContext, planId: string): Promise<void> {
  const db = ctx.db.kysely;
  const plan = await db
    .selectFrom('plans')
    .select(['document_id', 'importing_since'])
    .where('id', '=', planId)
    .executeTakeFirst();
  // Only an unfinished import is ever deleted here.
  if (!plan || plan.importing_since === null) return;
  const measureIds = db.selectFrom('measures').select('id').where('plan_id', '=', planId);
  const steps: ((trx: Trx) => Promise<unknown>)[] = [
    (trx) => trx.deleteFrom('measure_units').where('plan_id', '=', planId).execute(),
    (trx) => trx.deleteFrom('targets').where('measure_id', 'in', measureIds).execute(),
    (trx) => trx.deleteFrom('milestones').where('measure_id', 'in', measureIds).execute(),
    (trx) => trx.deleteFrom('measures').where('plan_id', '=', planId).execute(),
    (trx) => trx.deleteFrom('plan_tasks').where('plan_id', '=', planId).execute(),
    (trx) => trx.deleteFrom('plan_sections').where('plan_id', '=', planId).execute(),
    async (trx) => {
      await trx
        .deleteFrom('plans')
        .where('id', '=', planId)
        .where('importing_since', 'is not', null)
        .execute();
      await trx.deleteFrom('plan_documents').where('id', '=', plan.document_id).execute();
    },
  ];
  for (const step of steps) {
    await nextTurn();
    await transaction(ctx, step);
  }
}

/** Remove the drafts of imports that stopped half-way (a crash) more than an hour ago. */
export async function sweepAbandonedImports(ctx: AppContext): Promise<number> {
  const before = new Date(ctx.clock.now().getTime() - ABANDONED_AFTER_MS).toISOString();
  const stale = await ctx.db.kysely
    .selectFrom('plans')
    .select('id')
    .where('importing_since', 'is not', null)
    .where('importing_since', '<', before)
    .execute();
  for (const p of stale) await deletePartialDraft(ctx, p.id);
  return stale.length;
}
