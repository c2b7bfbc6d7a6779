import { describe, expect, it } from 'vitest';
import { subtract } from './ranges.ts';

describe('sequence ranges', () => {
  it('subtracts what is held from what a peer holds', () => {
    expect(subtract([[1, 10]], [])).toEqual([[1, 10]]);
    expect(subtract([[1, 10]], [[1, 10]])).toEqual([]);
    expect(subtract([[1, 10]], [[3, 4], [7, 7]])).toEqual([[1, 2], [5, 6], [8, 10]]);
    expect(subtract([[1, 5], [8, 12]], [[4, 9]])).toEqual([[1, 3], [10, 12]]);
    expect(subtract([[5, 6]], [[1, 2], [10, 11]])).toEqual([[5, 6]]);
  });

  it('asks for at most the limit', () => {
    expect(subtract([[1, 10], [20, 30]], [[3, 4]], 5)).toEqual([[1, 2], [5, 7]]);
    expect(subtract([[1, 100]], [], 10)).toEqual([[1, 10]]);
  });
});
