/** The bulletin as a file: gathered, written as .docx or PDF, and the download audited (CLI and route alike). */
import { type AppContext, audit, transaction } from '../../context.ts';
import type { Actor } from '../audit/actor.ts';
import { todayOf } from '../supervision/day.ts';
import { bulletinDocx } from './bulletin.docx.ts';
import { bulletinFacts } from './bulletin.facts.ts';
import { bulletinModel } from './bulletin.model.ts';
import { modelPdf } from './bulletin.pdf.ts';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PDF_TYPE = 'application/pdf';

export async function bulletinFile(
  ctx: AppContext,
  actor: Actor,
  planId: string,
  period: string,
  format: 'docx' | 'pdf' = 'docx',
): Promise<{ bytes: Buffer; fileName: string }> {
  const facts = await bulletinFacts(ctx, planId, period);
  const issuedOn = todayOf(ctx.clock);
  const bytes =
    format === 'pdf'
      ? await modelPdf(await bulletinModel(facts, issuedOn))
      : await bulletinDocx(facts, issuedOn);
  await transaction(ctx, (trx) =>
    audit(ctx, trx, actor, {
      action: 'bulletin.download',
      objectType: 'plan',
      objectId: planId,
      detail: { period, format, asOf: facts.asOf, bytes: bytes.length },
    }),
  );
  return { bytes, fileName: `通报-${period}.${format}` };
}
