/**
 * Periods of measured data, written as the office writes them: `2022` (year), `2022-Q3` (quarter),
 * `2022-10` (month), `2022-10-H1` / `2022-10-H2` (half-months: 1–15 and 16–end), `2022-10-15` (day).
 * Pure: every function works on the text and calendar arithmetic alone.
 */

export const RESOLUTIONS = ['day', 'half_month', 'month', 'quarter', 'year'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export interface Period {
  /** The canonical text (`2022-10-H1`). */
  key: string;
  resolution: Resolution;
  year: number;
  /** First and last day, `YYYY-MM-DD`. */
  start: string;
  end: string;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
export const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function make(resolution: Resolution, y: number, m = 1, part = 0): Period {
  switch (resolution) {
    case 'year':
      return { key: pad(y, 4), resolution, year: y, start: iso(y, 1, 1), end: iso(y, 12, 31) };
    case 'quarter': {
      const first = (part - 1) * 3 + 1;
      return {
        key: `${pad(y, 4)}-Q${part}`,
        resolution,
        year: y,
        start: iso(y, first, 1),
        end: iso(y, first + 2, daysInMonth(y, first + 2)),
      };
    }
    case 'month':
      return {
        key: `${pad(y, 4)}-${pad(m)}`,
        resolution,
        year: y,
        start: iso(y, m, 1),
        end: iso(y, m, daysInMonth(y, m)),
      };
    case 'half_month':
      return {
        key: `${pad(y, 4)}-${pad(m)}-H${part}`,
        resolution,
        year: y,
        start: iso(y, m, part === 1 ? 1 : 16),
        end: iso(y, m, part === 1 ? 15 : daysInMonth(y, m)),
      };
    case 'day':
      return { key: iso(y, m, part), resolution, year: y, start: iso(y, m, part), end: iso(y, m, part) };
  }
}

const YEAR_OK = (y: number) => y >= 1900 && y <= 2999;

/** Read a period written in the canonical form; null when it is not one. */
export function parsePeriod(text: string): Period | null {
  const s = text.trim().toUpperCase();
  let m = /^(\d{4})$/.exec(s);
  if (m) return YEAR_OK(+m[1]) ? make('year', +m[1]) : null;
  m = /^(\d{4})-Q([1-4])$/.exec(s);
  if (m) return YEAR_OK(+m[1]) ? make('quarter', +m[1], 1, +m[2]) : null;
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) return YEAR_OK(+m[1]) && +m[2] >= 1 && +m[2] <= 12 ? make('month', +m[1], +m[2]) : null;
  m = /^(\d{4})-(\d{2})-H([12])$/.exec(s);
  if (m) return YEAR_OK(+m[1]) && +m[2] >= 1 && +m[2] <= 12 ? make('half_month', +m[1], +m[2], +m[3]) : null;
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) {
    const [y, mo, d] = [+m[1], +m[2], +m[3]];
    if (!YEAR_OK(y) || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
    return make('day', y, mo, d);
  }
  return null;
}

/** Like parsePeriod, but throws a RangeError naming the text. */
export function period(text: string): Period {
  const p = parsePeriod(text);
  if (!p) throw new RangeError(`不是有效的期间：${text}`);
  return p;
}

function parts(p: Period): { y: number; m: number; part: number } {
  const [y, m, d] = p.start.split('-').map(Number) as [number, number, number];
  if (p.resolution === 'quarter') return { y, m, part: (m - 1) / 3 + 1 };
  if (p.resolution === 'half_month') return { y, m, part: d === 1 ? 1 : 2 };
  return { y, m, part: d };
}

/** The period after (`step` 1) or before (`step` -1) this one, at the same resolution. */
export function shiftPeriod(p: Period, step: number): Period {
  const { y, m, part } = parts(p);
  switch (p.resolution) {
    case 'year':
      return make('year', y + step);
    case 'quarter': {
      const i = y * 4 + (part - 1) + step;
      return make('quarter', Math.floor(i / 4), 1, (i % 4) + 1);
    }
    case 'month': {
      const i = y * 12 + (m - 1) + step;
      return make('month', Math.floor(i / 12), (i % 12) + 1);
    }
    case 'half_month': {
      const i = y * 24 + (m - 1) * 2 + (part - 1) + step;
      return make('half_month', Math.floor(i / 24), Math.floor((i % 24) / 2) + 1, (i % 2) + 1);
    }
    case 'day': {
      const t = new Date(Date.UTC(y, m - 1, part + step));
      return make('day', t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
    }
  }
}

/** The same period a year earlier (29 February has none: null). */
export function samePeriodLastYear(p: Period): Period | null {
  const { y, m, part } = parts(p);
  if (p.resolution === 'day') return parsePeriod(iso(y - 1, m, part));
  return make(p.resolution, y - 1, m, part);
}

/** Every period of P's resolution from 1 January of its year up to and including P (the cumulative span). */
export function periodsToDate(p: Period): Period[] {
  const out: Period[] = [];
  let cur = make(p.resolution, p.year, 1, 1);
  if (p.resolution === 'year') return [p];
  while (cur.start <= p.start) {
    out.push(cur);
    cur = shiftPeriod(cur, 1);
  }
  return out;
}

/** The n periods ending with P, oldest first. */
export function periodsEndingWith(p: Period, n: number): Period[] {
  return Array.from({ length: n }, (_, i) => shiftPeriod(p, i - n + 1));
}

/** The period of a resolution that contains a day (`YYYY-MM-DD`). */
export function periodContaining(resolution: Resolution, day: string): Period {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  if (resolution === 'quarter') return make('quarter', y, 1, Math.floor((m - 1) / 3) + 1);
  if (resolution === 'half_month') return make('half_month', y, m, d <= 15 ? 1 : 2);
  return make(resolution, y, m, d);
}

/** A label in Chinese, as the bulletins print it: `2022年10月上半月`. */
export function periodLabel(p: Period): string {
  const { y, m, part } = parts(p);
  switch (p.resolution) {
    case 'year':
      return `${y}年`;
    case 'quarter':
      return `${y}年第${'一二三四'[part - 1]}季度`;
    case 'month':
      return `${y}年${m}月`;
    case 'half_month':
      return `${y}年${m}月${part === 1 ? '上半月' : '下半月'}`;
    case 'day':
      return `${y}年${m}月${part}日`;
  }
}
