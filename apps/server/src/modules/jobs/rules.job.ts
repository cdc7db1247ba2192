/**
 * The office's rules on measured data, evaluated by the daily job: each active rule once for the
 * last complete period of its indicator (the one before the period containing today), as soon as
 * values for that period have arrived. The period evaluated is remembered per rule (`meta`), so a
 * rule is evaluated once per period; the proposals' unique key (rule, area, period) keeps a proposal
 * from being made twice even if two runs ever overlapped. Nothing is sent: proposals wait on the board.
 */
import { type IsoDate, periodContaining, shiftPeriod } from '@lantian/core';
import { type AppContext, transaction } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { systemActor } from '../audit/actor.ts';
import { proposeForRule } from '../rankings/rules.service.ts';

const metaKey = (ruleId: string) => `rule_evaluated:${ruleId}`;

interface DueRule {
  ruleId: string;
  period: string;
}

/** The rules owed an evaluation as of a day, with the period each is owed for. Reads only. */
export async function rulesDue(db: Executor, asOf: IsoDate): Promise<DueRule[]> {
  const rules = await db
    .selectFrom('monitoring_rules as r')
    .innerJoin('indicators as i', 'i.id', 'r.indicator_id')
    .select(['r.id', 'r.indicator_id', 'i.resolution'])
    .where('r.active', '=', 1)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
  if (rules.length === 0) return [];
  const done = new Map(
    (
      await db
        .selectFrom('meta')
        .select(['key', 'value'])
        .where(
          'key',
          'in',
          rules.map((r) => metaKey(r.id)),
        )
        .execute()
    ).map((m) => [m.key, m.value]),
  );
  const due: DueRule[] = [];
  for (const r of rules) {
    const period = shiftPeriod(periodContaining(r.resolution, asOf), -1).key;
    if (done.get(metaKey(r.id)) === period) continue;
    const arrived = await db
      .selectFrom('indicator_values')
      .select('area_id')
      .where('indicator_id', '=', r.indicator_id)
      .where('period', '=', period)
      .limit(1)
      .executeTakeFirst();
    if (arrived) due.push({ ruleId: r.id, period });
  }
  return due;
}

/** Evaluate the rules owed as of a day (under the jobs lease); returns the proposals made. */
export async function evaluateDueRules(ctx: AppContext, asOf: IsoDate): Promise<number> {
  let proposed = 0;
  for (const { ruleId, period } of await rulesDue(ctx.db.kysely, asOf)) {
    proposed += await transaction(ctx, async (trx) => {
      const added = await proposeForRule(ctx, trx, systemActor(), ruleId, period);
      await trx
        .insertInto('meta')
        .values({ key: metaKey(ruleId), value: period })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: period }))
        .execute();
      return added;
    });
  }
  return proposed;
}
