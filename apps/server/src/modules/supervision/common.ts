/** Small helpers shared by the supervision modules. */
import type { Executor } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';

/** A unique-key violation on either dialect (a concurrent insert won). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null;
  if (!err) return false;
  return (
    err.code === '23505' ||
    err.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed/.test(err.message ?? '')
  );
}

export const versionConflict = (what: string) =>
  new AppError('VERSION_CONFLICT', `${what}已被他人修改，请刷新后重试（未做任何更改）`);

/** Display names of users, by id. */
export async function userNames(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** `limit/offset` from a page number and size. */
export const pageOf = (page: number, pageSize: number) => ({
  limit: pageSize,
  offset: (page - 1) * pageSize,
});

/** Notices, like everything else in a plan, are frozen once the plan is archived. */
export async function planOpen(db: Executor, planId: string): Promise<boolean> {
  const p = await db.selectFrom('plans').select('status').where('id', '=', planId).executeTakeFirst();
  return p?.status === 'published';
}

export const planArchived = () =>
  new AppError('PLAN_ARCHIVED', '计划已归档，督办单不能再答复、审核或增删佐证材料');

export async function ensureNoticePlanOpen(db: Executor, planId: string): Promise<void> {
  if (!(await planOpen(db, planId))) throw planArchived();
}

export const toInt = (v: unknown) => Number(v ?? 0);
