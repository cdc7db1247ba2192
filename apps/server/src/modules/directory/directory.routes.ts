import {
  CreateUnitRequest,
  DirectoryHistoryQuery,
  DirectoryHistoryResponse,
  DisableUnitRequest,
  GroupParams,
  GroupResponse,
  GroupsQuery,
  GroupsResponse,
  MergeUnitRequest,
  MergeUnitResponse,
  SetGroupMembersRequest,
  UnitParams,
  UnitResponse,
  UnitsQuery,
  UnitsResponse,
  UpdateUnitRequest,
} from '@lantian/contract';
import { type AppContext, transaction } from '../../context.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { actorOf } from '../auth/principal.ts';
import { groupDetail, pagedGroups, pagedUnits } from './directory.query.ts';
import { createUnit, presentUnit } from './directory.service.ts';
import { directoryHistory } from './directory-changes.ts';
import { directoryIoRoutes } from './directory-io.routes.ts';
import { setGroupMembers, setUnitDisabled, updateUnit } from './unit-edit.service.ts';
import { mergeUnit } from './unit-merge.service.ts';

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

  const tags = ['directory'];
  app.patch(
    '/units/:unitId',
    {
      config: { access: 'directory.editUnit' },
      schema: {
        tags,
        summary: '修改单位名称、全称或别名（原名称保留为别名）',
        params: UnitParams,
        body: UpdateUnitRequest,
        response: { 200: UnitResponse },
      },
    },
    async (req) => ({
      unit: presentUnit(await updateUnit(ctx, actorOf(principalOf(req)), req.params.unitId, req.body)),
    }),
  );
  for (const [path, disabled, summary] of [
    ['disable', true, '停用单位（不再承担新的分工，历史保留；须说明理由）'],
    ['enable', false, '重新启用单位'],
  ] as const)
    app.post(
      `/units/:unitId/${path}`,
      {
        config: { access: 'directory.editUnit' },
        schema: {
          tags,
          summary,
          params: UnitParams,
          body: DisableUnitRequest,
          response: { 200: UnitResponse },
        },
      },
      async (req) => ({
        unit: presentUnit(
          await setUnitDisabled(ctx, actorOf(principalOf(req)), req.params.unitId, disabled, req.body.reason),
        ),
      }),
    );
  app.post(
    '/units/:unitId/merge',
    {
      config: { access: 'directory.editUnit' },
      schema: {
        tags,
        summary: '将单位并入另一单位（分工、账号、督办和申请随之转移，名称保留为别名）',
        params: UnitParams,
        body: MergeUnitRequest,
        response: { 200: MergeUnitResponse },
      },
    },
    async (req) => {
      const r = await mergeUnit(ctx, actorOf(principalOf(req)), req.params.unitId, req.body);
      return { unit: presentUnit(r.unit), into: presentUnit(r.into), moved: r.moved };
    },
  );
  app.get(
    '/units/:unitId/history',
    {
      config: { access: 'directory.history' },
      schema: {
        tags,
        summary: '单位的变更记录（谁、何时、改了什么）',
        params: UnitParams,
        querystring: DirectoryHistoryQuery,
        response: { 200: DirectoryHistoryResponse },
      },
    },
    async (req) => directoryHistory(ctx.db.kysely, req.params.unitId, req.query),
  );
  app.put(
    '/groups/:groupId/members',
    {
      config: { access: 'directory.editUnit' },
      schema: {
        tags,
        summary: '设置单位组成员（成员固定的组，如各区政府）',
        params: GroupParams,
        body: SetGroupMembersRequest,
        response: { 200: GroupResponse },
      },
    },
    async (req) => {
      await setGroupMembers(ctx, actorOf(principalOf(req)), req.params.groupId, req.body);
      return groupDetail(ctx.db.kysely, req.params.groupId);
    },
  );
  app.get(
    '/groups/:groupId/history',
    {
      config: { access: 'directory.history' },
      schema: {
        tags,
        summary: '单位组的变更记录',
        params: GroupParams,
        querystring: DirectoryHistoryQuery,
        response: { 200: DirectoryHistoryResponse },
      },
    },
    async (req) => directoryHistory(ctx.db.kysely, req.params.groupId, req.query),
  );
  await directoryIoRoutes(app, ctx);
}
