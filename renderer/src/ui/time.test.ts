import { describe, expect, it } from 'vitest';
import { clockTime, dayOf, duration, fromInputValue, fullTime, shortTime, toInputValue, zoneName } from './time.ts';

describe('time formatting', () => {
  it('counts down in the largest useful units', () => {
    expect(duration(65_000)).toBe('1m 05s');
    expect(duration(-65_000)).toBe('1m 05s');
    expect(duration(2 * 3600_000 + 7 * 60_000)).toBe('2h 07m');
    expect(duration(3 * 86400_000 + 4 * 3600_000)).toBe('3d 4h');
  });

  it('shows and reads times in UTC on demand', () => {
    const ms = Date.UTC(2007, 5, 8, 14, 30, 5);
    expect(clockTime(ms, 'utc')).toBe('14:30:05');
    expect(fullTime(ms, 'utc')).toBe('2007-06-08 14:30:05 UTC');
    expect(zoneName(ms, 'utc')).toBe('UTC');
    expect(toInputValue(ms, 'utc')).toBe('2007-06-08T14:30');
    expect(fromInputValue('2007-06-08T14:30', 'utc')).toBe(Date.UTC(2007, 5, 8, 14, 30));
    expect(fromInputValue('', 'utc')).toBeNull();
    expect(toInputValue(null, 'utc')).toBe('');
  });

  it('gives the date only when the time is not today, the year only when not this year', () => {
    const ms = Date.UTC(2026, 11, 6, 9, 5);
    expect(shortTime(ms, 'utc', '2026-12-06')).toBe('09:05');
    expect(shortTime(ms, 'utc', '2026-12-07')).toBe('6 Dec 09:05');
    expect(shortTime(ms, 'utc', '2027-01-02')).toBe('6 Dec 2026 09:05');
    expect(dayOf(ms, 'utc')).toBe('2026-12-06');
  });

  it('reads back a local input value as the same instant', () => {
    const ms = Date.UTC(2026, 11, 6, 9, 5);
    expect(fromInputValue(toInputValue(ms, 'local'), 'local')).toBe(ms);
  });
});
