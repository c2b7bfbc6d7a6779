import { describe, expect, it } from 'vitest';
import { cellAt, cellCentre, gridCoordinates } from './grid.ts';

const grid = { nx: 4, ny: 3, cellSize: 2, xll: 100, yll: 200 };

describe('grid helpers', () => {
  it('index cells row 0 north, col 0 west', () => {
    expect(cellAt(grid, 101, 205)).toBe(0);
    expect(cellAt(grid, 107, 201)).toBe(11);
    expect(cellAt(grid, 99.9, 201)).toBe(-1);
    expect(cellAt(grid, 101, 206)).toBe(-1);
    expect(cellCentre(grid, 0)).toEqual([101, 205]);
    expect(cellCentre(grid, 11)).toEqual([107, 201]);
    for (let i = 0; i < 12; i++) expect(cellAt(grid, ...cellCentre(grid, i))).toBe(i);
  });

  it('gives fractional col/row with centres at +0.5', () => {
    expect(gridCoordinates(grid, 101, 205)).toEqual([0.5, 0.5]);
    expect(gridCoordinates(grid, 108, 200)).toEqual([4, 3]);
  });
});
