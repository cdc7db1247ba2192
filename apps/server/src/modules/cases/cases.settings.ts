/**
 * The office's case settings: categories, the time limit (days) of each category × severity, and the
 * windows (repeat detection, revisit, reminder). Categories are kept once used (deactivated, not deleted).
 */
import { CASE_SEVERITIES, type CaseSettings, type CaseSeverity } from '@lantian/contract';
import { type AppContext, audit, transaction } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../audit/actor.ts';

const META_KEY = 'case_settings';

interface Windows {
  repeatWindowDays: number;
  revisitAfterDays: number;
  remindDaysBefore: number;
}

export async function readCaseSettings(db: Executor): Promise<CaseSettings> {
  // One after the other: inside a transaction they share one connection.
  const categories = await db.selectFrom('case_categories').selectAll().orderBy('position').execute();
  const limits = await db
    .selectFrom('case_time_limits')
    .selectAll()
    .orderBy('category')
    .orderBy('severity')
    .execute();
  const meta = await db.selectFrom('meta').select('value').where('key', '=', META_KEY).executeTakeFirst();
  const windows = JSON.parse(meta?.value ?? '{}') as Windows;
  return {
    categories: categories.map((c) => ({ code: c.code, name: c.name, active: c.active === 1 })),
    timeLimits: limits.map((l) => ({ category: l.category, severity: l.severity, days: l.days })),
    repeatWindowDays: windows.repeatWindowDays ?? 30,
    revisitAfterDays: windows.revisitAfterDays ?? 30,
    remindDaysBefore: windows.remindDaysBefore ?? 1,
  };
}

/** The active category of that code, or a 400 naming the field. */
export async function activeCategory(db: Executor, code: string, field = 'category') {
  const c = await db.selectFrom('case_categories').selectAll().where('code', '=', code).executeTakeFirst();
  if (!c?.active) throw new AppError('VALIDATION_FAILED', `${field}：未知或已停用的问题类别“${code}”`);
  return c;
}

/** Days to rectify for a category and severity. */
export async function timeLimitDays(db: Executor, category: string, severity: CaseSeverity): Promise<number> {
  const row = await db
    .selectFrom('case_time_limits')
    .select('days')
    .where('category', '=', category)
    .where('severity', '=', severity)
    .executeTakeFirst();
  if (!row) throw new AppError('INVALID_STATE', `问题类别“${category}”的“${severity}”等级没有设置办理时限`);
  return row.days;
}

/** Replace the settings (all or nothing, audited). Every active category needs a limit per severity. */
export async function writeCaseSettings(
  ctx: AppContext,
  actor: Actor,
  s: CaseSettings,
): Promise<CaseSettings> {
  const codes = new Set<string>();
  s.categories.forEach((c, i) => {
    if (codes.has(c.code))
      throw new AppError('VALIDATION_FAILED', `categories[${i}].code：重复的类别“${c.code}”`);
    codes.add(c.code);
  });
  const limits = new Map<string, number>();
  s.timeLimits.forEach((l, i) => {
    if (!codes.has(l.category))
      throw new AppError('VALIDATION_FAILED', `timeLimits[${i}].category：未列出的类别“${l.category}”`);
    limits.set(`${l.category}|${l.severity}`, l.days);
  });
  for (const c of s.categories.filter((x) => x.active))
    for (const sev of CASE_SEVERITIES)
      if (!limits.has(`${c.code}|${sev}`))
        throw new AppError('VALIDATION_FAILED', `timeLimits：缺少类别“${c.code}”× 等级“${sev}”的办理时限`);
  return transaction(ctx, async (trx) => {
    const before = await readCaseSettings(trx);
    const removed = before.categories.filter((c) => !codes.has(c.code));
    if (removed.length > 0) {
      const used = await trx
        .selectFrom('cases')
        .select('category')
        .where(
          'category',
          'in',
          removed.map((c) => c.code),
        )
        .limit(1)
        .executeTakeFirst();
      if (used)
        throw new AppError(
          'VALIDATION_FAILED',
          `categories：类别“${used.category}”已有案件，只能停用（active=false）`,
        );
    }
    await trx.deleteFrom('case_time_limits').execute();
    for (const c of removed) await trx.deleteFrom('case_categories').where('code', '=', c.code).execute();
    for (const [i, c] of s.categories.entries())
      await trx
        .insertInto('case_categories')
        .values({ code: c.code, name: c.name, active: c.active ? 1 : 0, position: i })
        .onConflict((oc) =>
          oc.column('code').doUpdateSet({ name: c.name, active: c.active ? 1 : 0, position: i }),
        )
        .execute();
    if (s.timeLimits.length > 0) await trx.insertInto('case_time_limits').values(s.timeLimits).execute();
    const windows: Windows = {
      repeatWindowDays: s.repeatWindowDays,
      revisitAfterDays: s.revisitAfterDays,
      remindDaysBefore: s.remindDaysBefore,
    };
    await trx
      .insertInto('meta')
      .values({ key: META_KEY, value: JSON.stringify(windows) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(windows) }))
      .execute();
    const after = await readCaseSettings(trx);
    await audit(ctx, trx, actor, {
      action: 'case.settings',
      objectType: 'case_settings',
      objectId: META_KEY,
      before,
      after,
    });
    return after;
  });
}
