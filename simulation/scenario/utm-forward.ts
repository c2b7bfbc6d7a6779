/** Forward transverse Mercator for WGS84 UTM zones (Snyder, USGS PP 1395, eq. 8-9 … 8-10), the
 * inverse of utm.ts: a map click in lon/lat to the scenario CRS. */
import type { UtmZone } from './utm.ts';

const a = 6378137;
const f = 1 / 298.257223563;
const k0 = 0.9996;
const e2 = f * (2 - f);
const ep2 = e2 / (1 - e2);

/** Converts [longitude, latitude] in degrees to UTM [easting, northing] in metres in `zone`. */
export function lonLatToUtm(lon: number, lat: number, { zone, south }: UtmZone): [number, number] {
  const phi = (lat * Math.PI) / 180;
  const lambda0 = (((zone - 1) * 6 - 180 + 3) * Math.PI) / 180;
  const sin = Math.sin(phi);
  const cos = Math.cos(phi);
  const tan = Math.tan(phi);
  const n = a / Math.sqrt(1 - e2 * sin * sin);
  const t = tan * tan;
  const c = ep2 * cos * cos;
  const A = ((lon * Math.PI) / 180 - lambda0) * cos;
  const m =
    a *
    ((1 - e2 / 4 - (3 * e2 * e2) / 64 - (5 * e2 ** 3) / 256) * phi -
      ((3 * e2) / 8 + (3 * e2 * e2) / 32 + (45 * e2 ** 3) / 1024) * Math.sin(2 * phi) +
      ((15 * e2 * e2) / 256 + (45 * e2 ** 3) / 1024) * Math.sin(4 * phi) -
      ((35 * e2 ** 3) / 3072) * Math.sin(6 * phi));
  const x = k0 * n * (A + ((1 - t + c) * A ** 3) / 6 + ((5 - 18 * t + t * t + 72 * c - 58 * ep2) * A ** 5) / 120);
  const y =
    k0 *
    (m +
      n *
        tan *
        ((A * A) / 2 + ((5 - t + 9 * c + 4 * c * c) * A ** 4) / 24 + ((61 - 58 * t + t * t + 600 * c - 330 * ep2) * A ** 6) / 720));
  return [x + 500000, south ? y + 10000000 : y];
}
