/**
 * Publishing a ranking freezes it with the values it used. A later correction never changes a
 * published ranking: it shows as a difference against today's data, and the office may publish a
 * corrected edition (every edition kept).
 */
import { randomUUID } from 'node:crypto';
import type {
  DistrictExtremesResponse,
  PublishedRanking,
  Ranking,
  RankingDifference,
  RankingResponse,
} from '@lantian/contract';
import { districtExtremes, periodsToDate } from '@lantian/core';
import { type AppContext, audit, transaction } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { PublishedRankingsTable } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../audit/actor.ts';
import {
  areaInputs,
  type ComputedRanking,
  computeRanking,
  type RankingSpec,
  resolveSpec,
  toRows,
} from './rankings.query.ts';

export const rankingKey = (r: ComputedRanking) =>
  [r.ranking.period, r.ranking.level, r.withinId ?? '', r.ranking.by, r.ranking.cumulative ? 1 : 0].join('|');

function publishedView(row: PublishedRankingsTable, names: Map<string, string>): PublishedRanking {
  return {
    id: row.id,
    edition: row.edition,
    publishedAt: row.published_at,
    publishedBy: row.published_by ? (names.get(row.published_by) ?? null) : null,
    note: row.note,
    ranking: JSON.parse(row.result) as Ranking,
  };
}

async function userNames(db: Executor, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** How today's ranking differs from a published one: areas whose rank or value moved. */
export function rankingDifferences(published: Ranking, live: Ranking): RankingDifference[] {
  const before = new Map(published.rows.map((r) => [r.areaId, r]));
  const after = new Map(live.rows.map((r) => [r.areaId, r]));
  const names = new Map([...published.rows, ...live.rows].map((r) => [r.areaId, r.area]));
  for (const n of [...published.noData, ...live.noData])
    if (![...names.values()].includes(n)) names.set(n, n);
  const out: RankingDifference[] = [];
  for (const [id, area] of names) {
    const b = before.get(id);
    const a = after.get(id);
    if (b?.rank === a?.rank && b?.value === a?.value) continue;
    out.push({
      area,
      publishedRank: b?.rank ?? null,
      rank: a?.rank ?? null,
      publishedValue: b?.value ?? null,
      value: a?.value ?? null,
    });
  }
  return out;
}

async function editions(db: Executor, indicatorId: string, key: string) {
  return db
    .selectFrom('published_rankings')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .where('ranking_key', '=', key)
    .orderBy('edition')
    .execute();
}

/** The live ranking with its publications and the differences from the latest one. */
export async function rankingWithPublications(
  db: Executor,
  spec: RankingSpec,
  ownUnitId: string | null,
): Promise<RankingResponse> {
  const live = await computeRanking(db, spec);
  const rows = await editions(db, live.indicator.id, rankingKey(live));
  const names = await userNames(
    db,
    rows.map((r) => r.published_by),
  );
  const published = rows.map((r) => publishedView(r, names));
  const latest = published[published.length - 1];
  const own = ownUnitId ? live.areas.filter((a) => a.unitId === ownUnitId).map((a) => a.id) : [];
  return {
    ...live.ranking,
    published: published.map(({ ranking: _r, ...rest }) => rest),
    differences: latest ? rankingDifferences(latest.ranking, live.ranking) : [],
    ownAreaIds: own,
  };
}

export async function publishRanking(
  ctx: AppContext,
  actor: Actor,
  spec: RankingSpec,
  note: string | undefined,
): Promise<PublishedRanking> {
  return transaction(ctx, async (trx) => {
    const live = await computeRanking(trx, spec);
    const key = rankingKey(live);
    const previous = await editions(trx, live.indicator.id, key);
    const row: PublishedRankingsTable = {
      id: randomUUID(),
      indicator_id: live.indicator.id,
      ranking_key: key,
      period: live.ranking.period,
      level: live.ranking.level,
      within_area_id: live.withinId,
      by: live.ranking.by,
      cumulative: live.ranking.cumulative ? 1 : 0,
      edition: previous.length + 1,
      result: JSON.stringify(live.ranking),
      inputs: JSON.stringify(live.inputs),
      published_by: actor.userId,
      published_at: ctx.clock.now().toISOString(),
      note: note ?? null,
    };
    await trx.insertInto('published_rankings').values(row).execute();
    await audit(ctx, trx, actor, {
      action: 'ranking.publish',
      objectType: 'published_ranking',
      objectId: row.id,
      detail: { indicator: live.indicator.code, key, edition: row.edition },
    });
    return publishedView(row, await userNames(trx, [row.published_by]));
  });
}

export async function publishedRanking(
  db: Executor,
  id: string,
): Promise<PublishedRanking & { inputs: Record<string, number | null> }> {
  const row = await db.selectFrom('published_rankings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('已发布的排名');
  return { ...publishedView(row, await userNames(db, [row.published_by])), inputs: JSON.parse(row.inputs) };
}

/** Each district's best and worst streets, ranked within the district (the half-monthly bulletin). */
export async function streetExtremes(
  db: Executor,
  spec: { indicator: string; period: string; cumulative: boolean; n: number },
): Promise<DistrictExtremesResponse> {
  const { indicator, period, areas, views } = await resolveSpec(db, {
    ...spec,
    level: 'street',
    by: 'value',
  });
  const periods = spec.cumulative ? periodsToDate(period) : [period];
  const { inputs } = await areaInputs(db, indicator, areas, periods);
  const parentOf = new Map(areas.map((a) => [a.id, a.parentId ?? '']));
  const groups = districtExtremes(
    inputs.map((i) => ({ ...i, districtId: parentOf.get(i.areaId) ?? '' })),
    { better: indicator.better, decimals: indicator.decimals, n: spec.n },
  );
  const districts = views.list.filter((a) => a.level === 'district');
  const byDistrict = new Map(groups.map((g) => [g.districtId, g]));
  return {
    indicator: indicator.code,
    period: period.key,
    cumulative: spec.cumulative,
    districts: districts
      .filter((d) => byDistrict.has(d.id))
      .map((d) => {
        const g = byDistrict.get(d.id);
        return {
          district: d.shortName ?? d.name,
          districtId: d.id,
          best: toRows(g?.best ?? [], views.byId),
          worst: toRows(g?.worst ?? [], views.byId),
        };
      }),
  };
}

/**
 * The rankings published for a month (its own period, its half-months and days), the latest edition
 * of each published before `before` (UTC instant), with the indicator's name: the bulletin's.
 */
export async function rankingsPublishedFor(db: Executor, month: string, before: string) {
  const rows = await db
    .selectFrom('published_rankings as p')
    .innerJoin('indicators as i', 'i.id', 'p.indicator_id')
    .selectAll('p')
    .select(['i.name as indicator_name', 'i.unit as indicator_unit'])
    .where((eb) => eb.or([eb('p.period', '=', month), eb('p.period', 'like', `${month}-%`)]))
    .where('p.published_at', '<', before)
    .orderBy('i.name')
    .orderBy('p.ranking_key')
    .orderBy('p.edition')
    .execute();
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) latest.set(`${r.indicator_id}|${r.ranking_key}`, r);
  return [...latest.values()].map((r) => ({
    indicatorName: r.indicator_name,
    indicatorUnit: r.indicator_unit,
    edition: r.edition,
    ranking: JSON.parse(r.result) as Ranking,
  }));
}
