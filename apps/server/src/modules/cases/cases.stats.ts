/**
 * Case statistics over the cases received in [from, to] (Beijing days), by unit, category, month and
 * source, and the unit ranking the office publishes. Definitions (also in the contract):
 * onTimeClosureRate = closed by the due day / dispatched; overdue = dispatched and past due (still
 * open, or closed late); medianHandlingDays = dispatch → closure of the closed ones; reworkRate = sent
 * back for rework at least once / fed back at least once; repeatRate = linked to an earlier case at
 * the same place and category / received; feedbackRate = fed back at least once / dispatched.
 */
import type { CaseRankingRow, CaseStatsQuery, CaseStatsResponse, CaseStatsRow } from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { parseDay, todayOf } from '../supervision/day.ts';
import { isOverdue } from './cases.present.ts';

interface Fact {
  unit_id: string | null;
  category: string;
  source: string;
  reported_day: string;
  state: string;
  dispatched_at: string | null;
  due_on: string | null;
  closed_on: string | null;
  closed_at: string | null;
  rework_count: number;
  ever_fed_back: number;
  duplicate_of: string | null;
  repeat_of: string | null;
}

const rate = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const m = s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  return Math.round(m * 10) / 10;
}

/** The figures of one group of cases. */
export function statsOf(key: string, name: string, facts: readonly Fact[], today: string): CaseStatsRow {
  const dispatched = facts.filter((f) => f.dispatched_at !== null);
  const closed = facts.filter((f) => f.state === 'closed');
  const onTime = closed.filter((f) => f.due_on !== null && f.closed_on !== null && f.closed_on <= f.due_on);
  const fedBack = facts.filter((f) => f.ever_fed_back === 1);
  const handling = closed
    .filter((f) => f.dispatched_at && f.closed_at)
    .map((f) => (Date.parse(f.closed_at as string) - Date.parse(f.dispatched_at as string)) / 86_400_000);
  return {
    key,
    name,
    received: facts.length,
    dispatched: dispatched.length,
    closed: closed.length,
    closedOnTime: onTime.length,
    onTimeClosureRate: rate(onTime.length, dispatched.length),
    overdue: facts.filter((f) => isOverdue(f as never, today)).length,
    medianHandlingDays: median(handling),
    reworkRate: rate(fedBack.filter((f) => f.rework_count > 0).length, fedBack.length),
    repeatRate: rate(facts.filter((f) => f.repeat_of || f.duplicate_of).length, facts.length),
    feedbackRate: rate(fedBack.length, dispatched.length),
  };
}

function grouped(
  facts: readonly Fact[],
  keyOf: (f: Fact) => string | null,
  nameOf: (k: string) => string,
  today: string,
): CaseStatsRow[] {
  const groups = new Map<string, Fact[]>();
  for (const f of facts) {
    const k = keyOf(f);
    if (k === null) continue;
    groups.set(k, [...(groups.get(k) ?? []), f]);
  }
  return [...groups.entries()]
    .map(([k, fs]) => statsOf(k, nameOf(k), fs, today))
    .sort((a, b) => a.key.localeCompare(b.key));
}

const nullsLast = (a: number | null, b: number | null, dir: 1 | -1) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : (a - b) * dir;

/** Units by on-time closure (desc), overdue (asc), median handling (asc); equal rows share a rank. */
export function rankUnits(rows: readonly CaseStatsRow[]): CaseRankingRow[] {
  const cmp = (a: CaseStatsRow, b: CaseStatsRow) =>
    nullsLast(a.onTimeClosureRate, b.onTimeClosureRate, -1) ||
    a.overdue - b.overdue ||
    nullsLast(a.medianHandlingDays, b.medianHandlingDays, 1);
  const sorted = [...rows].sort((a, b) => cmp(a, b) || a.name.localeCompare(b.name, 'zh'));
  return sorted.map((r, i) => {
    let rank = i + 1;
    while (rank > 1 && cmp(sorted[rank - 2] as CaseStatsRow, r) === 0) rank--;
    return { ...r, rank };
  });
}

async function facts(db: Executor, from: string, to: string): Promise<Fact[]> {
  return db
    .selectFrom('cases')
    .select([
      'unit_id',
      'category',
      'source',
      'reported_day',
      'state',
      'dispatched_at',
      'due_on',
      'closed_on',
      'closed_at',
      'rework_count',
      'ever_fed_back',
      'duplicate_of',
      'repeat_of',
    ])
    .where('reported_day', '>=', from)
    .where('reported_day', '<=', to)
    .execute();
}

export async function caseStats(ctx: AppContext, q: CaseStatsQuery): Promise<CaseStatsResponse> {
  if (!parseDay(q.from)) throw new AppError('VALIDATION_FAILED', `from：${q.from} 不是有效日期`);
  if (!parseDay(q.to)) throw new AppError('VALIDATION_FAILED', `to：${q.to} 不是有效日期`);
  if (q.to < q.from) throw new AppError('VALIDATION_FAILED', 'to：结束日期早于开始日期');
  const db = ctx.db.kysely;
  const today = todayOf(ctx.clock);
  const [rows, units, categories] = await Promise.all([
    facts(db, q.from, q.to),
    db.selectFrom('units').select(['id', 'name']).execute(),
    db.selectFrom('case_categories').select(['code', 'name']).execute(),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const categoryName = new Map(categories.map((c) => [c.code, c.name]));
  const byUnit = grouped(
    rows,
    (f) => f.unit_id,
    (k) => unitName.get(k) ?? k,
    today,
  );
  return {
    from: q.from,
    to: q.to,
    total: statsOf('total', '合计', rows, today),
    byUnit,
    byCategory: grouped(
      rows,
      (f) => f.category,
      (k) => categoryName.get(k) ?? k,
      today,
    ),
    byMonth: grouped(
      rows,
      (f) => f.reported_day.slice(0, 7),
      (k) => k,
      today,
    ),
    bySource: grouped(
      rows,
      (f) => f.source,
      (k) => k,
      today,
    ),
    ranking: rankUnits(byUnit),
  };
}
