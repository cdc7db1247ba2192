/**
 * Sole-signer units: the explicit, audited exception to four eyes at a unit's sign-off. Only a unit
 * the office has marked (a one-person unit, with a reason) may sign off what its leader wrote.
 */
import type { SoleSignerRequest, SoleSignerResponse } from '@lantian/contract';
import { type AppContext, audit, transaction } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../audit/actor.ts';
import type { Resource } from '../auth/policy.ts';
import { unitById } from '../directory/directory.repository.ts';

export async function isSoleSigner(db: Executor, unitId: string): Promise<boolean> {
  const row = await db
    .selectFrom('unit_signoff_settings')
    .select('sole_signer')
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  return row?.sole_signer === 1;
}

/** The resource the sign-off rule judges: the unit, who wrote the thing, and the unit's setting. */
export async function signoffResource(
  db: Executor,
  unitId: string,
  writtenBy: readonly (string | null)[],
): Promise<Resource> {
  return { type: 'signoff', unitId, writtenBy, soleSigner: await isSoleSigner(db, unitId) };
}

export async function soleSignerSetting(ctx: AppContext, unitId: string): Promise<SoleSignerResponse> {
  if (!(await unitById(ctx.db.kysely, unitId))) throw new AppError('NOT_FOUND', '单位不存在');
  const row = await ctx.db.kysely
    .selectFrom('unit_signoff_settings')
    .selectAll()
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  return {
    unitId,
    soleSigner: row?.sole_signer === 1,
    reason: row?.reason ?? null,
    updatedAt: row?.updated_at ?? null,
  };
}

export async function setSoleSigner(
  ctx: AppContext,
  actor: Actor,
  unitId: string,
  input: SoleSignerRequest,
): Promise<SoleSignerResponse> {
  await transaction(ctx, async (trx) => {
    const unit = await unitById(trx, unitId);
    if (!unit) throw new AppError('NOT_FOUND', '单位不存在');
    const before = await trx
      .selectFrom('unit_signoff_settings')
      .selectAll()
      .where('unit_id', '=', unitId)
      .executeTakeFirst();
    const now = ctx.clock.now().toISOString();
    const values = {
      sole_signer: input.soleSigner ? (1 as const) : (0 as const),
      reason: input.reason,
      updated_by: actor.userId,
      updated_at: now,
    };
    if (before)
      await trx.updateTable('unit_signoff_settings').set(values).where('unit_id', '=', unitId).execute();
    else
      await trx
        .insertInto('unit_signoff_settings')
        .values({ unit_id: unitId, ...values })
        .execute();
    await audit(ctx, trx, actor, {
      action: 'unit.sole_signer',
      objectType: 'unit',
      objectId: unitId,
      before: { unit: unit.name, soleSigner: before?.sole_signer === 1 },
      after: { unit: unit.name, soleSigner: input.soleSigner, reason: input.reason },
    });
  });
  return soleSignerSetting(ctx, unitId);
}
