import { describe, expect, it } from 'vitest';
import { keepFrame, MAX_FRAMES } from './use-sim-run.ts';

describe('keepFrame', () => {
  it('keeps frames in time order and restarts on a new run', () => {
    let frames = keepFrame([], { time: 0 });
    frames = keepFrame(frames, { time: 10 });
    expect(frames.map((f) => f.time)).toEqual([0, 10]);
    expect(keepFrame(frames, { time: 10 }).map((f) => f.time)).toEqual([10]);
    expect(keepFrame(frames, { time: 0 }).map((f) => f.time)).toEqual([0]);
  });

  it('starts over on a frame of another run, even a later one', () => {
    const frames = keepFrame(keepFrame([], { time: 0, runId: 'a' }), { time: 10, runId: 'a' });
    expect(keepFrame(frames, { time: 20, runId: 'b' })).toEqual([{ time: 20, runId: 'b' }]);
  });

  it('thins evenly past the limit, always keeping the first and newest', () => {
    let frames: { time: number }[] = [];
    for (let t = 0; t < 1000; t++) frames = keepFrame(frames, { time: t });
    expect(frames.length).toBeLessThanOrEqual(MAX_FRAMES);
    expect(frames.length).toBeGreaterThan(MAX_FRAMES / 2);
    expect(frames[0]!.time).toBe(0);
    expect(frames.at(-1)!.time).toBe(999);
    const gaps = frames.slice(1).map((f, i) => f.time - frames[i]!.time);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(8);
  });
});
