/**
 * Where a case is: its district and street matched against the areas (modules/areas), the unit that
 * answers for the place (the street's own unit, else its district's — the areas record it), and the
 * key that makes two cases "at the same place" for repeat detection.
 */
import { areaNameKey } from '@lantian/core';
import type { Executor } from '../../db/connect.ts';
import { areaViews } from '../areas/areas.repository.ts';

export interface PlaceInput {
  district?: string | null;
  street?: string | null;
  address: string;
}

export interface ResolvedPlace {
  areaId: string | null;
  /** The district and street as the areas name them (the input's words when unmatched). */
  district: string | null;
  street: string | null;
  placeKey: string;
}

/** The address without spaces, punctuation or letter case: `朝阳区 八里庄路1号。` ≈ `朝阳区八里庄路1号`. */
export function normalizeAddress(address: string): string {
  return address
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

type Views = Awaited<ReturnType<typeof areaViews>>;
let cached: { key: string; views: Views } | undefined;

/**
 * The areas with their index, read again only when the areas or units changed (an alarm push must not
 * rebuild the index of 360 areas each time). The key holds the smallest area id, unique per database.
 */
async function views(db: Executor): Promise<Views> {
  // One after the other: inside a transaction they share one connection.
  const a = await db
    .selectFrom('areas')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('updated_at').as('at'), eb.fn.min('id').as('id')])
    .executeTakeFirstOrThrow();
  const u = await db
    .selectFrom('units')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('updated_at').as('at')])
    .executeTakeFirstOrThrow();
  const key = `${a.n}|${a.at}|${a.id}|${u.n}|${u.at}`;
  if (cached?.key !== key) cached = { key, views: await areaViews(db) };
  return cached.views;
}

export async function resolvePlace(db: Executor, p: PlaceInput): Promise<ResolvedPlace> {
  const { index, byId } = await views(db);
  const district = p.district ? index.find(p.district, { level: 'district' }) : undefined;
  const districtArea = district?.ok ? district.area : undefined;
  const street = p.street
    ? index.find(p.street, { level: 'street', district: districtArea?.name ?? p.district ?? undefined })
    : undefined;
  const streetArea = street?.ok ? street.area : undefined;
  const parent = streetArea?.parentId ? byId.get(streetArea.parentId) : undefined;
  const area = streetArea ?? districtArea ?? null;
  const districtName = districtArea?.name ?? parent?.name ?? p.district ?? null;
  const streetName = streetArea?.name ?? p.street ?? null;
  const where = area
    ? `area:${area.id}`
    : `text:${areaNameKey(districtName ?? '')}/${areaNameKey(streetName ?? '')}`;
  return {
    areaId: area?.id ?? null,
    district: districtName,
    street: streetName,
    placeKey: `${where}|${normalizeAddress(p.address)}`,
  };
}

/**
 * The unit the dispatch form proposes: the one the matched area names as answering for it; with no
 * area or no unit recorded, a district government unit named like the district (`朝阳` → 朝阳区政府).
 */
export async function suggestedUnit(
  db: Executor,
  areaId: string | null,
  district: string | null,
): Promise<{ id: string; name: string } | null> {
  if (areaId) {
    const { byId } = await views(db);
    const a = byId.get(areaId);
    if (a?.unitId && a.unitName) return { id: a.unitId, name: a.unitName };
  }
  if (!district) return null;
  const key = areaNameKey(district);
  if (!key) return null;
  const units = await db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('kind', '=', 'district')
    .orderBy('name')
    .execute();
  const u = units.find((x) => x.name.startsWith(key));
  return u ? { id: u.id, name: u.name } : null;
}
