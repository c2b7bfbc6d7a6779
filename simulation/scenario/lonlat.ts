import { utmToLonLat, type UtmZone } from './utm.ts';
import type { GridGeometry } from './types.ts';

/** [west, south, east, north] in degrees of the grid's outline (edges sampled, not just corners,
 * since grid lines are curves in lon/lat). */
export function gridLonLatBounds(grid: GridGeometry, utm: UtmZone): [number, number, number, number] {
  const width = grid.nx * grid.cellSize;
  const height = grid.ny * grid.cellSize;
  const bounds: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const steps = 8;
  for (let i = 0; i <= steps; i++) {
    const f = i / steps;
    for (const [x, y] of [
      [grid.xll + f * width, grid.yll],
      [grid.xll + f * width, grid.yll + height],
      [grid.xll, grid.yll + f * height],
      [grid.xll + width, grid.yll + f * height],
    ] as const) {
      const [lon, lat] = utmToLonLat(x, y, utm);
      bounds[0] = Math.min(bounds[0], lon);
      bounds[1] = Math.min(bounds[1], lat);
      bounds[2] = Math.max(bounds[2], lon);
      bounds[3] = Math.max(bounds[3], lat);
    }
  }
  return bounds;
}
