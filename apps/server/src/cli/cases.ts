/** `lantian cases stats`: the problem-case statistics per unit (and the ranking), as text or JSON. */
import { CaseStatsQuery } from '@lantian/contract';
import { caseStats } from '../modules/cases/cases.stats.ts';
import { noonOf, parseDay } from '../modules/supervision/day.ts';
import { withDatabase } from './context.ts';
import { CliError, type CliIo } from './io.ts';

export const CASES_USAGE = `  cases stats --from YYYY-MM-DD --to YYYY-MM-DD [--json] [--at YYYY-MM-DD]
                                        问题案件统计（按单位，含排名）；--at 按该日计算逾期`;

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

export async function casesStatsCommand(
  io: CliIo,
  opts: { from?: string; to?: string; json?: boolean; at?: string },
): Promise<number> {
  const q = CaseStatsQuery.safeParse({ from: opts.from, to: opts.to });
  if (!q.success) throw new CliError(`需要 --from 和 --to（YYYY-MM-DD）\n\n${CASES_USAGE}`, 2);
  if (opts.at && !parseDay(opts.at)) throw new CliError(`--at：${opts.at} 不是有效日期`, 2);
  const at = opts.at;
  const clockIo: CliIo = at ? { ...io, clock: { now: () => noonOf(at) } } : io;
  return withDatabase(clockIo, async (ctx) => {
    const s = await caseStats(ctx, q.data);
    if (opts.json) {
      io.stdout(`${JSON.stringify(s, null, 2)}\n`);
      return 0;
    }
    io.stdout(`问题案件统计 ${s.from} 至 ${s.to}\n`);
    io.stdout('名次  单位  受理  按时办结率  逾期  办理天数中位数  返工率  重复率  反馈率\n');
    for (const r of s.ranking)
      io.stdout(
        `${String(r.rank).padEnd(4)}  ${r.name}  ${r.received}  ${pct(r.onTimeClosureRate)}  ${r.overdue}  ${r.medianHandlingDays ?? '—'}  ${pct(r.reworkRate)}  ${pct(r.repeatRate)}  ${pct(r.feedbackRate)}\n`,
      );
    const t = s.total;
    io.stdout(`合计：受理 ${t.received}，按时办结率 ${pct(t.onTimeClosureRate)}，逾期 ${t.overdue}\n`);
    return 0;
  });
}
