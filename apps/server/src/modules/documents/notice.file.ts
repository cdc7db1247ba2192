/** A 督办单 as a file (.docx or PDF from one model) for a user who may read it (404 otherwise), audited. */
import { type AppContext, audit, transaction } from '../../context.ts';
import { actorOf, type Principal } from '../auth/principal.ts';
import { noticeDetail, noticeIssuerUnit } from '../notices/notices.query.ts';
import { measureTexts } from '../plans/plans.repository.ts';
import { modelDocx } from './bulletin.docx.ts';
import { modelPdf } from './bulletin.pdf.ts';
import { noticeModel } from './notice.model.ts';

export async function noticeFile(
  ctx: AppContext,
  user: Principal,
  noticeId: string,
  format: 'docx' | 'pdf' = 'docx',
) {
  const d = await noticeDetail(ctx, user, noticeId);
  const db = ctx.db.kysely;
  const [texts, issuerUnit] = await Promise.all([
    measureTexts(
      db,
      d.notice.measures.map((m) => m.measureId),
    ),
    noticeIssuerUnit(db, noticeId),
  ]);
  const model = noticeModel({ detail: d, measureTexts: texts, issuerUnit });
  const bytes = format === 'pdf' ? await modelPdf(model) : await modelDocx(model);
  await transaction(ctx, (trx) =>
    audit(ctx, trx, actorOf(user), {
      action: 'notice.download',
      objectType: 'supervision_notice',
      objectId: noticeId,
      detail: { number: d.notice.number, format, bytes: bytes.length },
    }),
  );
  const no = d.notice.number?.match(/〔(\d+)〕第 (\d+) 号/);
  return {
    bytes,
    fileName: no ? `督办单-${no[1]}-${no[2]}.${format}` : `督办单.${format}`,
    asciiName: no ? `notice-${no[1]}-${no[2]}.${format}` : `notice.${format}`,
  };
}
