import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Every date in Lantian is a calendar day or an instant seen from Beijing, whatever the browser's zone. */
export const ZONE = 'Asia/Shanghai';
dayjs.tz.setDefault(ZONE);

/**
 * Beijing's calendar day of an instant, by one formatter made once: dayjs's zone conversion builds its
 * parts anew on every call, and pages ask for today once per row and reason (issue #12 item 3).
 */
const beijingDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's calendar day in Beijing as `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  const parts = beijingDay.formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A calendar day (`YYYY-MM-DD`) as a Dayjs at midnight in Beijing. */
export function day(iso: string): Dayjs {
  return dayjs.tz(iso, ZONE);
}

/** Whole days from `fromIso` to `toIso` (both calendar days); negative when `toIso` is earlier. */
export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

/** Add days to a calendar day. */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** An instant (ISO-8601 with zone, as the server stores it) shown in Beijing time. */
export function formatInstant(iso: string, pattern = 'YYYY-MM-DD HH:mm'): string {
  return dayjs(iso).tz(ZONE).format(pattern);
}

/** A calendar day shown the way each language writes dates. */
export function formatDay(iso: string, lang: 'zh' | 'en'): string {
  return day(iso).format(lang === 'zh' ? 'YYYY年M月D日' : 'D MMM YYYY');
}

export { dayjs };
