import { isNone } from '../deadline/deadline.ts';
import type { DirectoryIndex } from '../directory/directory.ts';
import { cleanCell } from '../text/clean.ts';
import { nameKey } from '../text/normalize.ts';
import type { Role, UnitMention } from './model.ts';
import { joinWrappedLines, splitRunOn } from './run-on.ts';

/** What one role cell says: the units, whether it ends in `等部门`, and units assigned another role inline. */
export interface UnitCellReading {
  mentions: UnitMention[];
  etAl: boolean;
  /** Inline role markers (`市交通委牵头，市公安局配合`) move units to another role. */
  byRole: Partial<Record<Role, UnitMention[]>>;
  etAlByRole: Partial<Record<Role, boolean>>;
}

interface Token {
  text: string;
  paren?: string;
  /** The separator before this token: whitespace, or a punctuation mark such as `、`. */
  sep: string;
}

const SEPARATORS = /[\s、，,；;/／\n]/;
const OPEN = /[（(]/;
const CLOSE = /[）)]/;
// Endings that make a token look like a whole unit name rather than a fragment split by a stray space.
const UNIT_ENDING =
  /(局|委|办|院|室|队|会|部|厅|司|科|股|中心|公司|集团|政府|单位|街道|镇|乡|处|所|站|馆|社|行|台|署|区|县|市|团|组|人)$/;
const ROLE_MARKERS: [RegExp, Role][] = [
  [/(牵头负责|牵头)$/, 'lead'],
  [/(负责落实|具体负责|负责|落实)$/, 'responsible'],
  [/(配合落实|按职责配合|配合|参与|协办|协助|协同)$/, 'assisting'],
];
const ET_AL = /(等(市级|区级|县级|省级|市直|区直|县直)?(相关|有关)?(部门|单位|区|各区|机构)?)$/;
/**
 * `镇（街道）`, `乡镇（街道）`, `各街道（功能区）`: a parenthesis naming the other kind of place the same
 * units are (a district's functional zones and parks answer as its streets do).
 */
const ALT_PLACE =
  /^(街道|镇|乡|乡镇|社区|村|县|区|市|县区|区县|县（市、区）|市、区|区、县|县、区|管委会|功能区|开发区|园区)$/;
const PLACE_KIND = /(街道|镇|乡|乡镇|社区|村|县|区|市|县区|区县)$/;
// `市生态环境局（牵头）`: a role written in a parenthesis after the unit.
const PAREN_ROLE: [RegExp, Role][] = [
  [/^(牵头|牵头单位|牵头部门|牵头负责)$/, 'lead'],
  [/^(主责|负责|责任单位|主责单位)$/, 'responsible'],
  [/^(配合|协办|配合单位|协办单位|参与)$/, 'assisting'],
];
const DUTY_SUFFIX = /[（(]?(按职责分工负责|按职责分工落实|按职责负责|按职责分工|分别负责|按职责)[）)]?$/;

function tokenize(cell: string): Token[] {
  const tokens: Token[] = [];
  let cur = '';
  let sep = '';
  let pendingSep = '';
  let i = 0;
  const push = () => {
    if (cur) tokens.push({ text: cur, sep });
    cur = '';
  };
  while (i < cell.length) {
    const c = cell[i];
    if (OPEN.test(c)) {
      // A parenthesis stays with the name before it, even across a space.
      let depth = 1;
      let j = i + 1;
      while (j < cell.length && depth > 0) {
        if (OPEN.test(cell[j])) depth++;
        else if (CLOSE.test(cell[j])) depth--;
        j++;
      }
      const inner = cell.slice(i + 1, depth === 0 ? j - 1 : j).trim();
      if (cur && j < cell.length && !SEPARATORS.test(cell[j]) && !OPEN.test(cell[j])) {
        // A parenthesis inside a name (`各市（含定州、辛集市）人民政府`) is part of it.
        cur += `（${inner}）`;
        i = j;
        continue;
      }
      if (cur) {
        tokens.push({ text: cur, sep, paren: inner });
        cur = '';
      } else if (
        tokens.length > 0 &&
        /^\s*$/.test(pendingSep) &&
        tokens[tokens.length - 1].paren === undefined
      ) {
        tokens[tokens.length - 1].paren = inner;
      } else if (inner) {
        tokens.push({ text: inner, sep: pendingSep });
      }
      pendingSep = '';
      i = j;
      continue;
    }
    if (SEPARATORS.test(c)) {
      if (cur) {
        push();
        pendingSep = '';
      }
      pendingSep += c;
      i++;
      continue;
    }
    if (!cur) sep = pendingSep;
    pendingSep = '';
    cur += c;
    i++;
  }
  push();
  return tokens;
}

/** Directory key of tokens i..j joined as written (a space between tokens disappears, `、` stays). */
function joinedKey(keys: string[], sepKeys: string[], i: number, j: number): string {
  let s = keys[i];
  for (let k = i + 1; k <= j; k++) s += sepKeys[k] + keys[k];
  return s;
}

function writtenOf(tokens: Token[], i: number, j: number): string {
  let s = tokens[i].text;
  for (let k = i + 1; k <= j; k++) s += (tokens[k].sep || ' ') + tokens[k].text;
  if (tokens[j].paren !== undefined) s += ` (${tokens[j].paren})`;
  return s;
}

function mentionFromEntry(
  index: DirectoryIndex,
  key: string,
): Pick<UnitMention, 'name' | 'kind'> | undefined {
  const entry = index.lookupKey(key);
  if (!entry) return undefined;
  return entry.type === 'unit'
    ? { name: entry.unit.name, kind: 'unit' }
    : { name: entry.group.name, kind: 'group' };
}

/** Resolve the tokens of one clause greedily: the longest run of tokens that names a directory entry wins. */
function resolveTokens(
  tokens: Token[],
  index: DirectoryIndex,
): { mentions: UnitMention[]; etAl: boolean; roles: Map<UnitMention, Role> } {
  const mentions: UnitMention[] = [];
  const roles = new Map<UnitMention, Role>();
  const etAl = false;
  const keys = tokens.map((t) => nameKey(t.text));
  const sepKeys = tokens.map((t) => nameKey(t.sep));
  const parenKeys = tokens.map((t) => (t.paren === undefined ? '' : `（${nameKey(t.paren)}）`));
  let i = 0;
  while (i < tokens.length) {
    let matched = false;
    // Longest run first, bounded by the longest name in the directory.
    let last = i;
    let len = keys[i].length;
    while (
      last + 1 < tokens.length &&
      len + sepKeys[last + 1].length + keys[last + 1].length <= index.longestKey
    ) {
      last++;
      len += sepKeys[last].length + keys[last].length;
    }
    for (let j = last; j >= i && !matched; j--) {
      const base = joinedKey(keys, sepKeys, i, j);
      for (const withParen of [true, false]) {
        if (withParen && tokens[j].paren === undefined) continue;
        const hit = mentionFromEntry(index, withParen ? base + parenKeys[j] : base);
        if (!hit) continue;
        const paren = tokens[j].paren;
        const mention: UnitMention = { ...hit, written: writtenOf(tokens, i, j) };
        const marked = paren === undefined ? undefined : PAREN_ROLE.find(([re]) => re.test(paren))?.[1];
        if (marked) roles.set(mention, marked);
        else if (!withParen && paren) {
          // `各区政府 (含北京经济技术开发区管委会)`: the parenthesis restates the group; otherwise the unit acts as it.
          if (!/^含/.test(paren) && !DUTY_SUFFIX.test(`（${paren}）`)) mention.actingAs = paren;
        }
        mentions.push(mention);
        i = j + 1;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    // Not in the directory. A short fragment split off by a stray space joins the next token.
    let j = i;
    let name = tokens[i].text;
    while (
      !UNIT_ENDING.test(name) &&
      tokens[j].paren === undefined &&
      j + 1 < tokens.length &&
      /^\s+$/.test(tokens[j + 1].sep)
    ) {
      j++;
      name += tokens[j].text;
    }
    if (!UNIT_ENDING.test(name)) {
      j = i;
      name = tokens[i].text;
    }
    const paren = tokens[j].paren;
    // `派出所工商质监所`: units written with no separator between them are read one by one.
    const parts = splitRunOn(name, (s) => index.lookupKey(nameKey(s)) !== undefined);
    if (parts.length > 1) {
      for (const [k, part] of parts.entries()) {
        const last = k === parts.length - 1;
        const hit = mentionFromEntry(index, nameKey(part));
        const mention: UnitMention = {
          ...(hit ?? { name: part, kind: 'unknown' as const }),
          written: last && paren !== undefined ? `${part} (${paren})` : part,
        };
        const marked =
          last && paren !== undefined ? PAREN_ROLE.find(([re]) => re.test(paren))?.[1] : undefined;
        if (marked) roles.set(mention, marked);
        else if (last && paren && !DUTY_SUFFIX.test(`（${paren}）`)) mention.actingAs = paren;
        mentions.push(mention);
      }
      i = j + 1;
      continue;
    }
    const alt = paren !== undefined && ALT_PLACE.test(paren) && PLACE_KIND.test(name);
    const mention: UnitMention = {
      name: alt ? `${name}（${paren}）` : name,
      kind: 'unknown',
      written: writtenOf(tokens, i, j),
    };
    const marked = paren === undefined ? undefined : PAREN_ROLE.find(([re]) => re.test(paren))?.[1];
    if (marked) roles.set(mention, marked);
    else if (paren && !alt && !DUTY_SUFFIX.test(`（${paren}）`)) mention.actingAs = paren;
    mentions.push(mention);
    i = j + 1;
  }
  return { mentions, etAl, roles };
}

/** Strip `等部门` and duty phrases from the end of a token list's text; say whether `等` was there. */
function stripTrailing(tokens: Token[]): { tokens: Token[]; etAl: boolean } {
  let etAl = false;
  const out = tokens.map((t) => ({ ...t }));
  for (let k = out.length - 1; k >= 0; k--) {
    const t = out[k];
    let text = t.text.replace(DUTY_SUFFIX, '');
    if (t.paren && DUTY_SUFFIX.test(`（${t.paren}）`)) t.paren = undefined;
    if (ET_AL.test(text)) {
      etAl = true;
      text = text.replace(ET_AL, '');
    }
    t.text = text;
  }
  return { tokens: out.filter((t) => t.text.length > 0 || t.paren !== undefined), etAl };
}

/**
 * Read a lead/responsible/assisting cell against the directory. Units are separated by spaces, `、`,
 * `，` or `；`; a parenthesis stays with its unit; merged names with `、` (`市科委、中关村管委会`) are
 * found whole; `等部门` sets the "and others" flag; `牵头`/`配合` markers move units to that role.
 */
export function readUnitCell(cell: string, role: Role, index: DirectoryIndex): UnitCellReading {
  // Letter-spaced names in merged cells (`市 城 市 管 理 局`) are read as one name.
  const text = cleanCell(joinWrappedLines(cell))
    .text.replace(/[。．.；;，,、\s]+$/, '')
    .replace(/(?<![\u4e00-\u9fff])(?:[\u4e00-\u9fff][ \u3000]){2,}[\u4e00-\u9fff](?![\u4e00-\u9fff])/g, (m) =>
      m.replace(/[ \u3000]/g, ''),
    )
    // `环保局（宣）及各相关单位`, `市财政局和有关部门`, `岳麓区和市直相关单位`: 及 / 和 before a group is a separator.
    .replace(/(?:以及|及|和)(?=(?:[省市区县]直)?(?:各|有关|相关|其他|其它)[\u4e00-\u9fff])/g, '、');
  const reading: UnitCellReading = { mentions: [], etAl: false, byRole: {}, etAlByRole: {} };
  if (!text || isNone(text)) return reading;
  return readClauses(shareAffixes(text), role, index, reading);
}

const OWN_PREFIX = /^[省市区县]/;
// `农业局`, and `市场监管局`, whose 市 is 市场's, not the city's.
const BARE_DEPARTMENT = /^(?:市场[^、\s]{0,6}|[^省市区县各相有其\s]{2,8})(局|委|办|厅|中心)$/;
const PLACE_WITH_SUFFIX =
  /^(.+?(?:示范区|开发区|新区|高新区|园区|区|县|市|镇|乡|街道))(党工委和管委会|党工委、管委会|党工委管委会|管委会|人民政府|政府|党委|办事处)$/;
const BARE_PLACE = /^[^、\s]{2,12}(示范区|开发区|新区|高新区|园区|区|县|市|镇|乡|街道)$/;

/**
 * Read a `、` list as people do: `市住房和城乡建设局、水利局` is two 市 bureaus, and
 * `城乡一体化示范区、高新区党工委和管委会` is two 党工委和管委会.
 */
export function shareAffixes(text: string): string {
  return text.replace(/[^\s，,；;/／\n]+(?:、[^\s，,；;/／\n]+)+/g, (run) => {
    const items = run.split('、');
    const first = items[0];
    if (OWN_PREFIX.test(first) && first.length >= 3) {
      for (let i = 1; i < items.length; i++) {
        // The last item may close the list with `等`/`等部门` (`市发展改革委、农业局等`): it shares the prefix too.
        // …or with its role (`省发展改革委、财政厅牵头`).
        const tail = /(牵头负责|牵头|配合|参与|负责)$/.exec(items[i])?.[0] ?? '';
        const bare = tail ? items[i].slice(0, -tail.length) : items[i];
        const etAl = ET_AL.exec(bare)?.[0] ?? '';
        const name = etAl ? bare.slice(0, -etAl.length) : bare;
        if (BARE_DEPARTMENT.test(name)) items[i] = first[0] + items[i];
      }
    }
    const last = PLACE_WITH_SUFFIX.exec(items[items.length - 1]);
    if (last) {
      for (let i = 0; i < items.length - 1; i++)
        if (BARE_PLACE.test(items[i]) && !/[、]/.test(items[i])) items[i] += last[2];
    }
    return items.join('、');
  });
}

function readClauses(
  text: string,
  role: Role,
  index: DirectoryIndex,
  reading: UnitCellReading,
): UnitCellReading {
  // Inline role markers split the cell into clauses, each with its own role.
  // Only a cell that names two roles (`市发展改革委牵头，市财政局配合`) is split; a lone `负责` is no marker.
  const clauses = text
    .split(/[，,；;。]/)
    .map((c) => c.trim().replace(DUTY_SUFFIX, ''))
    .filter(Boolean);
  const marked = clauses.some((c) =>
    ROLE_MARKERS.some(([re, r]) => r !== 'responsible' && re.test(c.replace(ET_AL, ''))),
  );
  // `A牵头；B、C，D配合`: a clause without a marker belongs to the marked clause that follows it.
  const markerOf = (c: string) => {
    const stripped = c.replace(ET_AL, '');
    return ROLE_MARKERS.find(([re]) => re.test(stripped) && stripped.replace(re, '').trim())?.[1];
  };
  const following = clauses.map((_, i) =>
    clauses
      .slice(i)
      .map(markerOf)
      .find((r) => r !== undefined),
  );
  for (const [ci, clause] of (marked ? clauses : [text]).entries()) {
    let clauseRole = marked ? (following[ci] ?? role) : role;
    let body = clause;
    if (marked) {
      for (const [re, r] of ROLE_MARKERS) {
        const stripped = body.replace(ET_AL, '');
        if (re.test(stripped) && stripped.replace(re, '').trim()) {
          const etAlBefore = ET_AL.test(body);
          body = stripped.replace(re, '') + (etAlBefore ? '等' : '');
          clauseRole = r;
          break;
        }
      }
    }
    const stripped = stripTrailing(tokenize(body));
    const { mentions, roles } = resolveTokens(stripped.tokens, index);
    for (const m of mentions) {
      const r = roles.get(m) ?? clauseRole;
      if (r === role) reading.mentions.push(m);
      else reading.byRole[r] = [...(reading.byRole[r] ?? []), m];
    }
    if (clauseRole === role) reading.etAl ||= stripped.etAl;
    else reading.etAlByRole[clauseRole] ||= stripped.etAl;
  }
  return reading;
}
