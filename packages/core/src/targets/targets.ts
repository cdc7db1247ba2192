import type { Comparison, Target } from '../plan/model.ts';

// Counting units are what work is measured in; physical units usually describe a category of thing
// (`4.5吨以下轻型货车`) and count as targets only after a target verb (`控制在5吨/平方公里·月左右`).
const COUNT_UNITS = [
  '万辆次',
  '万辆',
  '辆次',
  '辆',
  '万户',
  '户',
  '家',
  '组',
  '个百分点',
  '个',
  '项',
  '次',
  '座',
  '台',
  '套',
  '处',
  '条',
  '所',
  '万人',
  '人次',
  '人',
  '亿元',
  '万元',
  '元',
  '批',
  '根',
  '块',
  '个点位',
  '点位',
  '栋',
  '公顷',
  '亩',
  '万亩',
  '%',
  '％',
  '‰',
];
const PHYSICAL_UNITS = [
  '万吨',
  '吨',
  '蒸吨',
  '万千瓦',
  '千瓦',
  '兆瓦',
  '公里',
  '千米',
  '米',
  '万平方米',
  '平方米',
  '平方公里',
  '立方米',
  '万立方米',
  '亿立方米',
  '亿吨',
  '微克',
  '毫克',
  '千克',
  '公斤',
  '克',
  '升',
  '天',
];
const TIME_UNITS = /^(年|月|日|号|时|小时|分钟|分|秒|周|季度|个月|个工作日|工作日|岁|届|期|代|类|级|档|星)/;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const byLength = (a: string, b: string) => b.length - a.length;
const BASE = [...COUNT_UNITS, ...PHYSICAL_UNITS].sort(byLength).map(escapeRe).join('|');
// Compound units: `吨/平方公里·月`, `微克/立方米`.
const UNIT = `(?:${BASE})(?:[/／](?:${BASE}|小时|年|月|日)(?:[·•．.](?:月|年|日|小时))?)?`;
// A number is not a quantity when it is part of a name or code (`PM2.5`, `GB37822—2019`, `第1`); that is
// checked on the character before, outside the expression, which keeps the scan for digits fast.
const PATTERN = new RegExp(`(\\d+(?:,\\d{3})*(?:\\.\\d+)?)(${UNIT})`, 'g');
const NOT_BEFORE_NUMBER = /[A-Za-z0-9.\-—_第]/;

const SUFFIX_AT_LEAST = /^(及以上|以上|（含）以上|或以上|多)/;
const SUFFIX_AT_MOST = /^(及以下|以下|以内|或以下)/;
const SUFFIX_ABOUT = /^左右/;

// Prefix words, nearest to the number wins.
const PREFIX_WORDS: [RegExp, Comparison][] = [
  // Negated forms first: `不高于` ends in `高于`.
  [/(不低于|不少于|不小于)$/, 'at_least'],
  [/(不超过|不高于|不大于|不多于)$/, 'at_most'],
  [
    /(不低于|不少于|至少|超过|高于|大于|多于|≥|力争|达到|实现|累计|确保|完成|新增|新建|推广|提高到|提升至|增至)$/,
    'at_least',
  ],
  [/(不超过|不高于|不大于|低于|小于|少于|≤|控制在|降至|降到|压减至|压减到)$/, 'at_most'],
  [/(约|大约|近|左右)$/, 'about'],
  [/(减少|下降|降低|削减|压减|压缩|减排|缩减)$/, 'reduce_by'],
  [/(增长|增加|提高|提升|上升|增幅)$/, 'increase_by'],
];

function clauseAround(text: string, start: number, end: number): { clause: string; offset: number } {
  let a = start;
  while (a > 0 && !/[，。；：！？\n]/.test(text[a - 1])) a--;
  let b = end;
  while (b < text.length && !/[，。；！？\n]/.test(text[b])) b++;
  return { clause: text.slice(a, b), offset: a };
}

/** The comparison a prefix sets: the keyword nearest to the number. */
function prefixComparison(prefix: string): Comparison | undefined {
  for (let cut = prefix.length; cut > 0; cut--) {
    const head = prefix.slice(0, cut);
    for (const [re, cmp] of PREFIX_WORDS) if (re.test(head)) return cmp;
  }
  return undefined;
}

const isPhysical = (unit: string) => PHYSICAL_UNITS.includes(unit.split(/[/／]/)[0]);

/**
 * Quantitative targets written in a measure's text. Thresholds that describe a category
 * (`4.5吨以下轻型货车`), standards (`GB37822—2019`), years, times and ordinals are not targets.
 */
export function extractTargets(text: string): Target[] {
  const out: Target[] = [];
  PATTERN.lastIndex = 0;
  for (let m = PATTERN.exec(text); m !== null; m = PATTERN.exec(text)) {
    const [whole, num, unitRaw] = m;
    const start = m.index;
    if (start > 0 && NOT_BEFORE_NUMBER.test(text[start - 1])) {
      PATTERN.lastIndex = start + 1;
      continue;
    }
    const end = start + whole.length;
    const rest = text.slice(end, end + 8);
    if (TIME_UNITS.test(text.slice(start + num.length, start + num.length + 4)) && !/^(%|％)/.test(unitRaw))
      continue;
    if (unitRaw === '个' && /^(月|工作日|小时)/.test(rest)) continue;
    // `4个结构性指标均实现10%以上增长`: the count of what the sentence is about, not a goal.
    if (/^(个|项|类)$/.test(unitRaw) && /^[\u4e00-\u9fff]{1,10}?(均|都|全部|各)/.test(rest)) continue;
    // `对各州、市人民政府和8个重点行业主管部门…实施`: a count joined by 和/与/及 to whom the sentence is about.
    if (unitRaw === '个' && start > 0 && /[和与及]/.test(text[start - 1])) continue;
    if (isInsideBookTitle(text, start)) continue;
    const { clause, offset } = clauseAround(text, start, end);
    const prefix = text.slice(offset, start).replace(/\s+$/, '');
    let comparison: Comparison | undefined;
    let suffixLength = 0;
    const suffix = rest.replace(/^\s+/, '');
    const sm = SUFFIX_AT_LEAST.exec(suffix) ?? SUFFIX_AT_MOST.exec(suffix) ?? SUFFIX_ABOUT.exec(suffix);
    if (sm) {
      suffixLength = sm[0].length;
      comparison = SUFFIX_ABOUT.test(suffix)
        ? 'about'
        : SUFFIX_AT_LEAST.test(suffix)
          ? 'at_least'
          : 'at_most';
    }
    const fromPrefix = prefixComparison(prefix);
    const reduction = fromPrefix === 'reduce_by' || fromPrefix === 'increase_by';
    if (reduction) comparison = fromPrefix;
    else if (comparison === undefined) comparison = fromPrefix;
    // A physical quantity followed by 以上/以下 and a noun is a category, not a goal.
    if (isPhysical(unitRaw)) {
      const after = suffix.slice(suffixLength).replace(/^（含）/, '');
      const describesCategory =
        (sm !== null && /^[的\u4e00-\u9fff]/.test(after)) || (sm === null && fromPrefix === undefined);
      const hasVerb = fromPrefix !== undefined && fromPrefix !== 'at_least';
      if (describesCategory && !hasVerb && !/(控制在|降至|达到)$/.test(prefix)) continue;
      if (unitRaw === '天' && comparison === undefined) continue;
    }
    const value = Number(num.replace(/,/g, ''));
    if (!Number.isFinite(value)) continue;
    let unit = unitRaw.replace('％', '%');
    if (unit === '·') unit = '';
    if (comparison === undefined) comparison = 'exactly';
    // 100% cannot be exceeded: "at least 100%" (`实现双100%`) means exactly 100%.
    if (unit === '%' && value === 100 && comparison === 'at_least') comparison = 'exactly';
    out.push({ value, unit, comparison, yearOnYear: /同比/.test(prefix), text: clause.trim() });
  }
  return out;
}

function isInsideBookTitle(text: string, index: number): boolean {
  const open = text.lastIndexOf('《', index);
  return open >= 0 && text.lastIndexOf('》', index) < open;
}
