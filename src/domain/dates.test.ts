import { describe, expect, it } from 'vitest';
import { addMonths, formatVietnameseDate, fullYearsBetween, isIsoDate, todayIso } from './dates.ts';

describe('dates', () => {
  it("gives today's date in Vietnam (UTC+7), whatever the server's time zone", () => {
    expect(todayIso(new Date('2026-12-02T16:59:59Z'))).toBe('2026-12-02');
    expect(todayIso(new Date('2026-12-02T17:00:00Z'))).toBe('2026-12-03');
    expect(todayIso(new Date('2024-12-31T17:30:00Z'))).toBe('2025-01-01');
  });

  it('recognizes real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2017-5-5')).toBe(false);
  });
  it('adds months, clamping to the end of the month', () => {
    expect(addMonths('2017-05-12', 12)).toBe('2018-05-12');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-12-15', -12)).toBe('2022-12-15');
  });
  it('counts full years on the birthday, not the day before', () => {
    expect(fullYearsBetween('2000-05-05', '2018-05-05')).toBe(18);
    expect(fullYearsBetween('2000-05-05', '2018-05-04')).toBe(17);
  });
  it('writes dates the Vietnamese way', () => {
    expect(formatVietnameseDate('2017-05-05')).toBe('05/05/2017');
  });
});
