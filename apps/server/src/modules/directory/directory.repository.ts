/** SQL for units and groups. */
import type { Executor } from '../../db/connect.ts';
import type { UnitRow } from '../../db/schema.ts';

export async function countUnits(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('units')
    .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function allUnits(db: Executor): Promise<UnitRow[]> {
  return db.selectFrom('units').selectAll().orderBy('kind').orderBy('name').execute();
}

export async function unitById(db: Executor, id: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function unitsByIds(db: Executor, ids: readonly string[]): Promise<UnitRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('units').selectAll().where('id', 'in', ids).execute();
}

export async function unitByName(db: Executor, name: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function unitByNameKey(db: Executor, key: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('name_key', '=', key).executeTakeFirst();
}

export async function insertUnit(db: Executor, row: UnitRow): Promise<void> {
  await db.insertInto('units').values(row).execute();
}

export async function setUnitAliases(
  db: Executor,
  id: string,
  aliases: string[],
  now: string,
): Promise<void> {
  await db
    .updateTable('units')
    .set({ aliases: JSON.stringify(aliases), updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function allGroups(db: Executor) {
  return db.selectFrom('unit_groups').selectAll().orderBy('name').execute();
}

export async function groupById(db: Executor, id: string) {
  return db.selectFrom('unit_groups').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function allGroupMembers(db: Executor) {
  return db
    .selectFrom('unit_group_members as m')
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .select(['m.group_id', 'u.id as unit_id', 'u.name as unit_name'])
    .orderBy('u.name')
    .execute();
}

export async function insertGroup(
  db: Executor,
  g: {
    id: string;
    name: string;
    name_en: string | null;
    aliases: string;
    decided_per_plan: 0 | 1;
    candidate_kinds: string;
    created_at: string;
  },
  memberIds: string[],
): Promise<void> {
  await db.insertInto('unit_groups').values(g).execute();
  if (memberIds.length > 0) {
    await db
      .insertInto('unit_group_members')
      .values(memberIds.map((unit_id) => ({ group_id: g.id, unit_id })))
      .execute();
  }
}
