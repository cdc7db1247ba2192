/** A 督办单 as the office sends it: number, unit, measures, reason, level, reply date, issuer (公文 page). */
import type { NoticeDetailResponse } from '@lantian/contract';
import { type AppContext, audit, transaction } from '../../context.ts';
import { actorOf, type Principal } from '../auth/principal.ts';
import { noticeDetail } from '../notices/notices.query.ts';
import { measureNo } from '../notifications/measure-no.ts';
import { measureTexts } from '../plans/plans.repository.ts';
import { beijingDay } from '../supervision/day.ts';
import { body, centred, gongwenSection, heading, packGongwen, Tables, title } from './gongwen.ts';

const LEVEL = { yellow: '黄牌（一般督办）', red: '红牌（重点督办）' } as const;
const dayWords = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export async function noticeDocx(
  d: NoticeDetailResponse,
  measureTexts: Map<string, string>,
): Promise<Buffer> {
  const n = d.notice;
  const tables = new Tables();
  const issued = beijingDay(n.issuedAt);
  const children = [
    title('督 办 单'),
    ...(n.number ? [centred(n.number)] : []),
    body(''),
    tables.table(
      ['项目', '内容'],
      [
        ['被督办单位', n.unitName],
        ['督办等级', LEVEL[n.level]],
        [
          '涉及措施',
          n.measures
            .map((m) => `${measureNo(m.task, m.seq)} ${measureTexts.get(m.measureId) ?? m.text}`)
            .join('\n'),
        ],
        ['督办事由', n.reason],
        ['答复期限', dayWords(n.replyDue)],
        ['下发人', n.issuedBy ?? '—'],
        ['下发日期', dayWords(issued)],
      ],
      [22, 78],
    ),
    body(`请${n.unitName}于${dayWords(n.replyDue)}前将整改落实情况及佐证材料通过蓝天系统答复。`),
  ];
  if (d.replies.length > 0) {
    children.push(heading('答复情况'));
    for (const r of d.replies)
      children.push(
        body(
          `${dayWords(beijingDay(r.repliedAt))}${r.repliedBy ? `（${r.repliedBy}）` : ''}：${r.text}` +
            (r.decision ? `——${r.decision === 'accepted' ? '已认可' : '退回重答'}` : ''),
        ),
      );
  }
  children.push(body(''), body(dayWords(issued), { align: 'right', indent: false }));
  return packGongwen(
    { title: `督办单 ${n.number ?? ''}`.trim(), subject: n.unitName },
    [gongwenSection(children)],
    tables,
  );
}

/** The .docx of a notice the user may read (404 otherwise), the download audited. */
export async function noticeFile(ctx: AppContext, user: Principal, noticeId: string) {
  const d = await noticeDetail(ctx, user, noticeId);
  // The list gives measure texts cut at 200 characters; the printed notice carries them whole.
  const texts = await measureTexts(
    ctx.db.kysely,
    d.notice.measures.map((m) => m.measureId),
  );
  const bytes = await noticeDocx(d, texts);
  await transaction(ctx, (trx) =>
    audit(ctx, trx, actorOf(user), {
      action: 'notice.download',
      objectType: 'supervision_notice',
      objectId: noticeId,
      detail: { number: d.notice.number, bytes: bytes.length },
    }),
  );
  const no = d.notice.number?.match(/〔(\d+)〕第 (\d+) 号/);
  return {
    bytes,
    fileName: no ? `督办单-${no[1]}-${no[2]}.docx` : '督办单.docx',
    asciiName: no ? `notice-${no[1]}-${no[2]}.docx` : 'notice.docx',
  };
}
