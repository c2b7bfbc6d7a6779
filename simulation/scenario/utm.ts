/** Inverse transverse Mercator for WGS84 UTM zones (Snyder, USGS PP 1395, eq. 8-12 … 8-25). */

const a = 6378137;
const f = 1 / 298.257223563;
const k0 = 0.9996;
const e2 = f * (2 - f);
const ep2 = e2 / (1 - e2);
const e1 = (1 - Math.sqrt(1 - e2)) / (1 + Math.sqrt(1 - e2));

export interface UtmZone {
  zone: number;
  south: boolean;
}

/** Parses `EPSG:326zz` (north) or `EPSG:327zz` (south); returns null for other codes. */
export function utmZoneOfEpsg(code: string): UtmZone | null {
  const match = /^EPSG:(32[67])(\d\d)$/.exec(code);
  if (!match) return null;
  const zone = Number(match[2]);
  if (zone < 1 || zone > 60) return null;
  return { zone, south: match[1] === '327' };
}

/** Converts a UTM easting/northing to [longitude, latitude] in degrees. */
export function utmToLonLat(x: number, y: number, { zone, south }: UtmZone): [number, number] {
  const easting = x - 500000;
  const northing = south ? y - 10000000 : y;
  const m = northing / k0;
  const mu = m / (a * (1 - e2 / 4 - (3 * e2 * e2) / 64 - (5 * e2 ** 3) / 256));
  const phi1 =
    mu +
    ((3 * e1) / 2 - (27 * e1 ** 3) / 32) * Math.sin(2 * mu) +
    ((21 * e1 * e1) / 16 - (55 * e1 ** 4) / 32) * Math.sin(4 * mu) +
    ((151 * e1 ** 3) / 96) * Math.sin(6 * mu) +
    ((1097 * e1 ** 4) / 512) * Math.sin(8 * mu);
  const sin1 = Math.sin(phi1);
  const cos1 = Math.cos(phi1);
  const tan1 = Math.tan(phi1);
  const c1 = ep2 * cos1 * cos1;
  const t1 = tan1 * tan1;
  const n1 = a / Math.sqrt(1 - e2 * sin1 * sin1);
  const r1 = (a * (1 - e2)) / (1 - e2 * sin1 * sin1) ** 1.5;
  const d = easting / (n1 * k0);
  const lat =
    phi1 -
    ((n1 * tan1) / r1) *
      ((d * d) / 2 -
        ((5 + 3 * t1 + 10 * c1 - 4 * c1 * c1 - 9 * ep2) * d ** 4) / 24 +
        ((61 + 90 * t1 + 298 * c1 + 45 * t1 * t1 - 252 * ep2 - 3 * c1 * c1) * d ** 6) / 720);
  const lon =
    (d - ((1 + 2 * t1 + c1) * d ** 3) / 6 + ((5 - 2 * c1 + 28 * t1 - 3 * c1 * c1 + 8 * ep2 + 24 * t1 * t1) * d ** 5) / 120) /
    cos1;
  const centralMeridian = (zone - 1) * 6 - 180 + 3;
  return [centralMeridian + (lon * 180) / Math.PI, (lat * 180) / Math.PI];
}
