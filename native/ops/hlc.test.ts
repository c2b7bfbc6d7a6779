import { describe, expect, it } from 'vitest';
import { createHlcState, decodeHlc, encodeHlc, HlcDriftError, hlcNow, HlcOverflowError, hlcReceive } from './hlc.ts';

describe('HLC', () => {
  it('is strictly increasing for local events even when the wall clock stands still or goes back', () => {
    const s = createHlcState('dev1');
    const a = hlcNow(s, 1000);
    const b = hlcNow(s, 1000);
    const c = hlcNow(s, 900);
    const d = hlcNow(s, 2000);
    expect([a, b, c, d]).toEqual([...[a, b, c, d]].sort());
    expect(new Set([a, b, c, d]).size).toBe(4);
    expect(decodeHlc(c)).toEqual({ wall: 1000, counter: 2, node: 'dev1' });
    expect(decodeHlc(d)).toEqual({ wall: 2000, counter: 0, node: 'dev1' });
  });

  it('orders after a received remote timestamp', () => {
    const s = createHlcState('dev1');
    hlcNow(s, 1000);
    const remote = encodeHlc({ wall: 5000, counter: 7, node: 'dev2' });
    const merged = hlcReceive(s, remote, 1200);
    expect(decodeHlc(merged)).toEqual({ wall: 5000, counter: 8, node: 'dev1' });
    expect(hlcNow(s, 1300) > remote).toBe(true);
  });

  it('refuses a remote clock beyond the drift bound and leaves the state alone', () => {
    const s = createHlcState('dev1');
    hlcNow(s, 1000);
    const farAhead = encodeHlc({ wall: 1000 + 10 * 60_000, counter: 0, node: 'dev2' });
    expect(() => hlcReceive(s, farAhead, 1000, { maxDriftMs: 60_000 })).toThrow(HlcDriftError);
    expect(s).toEqual({ wall: 1000, counter: 0, node: 'dev1' });
  });

  it('throws on counter overflow instead of wrapping', () => {
    const s = createHlcState('dev1', 1000, 0xfffe);
    hlcNow(s, 1000);
    expect(() => hlcNow(s, 1000)).toThrow(HlcOverflowError);
    expect(decodeHlc(hlcNow(s, 1001)).counter).toBe(0);
  });

  it('round-trips and rejects malformed text and node ids', () => {
    const t = { wall: 1_700_000_000_000, counter: 42, node: 'abc' };
    expect(decodeHlc(encodeHlc(t))).toEqual(t);
    expect(() => decodeHlc('yesterday')).toThrow(/not an HLC/);
    expect(() => createHlcState('has-dash')).toThrow(/node id/);
  });
});
