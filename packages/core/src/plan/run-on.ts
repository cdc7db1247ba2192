/**
 * Unit names written one after the other with no separator (`派出所工商质监所`, `县教育局县卫健局`), read
 * as people read them: a boundary falls after a unit ending only where what follows is a whole unit of
 * its own, not a part of the one before (`市公安局交警大队`, `县委宣传部`, `街道办事处` stay whole).
 */

// Endings a unit may close with before another begins.
const END = /(?:卫生院|所|站|办|队|院|局|委|厅|中心|处|馆|社|部)$/;
// Grassroots offices and stations have no named sub-units: what follows them is a peer.
const GRASSROOTS = /(?:卫生院|所|站|办|队)$/;
// A station that is a place (`火车站派出所` is the police station at the railway station).
const PLACE_STATION = /(?:火车|汽车|客运|公交|加油|加气|高铁|地铁|动车)站$/;
// A party committee: what follows names one of its departments (`中共某县委宣传部`).
const PARTY_COMMITTEE = /[省市区县镇乡党工]委$/;
// What follows an organ as its part, not as a peer.
const ATTACHED = /^(?:办公室|党组|机关|分局|分院|分所|分中心|支队|大队|中队|直属|所属|下属|驻)/;
// Sections inside a unit (`综合科`, `办公室`) never stand as a unit next to it.
const SECTION = /(?:室|科|股)$/;
// A new unit of the plan's own jurisdiction begins with its level (`县卫健局`), not with a word that
// starts like one (`市场服务中心`, `乡村振兴中心`, `区域…`).
const OWN_LEVEL = /^(?:省|市(?!场)|区(?!域)|县(?!域)|镇|乡(?!村))/;
const MIN_PART = 3;

function isPart(s: string): boolean {
  return s.length >= MIN_PART && END.test(s) && !SECTION.test(s) && !ATTACHED.test(s);
}

function boundaryAllowed(left: string, right: string, known: (s: string) => boolean): boolean {
  if (!isPart(left) || !isPart(right)) return false;
  if (PARTY_COMMITTEE.test(left)) return false;
  if (known(left) && known(right)) return true;
  if (OWN_LEVEL.test(right)) return true;
  return GRASSROOTS.test(left) && !PLACE_STATION.test(left);
}

/**
 * Split a name written without separators into the units it names, or return it whole. `known` tells
 * whether a part is a unit the reader already knows (the directory); two known parts always split.
 */
export function splitRunOn(name: string, known: (s: string) => boolean = () => false): string[] {
  if (name.length < MIN_PART * 2 || known(name)) return [name];
  for (let k = MIN_PART; k <= name.length - MIN_PART; k++) {
    const left = name.slice(0, k);
    if (!END.test(left)) continue;
    const rest = name.slice(k);
    const tail = splitRunOn(rest, known);
    if (boundaryAllowed(left, tail[0], known)) return [left, ...tail];
  }
  return [name];
}

// A line of a narrow merged cell: one or two characters of a name the cell's width broke.
const WRAP_PIECE = /^[\u4e00-\u9fff]{1,2}$/;
const LAST_PIECE = /^[\u4e00-\u9fff]{1,5}$/;
const ENDS_AS_UNIT = /(?:所|站|办|队|院|局|委|厅|中心|处|馆|社|部|会|室|科|股|组)$/;

/**
 * A name written down a narrow cell (`市政` / `府办` / `公厅`, `市` / `监` / `察` / `局`) is one name: its
 * lines are joined when every line but the last holds one or two characters, and there are three lines or
 * more, or the first line is no unit of its own. Lists of units one to a line (`县水务局` / `县住建局`) stay.
 */
export function joinWrappedLines(text: string): string {
  const lines = text
    .trim()
    .split(/\r?\n/)
    .map((l) => l.trim());
  if (lines.length < 2 || lines.some((l) => !l)) return text;
  const head = lines.slice(0, -1);
  const last = lines[lines.length - 1];
  if (!head.every((l) => WRAP_PIECE.test(l)) || !LAST_PIECE.test(last)) return text;
  if (lines.length < 3 && ENDS_AS_UNIT.test(lines[0])) return text;
  return lines.join('');
}
