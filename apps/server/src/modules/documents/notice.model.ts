/**
 * A 督办单 as the office sends it, as one document model written as .docx and as PDF alike: the title,
 * the number (文号) under it, the table of 责任单位, 督办等级, 督办事项 (the measures, whole), 督办事由,
 * 办理时限, 要求 and 下发人, the replies so far, and the 落款 (the issuing unit) with the date of issue.
 */
import type { NoticeDetailResponse } from '@lantian/contract';
import { measureNo } from '../notifications/measure-no.ts';
import { beijingDay } from '../supervision/day.ts';
import type { Block, BulletinModel } from './bulletin.model.ts';

const LEVEL = { yellow: '黄牌（一般督办）', red: '红牌（重点督办）' } as const;
const dayWords = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export interface NoticeFacts {
  detail: NoticeDetailResponse;
  /** The measures' whole texts (the detail cuts them at 200 characters). */
  measureTexts: Map<string, string>;
  /** The issuing unit, signed under the notice (落款); null when the issuer is not known. */
  issuerUnit: string | null;
}

export function noticeModel({ detail: d, measureTexts, issuerUnit }: NoticeFacts): BulletinModel {
  const n = d.notice;
  const issued = beijingDay(n.issuedAt);
  const due = dayWords(n.replyDue);
  const blocks: Block[] = [
    { kind: 'body', text: '' },
    {
      kind: 'table',
      header: ['项目', '内容'],
      rows: [
        ['责任单位', n.unitName],
        ['督办等级', LEVEL[n.level]],
        [
          '督办事项',
          n.measures
            .map((m) => `${measureNo(m.task, m.seq)} ${measureTexts.get(m.measureId) ?? m.text}`)
            .join('\n'),
        ],
        ['督办事由', n.reason],
        ['办理时限', `${due}前答复`],
        ['要求', `请${n.unitName}于${due}前将整改落实情况及佐证材料通过蓝天系统答复。`],
        ['下发人', n.issuedBy ?? '—'],
      ],
      widths: [22, 78],
    },
  ];
  if (d.replies.length > 0) {
    blocks.push({ kind: 'heading', text: '答复情况' });
    for (const r of d.replies)
      blocks.push({
        kind: 'body',
        text:
          `${dayWords(beijingDay(r.repliedAt))}${r.repliedBy ? `（${r.repliedBy}）` : ''}：${r.text}` +
          (r.decision ? `——${r.decision === 'accepted' ? '已认可' : '退回重答'}` : ''),
      });
  }
  blocks.push({ kind: 'body', text: '' });
  if (issuerUnit) blocks.push({ kind: 'body', text: issuerUnit, align: 'right', indent: false });
  blocks.push({ kind: 'body', text: dayWords(issued), align: 'right', indent: false });
  return {
    title: '督 办 单',
    subject: n.unitName,
    docNo: n.number ?? '',
    docNoBelow: true,
    blocks,
  };
}
