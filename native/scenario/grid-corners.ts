import type { GridGeometry } from '../../simulation/scenario/types.ts';
import { utmToLonLat, type UtmZone } from '../../simulation/scenario/utm.ts';

export type LonLat = [number, number];
/** Top-left, top-right, bottom-right, bottom-left: MapLibre's order for image sources. */
export type Corners = [LonLat, LonLat, LonLat, LonLat];

/** The lon/lat of the grid's four outer corners. Row 0 of the grid (and of any image made from it)
 * is the northern row, so the image's top-left is the grid's north-west corner. */
export function gridCorners(grid: GridGeometry, utm: UtmZone): Corners {
  const west = grid.xll;
  const east = grid.xll + grid.nx * grid.cellSize;
  const south = grid.yll;
  const north = grid.yll + grid.ny * grid.cellSize;
  const at = (x: number, y: number): LonLat => {
    const [lon, lat] = utmToLonLat(x, y, utm);
    return [Math.round(lon * 1e8) / 1e8, Math.round(lat * 1e8) / 1e8];
  };
  return [at(west, north), at(east, north), at(east, south), at(west, south)];
}
