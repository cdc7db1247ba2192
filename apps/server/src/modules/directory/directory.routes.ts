import {
  CreateUnitRequest,
  GroupsQuery,
  GroupsResponse,
  UnitResponse,
  UnitsQuery,
  UnitsResponse,
} from '@lantian/contract';
import { type AppContext, transaction } from '../../context.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { actorOf } from '../auth/principal.ts';
import { pagedGroups, pagedUnits } from './directory.query.ts';
import { createUnit, presentUnit } from './directory.service.ts';

export async function directoryRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/units',
    {
      config: { access: 'directory.read' },
      schema: {
        tags: ['directory'],
        summary: '单位名录（分页）',
        querystring: UnitsQuery,
        response: { 200: UnitsResponse },
      },
    },
    async (req) => {
      const { total, rows } = await pagedUnits(ctx.db.kysely, req.query);
      return { total, page: req.query.page, pageSize: req.query.pageSize, units: rows.map(presentUnit) };
    },
  );

  app.post(
    '/units',
    {
      config: { access: 'directory.createUnit' },
      schema: {
        tags: ['directory'],
        summary: '新建单位',
        body: CreateUnitRequest,
        response: { 200: UnitResponse },
      },
    },
    async (req) => {
      const row = await transaction(ctx, (trx) => createUnit(ctx, trx, actorOf(principalOf(req)), req.body));
      return { unit: presentUnit(row) };
    },
  );

  app.get(
    '/groups',
    {
      config: { access: 'directory.read' },
      schema: {
        tags: ['directory'],
        summary: '单位组及其成员（分页）',
        querystring: GroupsQuery,
        response: { 200: GroupsResponse },
      },
    },
    async (req) => ({
      ...(await pagedGroups(ctx.db.kysely, req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );
}
