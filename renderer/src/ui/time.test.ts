import { describe, expect, it } from 'vitest';
import { clockTime, duration, fromInputValue, toInputValue } from './time.ts';

describe('time formatting', () => {
  it('counts down in the largest useful units', () => {
    expect(duration(65_000)).toBe('1m 05s');
    expect(duration(-65_000)).toBe('1m 05s');
    expect(duration(2 * 3600_000 + 7 * 60_000)).toBe('2h 07m');
    expect(duration(3 * 86400_000 + 4 * 3600_000)).toBe('3d 4h');
  });

  it('shows and reads times in UTC', () => {
    const ms = Date.UTC(2007, 5, 8, 14, 30, 5);
    expect(clockTime(ms)).toBe('14:30:05');
    expect(toInputValue(ms)).toBe('2007-06-08T14:30');
    expect(fromInputValue('2007-06-08T14:30')).toBe(Date.UTC(2007, 5, 8, 14, 30));
    expect(fromInputValue('')).toBeNull();
    expect(toInputValue(null)).toBe('');
  });
});
