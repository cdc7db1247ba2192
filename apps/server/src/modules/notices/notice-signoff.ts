/**
 * The unit's own sign-off of a 督办单 reply held in it (when the plan requires one, see
 * workflow/request-signoff.ts): signed off, the notice is answered and the office told; returned, the
 * notice stays as it was and the writer answers again (the returned reply is kept, with the reason).
 */
import { AppError } from '../../errors.ts';
import { isHeld, notifyReturned, signedOff } from '../workflow/request-signoff.ts';
import { type SignoffInput, signoffStep } from '../workflow/signoff.ts';
import { latestReplyOf, type NoticeStep, notifyReplied, planOpen } from './notices.service.ts';

async function heldReply(x: Parameters<NoticeStep<SignoffInput>['to']>[0]) {
  const latest = await latestReplyOf(x.trx, x.row.id);
  if (!latest || !isHeld(latest)) throw new AppError('INVALID_STATE', '督办单没有待签发的答复');
  return latest;
}

export const signoffReply: NoticeStep<SignoffInput> = signoffStep({
  from: ['issued', 'sent_back'],
  wrongState: (s) => (s === 'replied' ? '答复已签发，等待督办人员审核' : '督办单已办结'),
  action: 'notice.signoff',
  unitId: (x) => x.row.unit_id,
  writtenBy: async (x) => [(await latestReplyOf(x.trx, x.row.id))?.replied_by ?? null],
  approved: 'replied',
  rejected: (x) => x.row.state,
  async guard(x) {
    await planOpen(x);
    await heldReply(x);
  },
  set: (x) => ({ updated_at: x.now }),
  auditAction: (approve) => (approve ? 'notice.signoff' : 'notice.signoff_return'),
  async after(x) {
    const reply = await heldReply(x);
    await x.trx.updateTable('notice_replies').set(signedOff(x)).where('id', '=', reply.id).execute();
    if (x.input.decision === 'approve') {
      const unit = await x.trx
        .selectFrom('units')
        .select('name')
        .where('id', '=', x.row.unit_id)
        .executeTakeFirstOrThrow();
      await notifyReplied(x, unit.name, reply.text);
    } else
      await notifyReturned(x.ctx, x.trx, x.row.unit_id, reply.replied_by, {
        kind: 'notice.signoff_returned',
        title: '督办单答复未获本单位领导签发',
        body: `理由：${x.input.comment?.trim() ?? ''}`,
        objectType: 'notice',
        objectId: x.row.id,
        planId: x.row.plan_id,
      });
  },
});
