/** The bulletin as a file: gathered, written as .docx, and the download audited (CLI and route alike). */
import { type AppContext, audit, transaction } from '../../context.ts';
import type { Actor } from '../audit/actor.ts';
import { todayOf } from '../supervision/day.ts';
import { bulletinDocx } from './bulletin.docx.ts';
import { bulletinFacts } from './bulletin.facts.ts';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function bulletinFile(
  ctx: AppContext,
  actor: Actor,
  planId: string,
  period: string,
): Promise<{ bytes: Buffer; fileName: string }> {
  const facts = await bulletinFacts(ctx, planId, period);
  const bytes = await bulletinDocx(facts, todayOf(ctx.clock));
  await transaction(ctx, (trx) =>
    audit(ctx, trx, actor, {
      action: 'bulletin.download',
      objectType: 'plan',
      objectId: planId,
      detail: { period, asOf: facts.asOf, bytes: bytes.length },
    }),
  );
  return { bytes, fileName: `通报-${period}.docx` };
}
