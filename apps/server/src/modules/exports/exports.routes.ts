/**
 * `GET /exports/<list>.xlsx?<the list's filters>`: every row of a list that matches its filter, streamed as
 * an .xlsx while the list's own query is read page by page. Each route carries the list's own action, and
 * the list's query scopes the rows, so a user exports exactly what they may list. Every export is audited
 * (`list.export`) and rate limited before the first byte.
 */
import { PassThrough } from 'node:stream';
import { EXPORT_QUERIES, type ExportList, PlanLedgerParams, UnitLedgerParams } from '@lantian/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, audit, transaction } from '../../context.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { ensureExportAllowed } from '../audit/export-limit.ts';
import { ensureAuthorized } from '../auth/policy.ts';
import { actorOf, type Principal } from '../auth/principal.ts';
import { contentDisposition } from '../evidence/evidence.routes.ts';
import { todayOf } from '../supervision/day.ts';
import type { ExportQueryOf, ListExport } from './export-list.ts';
import { ledgerWorkbook } from './ledger.ts';
import { auditExport, unitsExport, usersExport } from './lists-admin.ts';
import { caseStatsExport, casesExport } from './lists-cases.ts';
import { assignmentReportsExport, groupsExport, measureAssignmentsExport } from './lists-details.ts';
import { matrixExport, unitLoadExport, upcomingExport } from './lists-overview.ts';
import { assignmentsExport, measuresExport, myWorkExport, plansExport } from './lists-plans.ts';
import { rankingsExport, unitStatusExport } from './lists-summaries.ts';
import {
  boardExport,
  closuresExport,
  extensionsExport,
  noticesExport,
  notificationsExport,
  reviewQueueExport,
} from './lists-supervision.ts';
import { type AnySheetSpec, beijingExcelDate, filterLine, writeWorkbook } from './xlsx-writer.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// biome-ignore lint/suspicious/noExplicitAny: a list of exports of different row types
export const LIST_EXPORTS: readonly ListExport<any, any>[] = [
  notificationsExport,
  auditExport,
  plansExport,
  measuresExport,
  assignmentsExport,
  myWorkExport,
  boardExport,
  noticesExport,
  extensionsExport,
  closuresExport,
  usersExport,
  unitsExport,
  reviewQueueExport,
  casesExport,
  unitStatusExport,
  rankingsExport,
  caseStatsExport,
  upcomingExport,
  unitLoadExport,
  matrixExport,
  measureAssignmentsExport,
  assignmentReportsExport,
  groupsExport,
];

/** `导出：张三（市生态环境局） 2026-12-02 20:05（北京时间）`. */
export function exportedBy(ctx: AppContext, user: Principal): string {
  const at = beijingExcelDate(ctx.clock.now().toISOString())?.toISOString().slice(0, 16).replace('T', ' ');
  return `导出：${user.displayName || user.username}（${user.unitName}） ${at}（北京时间）`;
}

/** Pull the first batch now, so a refusal inside the list's query is an HTTP error and not a cut download. */
async function primed<T>(rows: AsyncIterable<T>): Promise<AsyncIterable<T>> {
  const it = rows[Symbol.asyncIterator]();
  const first = await it.next();
  return {
    async *[Symbol.asyncIterator]() {
      if (first.done) return;
      yield first.value;
      for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
    },
  };
}

/**
 * Audit, then stream the workbook. `detail` says what was exported (list, title, filter in words, query);
 * the shared helper for lists and ledgers.
 */
export async function sendWorkbook(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  what: {
    objectType: string;
    objectId: string;
    fileStem: string;
    title: string;
    detail: Record<string, unknown>;
  },
  sheets: readonly AnySheetSpec[],
): Promise<FastifyReply> {
  const user = principalOf(req);
  const today = todayOf(ctx.clock);
  const fileName = `${what.title}-${today}.xlsx`;
  await transaction(ctx, (trx) =>
    audit(ctx, trx, actorOf(user), {
      action: 'list.export',
      objectType: what.objectType,
      objectId: what.objectId,
      detail: { title: what.title, fileName, ...what.detail },
    }),
  );
  const out = new PassThrough();
  writeWorkbook(out, sheets).catch((err: unknown) => {
    req.log.error({ err, export: what.objectId }, 'export failed while streaming');
    out.destroy(err as Error);
  });
  return reply
    .header('Content-Disposition', contentDisposition(`${what.fileStem}-${today}.xlsx`, fileName))
    .header('Cache-Control', 'no-store')
    .type(XLSX_TYPE)
    .send(out);
}

export async function exportRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/plans/:planId/units/:unitId/ledger.xlsx',
    {
      config: { access: 'ledger.unit' },
      compress: false,
      schema: {
        tags: ['exports'],
        summary:
          '单位台账（Excel）：本单位在该计划中的分工、全部进度报告、审核记录、佐证材料、督办单与答复、延期与销号申请',
        params: UnitLedgerParams,
      },
    },
    async (req, reply) => {
      const user = principalOf(req);
      const { planId, unitId } = req.params;
      ensureAuthorized(user, 'ledger.unit', { type: 'unitOwned', unitId });
      await ensureExportAllowed(ctx, ctx.db.kysely, user.userId);
      const ledger = await ledgerWorkbook(ctx, user, planId, unitId, [exportedBy(ctx, user)]);
      return sendWorkbook(
        ctx,
        req,
        reply,
        {
          objectType: 'ledger',
          objectId: `${planId}:${unitId}`,
          fileStem: 'unit-ledger',
          title: ledger.title,
          detail: { filters: filterLine(ledger.filters), rows: ledger.counts },
        },
        ledger.sheets,
      );
    },
  );
  app.get(
    '/plans/:planId/ledger.xlsx',
    {
      config: { access: 'ledger.plan' },
      compress: false,
      schema: {
        tags: ['exports'],
        summary: '计划台账（Excel）：全部单位的分工、进度报告、审核记录、佐证材料、督办单、延期与销号申请',
        params: PlanLedgerParams,
      },
    },
    async (req, reply) => {
      const user = principalOf(req);
      await ensureExportAllowed(ctx, ctx.db.kysely, user.userId);
      const ledger = await ledgerWorkbook(ctx, user, req.params.planId, undefined, [exportedBy(ctx, user)]);
      return sendWorkbook(
        ctx,
        req,
        reply,
        {
          objectType: 'ledger',
          objectId: req.params.planId,
          fileStem: 'plan-ledger',
          title: ledger.title,
          detail: { filters: filterLine(ledger.filters), rows: ledger.counts },
        },
        ledger.sheets,
      );
    },
  );

  for (const def of LIST_EXPORTS) {
    const list = def.list as ExportList;
    app.get(
      `/exports/${list}.xlsx`,
      {
        config: { access: def.action },
        compress: false,
        schema: {
          tags: ['exports'],
          summary: `导出“${def.title}”为 Excel：符合筛选条件的全部记录（服务器生成，流式下载）`,
          querystring: EXPORT_QUERIES[list],
        },
      },
      async (req, reply) => {
        const user = principalOf(req);
        const q = req.query as ExportQueryOf<typeof list>;
        await ensureExportAllowed(ctx, ctx.db.kysely, user.userId);
        const filters = await def.filters(ctx, user, q);
        const columns = def.columnsFor ? await def.columnsFor(ctx, user, q) : def.columns;
        const rows = await primed(def.rows(ctx, user, q));
        return sendWorkbook(
          ctx,
          req,
          reply,
          {
            objectType: 'list',
            objectId: list,
            fileStem: list,
            title: def.title,
            detail: { filters: filterLine(filters), query: q },
          },
          [
            {
              name: def.title,
              title: def.title,
              filters,
              notes: [exportedBy(ctx, user)],
              columns,
              rows,
            },
          ],
        );
      },
    );
  }
}
