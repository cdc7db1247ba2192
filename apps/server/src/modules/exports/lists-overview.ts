/**
 * Exports of the dashboard (总览) and the responsibility matrix (责任矩阵), written on the server from the
 * figures the pages read (`overview.query.ts`): every deadline ahead (the page lists at most 200), every
 * unit's load in the table's order, and every unit × task of the matrix, a column per task of the plan.
 */
import type { MatrixUnit, UnitLoadRow, UpcomingItem } from '@lantian/contract';
import { addDays } from '@lantian/core';
import { planDetail, planMeasures } from '../plans/plans.query.ts';
import { matrixPage, unitLoadPage, upcoming } from '../status/overview.query.ts';
import { planStatus } from '../status/status.query.ts';
import { defineExport } from './export-list.ts';
import { LIGHT, measureNo, nameOf, planTitle, RESPONSIBILITY, UNIT_KIND } from './names.ts';
import { pagesOf, type SheetColumn } from './xlsx-writer.ts';

const DEADLINE_KIND = { milestone: '时间节点', deadline: '完成时限' } as const;
const LOAD_SORT = { measures: '措施数', ...LIGHT } as const;

export const upcomingExport = defineExport<'upcoming', UpcomingItem>({
  list: 'upcoming',
  action: 'status.read',
  title: '近期节点',
  async filters(ctx, user, q) {
    const { asOf } = await planStatus(ctx, user, q.planId);
    return [
      ['计划', await planTitle(ctx.db.kysely, user, q.planId)],
      ['日期', `${asOf} ~ ${addDays(asOf, q.days)}（${q.days} 天内）`],
    ];
  },
  columns: [
    { header: '日期', kind: 'date', value: (i) => i.date },
    { header: '类型', value: (i) => nameOf(DEADLINE_KIND, i.kind), width: 10 },
    { header: '序号', value: (i) => measureNo(i.task, i.seq), width: 8 },
    { header: '重点任务', value: (i) => i.taskName, width: 30 },
    { header: '时限原文', value: (i) => i.raw, width: 20 },
    { header: '内容', kind: 'long', value: (i) => i.text, width: 70 },
  ],
  /** Every milestone and final date of the measures the caller sees, from the plan's today on. */
  async *rows(ctx, user, q) {
    const [{ asOf }, measures] = await Promise.all([
      planStatus(ctx, user, q.planId),
      planMeasures(ctx.db.kysely, user, q.planId),
    ]);
    yield upcoming(measures, asOf, q.days);
  },
});

export const unitLoadExport = defineExport<'unit-load', UnitLoadRow>({
  list: 'unit-load',
  action: 'status.read',
  title: '各单位任务量',
  async filters(ctx, user, q) {
    return [
      ['计划', await planTitle(ctx.db.kysely, user, q.planId)],
      ['排序', `${nameOf(LOAD_SORT, q.sort)}（多者在前）`],
    ];
  },
  columns: [
    { header: '单位', value: (u) => u.unitName, width: 24 },
    { header: '单位类型', value: (u) => nameOf(UNIT_KIND, u.unitKind), width: 10 },
    { header: '措施数', kind: 'integer', value: (u) => u.measures },
    { header: '牵头', kind: 'integer', value: (u) => u.roles.lead, width: 6 },
    { header: '主责', kind: 'integer', value: (u) => u.roles.responsible, width: 6 },
    { header: '协办', kind: 'integer', value: (u) => u.roles.assisting, width: 6 },
    { header: '已过完成时限', kind: 'integer', value: (u) => u.overdue, width: 12 },
    { header: '红', kind: 'integer', value: (u) => u.lights.red, width: 6 },
    { header: '黄', kind: 'integer', value: (u) => u.lights.yellow, width: 6 },
    { header: '绿', kind: 'integer', value: (u) => u.lights.green, width: 6 },
    { header: '已销号', kind: 'integer', value: (u) => u.lights.done },
  ],
  rows: (ctx, user, q) =>
    pagesOf((page, pageSize) =>
      unitLoadPage(ctx, user, q.planId, { sort: q.sort, page, pageSize }).then((r) => ({
        total: r.total,
        items: r.units,
      })),
    ),
});

const MATRIX_TOTALS: SheetColumn<MatrixUnit>[] = [
  { header: '单位', value: (u) => u.unitName, width: 24 },
  { header: '单位类型', value: (u) => nameOf(UNIT_KIND, u.unitKind), width: 10 },
  { header: '措施数', kind: 'integer', value: (u) => u.measures },
  { header: '牵头', kind: 'integer', value: (u) => u.roles.lead, width: 6 },
  { header: '主责', kind: 'integer', value: (u) => u.roles.responsible, width: 6 },
  { header: '协办', kind: 'integer', value: (u) => u.roles.assisting, width: 6 },
];

export const matrixExport = defineExport<'matrix', MatrixUnit>({
  list: 'matrix',
  action: 'status.read',
  title: '责任矩阵',
  async filters(ctx, user, q) {
    const f: [string, string][] = [['计划', await planTitle(ctx.db.kysely, user, q.planId)]];
    if (q.role) f.push(['职责', nameOf(RESPONSIBILITY, q.role)]);
    return f;
  },
  columns: MATRIX_TOTALS,
  /** The units' totals, then a column per task of the plan: the unit's measures in it (empty: none). */
  async columnsFor(ctx, user, q) {
    const { tasks } = await planDetail(ctx.db.kysely, user, q.planId);
    const perTask = [...tasks]
      .sort((a, b) => a.no - b.no)
      .map(
        (t): SheetColumn<MatrixUnit> => ({
          header: `${t.no}. ${t.name}`,
          kind: 'integer',
          width: 12,
          value: (u) => u.cells.find((c) => c.task === t.no)?.measures ?? null,
        }),
      );
    return [...MATRIX_TOTALS, ...perTask];
  },
  rows: (ctx, user, q) =>
    pagesOf((page, pageSize) =>
      matrixPage(ctx, user, q.planId, { role: q.role, page, pageSize }).then((r) => ({
        total: r.total,
        items: r.units,
      })),
    ),
});
