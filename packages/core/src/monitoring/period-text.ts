/**
 * Periods as people write them in the monitoring centre's sheets: `2022-01`, `1月`, `2022年1月`,
 * `10月1日-15日`, `10月16日—31日`, `10月上半月`, `2022年第三季度`, `2022年`, `10月15日`. A header without a year
 * takes `year` from the caller.
 */
import { daysInMonth, type Period, parsePeriod } from './periods.ts';

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4 };
const pad = (n: number) => String(n).padStart(2, '0');

/** Read a written period; null when the text is not one (or names no year and none is given). */
export function readPeriodText(text: string, year?: number): Period | null {
  const s = text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[—–~～至到]/g, '-');
  const canonical = parsePeriod(s);
  if (canonical) return canonical;
  const m = /^(?:(\d{4})年)?(.*)$/.exec(s);
  if (!m) return null;
  const y = m[1] ? Number(m[1]) : year;
  const rest = m[2] as string;
  if (y === undefined) return null;
  if (rest === '' || rest === '全年') return m[1] ? parsePeriod(String(y)) : null;
  let r = /^第?([一二三四1-4])季度$|^Q([1-4])$/i.exec(rest);
  if (r) {
    const q = r[1] ? (CN_DIGITS[r[1]] ?? Number(r[1])) : Number(r[2]);
    return parsePeriod(`${y}-Q${q}`);
  }
  r = /^(\d{1,2})月(?:份)?$/.exec(rest);
  if (r) return parsePeriod(`${y}-${pad(Number(r[1]))}`);
  r = /^(\d{1,2})月(上|下)半月$/.exec(rest);
  if (r) return parsePeriod(`${y}-${pad(Number(r[1]))}-H${r[2] === '上' ? 1 : 2}`);
  r = /^(\d{1,2})月(\d{1,2})日?-(?:(\d{1,2})月)?(\d{1,2})日$/.exec(rest);
  if (r) {
    const month = Number(r[1]);
    const from = Number(r[2]);
    const to = Number(r[4]);
    if (r[3] && Number(r[3]) !== month) return null;
    if (month < 1 || month > 12) return null;
    if (from === 1 && to === 15) return parsePeriod(`${y}-${pad(month)}-H1`);
    if (from === 16 && to === daysInMonth(y, month)) return parsePeriod(`${y}-${pad(month)}-H2`);
    return null;
  }
  r = /^(\d{1,2})月(\d{1,2})日$/.exec(rest);
  if (r) return parsePeriod(`${y}-${pad(Number(r[1]))}-${pad(Number(r[2]))}`);
  return null;
}
