import type { Deadline, IsoDate, Recurrence } from '../plan/model.ts';
import { cleanCell } from '../text/clean.ts';
import { daysInMonth, endOfMonth, isoDate, latest, smallNumber } from './dates.ts';
import { findDatePhrases } from './phrases.ts';

/** Words for "none" in a table cell. */
export function isNone(s: string): boolean {
  return /^[—\-–－_/／无\s]*$/.test(s) || s === '无' || s === '暂无';
}

const ONGOING =
  /^(长期|持续|常态|常态化|长效|经常性|日常|每年|按年度?|每月|按月|每季度|按季度|每半年|逐年)(工作|推进|实施|开展|坚持|落实|管理|执行|进行|完成)?$/;
/** `省出台文件后2个月`, `项目批复后30日内`: a deadline counted from an event; it needs a date. */
const RELATIVE =
  /(后|以后|之后)(\d+|[一二三四五六七八九十两半]+)(个)?(月|周|天|日|个工作日|工作日|年)(内|以内)?(完成)?$|(出台|印发|发布|批复|下达|确定|通过|验收|签订|立项)[\u4e00-\u9fff]{0,8}?(后|以后|之后)(完成)?$/;
/** `每年年底前`, `每年12月底前`, `每季度末`, `每月10日前`: a recurring deadline, at a point in each period. */
const RECURRING =
  /^(每|按)(年度?|季度?|半年|月)(的)?(年底|年末|(\d{1,2}|[一二三四五六七八九十]{1,2})月)?((\d{1,2})[日号])?(底|末|初|上旬|中旬|下旬)?(前|之前|以前)?(完成|报送|上报|开展|进行|通报)?$/;
const BY_MILESTONES =
  /^(按(照)?(时间)?节点(要求)?(完成|推进)?|按进度(要求)?(完成|推进)?|按计划(完成|推进)?|分阶段(完成|推进|实施))$/;
const WHOLE_YEAR = /^(全年|全年度|全年实施|全年推进|年度内持续)$/;
const DASH = '[—–\\-－~～至到]';
const MONTH = '(\\d{1,2}|十[一二]?|[一二三四五六七八九])';
/** The part of a month a period names at either end (`底`, `上旬` …), and the day it starts or ends on. */
const PART = '(底|末|初|上旬|中旬|下旬)';
const PART_START: Record<string, number> = { 初: 1, 上旬: 1, 中旬: 11, 下旬: 21 };
const PART_END: Record<string, number> = { 初: 10, 上旬: 10, 中旬: 20 };

function recurrenceOf(s: string): Recurrence | undefined {
  if (/季度/.test(s)) return 'quarterly';
  if (/月/.test(s)) return 'monthly';
  if (/年/.test(s)) return 'yearly';
  return undefined;
}

/** `6—9月`, `6月—9月`, `2022年6月—2023年6月`, `2022—2025年`, `夏季（6—9月）`, `秋冬季`, `供暖季`. */
function readPeriod(s: string, year: number): { start: IsoDate; end: IsoDate } | undefined {
  const inner = /[（(]([^（）()]+)[)）]/.exec(s);
  if (inner && /^[春夏秋冬季采供暖]+$/.test(s.slice(0, inner.index))) return readPeriod(inner[1], year);
  if (/^(秋冬季|秋冬季攻坚期)$/.test(s))
    return { start: isoDate(year, 10, 1), end: isoDate(year + 1, 3, 31) };
  if (/^(供暖季|采暖季)$/.test(s)) return { start: isoDate(year, 11, 15), end: isoDate(year + 1, 3, 15) };
  // `4月底至5月底`, `5月中旬—6月上旬`: the part of each month said is where the period starts and ends.
  let m = new RegExp(
    `^(?:(\\d{4})年)?${MONTH}月?${PART}?${DASH}(?:(\\d{4})年|(次年|明年))?${MONTH}月${PART}?$`,
  ).exec(s);
  if (m) {
    const y1 = m[1] ? Number(m[1]) : year;
    const m1 = smallNumber(m[2]);
    const m2 = smallNumber(m[6]);
    if (m1 === undefined || m2 === undefined || m1 < 1 || m1 > 12 || m2 < 1 || m2 > 12) return undefined;
    const y2 = m[4] ? Number(m[4]) : m[5] || m2 < m1 ? y1 + 1 : y1;
    const from = m[3] === '底' || m[3] === '末' ? daysInMonth(y1, m1) : (PART_START[m[3] ?? ''] ?? 1);
    const start = isoDate(y1, m1, from);
    const to = PART_END[m[7] ?? ''];
    const end = to === undefined ? endOfMonth(y2, m2) : isoDate(y2, m2, to);
    return start <= end ? { start, end } : undefined;
  }
  m = new RegExp(`^(\\d{4})年?${DASH}(\\d{4})年(?:底|末)?(?:前|之前)?$`).exec(s);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    return a <= b ? { start: isoDate(a, 1, 1), end: isoDate(b, 12, 31) } : undefined;
  }
  return undefined;
}

/** A single date phrase that is the whole part (`6月底前`, `2026年12月`, `年底前`, `11月15日前`). */
function readDate(s: string, year: number): IsoDate | undefined {
  const bare = s.replace(/完成$/, '').replace(/^(本|当|今)(?=年)/, '');
  // Dates as spreadsheets write them: 2022.6.30, 2022-06-30, 2022/6/30, 2022.12.
  const numeric = /^(\d{4})[.\-/](\d{1,2})(?:[.\-/](\d{1,2}))?(前|之前|以前)?$/.exec(bare);
  if (numeric) {
    const [y, mo] = [Number(numeric[1]), Number(numeric[2])];
    if (mo < 1 || mo > 12) return undefined;
    if (numeric[3] === undefined) return endOfMonth(y, mo);
    const d = Number(numeric[3]);
    return d >= 1 && d <= daysInMonth(y, mo) ? isoDate(y, mo, d) : undefined;
  }
  if (/^\d{4}年(底|末)?$/.test(bare)) return isoDate(Number(bare.slice(0, 4)), 12, 31);
  const m = new RegExp(`^(?:(\\d{4})年)?${MONTH}月$`).exec(bare);
  if (m) {
    const mo = smallNumber(m[2]);
    if (mo !== undefined && mo >= 1 && mo <= 12) return endOfMonth(m[1] ? Number(m[1]) : year, mo);
  }
  const found = findDatePhrases(bare, year);
  if (found.length === 1 && found[0].index === 0 && found[0].raw === bare) return found[0].due;
  return undefined;
}

export interface DeadlineReading {
  deadline: Deadline;
  /** False when the phrase could not be read (the plan's year end is assumed). */
  readable: boolean;
  /** A deadline counted from an event (`省出台文件后2个月`): it needs a date, which the review asks for. */
  relative?: boolean;
  /** Dated steps the cell itself names (`6月底前完成方案，年底前完成审核`), when it names more than one. */
  steps: { due: IsoDate; raw: string; text: string }[];
}

/**
 * Read a 完成时限 cell. `milestoneDues` are the due dates of the milestones found in the measure text
 * (`按时间节点完成` is due at the latest of them, and never before the year end).
 */
export function readDeadline(cell: string, year: number, milestoneDues: IsoDate[] = []): DeadlineReading {
  const raw = cleanCell(cell).text;
  const yearEnd = isoDate(year, 12, 31);
  const compact = raw
    .replace(/\s+/g, '')
    // `2016年6底前`: the 月 people leave out.
    .replace(/(^|年|—|-|、|，)(\d{1,2})(底|末|上旬|中旬|下旬)/g, '$1$2月$3');
  if (RELATIVE.test(compact.replace(/[。.]$/, ''))) {
    return {
      deadline: { raw, kind: 'date', due: yearEnd, assumed: true, relative: true },
      readable: false,
      relative: true,
      steps: [],
    };
  }
  const parts = compact
    .split(/[，,；;、]|(?<!\d)[/／]|[/／](?!\d)|(?<=前)和|及(?=\d)/)
    .map((p) => p.replace(/^(于|在|到|至|截至|截止到?|力争|争取)/, '').replace(/[。.]$/, ''))
    .filter(Boolean);
  if (raw === '' || isNone(raw) || parts.length === 0) {
    return { deadline: { raw, kind: 'date', due: yearEnd, assumed: true }, readable: false, steps: [] };
  }
  const dates: IsoDate[] = [];
  const steps: DeadlineReading['steps'] = [];
  let ongoing = false;
  let recurrence: Recurrence | undefined;
  let byMilestones = false;
  let period: { start: IsoDate; end: IsoDate } | undefined;
  for (const part of parts) {
    const bare = part.replace(/(完成|实施|推进)$/, '');
    if (ONGOING.test(part) || ONGOING.test(bare) || RECURRING.test(part)) {
      ongoing = true;
      const every = RECURRING.exec(part)?.[2];
      recurrence = every ? recurrenceOf(every) : /^(每|按)/.test(part) ? recurrenceOf(part) : recurrence;
      continue;
    }
    if (BY_MILESTONES.test(part)) {
      byMilestones = true;
      continue;
    }
    if (/^\d{4}年(全年|内|度)?$/.test(part)) {
      // A year alone (`2018年`): the whole of that year.
      const y = Number(part.slice(0, 4));
      period = { start: isoDate(y, 1, 1), end: isoDate(y, 12, 31) };
      continue;
    }
    if (WHOLE_YEAR.test(part)) {
      period = { start: isoDate(year, 1, 1), end: yearEnd };
      continue;
    }
    const p = readPeriod(bare, year) ?? readPeriod(part, year);
    if (p) {
      period = p;
      continue;
    }
    const d = readDate(part, year) ?? readDate(bare, year);
    if (d) {
      dates.push(d);
      steps.push({ due: d, raw: part, text: part });
      continue;
    }
    // `9月投入使用`: a 完成时限 cell that opens with a month names the month the work is done in.
    const opening =
      /^(?:\d{4}年)?\d{1,2}月份?(?![\d日号底末初旬上中下前至到起—–~～-])(?=[\u4e00-\u9fff])/.exec(part);
    const opened = opening ? readDate(opening[0], year) : undefined;
    if (opened) {
      dates.push(opened);
      steps.push({ due: opened, raw: opening?.[0] ?? part, text: part });
      continue;
    }
    // A phrase with words around its dates (`6月底前完成方案`): take the dates it names.
    const named = findDatePhrases(part, year);
    if (named.length > 0) {
      for (const p of named) {
        dates.push(p.due);
        steps.push({ due: p.due, raw: p.raw, text: part });
      }
      continue;
    }
    return { deadline: { raw, kind: 'date', due: yearEnd, assumed: true }, readable: false, steps: [] };
  }
  if (byMilestones) {
    const due = latest([yearEnd, ...milestoneDues, ...dates]) as IsoDate;
    return {
      deadline: { raw, kind: 'milestones', due },
      readable: true,
      steps: steps.length > 1 ? steps : [],
    };
  }
  if (ongoing)
    return {
      deadline: { raw, kind: 'ongoing', ...(recurrence ? { recurrence } : {}) },
      readable: true,
      steps: [],
    };
  if (period && dates.length === 0)
    return {
      deadline: { raw, kind: 'period', start: period.start, end: period.end, due: period.end },
      readable: true,
      steps: [],
    };
  if (dates.length === 1 && !period)
    return { deadline: { raw, kind: 'date', due: dates[0] }, readable: true, steps: [] };
  // Several dates (`6月底前、年底前`): staged, due at the last one.
  const all = period ? [...dates, period.end] : dates;
  return { deadline: { raw, kind: 'milestones', due: latest(all) as IsoDate }, readable: true, steps };
}
