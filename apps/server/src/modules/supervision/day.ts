/**
 * Calendar days. Plans speak in Beijing days (`6月底前` is the end of 30 June in Beijing); the clock
 * and stored times are UTC. China keeps UTC+8 all year, so the conversion is a fixed offset.
 */
import type { IsoDate } from '@lantian/core';
import type { Clock } from '../../clock.ts';

const OFFSET_MS = 8 * 3_600_000;

/** The Beijing calendar day of an instant. */
export function beijingDay(at: Date | string): IsoDate {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** Today, in Beijing, by the one clock. */
export function todayOf(clock: Clock): IsoDate {
  return beijingDay(clock.now());
}

/** The first instant after a Beijing day, as a UTC ISO timestamp: records with `at <` it happened by that day. */
export function endOfDayIso(day: IsoDate): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000 - OFFSET_MS).toISOString();
}

/** Noon of a Beijing day, as an instant (what `--at YYYY-MM-DD` sets the clock to). */
export function noonOf(day: IsoDate): Date {
  return new Date(Date.parse(`${day}T12:00:00.000Z`) - OFFSET_MS);
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD, or null. */
export function parseDay(text: string): IsoDate | null {
  const m = ISO_DAY.exec(text);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text ? text : null;
}
