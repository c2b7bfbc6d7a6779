import { describe, expect, it } from 'vitest';
import { latestWriter } from './latest-writer.ts';

describe('latestWriter', () => {
  it('writes one value at a time, skips values superseded while one is written, always writes the last, and goes on after a failure', async () => {
    const written: number[] = [];
    const errors: unknown[] = [];
    let release: () => void = () => {};
    const writer = latestWriter(async (value: number) => {
      await new Promise<void>((resolve) => (release = resolve));
      if (value === 3) throw new Error('disk full');
      written.push(value);
    }, (err) => errors.push(err));
    writer.offer(1);
    writer.offer(2);
    writer.offer(3);
    release();
    await new Promise((r) => setTimeout(r, 0));
    release();
    await new Promise((r) => setTimeout(r, 0));
    writer.offer(4);
    release();
    await writer.idle();
    expect(written).toEqual([1, 4]);
    expect(errors.map(String)).toEqual(['Error: disk full']);
  });
});
