import { describe, expect, it } from 'vitest';
import { bitsToFlags, disagreesWithNeighbours, flagsToBits, isFlatLine, isSpike, qualityFlags, remember, type RecentValues } from './quality.ts';

const window = (values: number[], step = 10_000): RecentValues => {
  const recent: RecentValues = { times: [], values: [] };
  values.forEach((v, i) => remember(recent, i * step, v));
  return recent;
};

describe('quality flags', () => {
  it('flags a spike far from the recent median, not a steady rise or noise', () => {
    const noisy = [0.2, 0.21, 0.19, 0.2, 0.22, 0.18, 0.2, 0.21, 0.2];
    expect(isSpike('water-level', noisy, 1.4)).toBe(true);
    expect(isSpike('water-level', noisy, 0.24)).toBe(false);
    expect(isSpike('water-level', [0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.22, 0.24], 0.26)).toBe(false);
    expect(isSpike('water-level', [0.2, 0.2, 0.2], 3)).toBe(false);
  });

  it('flags a value repeated ten times in a row, except at rest (dry ground)', () => {
    const stuck = window(Array(9).fill(0.27));
    expect(isFlatLine('water-level', stuck, 0.27)).toBe(true);
    expect(isFlatLine('water-level', stuck, 0.28)).toBe(false);
    expect(isFlatLine('water-level', window(Array(8).fill(0.27)), 0.27)).toBe(false);
    expect(isFlatLine('water-level', window(Array(9).fill(0)), 0)).toBe(false);
  });

  it('flags a reading far from its neighbours', () => {
    expect(disagreesWithNeighbours('water-level', [0.3, 0.35], 1.2)).toBe(true);
    expect(disagreesWithNeighbours('water-level', [0.3, 0.35], 0.5)).toBe(false);
    expect(disagreesWithNeighbours('water-level', [], 9)).toBe(false);
    expect(qualityFlags('water-level', window(Array(9).fill(0.3)), [0.3], 0.3)).toEqual(['flat-line']);
  });

  it('stores flags and the reconstructed label as bits and reads them back', () => {
    expect(bitsToFlags(flagsToBits(['spike', 'disagrees'], true))).toEqual(['spike', 'disagrees']);
    expect(flagsToBits([], true)).toBe(8);
  });
});
