/**
 * What the office edits of a bulletin, per plan and month: the 文号, the opening and closing paragraphs
 * and the sections switched off. Until saved, a bulletin reads the defaults below.
 */
import type { BulletinSection, BulletinTexts, BulletinTextsRequest } from '@lantian/contract';
import { type AppContext, audit, transaction } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Principal } from '../auth/principal.ts';
import { actorOf } from '../auth/principal.ts';
import { isUniqueViolation, userNames, versionConflict } from '../supervision/common.ts';

/** `2022-06` → `2022年6月`. */
export const monthWords = (period: string) => `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;

function defaults(plan: { title: string }, period: string): Omit<BulletinTexts, 'version'> {
  return {
    docNo: `通报〔${period.slice(0, 4)}〕第 ${Number(period.slice(5, 7))} 期`,
    opening: `现将《${plan.title}》${monthWords(period)}推进情况通报如下。`,
    closing:
      '请各责任单位对照问题清单，抓紧整改滞后、逾期事项，按时报送进展情况；' +
      '整改情况在下月进展填报中一并报告。',
    sectionsOff: [],
    updatedAt: null,
    updatedBy: null,
  };
}

export async function bulletinTexts(db: Executor, planId: string, period: string): Promise<BulletinTexts> {
  const plan = await db.selectFrom('plans').select('title').where('id', '=', planId).executeTakeFirst();
  if (!plan) throw notFound('计划');
  const row = await db
    .selectFrom('bulletin_texts')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('period', '=', period)
    .executeTakeFirst();
  if (!row) return { ...defaults(plan, period), version: 0 };
  const names = await userNames(db, [row.updated_by]);
  return {
    docNo: row.doc_no,
    opening: row.opening,
    closing: row.closing,
    sectionsOff: JSON.parse(row.sections_off) as BulletinSection[],
    version: row.version,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by ? (names.get(row.updated_by) ?? null) : null,
  };
}

/** Save the office's texts for a plan and month (audited); `version` is the one read, 0 for the defaults. */
export async function saveBulletinTexts(
  ctx: AppContext,
  user: Principal,
  planId: string,
  period: string,
  input: BulletinTextsRequest,
): Promise<BulletinTexts> {
  const off = [...new Set(input.sectionsOff)];
  const now = ctx.clock.now().toISOString();
  try {
    await transaction(ctx, async (trx) => {
      const plan = await trx.selectFrom('plans').select('status').where('id', '=', planId).executeTakeFirst();
      if (!plan) throw notFound('计划');
      if (plan.status === 'draft') throw new AppError('INVALID_STATE', '计划还是草稿，没有可通报的分工');
      const values = {
        doc_no: input.docNo,
        opening: input.opening,
        closing: input.closing,
        sections_off: JSON.stringify(off),
        version: input.version + 1,
        updated_by: user.userId,
        updated_at: now,
      };
      if (input.version === 0) {
        await trx
          .insertInto('bulletin_texts')
          .values({ plan_id: planId, period, ...values })
          .execute();
      } else {
        const r = await trx
          .updateTable('bulletin_texts')
          .set(values)
          .where('plan_id', '=', planId)
          .where('period', '=', period)
          .where('version', '=', input.version)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw versionConflict('通报');
      }
      await audit(ctx, trx, actorOf(user), {
        action: 'bulletin.edit',
        objectType: 'plan',
        objectId: planId,
        after: { period, docNo: input.docNo, sectionsOff: off, version: values.version },
      });
    });
  } catch (e) {
    // Two first saves at once: the second finds the row the first wrote.
    if (isUniqueViolation(e)) throw versionConflict('通报');
    throw e;
  }
  return bulletinTexts(ctx.db.kysely, planId, period);
}
