/**
 * No silent duplicates (issue 8 §5): a document whose plan exists already (same file bytes, or same
 * title and year) is answered with DUPLICATE_PLAN naming that plan; it can be sent again as a new
 * version of it, and publishing the new version archives the old one, so 我的任务 never doubles.
 */
import type { DuplicatePlan } from '@lantian/contract';
import type { AppContext, Trx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../audit/actor.ts';
import { retireInTransaction } from './plan-retire.service.ts';

type PlanStatus = DuplicatePlan['plan']['status'];

/** The plan this document duplicates, if any: withdrawn plans (published in error) do not count. */
export async function findDuplicate(
  db: Executor,
  doc: { sha256: string; title: string; year: number },
): Promise<DuplicatePlan | null> {
  const base = db
    .selectFrom('plans as p')
    .innerJoin('plan_documents as d', 'd.id', 'p.document_id')
    .select(['p.id', 'p.title', 'p.year', 'p.status'])
    .where('p.withdrawn_at', 'is', null)
    .where('p.importing_since', 'is', null)
    // The current version first: a published or draft plan before the archived ones it replaced.
    .orderBy((eb) => eb.case().when('p.status', '=', 'archived').then(1).else(0).end())
    .orderBy('p.imported_at', 'desc');
  const same = await base.where('d.sha256', '=', doc.sha256).executeTakeFirst();
  const hit =
    same ?? (await base.where('p.title', '=', doc.title).where('p.year', '=', doc.year).executeTakeFirst());
  if (!hit) return null;
  return {
    match: same ? 'same_file' : 'title_year',
    plan: { id: hit.id, title: hit.title, year: hit.year, status: hit.status as PlanStatus },
  };
}

export function duplicateError(dup: DuplicatePlan): AppError {
  const { plan } = dup;
  const state = { draft: '草稿', published: '已发布', archived: '已归档' }[plan.status];
  const why = dup.match === 'same_file' ? '同一文件已导入过' : '已有同名同年度的计划';
  return new AppError(
    'DUPLICATE_PLAN',
    `${why}：“${plan.title}”（${plan.year} 年，${state}，编号 ${plan.id}）。可作为该计划的新版本导入，或取消。`,
    dup,
  );
}

/** The plan a new version is to replace: it must exist and not be withdrawn. */
export async function checkReplaceable(db: Executor, planId: string): Promise<void> {
  const p = await db
    .selectFrom('plans')
    .select(['id', 'withdrawn_at'])
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!p) throw new AppError('NOT_FOUND', `要替代的计划 ${planId} 不存在`);
  if (p.withdrawn_at) throw new AppError('INVALID_STATE', `计划 ${planId} 已撤回，不能作为新版本的前一版`);
}

export async function recordVersion(trx: Trx, planId: string, replaces: string, now: string): Promise<void> {
  await trx
    .insertInto('plan_versions')
    .values({ plan_id: planId, replaces_plan_id: replaces, recorded_at: now })
    .execute();
}

/** The plan a draft replaces, if it was imported as a new version. */
export async function replacedBy(db: Executor, planId: string): Promise<string | null> {
  const row = await db
    .selectFrom('plan_versions')
    .select('replaces_plan_id')
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return row?.replaces_plan_id ?? null;
}

/** On publishing a new version: archive the plan it replaces, saying which version replaced it. */
export async function retireReplaced(ctx: AppContext, trx: Trx, actor: Actor, planId: string): Promise<void> {
  const replaces = await replacedBy(trx, planId);
  if (!replaces) return;
  const [fresh, old] = await Promise.all([
    trx.selectFrom('plans').select(['title', 'year']).where('id', '=', planId).executeTakeFirstOrThrow(),
    trx.selectFrom('plans').select(['status']).where('id', '=', replaces).executeTakeFirst(),
  ]);
  if (!old || old.status === 'archived') return;
  const reason = `已由新版本“${fresh.title}”（${fresh.year} 年，计划 ${planId}）替代`;
  await retireInTransaction(ctx, trx, actor, replaces, 'archive', reason, { replacedBy: planId });
}
