import { describe, expect, it } from 'vitest';
import { dayjs, todayIso, ZONE } from './time.ts';

describe('todayIso', () => {
  it('is the calendar day in Beijing, whatever the zone of the instant', () => {
    expect(todayIso(new Date('2022-06-30T15:59:59Z'))).toBe('2022-06-30');
    expect(todayIso(new Date('2022-06-30T16:00:00Z'))).toBe('2022-07-01');
    expect(todayIso(new Date('2022-12-31T16:00:00Z'))).toBe('2023-01-01');
    expect(todayIso(new Date('2024-02-28T16:30:00Z'))).toBe('2024-02-29');
  });

  it('agrees with dayjs in the Beijing zone over a year of hours', () => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    for (let h = 0; h < 366 * 24; h += 7) {
      const at = new Date(start + h * 3_600_000);
      expect(todayIso(at)).toBe(dayjs(at).tz(ZONE).format('YYYY-MM-DD'));
    }
  });
});
