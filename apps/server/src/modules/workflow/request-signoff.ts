/**
 * Own-unit sign-off of requests (督办单 replies, 延期 and 销号 requests), when the plan requires it:
 * a request written in a unit is *held* (`signoff_state = 'pending'`) until another of its leaders
 * signs it off (`signoffStep`, four eyes and the sole-signer exception in the policy). Held, it is
 * seen only inside the unit and no one outside may decide it; signed off, it goes on as it would
 * have without the setting; returned, it goes back to its writer with the leader's reason.
 */
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { AppContext, Trx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { SignoffState } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { type Message, notify, unitRecipients } from '../notifications/notify.ts';

export interface SignoffColumns {
  signoff_state: SignoffState | null;
  signed_off_by: string | null;
  signed_off_at: string | null;
  signoff_comment: string | null;
}

/** Does the plan hold its units' requests for their leaders' sign-off? */
export async function planRequiresSignoff(db: Executor, planId: string): Promise<boolean> {
  const row = await db
    .selectFrom('plans')
    .select('request_signoff')
    .where('id', '=', planId)
    .executeTakeFirst();
  return row?.request_signoff === 1;
}

/** The sign-off columns of a request just written (or written again): held when the plan says so. */
export async function signoffOnWrite(db: Executor, planId: string): Promise<SignoffColumns> {
  return {
    signoff_state: (await planRequiresSignoff(db, planId)) ? 'pending' : null,
    signed_off_by: null,
    signed_off_at: null,
    signoff_comment: null,
  };
}

/** The columns a sign-off writes. */
export const signedOff = (a: {
  user: { userId: string };
  now: string;
  input: { decision: string; comment?: string | null };
}): SignoffColumns => ({
  signoff_state: a.input.decision === 'approve' ? 'approved' : 'returned',
  signed_off_by: a.user.userId,
  signed_off_at: a.now,
  signoff_comment: a.input.comment?.trim() || null,
});

export const isHeld = (r: Pick<SignoffColumns, 'signoff_state'>) => r.signoff_state === 'pending';

/** A held request is not decided outside its unit. */
export function ensureReleased(r: Pick<SignoffColumns, 'signoff_state'>, label: string): void {
  if (isHeld(r)) throw new AppError('INVALID_STATE', `${label}尚待申请单位领导签发`);
}

/** Only a held request is signed off. */
export function ensureHeld(r: Pick<SignoffColumns, 'signoff_state'>, label: string): void {
  if (!isHeld(r)) throw new AppError('INVALID_STATE', `${label}不在待签发状态`);
}

/** Rows that have left their unit: never held for sign-off, nor returned at it. */
export function released(alias: string): RawBuilder<SqlBool> {
  const col = sql.ref(`${alias}.signoff_state`);
  return sql<SqlBool>`(${col} is null or ${col} = 'approved')`;
}

/** Tell the unit's leaders that a request waits for their sign-off. */
export async function notifySignoffNeeded(
  ctx: AppContext,
  trx: Trx,
  unitId: string,
  message: Message,
): Promise<void> {
  await notify(ctx, trx, await unitRecipients(trx, unitId, ['unit_leader']), message);
}

/** Tell the writer of a request (while still in the unit) that their leader returned it. */
export async function notifyReturned(
  ctx: AppContext,
  trx: Trx,
  unitId: string,
  writtenBy: string | null,
  message: Message,
): Promise<void> {
  const people = await unitRecipients(trx, unitId);
  await notify(
    ctx,
    trx,
    people.filter((p) => p.id === writtenBy),
    message,
  );
}

/** How a request shows its sign-off (null: none was asked for). */
export function presentSignoff(
  r: SignoffColumns,
  who: (id: string | null) => string | null,
): { state: SignoffState; by: string | null; at: string | null; comment: string | null } | null {
  if (!r.signoff_state) return null;
  return {
    state: r.signoff_state,
    by: who(r.signed_off_by),
    at: r.signed_off_at,
    comment: r.signoff_comment,
  };
}
