import { describe, expect, it } from 'vitest';
import { gridLonLatBounds } from './lonlat.ts';
import { utmToLonLat } from './utm.ts';

describe('gridLonLatBounds', () => {
  function expectOutlineInside(grid: { nx: number; ny: number; cellSize: number; xll: number; yll: number }, zone: { zone: number; south: boolean }) {
    const [w, s, e, n] = gridLonLatBounds(grid, zone);
    const width = grid.nx * grid.cellSize;
    const height = grid.ny * grid.cellSize;
    for (let i = 0; i <= 1000; i++) {
      for (const [x, y] of [
        [grid.xll + (i / 1000) * width, grid.yll],
        [grid.xll + (i / 1000) * width, grid.yll + height],
        [grid.xll, grid.yll + (i / 1000) * height],
        [grid.xll + width, grid.yll + (i / 1000) * height],
      ] as const) {
        const [lon, lat] = utmToLonLat(x, y, zone);
        expect(lon).toBeGreaterThanOrEqual(w - 1e-9);
        expect(lon).toBeLessThanOrEqual(e + 1e-9);
        expect(lat).toBeGreaterThanOrEqual(s - 1e-9);
        expect(lat).toBeLessThanOrEqual(n + 1e-9);
      }
    }
    return [w, s, e, n];
  }

  it('contains the whole outline of a grid whose edges curve in lon/lat', () => {
    // 617 km across zone 33N at about 59°N: the north edge bulges north at the central meridian.
    const zone = { zone: 33, south: false };
    const [, , , n] = expectOutlineInside({ nx: 617, ny: 200, cellSize: 1000, xll: 166000, yll: 6500000 }, zone);
    expect(n).toBeCloseTo(utmToLonLat(500000, 6700000, zone)[1], 12);
    // Across the equator in a southern zone: the west edge is nearest the meridian at the equator.
    expectOutlineInside({ nx: 300, ny: 400, cellSize: 1000, xll: 180000, yll: 9800000 }, { zone: 20, south: true });
  });
});
