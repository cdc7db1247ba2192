/**
 * What a closure (销号) does to the assignment's extension requests, here with the extension module's
 * own table: the closures module calls it once the assignment is closed.
 */
import { type AppContext, audit, type Trx } from '../../context.ts';
import type { Principal } from '../auth/principal.ts';
import { actorOf } from '../auth/principal.ts';

/** Closing an assignment ends its pending extension requests: there is no deadline left to move. */
export async function endExtensionsOnClosure(
  ctx: AppContext,
  trx: Trx,
  user: Principal,
  assignmentId: string,
  closedOn: string,
) {
  const pending = await trx
    .selectFrom('extension_requests')
    .select(['id', 'state', 'version'])
    .where('assignment_id', '=', assignmentId)
    .where('state', 'in', ['pending_lead', 'pending_supervisor'])
    .execute();
  const now = ctx.clock.now().toISOString();
  const comment = `该项任务已于 ${closedOn} 销号，延期申请自动终止`;
  for (const x of pending) {
    await trx
      .updateTable('extension_requests')
      .set({
        state: 'refused',
        decided_by: user.userId,
        decided_at: now,
        decision_comment: comment,
        version: x.version + 1,
      })
      .where('id', '=', x.id)
      .execute();
    await audit(ctx, trx, actorOf(user), {
      action: 'extension.end_on_closure',
      objectType: 'extension_request',
      objectId: x.id,
      before: { state: x.state },
      after: { state: 'refused' },
      detail: { comment },
    });
  }
}
