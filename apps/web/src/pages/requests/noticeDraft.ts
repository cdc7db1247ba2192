import type { BoardRow } from '@lantian/contract';

/** The reason of a 督办单 as drafted from board items (the supervisor edits it before issuing). */

type Reasons = Pick<BoardRow, 'task' | 'seq' | 'reasons'>;

/**
 * What is wrong with one item, in one line: the deadline and milestone reasons as the server words
 * them; missed reports, which pile up month after month, as a span (`2022-01 至 2026-10 共 58 期`).
 */
export function itemLine(r: Reasons): string {
  const reports = r.reasons.filter((x) => x.code === 'REPORT_MISSING' || x.code === 'REPORT_OVERDUE');
  const others = r.reasons.filter((x) => !reports.includes(x)).map((x) => x.message);
  const periods = reports.map((x) => x.period).filter((p): p is string => !!p);
  if (periods.length > 2)
    others.push(`${periods[0]} 至 ${periods[periods.length - 1]} 共 ${periods.length} 期进展报告逾期未报`);
  else others.push(...reports.map((x) => x.message));
  return `措施 ${r.task}.${r.seq}：${others.join('；') || '进展滞后'}`;
}

/** The notice's reason, drafted from the items' reasons in words. */
export function draftReason(unitName: string, rows: readonly Reasons[]) {
  return [
    `经核查，${unitName}承担的以下工作存在预警：`,
    ...rows.map(itemLine),
    '请于答复期限前书面说明原因、整改措施和完成时间，并附佐证材料。',
  ].join('\n');
}
