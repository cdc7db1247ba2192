import type { BoardRow } from '@lantian/contract';
import { reasonText } from '@lantian/core';

/** The reason of a 督办单 as drafted from board items (the supervisor edits it before issuing). */

type Reasons = Pick<BoardRow, 'task' | 'seq' | 'reasons'>;

/**
 * What is wrong with one item, in one line, worded from the stored facts as of `asOf`: the deadline
 * and milestone reasons, and missed reports as the server folded them (`2022-01 至 2022-10 共 10 期`).
 */
export function itemLine(r: Reasons, asOf?: string): string {
  const lines = r.reasons.map((x) => reasonText(x, 'zh', asOf));
  return `措施 ${r.task}.${r.seq}：${lines.join('；') || '进展滞后'}`;
}

/** The notice's reason, drafted from the items' reasons in words. */
export function draftReason(unitName: string, rows: readonly Reasons[], asOf?: string) {
  return [
    `经核查，${unitName}承担的以下工作存在预警：`,
    ...rows.map((r) => itemLine(r, asOf)),
    '请于答复期限前书面说明原因、整改措施和完成时间，并附佐证材料。',
  ].join('\n');
}
