/** `lantian status` and `lantian jobs run`: lights as of a day from the recorded facts, and the daily jobs. */
import { combineLights, type IsoDate, reasonText } from '@lantian/core';
import type { Clock } from '../clock.ts';
import type { AppContext } from '../context.ts';
import { runJobs } from '../modules/jobs/run-jobs.ts';
import { countLights } from '../modules/status/status.query.ts';
import { type ComputedAssignment, computePlanStatuses } from '../modules/status/summary.ts';
import { endOfDayIso, noonOf, parseDay, todayOf } from '../modules/supervision/day.ts';
import { withDatabase } from './context.ts';
import { CliError, type CliIo } from './io.ts';

function parseAt(raw: string | undefined, clock?: Clock): IsoDate | undefined {
  if (raw === undefined) return clock ? todayOf(clock) : undefined;
  const day = parseDay(raw);
  if (!day) throw new CliError(`--at 应为 YYYY-MM-DD 格式的日期，而不是“${raw}”`, 2);
  return day;
}

async function choosePlan(ctx: AppContext, planId?: string) {
  const db = ctx.db.kysely;
  if (planId) {
    const plan = await db
      .selectFrom('plans')
      .select(['id', 'title', 'year', 'status'])
      .where('id', '=', planId)
      .executeTakeFirst();
    if (!plan) throw new CliError(`没有 id 为 ${planId} 的计划`, 1);
    if (plan.status === 'draft') throw new CliError(`计划 ${planId} 还是草稿，没有分工`, 1);
    return plan;
  }
  const plans = await db
    .selectFrom('plans')
    .select(['id', 'title', 'year', 'status'])
    .where('status', '=', 'published')
    .orderBy('year', 'desc')
    .orderBy('published_at', 'desc')
    .execute();
  if (plans.length === 0)
    throw new CliError('还没有已发布的计划（先运行 npx lantian demo load 或 plan import --publish）', 1);
  return plans[0] as (typeof plans)[number];
}

/** Measures of a plan with their combined light and reasons, from per-assignment statuses. */
export function measuresOf(statuses: ComputedAssignment[], unitNames: Map<string, string>, asOf: IsoDate) {
  const byMeasure = new Map<string, ComputedAssignment[]>();
  for (const s of statuses) byMeasure.set(s.measureId, [...(byMeasure.get(s.measureId) ?? []), s]);
  return [...byMeasure.values()].map((list) => {
    const first = list[0] as ComputedAssignment;
    const reasons = new Map<string, Record<string, unknown> & { units: string[] }>();
    for (const s of list) {
      for (const r of s.reasons) {
        const key = `${r.code}|${r.due ?? ''}|${r.period ?? ''}|${r.from ?? ''}|${r.count ?? ''}`;
        const unit = unitNames.get(s.unitId) ?? s.unitId;
        const seen = reasons.get(key);
        if (seen) seen.units.push(unit);
        else
          reasons.set(key, {
            code: r.code,
            light: r.light,
            due: r.due ?? null,
            period: r.period ?? null,
            ...(r.count ? { from: r.from ?? null, to: r.to ?? null, count: r.count } : {}),
            ...(r.code === 'UNFINISHED' ? { to: r.to ?? null } : {}),
            // Worded here, as of the day asked for: the stored facts count no days.
            message: reasonText(r, 'zh', asOf),
            messageEn: reasonText(r, 'en', asOf),
            units: [unit],
          });
      }
    }
    const lights = list.map((s) => s.light);
    return {
      task: first.taskNo,
      seq: first.seq,
      light: combineLights(lights),
      progress: Math.round((list.reduce((a, s) => a + s.progress, 0) / list.length) * 10_000) / 10_000,
      counts: countLights(lights),
      reasons: [...reasons.values()],
    };
  });
}

export async function statusCommand(
  io: CliIo,
  opts: { plan?: string; at?: string; json?: boolean },
): Promise<number> {
  return withDatabase(io, async (ctx) => {
    const at = parseAt(opts.at, ctx.clock) as IsoDate;
    const plan = await choosePlan(ctx, opts.plan);
    const statuses = await computePlanStatuses(ctx, ctx.db.kysely, plan.id, at, {
      recordedBefore: endOfDayIso(at),
    });
    const units = await ctx.db.kysely.selectFrom('units').select(['id', 'name']).execute();
    const measures = measuresOf(statuses, new Map(units.map((u) => [u.id, u.name])), at);
    if (opts.json) {
      io.stdout(`${JSON.stringify({ planId: plan.id, title: plan.title, asOf: at, measures }, null, 2)}\n`);
      return 0;
    }
    const names = { green: '绿', yellow: '黄', red: '红', done: '销号' } as const;
    io.stdout(`${plan.title}（${plan.year}）截至 ${at}\n`);
    for (const m of measures) {
      io.stdout(
        `${`${m.task}-${m.seq}`.padEnd(6)} ${names[m.light]}  ${m.reasons.map((r) => `${r.code} ${r.message}`).join('；')}\n`,
      );
    }
    const c = countLights(measures.map((m) => m.light));
    io.stdout(`共 ${measures.length} 条措施：红 ${c.red}，黄 ${c.yellow}，绿 ${c.green}，销号 ${c.done}\n`);
    return 0;
  });
}

export async function jobsRunCommand(io: CliIo, opts: { at?: string }): Promise<number> {
  const at = parseAt(opts.at);
  const clockIo: CliIo = at ? { ...io, clock: { now: () => noonOf(at) } } : io;
  return withDatabase(clockIo, async (ctx) => {
    const result = await runJobs(ctx);
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    if (!result.ran) io.stderr(`另一个实例（${result.heldBy ?? '未知'}）正在运行这些任务，本次未执行\n`);
    return result.ran ? 0 : 3;
  });
}
