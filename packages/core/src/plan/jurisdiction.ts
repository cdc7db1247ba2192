/**
 * Whose plan it is: the jurisdiction named by the title, the preamble or the unit names (`沈阳市`,
 * `河北省`). A directory applies to plans of its own jurisdiction only; another jurisdiction's names
 * are kept as written (`市城管委` stays `市城管委`) and proposed as new units in the review.
 */
import { type DirectoryEntry, type DirectoryIndex, indexDirectory } from '../directory/directory.ts';
import type { DirectoryGroup, UnitDirectory } from '../directory/model.ts';
import { nameKey } from '../text/normalize.ts';
import { readUnitCell } from './units.ts';

const PROVINCES =
  '北京|天津|上海|重庆|河北|山西|内蒙古|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|香港|澳门|台湾';
const PROVINCE = new RegExp(`^(${PROVINCES})(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)?`);
/** A place at the start of a text: `沈阳市`, `黔东南苗族侗族自治州`, `仁怀市`, `海淀区`, `长沙县`. */
const PLACE =
  /^([\u4e00-\u9fff]{1,8}?(?:自治州|自治县|自治旗|地区|省|市|州|盟|县|区|旗))(?=[\u4e00-\u9fff\d（(《“]|$)/;
/** Words ending like a place that are not one (`城市管理`, `全市`, `各区`, `示范区`). */
const NOT_A_PLACE =
  /^(城市|全市|本市|我市|各市|该市|全省|本省|我省|全区|本区|我区|各区|全县|本县|我县|各县|社区|城区|地区|园区|景区|市区|辖区|片区|小区|街区|新区|示范区|开发区|保护区|试验区|某市|某省|某区|某县|省|市|区|县|州)$|^(关于|印发|推进|深化|加快|加强|开展|实施|做好|进一步|全面|大气|生态|城乡|乡村|城市|农村|美丽|数字|智慧|文明|卫生|平安|法治)/;

/** A jurisdiction as compared: `北京市` and `北京` are the same; `河北省` and `河北` too. */
export function jurisdictionKey(name: string): string {
  const p = PROVINCE.exec(name);
  if (p && p[0].length === name.length) return p[1];
  return name.replace(/(省|市|自治区|自治州|州|盟|县|区|旗)$/, '') || name;
}

function placeIn(text: string): string | undefined {
  const t = text
    .replace(/^[\s附件表：:、.\-—]*(?:\d{1,2}(?!\d)[\s：:、.\-—]*)?/, '')
    .replace(/^(?:19|20)\d{2}(?:\s*[—–\-~～至到]\s*(?:19|20)\d{2})?\s*年度?/, '')
    // `市人民政府关于咸宁市…`: the issuer written without its place, then the place.
    .replace(/^[省市县区](委|人民政府|政府)?(办公厅|办公室)?(关于印发|关于)/, '')
    .replace(/^(中共|关于印发|关于|《|“)+/, '');
  const p = PROVINCE.exec(t);
  if (p)
    return p[0].length > p[1].length ? p[0] : `${p[1]}${/^(北京|天津|上海|重庆)$/.test(p[1]) ? '市' : '省'}`;
  const m = PLACE.exec(t);
  // `潮州市`: the shortest ending (`潮州`) is followed by the place's own 市/县/区.
  if (m && !NOT_A_PLACE.test(m[1]))
    return /^[市县区]/.test(t.slice(m[1].length)) ? t.slice(0, m[1].length + 1) : m[1];
  return undefined;
}

/** `海淀区` in a Beijing directory: one of the directory's own districts, named alone. */
function ownDistrict(place: string, directory: UnitDirectory | undefined): boolean {
  if (!directory) return false;
  const key = nameKey(place);
  return directory.units.some(
    (u) => u.kind === 'district' && [u.name, ...u.aliases].some((n) => nameKey(n) === key),
  );
}

/**
 * The jurisdiction a plan names in its title or preamble, else in its unit names; undefined when none does.
 * A district of the directory's own jurisdiction (`海淀区`) is that jurisdiction (`北京市海淀区`).
 */
export function detectJurisdiction(
  title: string,
  preamble: string[],
  unitNames: string[],
  directory?: UnitDirectory,
): string | undefined {
  for (const text of [title, ...preamble]) {
    const place = placeIn(text);
    if (place && directory && ownDistrict(place, directory)) return `${directory.name}${place}`;
    if (place) return place;
  }
  // Unit names that carry the place (`沈阳市城市管理局`, `北京经济技术开发区管委会`): the most frequent one.
  const counts = new Map<string, number>();
  for (const name of unitNames) {
    const p = PROVINCE.exec(name);
    const place = p ? p[1] : undefined;
    if (place) counts.set(place, (counts.get(place) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return best && best[1] >= 2 ? best[0] : undefined;
}

// A parenthesis may name the other kind of place the group takes in: `各街道（功能区）`, `各镇（街道）`.
const GENERIC_GROUP =
  /^(各|相关|有关|其他|涉及)(的)?(省辖市|地级市|地|市|州|县|区|县区|区县|县市区|县（市、区）|县（市）|县（区）|县（市）区|区（市）县|县、市、区|州、市|市、州|州（市）|县、区|区、县|县、市|市、县|市、区|区（市、县）|区（县、市）|市（县、区）|市（县）|区县（市）|县市区|市县区|市（州）|市、县|市县|乡镇|乡（镇）|镇|乡|街道|乡镇（街道）|镇（街道）|镇街|开发区|园区|管委会|部门|单位|成员单位|市直部门|市直单位|区直部门|县直部门)(（(?:街道|镇|乡镇|功能区|开发区|园区)）)?(人民)?(政府|党委|党委和政府|党委政府|党委、政府|管委会|办事处|部门|单位)?$/;

/** `各县（区）政府`, `相关区政府`, `有关部门`: a group of the plan's own jurisdiction, members decided in the review. */
export function genericGroup(key: string): DirectoryGroup | undefined {
  if (!GENERIC_GROUP.test(key)) return undefined;
  return { name: key, aliases: [], members: null };
}

/** An index that also knows the plan's own groups (`各县（区）政府`) when the directory does not. */
function withGenericGroups(base: DirectoryIndex): DirectoryIndex {
  const made = new Map<string, DirectoryEntry | undefined>();
  const lookupKey = (key: string): DirectoryEntry | undefined => {
    const hit = base.lookupKey(key);
    if (hit) return hit;
    if (!made.has(key)) {
      const group = genericGroup(key);
      made.set(key, group ? { type: 'group', group } : undefined);
    }
    return made.get(key);
  };
  return {
    ...base,
    lookup: (name) => lookupKey(nameKey(name)),
    lookupKey,
    group: (name) => base.group(name) ?? genericGroup(name),
    members: (name) => base.members(name),
    longestKey: Math.max(base.longestKey, 24),
  };
}

/** Whether a jurisdiction is the directory's own: `北京`, `北京市`, `北京市海淀区` for the Beijing directory. */
export function isOwnJurisdiction(jurisdiction: string, directory: UnitDirectory): boolean {
  const own = jurisdictionKey(directory.name);
  return (
    jurisdictionKey(jurisdiction) === own || (own.length >= 2 && jurisdiction.startsWith(directory.name))
  );
}

/** How a plan's unit names match a directory: distinct names known, in all, and known as written canonically. */
export interface DirectoryMatch {
  known: number;
  total: number;
  /** Known names written exactly as the directory's own name (`市住房城乡建设委`), not as an alias (`市发改委`). */
  canonical: number;
}

const MATCH_CELLS = 40;

/**
 * How many of the distinct unit names in a plan's role cells the directory knows, read against its own
 * index (`indexForPlan(…, undefined)`); the plan's own groups (`各县（区）政府`) count for neither.
 */
export function directoryMatch(cells: string[], own: DirectoryIndex): DirectoryMatch {
  const groups = new Set(own.directory.groups.map((g) => g.name));
  const known = new Map<string, boolean>();
  const unknown = new Set<string>();
  // The first distinct cells tell whose names they are; a long plan is not read twice in full.
  for (const cell of [...new Set(cells)].slice(0, MATCH_CELLS)) {
    for (const m of readUnitCell(cell, 'responsible', own).mentions) {
      const key = nameKey(m.written);
      if (m.kind === 'unknown') unknown.add(key);
      else if (m.kind === 'unit' || groups.has(m.name)) known.set(key, key === nameKey(m.name));
    }
  }
  for (const k of known.keys()) unknown.delete(k);
  const canonical = [...known.values()].filter(Boolean).length;
  return { known: known.size, total: known.size + unknown.size, canonical };
}

/** The share of a plan's unit names the directory must know for a plan that names no place to be read as its own. */
export const OWN_PLAN_SHARE = 0.8;
/** …and how many of its names at least, unless each is written as the directory writes it. */
export const OWN_PLAN_NAMES = 3;

/**
 * Whether a plan that names no place is the directory's own: at least 80 % of its distinct unit names
 * (groups such as `各县（区）政府` aside) are the directory's, and either at least 3 of them, or, in a plan
 * naming fewer, every one written exactly as the directory's own name. An abbreviation every city uses
 * (`市发改委`) alone is no proof; `市住房城乡建设委` is. Otherwise the names are kept as written.
 */
export function looksOwn(match: DirectoryMatch): boolean {
  if (match.total === 0 || match.known / match.total < OWN_PLAN_SHARE) return false;
  return match.known >= OWN_PLAN_NAMES || (match.known === match.total && match.canonical === match.known);
}

export interface PlanIndex {
  index: DirectoryIndex;
  /** The jurisdiction named, or undefined. */
  jurisdiction?: string;
  /** Whether the directory's own units apply (the plan is of its jurisdiction, or looks it). */
  applied: boolean;
  match?: DirectoryMatch;
}

/**
 * The index a plan's unit cells are read against, from the jurisdiction it names or, when it names
 * none, from how well its unit names match the directory (see `looksOwn`).
 */
export function planIndex(
  base: DirectoryIndex,
  jurisdiction: string | undefined,
  unitCells: string[],
): PlanIndex {
  const directory = base.directory;
  if (jurisdiction !== undefined) {
    const applied = isOwnJurisdiction(jurisdiction, directory);
    return {
      index: indexForPlan(directory, base, applied ? undefined : jurisdiction),
      jurisdiction,
      applied,
    };
  }
  const match = directoryMatch(unitCells, indexForPlan(directory, base, undefined));
  const applied = looksOwn(match);
  return { index: indexForPlan(directory, base, applied ? undefined : ''), applied, match };
}

const foreignCache = new WeakMap<UnitDirectory, Map<string, DirectoryIndex>>();
const genericCache = new WeakMap<DirectoryIndex, DirectoryIndex>();

/**
 * The index a plan's units are read against: the directory's own when the plan is of the directory's
 * jurisdiction (undefined); for another jurisdiction, only the units recorded for that jurisdiction
 * (`''`, a plan that names no place and does not look the directory's own: units recorded with no
 * jurisdiction of their own are the directory's, so none apply — only the plan's own groups).
 */
export function indexForPlan(
  directory: UnitDirectory,
  base: DirectoryIndex,
  jurisdiction: string | undefined,
): DirectoryIndex {
  if (jurisdiction === undefined || (jurisdiction !== '' && isOwnJurisdiction(jurisdiction, directory))) {
    let idx = genericCache.get(base);
    if (!idx) {
      // Units recorded for another jurisdiction (`成都市`'s 市城管委) are not the directory's own.
      const foreign = directory.units.some((u) => u.jurisdiction !== undefined);
      const own = foreign
        ? indexDirectory({ ...directory, units: directory.units.filter((u) => u.jurisdiction === undefined) })
        : base;
      idx = withGenericGroups(own);
      genericCache.set(base, idx);
    }
    return idx;
  }
  const key = jurisdictionKey(jurisdiction);
  let byPlace = foreignCache.get(directory);
  if (!byPlace) {
    byPlace = new Map();
    foreignCache.set(directory, byPlace);
  }
  let idx = byPlace.get(key);
  if (!idx) {
    // `''`: a plan that names no place; the units the office made for such plans are recorded with `''`.
    const own = (j: string | undefined) => j !== undefined && jurisdictionKey(j) === key;
    const units = directory.units.filter((u) => own(u.jurisdiction));
    const names = new Set(units.map((u) => u.name));
    const groups = directory.groups.filter(
      (g) => own(g.jurisdiction) && (g.members ?? []).every((m) => names.has(m)),
    );
    idx = withGenericGroups(indexDirectory({ ...directory, name: jurisdiction, units, groups }));
    byPlace.set(key, idx);
  }
  return idx;
}
