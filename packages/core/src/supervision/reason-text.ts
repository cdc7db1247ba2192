/**
 * Reasons in words, from the stored facts: the web app, the CLI and the board's export all word them
 * here, and count days at read time (`asOf`), so nothing stored says "late for N days".
 */
import type { IsoDate } from '../plan/model.ts';
import { daysBetween } from './periods.ts';
import type { ReasonCode } from './status.ts';

/** A reason as stored or as the API sends it (absent fields may be null there). */
export interface ReasonFacts {
  code: ReasonCode;
  due?: IsoDate | null;
  period?: string | null;
  from?: string | null;
  to?: string | null;
  count?: number | null;
  subject?: string | null;
  extended?: boolean | null;
}

export type ReasonLang = 'zh' | 'en';

function subjectZh(r: ReasonFacts): string {
  if (r.code.startsWith('MILESTONE')) return `节点“${r.subject ?? ''}”${r.extended ? '（已延期）' : ''}`;
  return r.extended ? `延期后的完成时限（原为“${r.subject ?? ''}”）` : `完成时限“${r.subject ?? ''}”`;
}

function subjectEn(r: ReasonFacts): string {
  if (r.code.startsWith('MILESTONE'))
    return `the ${r.subject ?? ''} milestone${r.extended ? ' (extended)' : ''}`;
  return r.extended ? `the extended deadline (was ${r.subject ?? ''})` : `the deadline ${r.subject ?? ''}`;
}

/** The periods a folded report reason covers: `2022-06` or `2022-01 至 2022-10 共 10 期`. */
function spanZh(r: ReasonFacts): string {
  const n = r.count ?? 1;
  if (n <= 1 || !r.from || !r.to) return `${r.period ?? r.to ?? ''} 期进展报告`;
  return `${r.from} 至 ${r.to} 共 ${n} 期进展报告`;
}

function spanEn(r: ReasonFacts): string {
  const n = r.count ?? 1;
  if (n <= 1 || !r.from || !r.to) return `the ${r.period ?? r.to ?? ''} progress report`;
  return `${n} progress reports from ${r.from} to ${r.to}`;
}

/** One reason in the reader's language; with `asOf`, the days left or late as of that day. */
export function reasonText(r: ReasonFacts, lang: ReasonLang, asOf?: IsoDate): string {
  const due = r.due ?? '';
  const days = asOf && r.due ? daysBetween(asOf, r.due) : undefined;
  const zh = lang === 'zh';
  switch (r.code) {
    case 'MILESTONE_OVERDUE':
    case 'DEADLINE_OVERDUE':
      return zh
        ? `${subjectZh(r)}已于 ${due} 到期，尚未完成`
        : `${subjectEn(r)} passed on ${due} without completion`;
    case 'MILESTONE_DUE_SOON':
    case 'DEADLINE_DUE_SOON': {
      const left = days === undefined ? '' : zh ? `（还有 ${days} 天）` : ` (in ${days} days)`;
      return zh
        ? `${subjectZh(r)}将于 ${due} 到期${left}，尚未完成`
        : `${subjectEn(r)} is due on ${due}${left} and not done`;
    }
    case 'REPORT_MISSING':
    case 'REPORT_OVERDUE': {
      const many = (r.count ?? 1) > 1;
      const late =
        days === undefined ? '' : zh ? `，最早一期已逾期 ${-days} 天` : `, the first ${-days} days late`;
      if (zh)
        return many
          ? `${spanZh(r)}未报${late}`
          : `${spanZh(r)}应于 ${due} 前报送，${days === undefined ? '' : `已逾期 ${-days} 天`}未报`;
      return many
        ? `${spanEn(r)} not delivered${late}`
        : `${spanEn(r)} was due on ${due}${days === undefined ? ' and is late' : ` and is ${-days} days late`}`;
    }
    case 'REPORT_RETURNED':
      return zh
        ? `${r.period ?? ''} 期进展报告被退回，尚未重新提交`
        : `the ${r.period ?? ''} progress report was returned and not resubmitted`;
    case 'UNFINISHED':
      return zh
        ? `未按期完成（应于 ${due} 完成，计划期至 ${r.to ?? due} 结束）`
        : `not completed on time (due ${due}; the plan period ended ${r.to ?? due})`;
    case 'TARGET_SHARE_BEHIND':
      return zh
        ? `本单位分解目标 ${r.subject ?? ''} 进度滞后${r.due ? `（应于 ${due} 完成）` : ''}`
        : `behind on its share (${r.subject ?? ''}) of a city-wide target${r.due ? ` due ${due}` : ''}`;
    case 'MEASURED_TARGET_MISSED':
      if (!r.subject)
        return zh
          ? `${r.period ?? ''} 监测数据不足，无法判断是否达标`
          : `not enough monitoring data for ${r.period ?? ''}`;
      return zh
        ? `${r.period ?? ''} 实测值 ${r.subject} 未达目标`
        : `measured ${r.subject} in ${r.period ?? ''}: target missed`;
  }
}
