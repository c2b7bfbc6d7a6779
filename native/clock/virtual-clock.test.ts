import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from './clock.ts';
import { virtualClock } from './virtual-clock.ts';
import { atVirtualTime } from './virtual-timer.ts';

const start = Date.UTC(2007, 5, 8, 0, 0, 0);

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 11, 6) });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('virtualClock', () => {
  it('stands still until played, then runs at its rate', () => {
    const clock = virtualClock({ source: systemClock(), start, rate: 60 });
    vi.advanceTimersByTime(5_000);
    expect(clock.now()).toBe(start);
    clock.play();
    vi.advanceTimersByTime(1_000);
    expect(clock.now()).toBe(start + 60_000);
  });

  it('keeps its time across pause, rate changes and seeks', () => {
    const clock = virtualClock({ source: systemClock(), start, playing: true });
    vi.advanceTimersByTime(2_000);
    clock.setRate(10);
    vi.advanceTimersByTime(1_000);
    expect(clock.now()).toBe(start + 12_000);
    clock.pause();
    vi.advanceTimersByTime(9_000);
    expect(clock.now()).toBe(start + 12_000);
    clock.seek(start + 3_600_000);
    expect(clock.now()).toBe(start + 3_600_000);
    clock.play();
    vi.advanceTimersByTime(100);
    expect(clock.now()).toBe(start + 3_601_000);
  });

  it('refuses a rate that is not a positive number within bounds', () => {
    const clock = virtualClock({ source: systemClock(), start });
    expect(() => clock.setRate(0)).toThrow(/above 0/);
    expect(() => clock.setRate(Number.NaN)).toThrow(/above 0/);
    expect(() => clock.setRate(10_000)).toThrow(/at most 3600/);
    expect(clock.rate).toBe(1);
  });
});

describe('atVirtualTime', () => {
  it('fires on time under a 60× clock and not before', () => {
    const clock = virtualClock({ source: systemClock(), start, rate: 60, playing: true });
    const fire = vi.fn();
    atVirtualTime(clock, start + 10 * 60_000, fire);
    vi.advanceTimersByTime(9_990);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20);
    expect(fire).toHaveBeenCalledTimes(1);
    expect(clock.now()).toBeGreaterThanOrEqual(start + 10 * 60_000);
  });

  it('never fires while paused, re-arms on a rate change, and fires at once on a seek past it', () => {
    const clock = virtualClock({ source: systemClock(), start });
    const fire = vi.fn();
    atVirtualTime(clock, start + 60_000, fire);
    vi.advanceTimersByTime(120_000);
    expect(fire).not.toHaveBeenCalled();
    clock.play();
    clock.setRate(30);
    vi.advanceTimersByTime(1_999);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(2);
    expect(fire).toHaveBeenCalledTimes(1);

    const late = vi.fn();
    atVirtualTime(clock, start + 3_600_000, late);
    clock.seek(start + 7_200_000);
    expect(late).toHaveBeenCalledTimes(1);
    clock.seek(start);
    vi.advanceTimersByTime(1_000_000);
    expect(late).toHaveBeenCalledTimes(1);
  });

  it('stays silent once cancelled', () => {
    const clock = virtualClock({ source: systemClock(), start, playing: true, rate: 60 });
    const fire = vi.fn();
    atVirtualTime(clock, start + 60_000, fire).cancel();
    vi.advanceTimersByTime(10_000);
    expect(fire).not.toHaveBeenCalled();
  });
});
