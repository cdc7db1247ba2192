/** What a column's cells look like (dates, unit names, long text, `%`…), and the role they suggest. */
import type { Column } from './header.ts';

export interface CellProfile {
  /** Distinct non-empty cells, first few. */
  samples: string[];
  filled: number;
  number: number;
  date: number;
  units: number;
  measureUnit: number;
  target: number;
  long: number;
}

const DATE_LIKE =
  /(全年|(19|20)\d{2}\s*年|\d{1,2}\s*月|年底|年内|年末|底前|上半年|下半年|季度|常态|长期|持续|每年|每月|按期|按时|前完成|(19|20)\d{2}[.\-/]\d|(19|20)\d{2}\s*[—–\-~～至到]\s*(19|20)\d{2})/;
const ORG_ENDING =
  /(局|委|办|院|室|队|会|部|厅|司|科|股|中心|公司|集团|政府|街道|镇|乡|处|所|站|馆|社|行|台|署|区|县|市|团|组|委员会|管委会|党工委|单位|部门)$/;
const MEASURE_UNIT =
  /^(%|％|‰|个百分点|万?亩|公顷|万?元|亿元|万元\/人|元\/人|元\/吨|个|项|家|户|万?户|万?人|人次|辆|座|处|条|次|所|台|套|km|公里|千米|米|平方米|万平方米|平方公里|立方米|万立方米|吨|万吨|蒸吨|千瓦|万千瓦|小时|天|分|微克\/立方米|毫克\/升|件|宗|批|篇|场|期|册|张|km²|㎡|m³|t|%以上)$/i;
const TARGET_LIKE =
  /^(≥|≤|>|<|＞|＜|不低于|不少于|不超过|不高于|达到|约)?\s*\d+(?:\.\d+)?\s*(%|％|‰|个百分点|万?亩|万?元|个|项|家|户|人|吨|万吨|公里|平方米|万平方米)?\s*(以上|以下|左右|以内)?$/;

const share = (n: number, of: number) => (of === 0 ? 0 : n / of);

/** Whether a cell reads as a list of units: every part ends like an organisation's name. */
export function looksLikeUnits(cell: string): boolean {
  // `A牵头；B配合` is a unit cell; a sentence (。) or a label (：) is not.
  if (cell.length > 160 || /[。：:]/.test(cell.replace(/[；;。]$/, ''))) return false;
  const parts = cell
    .replace(/[（(]?(按职责分工负责|按职责分工落实|按职责负责|按职责分工|分别负责|按职责)[）)]?$/, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .split(/[、，,；;\s/／\n]+/)
    .map((p) =>
      p
        .replace(/[。．]$/, '')
        .replace(/等(相关|有关)?(部门|单位)?$/, '')
        .replace(/(牵头|配合|负责|参与)$/, ''),
    )
    .filter(Boolean);
  if (parts.length === 0) return false;
  const orgs = parts.filter(
    (p) => (p.length >= 2 && p.length <= 30 && ORG_ENDING.test(p)) || /^[镇乡县区市村]$/.test(p),
  ).length;
  return orgs / parts.length >= 0.6;
}

export function cellProfile(cells: string[]): CellProfile {
  const filled = cells.map((c) => c.trim()).filter(Boolean);
  const samples: string[] = [];
  for (const c of filled) {
    if (!samples.includes(c)) samples.push(c);
    if (samples.length >= 5) break;
  }
  const p: CellProfile = {
    samples,
    filled: filled.length,
    number: 0,
    date: 0,
    units: 0,
    measureUnit: 0,
    target: 0,
    long: 0,
  };
  for (const c of filled) {
    const compact = c.replace(/\s+/g, '');
    if (/^[（(]?\d{1,4}[)）.．、]?$/.test(compact)) p.number++;
    if (compact.length <= 40 && DATE_LIKE.test(compact)) p.date++;
    if (MEASURE_UNIT.test(compact)) p.measureUnit++;
    if (TARGET_LIKE.test(compact) && /\d/.test(compact)) p.target++;
    if (looksLikeUnits(c)) p.units++;
    if (compact.length > 30) p.long++;
  }
  return p;
}

/** The role a column plays, decided from what its header names and what its cells hold. */
export function decideColumn(
  label: string,
  named: Column | undefined,
  exact: boolean,
  chosen: boolean,
  p: CellProfile,
  taken: Set<Column>,
): { col: Column; confidence: number } {
  if (named && chosen) return { col: named, confidence: 1 };
  const of = (n: number) => share(n, p.filled);
  const base = exact ? 0.95 : 0.75;
  if (named === 'other') return { col: 'other', confidence: 0.9 };
  if (named) {
    if (p.filled === 0) return { col: named, confidence: exact ? 0.9 : 0.7 };
    // The cells confirm or contradict what the header says.
    const agrees: Partial<Record<Column, number>> = {
      no: of(p.number),
      deadline: of(p.date),
      lead: of(p.units),
      responsible: of(p.units),
      assisting: of(p.units),
      target: of(p.target),
      measure_unit: of(p.measureUnit),
      measure: of(p.long) + of(p.filled - p.units - p.number),
    };
    const a = agrees[named];
    if (
      (named === 'lead' || named === 'responsible' || named === 'assisting') &&
      !exact &&
      /措施|举措|内容/.test(label) &&
      of(p.long) >= 0.5 &&
      of(p.units) < 0.3 &&
      !taken.has('measure')
    )
      // A header naming both a unit role and the work (`牵头部门工作措施`, cells run together): the
      // cells, long prose and not units, say it is the work.
      return { col: 'measure', confidence: 0.6 };
    if (named === 'measure' && /目标/.test(label) && of(p.target) >= 0.4 && of(p.long) < 0.2) {
      // `目标任务` over `186`, `18.4`, `低于4.1`: the targets of the items named elsewhere, not the work.
      return { col: 'target', confidence: 0.7 };
    }
    if (named === 'target' && of(p.target) < 0.3 && of(p.long) >= 0.5) {
      // A goal written in prose (`2021年2月底前，知晓率达90%以上`): the work itself when there is no
      // work column, else a goal whose deadline and targets are read from it.
      if (!taken.has('measure')) return { col: 'measure', confidence: 0.6 };
      return { col: 'target', confidence: 0.8 };
    }
    if (a === undefined || a >= 0.5)
      return { col: named, confidence: Math.min(0.99, base + (a ?? 0) * 0.04) };
    return { col: named, confidence: Number((base - 0.4 + a * 0.5).toFixed(2)) };
  }
  // A header nobody listed (`单位`, an empty header): the cells decide.
  if (p.filled === 0) return { col: 'other', confidence: 0.9 };
  const conf = (s: number) => Number(Math.min(0.85, 0.4 + s * 0.45).toFixed(2));
  const unitWord = /单位|部门|主体|机关/.test(label);
  if (of(p.measureUnit) >= 0.6 && !taken.has('measure_unit'))
    return { col: 'measure_unit', confidence: conf(of(p.measureUnit)) };
  if (of(p.number) >= 0.8 && !taken.has('no')) return { col: 'no', confidence: conf(of(p.number)) };
  if (of(p.date) >= 0.6 && !taken.has('deadline')) return { col: 'deadline', confidence: conf(of(p.date)) };
  if (of(p.target) >= 0.6 && !taken.has('target')) return { col: 'target', confidence: conf(of(p.target)) };
  if (of(p.units) >= 0.5 || (unitWord && of(p.units) >= 0.3)) {
    // Only one unit column: its units are responsible.
    const sure = !taken.has('responsible');
    return { col: sure ? 'responsible' : 'assisting', confidence: sure ? conf(of(p.units)) : 0.5 };
  }
  if (of(p.long) >= 0.6 && !taken.has('measure')) return { col: 'measure', confidence: 0.55 };
  return { col: 'other', confidence: 0.3 };
}
