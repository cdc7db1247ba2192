/**
 * Areas in the database: the bundled Beijing set at first start, another city's from a table. Rows are
 * matched by code, so a second import updates names, parents and units instead of duplicating.
 */
import { randomUUID } from 'node:crypto';
import {
  type AreaSet,
  type AreaSpec,
  areaNameKey,
  areaSpecsFromTable,
  type TableProblem,
} from '@lantian/core';
import { type AppContext, audit, type Trx } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../audit/actor.ts';
import { type AreaRow, allAreas, insertAreas, updateArea } from './areas.repository.ts';

export interface AreaLoadResult {
  created: number;
  updated: number;
}

function problemsError(problems: TableProblem[]): AppError {
  const first = problems
    .slice(0, 5)
    .map((p) => `第 ${p.line} 行${p.cell ? `（${p.cell}）` : ''}：${p.message}`)
    .join('；');
  return new AppError('INVALID_INPUT', `区域表有 ${problems.length} 处错误，未导入任何数据：${first}`, {
    rejected: problems,
  });
}

/** Write a set of areas (all or nothing): parents by code or by district name, units by name. */
export async function loadAreaSpecs(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  specs: readonly AreaSpec[],
  source: string,
): Promise<AreaLoadResult> {
  const now = ctx.clock.now().toISOString();
  const existing = await allAreas(trx);
  const byCode = new Map(existing.map((a) => [a.code, a]));
  const units = await trx.selectFrom('units').select(['id', 'name', 'kind', 'aliases']).execute();
  const unitOf = (name: string) =>
    units.find((u) => u.name === name) ??
    units.find((u) => (JSON.parse(u.aliases) as string[]).includes(name));
  const problems: TableProblem[] = [];
  const rows: AreaRow[] = [];
  let position = existing.length;
  // Districts first, so streets find their parent among them.
  const ordered = [...specs].sort((a, b) => Number(a.level === 'street') - Number(b.level === 'street'));
  const districtKeys = new Map<string, AreaRow>();
  for (const a of existing) if (a.level === 'district') districtKeys.set(a.name_key, a);
  for (const spec of ordered) {
    const line = specs.indexOf(spec) + 2;
    let parentId: string | null = null;
    if (spec.level === 'street') {
      const p = spec.parent ?? '';
      const parent =
        rows.find((r) => r.code === p && r.level === 'district') ??
        (byCode.get(p)?.level === 'district' ? byCode.get(p) : undefined) ??
        districtKeys.get(areaNameKey(p));
      if (!parent) {
        problems.push({ line, message: `${spec.name}：所属区“${p}”不存在` });
        continue;
      }
      parentId = parent.id;
    }
    let unitId: string | null = null;
    if (spec.unit) {
      const u = unitOf(spec.unit);
      if (!u) problems.push({ line, message: `${spec.name}：责任单位“${spec.unit}”不在单位名录中` });
      else unitId = u.id;
    } else if (spec.level === 'street') {
      // A street answers through its own unit when the directory has one, else through its district's.
      unitId = units.find((u) => u.kind === 'street' && u.name === spec.name)?.id ?? null;
    } else problems.push({ line, message: `${spec.name}：区须写明责任单位` });
    const old = byCode.get(spec.code);
    const row: AreaRow = {
      id: old?.id ?? randomUUID(),
      code: spec.code,
      name: spec.name,
      name_key: areaNameKey(spec.name),
      short_name: spec.short ?? null,
      level: spec.level,
      parent_id: parentId,
      unit_id: unitId,
      source,
      position: old?.position ?? position++,
      created_at: old?.created_at ?? now,
      updated_at: now,
    };
    rows.push(row);
    if (row.level === 'district') {
      districtKeys.set(row.name_key, row);
      if (row.short_name) districtKeys.set(areaNameKey(row.short_name), row);
    }
  }
  if (problems.length > 0) throw problemsError(problems);
  const fresh = rows.filter((r) => !byCode.has(r.code));
  const changed = rows.filter((r) => byCode.has(r.code));
  await insertAreas(
    trx,
    fresh.filter((r) => r.level === 'district'),
  );
  await insertAreas(
    trx,
    fresh.filter((r) => r.level === 'street'),
  );
  for (const r of changed) await updateArea(trx, r);
  await audit(ctx, trx, actor, {
    action: 'areas.load',
    objectType: 'areas',
    objectId: source,
    detail: { created: fresh.length, updated: changed.length },
  });
  return { created: fresh.length, updated: changed.length };
}

/** The bundled set (Beijing's, with its provenance as the source). */
export function loadAreaSet(ctx: AppContext, trx: Trx, actor: Actor, set: AreaSet): Promise<AreaLoadResult> {
  const src = set.source as { package?: string; version?: string };
  return loadAreaSpecs(ctx, trx, actor, set.areas, `${src.package ?? 'bundled'} ${src.version ?? ''}`.trim());
}

/** Areas from a table's rows (the first row is the header). */
export function importAreaTable(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  rows: string[][],
  fileName: string,
): Promise<AreaLoadResult> {
  const { specs, problems } = areaSpecsFromTable(rows);
  if (problems.length > 0) throw problemsError(problems);
  if (specs.length === 0) throw new AppError('INVALID_INPUT', '区域表没有数据行');
  return loadAreaSpecs(ctx, trx, actor, specs, `import:${fileName}`);
}
