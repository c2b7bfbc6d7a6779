import { describe, expect, it } from 'vitest';
import { duration, fromInputValue, timeFormats } from './time.ts';

const utc = timeFormats('utc');

describe('time formatting', () => {
  it('counts down in the largest useful units', () => {
    expect(duration(65_000)).toBe('1m 05s');
    expect(duration(-65_000)).toBe('1m 05s');
    expect(duration(2 * 3600_000 + 7 * 60_000)).toBe('2h 07m');
    expect(duration(3 * 86400_000 + 4 * 3600_000)).toBe('3d 4h');
  });

  it('shows and reads times in UTC on demand', () => {
    const ms = Date.UTC(2007, 5, 8, 14, 30, 5);
    expect(utc.clockTime(ms)).toBe('14:30:05');
    expect(utc.fullTime(ms)).toBe('2007-06-08 14:30:05 UTC');
    expect(utc.zoneName(ms)).toBe('UTC');
    expect(utc.toInputValue(ms)).toBe('2007-06-08T14:30');
    expect(fromInputValue('2007-06-08T14:30', 'utc')).toBe(Date.UTC(2007, 5, 8, 14, 30));
    expect(fromInputValue('', 'utc')).toBeNull();
    expect(utc.toInputValue(null)).toBe('');
  });

  it('gives the date only when the time is not today, the year only when not this year', () => {
    const ms = Date.UTC(2026, 11, 6, 9, 5);
    expect(utc.shortTime(ms, '2026-12-06')).toBe('09:05');
    expect(utc.shortTime(ms, '2026-12-07')).toBe('6 Dec 09:05');
    expect(utc.shortTime(ms, '2027-01-02')).toBe('6 Dec 2026 09:05');
    expect(utc.dayOf(ms)).toBe('2026-12-06');
  });

  it('reads back a local input value as the same instant', () => {
    const ms = Date.UTC(2026, 11, 6, 9, 5);
    expect(fromInputValue(timeFormats('local').toInputValue(ms), 'local')).toBe(ms);
  });
});
