/** HTTP for rankings: live, published editions, each district's extremes, an area's series. */
import {
  AreaSeriesQuery,
  AreaSeriesResponse,
  DistrictExtremesQuery,
  DistrictExtremesResponse,
  PublishedRanking,
  PublishedRankingParams,
  PublishRankingRequest,
  RankingQuery,
  RankingResponse,
} from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { actorOf } from '../auth/principal.ts';
import {
  publishedRanking,
  publishRanking,
  rankingWithPublications,
  streetExtremes,
} from './rankings.service.ts';
import { areaSeries } from './series.query.ts';

const tags = ['monitoring'];

export async function rankingRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/rankings',
    {
      config: { access: 'ranking.read' },
      schema: {
        tags,
        summary: '排名（按数值或同比；单期或年初至今累计），含已发布版本及其与当前数据的差异',
        querystring: RankingQuery,
        response: { 200: RankingResponse },
      },
    },
    async (req) => {
      const user = principalOf(req);
      const own = user.roles.includes('supervisor') ? null : user.unitId;
      return rankingWithPublications(ctx.db.kysely, req.query, own);
    },
  );
  app.post(
    '/rankings/publish',
    {
      config: { access: 'ranking.publish' },
      schema: {
        tags,
        summary: '发布排名：连同所用数据一并冻结；更正后可再发布（各版均保留）',
        body: PublishRankingRequest,
        response: { 200: PublishedRanking },
      },
    },
    async (req) => {
      const b = req.body;
      return publishRanking(
        ctx,
        actorOf(principalOf(req)),
        {
          indicator: b.indicator,
          period: b.period,
          level: b.level,
          within: b.within,
          by: b.by,
          cumulative: b.cumulative,
        },
        b.note,
      );
    },
  );
  app.get(
    '/rankings/published/:rankingId',
    {
      config: { access: 'ranking.read' },
      schema: {
        tags,
        summary: '已发布的排名（冻结版本）',
        params: PublishedRankingParams,
        response: { 200: PublishedRanking },
      },
    },
    async (req) => {
      const { inputs: _inputs, ...published } = await publishedRanking(ctx.db.kysely, req.params.rankingId);
      return published;
    },
  );
  app.get(
    '/rankings/district-extremes',
    {
      config: { access: 'ranking.read' },
      schema: {
        tags,
        summary: '各区街道（乡镇）排名前三与后三',
        querystring: DistrictExtremesQuery,
        response: { 200: DistrictExtremesResponse },
      },
    },
    async (req) => streetExtremes(ctx.db.kysely, req.query),
  );
  app.get(
    '/rankings/series',
    {
      config: { access: 'ranking.read' },
      schema: {
        tags,
        summary: '某区域全年各期数值与排名',
        querystring: AreaSeriesQuery,
        response: { 200: AreaSeriesResponse },
      },
    },
    async (req) => areaSeries(ctx.db.kysely, req.query),
  );
}
