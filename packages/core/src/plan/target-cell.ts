/** A target column (`≥2%`, `0.07`, `不低于95`) and its unit-of-measure column, read as a Target. */
import { cleanText } from '../text/clean.ts';
import type { Comparison, Target } from './model.ts';

const PREFIX: [RegExp, Comparison][] = [
  [/^(≥|>=|不低于|不少于|不小于|至少|达到|大于等于)/, 'at_least'],
  [/^(≤|<=|不超过|不高于|不大于|控制在|小于等于)/, 'at_most'],
  [/^(约|左右)/, 'about'],
  [/^(下降|减少|降低|削减)/, 'reduce_by'],
  [/^(增长|提高|增加|提升)/, 'increase_by'],
  [/^(>|＞|高于|超过)/, 'at_least'],
  [/^(<|＜|低于)/, 'at_most'],
];

/** The target a cell states, with the unit from its own text or from the unit column; undefined when it states none. */
export function targetFromCells(targetCell: string, unitCell: string): Target | undefined {
  const text = cleanText(targetCell).text.replace(/\s+/g, '');
  if (!text) return undefined;
  let rest = text;
  let comparison: Comparison = 'exactly';
  for (const [re, cmp] of PREFIX) {
    const m = re.exec(rest);
    if (m) {
      comparison = cmp;
      rest = rest.slice(m[0].length);
      break;
    }
  }
  const m = /^(\d+(?:,\d{3})*(?:\.\d+)?)([^\d]{0,8})$/.exec(rest);
  if (!m) return undefined;
  let unit = m[2].replace('％', '%');
  if (/^(以上|及以上)$/.test(unit)) {
    comparison = 'at_least';
    unit = '';
  } else if (/^(以下|及以下|以内)$/.test(unit)) {
    comparison = 'at_most';
    unit = '';
  } else {
    const suffix = /(以上|及以上|以下|及以下|以内|左右)$/.exec(unit);
    if (suffix) {
      comparison = suffix[1] === '左右' ? 'about' : /上/.test(suffix[1]) ? 'at_least' : 'at_most';
      unit = unit.slice(0, -suffix[1].length);
    }
  }
  if (!unit) unit = cleanText(unitCell).text;
  const value = Number(m[1].replace(/,/g, ''));
  if (!Number.isFinite(value)) return undefined;
  return { value, unit, comparison, yearOnYear: false, text };
}
