/** SQL for areas (区域). */
import { AreaIndex, type NamedArea } from '@lantian/core';
import type { Executor } from '../../db/connect.ts';
import type { AreasTable } from '../../db/schema.ts';

export type AreaRow = AreasTable;

export async function countAreas(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('areas')
    .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function allAreas(db: Executor): Promise<AreaRow[]> {
  return db.selectFrom('areas').selectAll().orderBy('position').orderBy('code').execute();
}

export async function insertAreas(db: Executor, rows: AreaRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('areas')
      .values(rows.slice(i, i + 200))
      .execute();
}

export async function updateArea(db: Executor, row: AreaRow): Promise<void> {
  const { id, created_at: _created, ...rest } = row;
  await db.updateTable('areas').set(rest).where('id', '=', id).execute();
}

/** An area as the rankings show it: with the unit that answers for it (its own, else its district's). */
export interface AreaView {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  level: 'district' | 'street';
  parentId: string | null;
  parentName: string | null;
  unitId: string | null;
  unitName: string | null;
  position: number;
}

/** Every area with its answering unit, and an index to find them by name or code. */
export async function areaViews(
  db: Executor,
): Promise<{ list: AreaView[]; byId: Map<string, AreaView>; index: AreaIndex }> {
  const rows = await allAreas(db);
  const units = new Map(
    (await db.selectFrom('units').select(['id', 'name']).execute()).map((u) => [u.id, u.name] as const),
  );
  const byRowId = new Map(rows.map((r) => [r.id, r]));
  const list: AreaView[] = rows.map((r) => {
    const parent = r.parent_id ? byRowId.get(r.parent_id) : undefined;
    const unitId = r.unit_id ?? parent?.unit_id ?? null;
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      shortName: r.short_name,
      level: r.level,
      parentId: r.parent_id,
      parentName: parent ? (parent.short_name ?? parent.name) : null,
      unitId,
      unitName: unitId ? (units.get(unitId) ?? null) : null,
      position: r.position,
    };
  });
  const named: NamedArea[] = list.map((a) => ({
    id: a.id,
    code: a.code,
    name: a.name,
    shortName: a.shortName,
    level: a.level,
    parentId: a.parentId,
  }));
  return { list, byId: new Map(list.map((a) => [a.id, a])), index: new AreaIndex(named) };
}
