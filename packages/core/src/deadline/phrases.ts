import { endOfMonth, isoDate, smallNumber, validDate } from './dates.ts';

/** One date phrase found in text: where it is and the date it means. */
export interface DatePhrase {
  index: number;
  raw: string;
  due: string;
}

const NUM = '(\\d{1,2}|十[一二]?|[一二三四五六七八九])';
const YEAR = '(?:(\\d{4})年|(次年|明年|当年|今年))?';
const BEFORE = '(?:前|之前|以前)';
const QUARTER_END = [3, 6, 9, 12];

/**
 * Date phrases that set a due date: `6月底前`, `2022年12月`, `11月15日前`, `年底前`, `上半年`,
 * `三季度末`, `6月中旬前`, `到2020年`. Phrases that start something (`2022年6月起`) or recur (`每季度`) are not.
 */
const PATTERN = new RegExp(
  [
    // 1: Y年M月D日(前)
    `${YEAR}${NUM}月(\\d{1,2})[日号]${BEFORE}?`,
    // 2: (Y年)M月(底|末|上旬|中旬|下旬|初)(前)
    `${YEAR}${NUM}月(底|末|份|上旬|中旬|下旬|中下旬|初)${BEFORE}?`,
    // 3: Y年M月 / M月前
    `${YEAR}${NUM}月${BEFORE}?`,
    // 4: (Y)年底前 / 年内 / 年末
    `(?:(\\d{4})年?)?(年底|年末|年内|年度内)${BEFORE}?`,
    // 5: 上半年 / 下半年 / 年中
    `(?:(\\d{4})年)?(上半年|下半年|年中)${BEFORE}?`,
    // 6: 一季度末
    `(?:(\\d{4})年)?(?:第)?([一二三四1-4])季度(末|底)?${BEFORE}?`,
    // 7: 到2020年 / 截至2020年 (a year alone, reached: its end)
    `(?:到|截至|至)(\\d{4})年(?![\\d一二三四五六七八九十上下第底末内中])`,
  ].join('|'),
  'g',
);

function yearOf(explicit: string | undefined, relative: string | undefined, planYear: number): number {
  if (explicit) return Number(explicit);
  if (relative === '次年' || relative === '明年') return planYear + 1;
  return planYear;
}

/** What the phrase at `m` means, or undefined when it is not a due date in its context. */
function meaning(m: RegExpExecArray, planYear: number, text: string): string | undefined {
  const raw = m[0];
  const before = text.slice(Math.max(0, m.index - 2), m.index);
  const after = text.slice(m.index + raw.length, m.index + raw.length + 2);
  // Starts, ranges and recurrences are not due dates.
  // `6月至9月`: the end of a range; `到2020年6月底前` at the start of a clause: a date reached.
  const rangeEnd = /[至到]$/.test(before) && /[\d月年日旬底末季]/.test(before[0] ?? '');
  const every = /每(年度?|季度?|半年|月)的?$/.test(text.slice(Math.max(0, m.index - 4), m.index));
  if (
    /^(起|开始|以来|至|到|—|–|-|~|～|份起)/.test(after) ||
    /[每逐—–~～-]$/.test(before) ||
    rangeEnd ||
    every
  )
    return undefined;
  if (m[4] !== undefined) {
    // Y年M月D日
    const mo = smallNumber(m[3]);
    return mo === undefined ? undefined : validDate(yearOf(m[1], m[2], planYear), mo, Number(m[4]));
  }
  if (m[8] !== undefined) {
    // (Y年)M月底 / 上旬 / 中旬 / 下旬
    const y = yearOf(m[5], m[6], planYear);
    const mo = smallNumber(m[7]);
    if (mo === undefined || mo < 1 || mo > 12) return undefined;
    // `6月初`: early in the month, as 上旬.
    if (m[8] === '上旬' || m[8] === '初') return isoDate(y, mo, 10);
    if (m[8] === '中旬') return isoDate(y, mo, 20);
    return endOfMonth(y, mo);
  }
  if (m[11] !== undefined) {
    // Y年M月, or M月前 (before month M: the end of the month before)
    const mo = smallNumber(m[11]);
    if (mo === undefined || mo < 1 || mo > 12) return undefined;
    const hasYear = m[9] !== undefined || m[10] !== undefined;
    const isBefore = /(前|之前|以前)$/.test(raw);
    // A bare `6月` inside prose is not a due date; `2022年12月` and `10月前` are.
    if (!hasYear && !isBefore) return undefined;
    if (/^[\d一二三四五六七八九十]/.test(after)) return undefined;
    const y = yearOf(m[9], m[10], planYear);
    if (isBefore && !hasYear) return mo === 1 ? endOfMonth(y - 1, 12) : endOfMonth(y, mo - 1);
    return endOfMonth(y, mo);
  }
  if (m[13] !== undefined) {
    // 五年内, 三年内 name a span, not this year's end.
    if (m[13] === '年内' && m[12] === undefined && /[\d一二三四五六七八九十两]$/.test(before))
      return undefined;
    return isoDate(m[12] ? Number(m[12]) : planYear, 12, 31);
  }
  if (m[15] !== undefined) {
    const y = m[14] ? Number(m[14]) : planYear;
    return m[15] === '下半年' ? isoDate(y, 12, 31) : isoDate(y, 6, 30);
  }
  if (m[17] !== undefined) {
    if (/每$/.test(before)) return undefined;
    const q = smallNumber(m[17]) ?? Number(m[17]);
    if (!(q >= 1 && q <= 4)) return undefined;
    return endOfMonth(m[16] ? Number(m[16]) : planYear, QUARTER_END[q - 1]);
  }
  if (m[19] !== undefined) return isoDate(Number(m[19]), 12, 31);
  return undefined;
}

/** Every due-date phrase in a text, in order. */
export function findDatePhrases(text: string, planYear: number): DatePhrase[] {
  const out: DatePhrase[] = [];
  if (!/[月年季]/.test(text)) return out;
  PATTERN.lastIndex = 0;
  for (let m = PATTERN.exec(text); m !== null; m = PATTERN.exec(text)) {
    const due = meaning(m, planYear, text);
    if (due !== undefined) out.push({ index: m.index, raw: m[0], due });
  }
  return out;
}
