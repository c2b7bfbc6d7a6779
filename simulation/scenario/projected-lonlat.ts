// Lon/lat bounds of a grid in any projected CRS the registry knows, through proj4 (its WKT
// parser reads the definition). Grid edges are curves in lon/lat: the outline is sampled.
import proj4 from 'proj4';
import { projectedCrs } from './crs-registry.ts';
import type { GridGeometry } from './types.ts';

const SAMPLES = 16;

/** [west, south, east, north] in degrees, or null when the CRS is not known. Datum shifts the
 * definition does not state (Esri's tables leave out TOWGS84) are not applied: a map placement,
 * never used for computation. */
export function projectedLonLatBounds(grid: GridGeometry, epsg: string): [number, number, number, number] | null {
  const crs = projectedCrs(epsg);
  if (!crs) return null;
  const toLonLat = proj4(crs.wkt, 'EPSG:4326');
  const east = grid.xll + grid.nx * grid.cellSize;
  const north = grid.yll + grid.ny * grid.cellSize;
  const bounds: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const add = (x: number, y: number) => {
    const [lon, lat] = toLonLat.forward([x, y]) as [number, number];
    bounds[0] = Math.min(bounds[0], lon);
    bounds[1] = Math.min(bounds[1], lat);
    bounds[2] = Math.max(bounds[2], lon);
    bounds[3] = Math.max(bounds[3], lat);
  };
  for (let k = 0; k <= SAMPLES; k++) {
    const x = grid.xll + ((east - grid.xll) * k) / SAMPLES;
    const y = grid.yll + ((north - grid.yll) * k) / SAMPLES;
    add(x, grid.yll);
    add(x, north);
    add(grid.xll, y);
    add(east, y);
  }
  return bounds.every(Number.isFinite) ? bounds : null;
}
