import { describe, expect, it } from 'vitest';
import { ownCpuWatch, spareThreads } from './spare-threads.ts';

describe('threads for a forecast team', () => {
  it('takes the threads asked on idle cores, fewer when other work holds them; its own load does not count', () => {
    expect(spareThreads(2, { cores: 2, load: 0.2, ownBusy: 0 })).toBe(2);
    expect(spareThreads(2, { cores: 2, load: 1, ownBusy: 0 })).toBe(1);
    expect(spareThreads(2, { cores: 2, load: 10, ownBusy: 0 })).toBe(1);
    // its own two threads busy the last minute: still two
    expect(spareThreads(2, { cores: 2, load: 2.1, ownBusy: 1.9 })).toBe(2);
    expect(spareThreads(4, { cores: 8, load: 5, ownBusy: 0 })).toBe(3);
    expect(spareThreads(1, { cores: 2, load: 0, ownBusy: 0 })).toBe(1);
  });

  it("measures the process's own CPU over the last window", () => {
    let now = 0;
    let cpu = 0;
    const watch = ownCpuWatch(() => cpu, () => now, 60_000);
    now = 10_000;
    cpu = 20;
    expect(watch.busy()).toBeCloseTo(2, 6);
    now = 100_000;
    cpu = 20;
    // the busy spell has left the window
    expect(watch.busy()).toBeCloseTo(0, 6);
  });
});
