import { CreateUnitRequest, GroupsResponse, UnitResponse, UnitsResponse } from '@lantian/contract';
import { type AppContext, transaction } from '../../context.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { actorOf } from '../auth/principal.ts';
import { allUnits } from './directory.repository.ts';
import { createUnit, listGroups, presentUnit } from './directory.service.ts';

export async function directoryRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/units',
    {
      config: { access: 'directory.read' },
      schema: { tags: ['directory'], summary: '单位名录', response: { 200: UnitsResponse } },
    },
    async () => ({ units: (await allUnits(ctx.db.kysely)).map(presentUnit) }),
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
      schema: { tags: ['directory'], summary: '单位组及其成员', response: { 200: GroupsResponse } },
    },
    async () => ({ groups: await listGroups(ctx.db.kysely) }),
  );
}
