/**
 * Recording measured values: from a file (CSV/xlsx, long or wide) or a monitoring system's push. All or
 * nothing: every row is checked first, then one transaction writes; a correction keeps the old value
 * in the history. A value marked 数据不足 is stored as such (null), never as zero.
 */
import { randomUUID } from 'node:crypto';
import type { ValueImportResponse, ValuePushRequest } from '@lantian/contract';
import {
  type AreaLevel,
  parsePeriod,
  readValueTable,
  type TableProblem,
  type ValueEntry,
} from '@lantian/core';
import { type AppContext, audit, type Trx, transaction } from '../../context.ts';
import { refreshPlannerStatistics } from '../../db/connect.ts';
import type { IndicatorValueHistoryTable } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { areaViews } from '../areas/areas.repository.ts';
import type { Actor } from '../audit/actor.ts';
import { readSheet } from '../monitoring/sheet.ts';
import { refreshBoundAssignments } from './bindings.service.ts';
import { type IndicatorRow, upsertValues, type ValueRow, valuesIn } from './indicators.repository.ts';
import { levelsOf, requireIndicator } from './indicators.service.ts';

export interface RecordResult {
  imported: number;
  updated: number;
  unchanged: number;
}

/** Write checked entries: new ones inserted, changed ones replaced with the old kept in the history. */
export async function recordValues(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  indicator: IndicatorRow,
  entries: readonly Pick<ValueEntry, 'areaId' | 'period' | 'value'>[],
  source: string,
): Promise<RecordResult> {
  const now = ctx.clock.now().toISOString();
  const periods = [...new Set(entries.map((e) => e.period))];
  const existing = new Map(
    (await valuesIn(trx, indicator.id, periods)).map((v) => [`${v.area_id}|${v.period}`, v] as const),
  );
  const writes: ValueRow[] = [];
  const history: IndicatorValueHistoryTable[] = [];
  let imported = 0;
  let updated = 0;
  let unchanged = 0;
  const parsed = new Map(periods.map((k) => [k, parsePeriod(k)] as const));
  for (const e of entries) {
    const p = parsed.get(e.period);
    if (!p) throw new AppError('VALIDATION_FAILED', `period：${e.period} 不是有效期间`);
    const old = existing.get(`${e.areaId}|${p.key}`);
    const quality = e.value === null ? 'invalid' : 'ok';
    if (old) {
      const oldValue = old.value === null ? null : Number(old.value);
      if (oldValue === e.value && old.quality === quality) {
        unchanged++;
        continue;
      }
      history.push({
        id: randomUUID(),
        indicator_id: old.indicator_id,
        area_id: old.area_id,
        period: old.period,
        value: oldValue,
        quality: old.quality,
        source: old.source,
        recorded_by: old.recorded_by,
        recorded_at: old.recorded_at,
        version: old.version,
        replaced_at: now,
        replaced_by: actor.userId,
      });
      updated++;
    } else imported++;
    writes.push({
      indicator_id: indicator.id,
      area_id: e.areaId,
      period: p.key,
      period_start: p.start,
      period_end: p.end,
      value: e.value,
      quality,
      source,
      recorded_by: actor.userId,
      recorded_at: now,
      version: (old?.version ?? 0) + 1,
    });
  }
  for (let i = 0; i < history.length; i += 400)
    await trx
      .insertInto('indicator_value_history')
      .values(history.slice(i, i + 400))
      .execute();
  await upsertValues(trx, writes);
  if (writes.length > 0) await refreshBoundAssignments(ctx, trx, { indicatorId: indicator.id });
  if (writes.length > 0)
    await audit(ctx, trx, actor, {
      action: 'values.record',
      objectType: 'indicator',
      objectId: indicator.id,
      detail: { indicator: indicator.code, source, imported, updated, periods: periods.slice(0, 50) },
    });
  return { imported, updated, unchanged };
}

const rejected = (problems: TableProblem[]) =>
  problems.map((p) =>
    p.cell ? { line: p.line, cell: p.cell, message: p.message } : { line: p.line, message: p.message },
  );

/** Import a file of values for one indicator. With any bad row, nothing is written and every bad row is listed. */
export async function importValueFile(
  ctx: AppContext,
  actor: Actor,
  code: string,
  bytes: Uint8Array,
  fileName: string,
  opts: { year?: number } = {},
): Promise<ValueImportResponse> {
  const rows = await readSheet(bytes, fileName);
  const result = await transaction(ctx, async (trx) => {
    const indicator = await requireIndicator(trx, code);
    const { index } = await areaViews(trx);
    const { entries, problems } = readValueTable(rows, index, {
      resolution: indicator.resolution,
      levels: levelsOf(indicator),
      year: opts.year,
      fileName,
    });
    if (problems.length > 0) return { imported: 0, updated: 0, rejected: rejected(problems) };
    if (entries.length === 0)
      return { imported: 0, updated: 0, rejected: [{ line: 1, message: '文件中没有数值' }] };
    const r = await recordValues(ctx, trx, actor, indicator, entries, `file:${fileName}`);
    return { imported: r.imported, updated: r.updated, rejected: [] };
  });
  if (result.imported + result.updated >= BULK_VALUES)
    await refreshPlannerStatistics(ctx.db, ['indicator_values']);
  return result;
}

/** A file this large changes the table's shape enough for the planner's statistics to be refreshed. */
const BULK_VALUES = 1000;

/** A monitoring system's push: areas by code or name; the key's indicators limit what it may write. */
export async function pushValues(
  ctx: AppContext,
  actor: Actor,
  input: ValuePushRequest,
  allowedIndicators: readonly string[] | null,
): Promise<ValueImportResponse> {
  if (allowedIndicators && !allowedIndicators.includes(input.indicator))
    throw new AppError('FORBIDDEN', `此密钥无权写入指标 ${input.indicator}`);
  return transaction(ctx, async (trx) => {
    const indicator = await requireIndicator(trx, input.indicator);
    const levels: readonly AreaLevel[] = levelsOf(indicator);
    const { index } = await areaViews(trx);
    const problems: TableProblem[] = [];
    const entries: ValueEntry[] = [];
    const seen = new Set<string>();
    input.values.forEach((v, i) => {
      const line = i + 1;
      const found = index.find(v.area, { district: v.district });
      const p = parsePeriod(v.period);
      if (!found.ok)
        problems.push({
          line,
          cell: `values.${i}.area`,
          message: `区域“${v.area}”${found.reason === 'ambiguous' ? '有同名，请给出 district' : '不存在'}`,
        });
      else if (!levels.includes(found.area.level))
        problems.push({
          line,
          cell: `values.${i}.area`,
          message: `区域“${v.area}”的层级不在该指标的统计层级内`,
        });
      if (!p || p.resolution !== indicator.resolution)
        problems.push({ line, cell: `values.${i}.period`, message: `期间 ${v.period} 与指标的时间粒度不符` });
      if (!found.ok || !p) return;
      const key = `${found.area.id}|${p.key}`;
      if (seen.has(key))
        problems.push({ line, cell: `values.${i}`, message: `${found.area.name} ${p.key} 重复` });
      seen.add(key);
      entries.push({ line, cell: `values.${i}`, areaId: found.area.id, period: p.key, value: v.value });
    });
    if (problems.length > 0) return { imported: 0, updated: 0, rejected: rejected(problems) };
    const r = await recordValues(
      ctx,
      trx,
      actor,
      indicator,
      entries,
      input.source ?? `api:${actor.username ?? ''}`,
    );
    return { imported: r.imported, updated: r.updated, rejected: [] };
  });
}
