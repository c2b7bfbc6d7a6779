import { utmToLonLat, type UtmZone } from './utm.ts';
import type { GridGeometry } from './types.ts';

const FALSE_EASTING = 500000;
const SOUTH_FALSE_NORTHING = 10000000;

/** [west, south, east, north] in degrees of the grid's outline. Grid edges are curves in lon/lat:
 * a north or south edge is furthest from the equator where it crosses the central meridian, and
 * an east or west edge is nearest the central meridian where it crosses the equator, so those
 * points join the corners. */
export function gridLonLatBounds(grid: GridGeometry, utm: UtmZone): [number, number, number, number] {
  const east = grid.xll + grid.nx * grid.cellSize;
  const north = grid.yll + grid.ny * grid.cellSize;
  const points: [number, number][] = [
    [grid.xll, grid.yll],
    [grid.xll, north],
    [east, grid.yll],
    [east, north],
  ];
  if (grid.xll < FALSE_EASTING && FALSE_EASTING < east) points.push([FALSE_EASTING, grid.yll], [FALSE_EASTING, north]);
  const equator = utm.south ? SOUTH_FALSE_NORTHING : 0;
  if (grid.yll < equator && equator < north) points.push([grid.xll, equator], [east, equator]);
  const bounds: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    const [lon, lat] = utmToLonLat(x, y, utm);
    bounds[0] = Math.min(bounds[0], lon);
    bounds[1] = Math.min(bounds[1], lat);
    bounds[2] = Math.max(bounds[2], lon);
    bounds[3] = Math.max(bounds[3], lat);
  }
  return bounds;
}
