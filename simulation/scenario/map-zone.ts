import { utmZoneOfEpsg, type UtmZone } from './utm.ts';

/**
 * The transverse Mercator zone to place a projected CRS on a WGS84 map: WGS84 UTM (EPSG:326zz,
 * 327zz) exactly, and Australia's MGA grids on GDA94 (EPSG:283zz) and GDA2020 (EPSG:78zz), which
 * use the UTM zone parameters on the GRS80 ellipsoid: placed as WGS84 they are off by the datum
 * shift, under 2 m, fine for a map and never used for computation. Null for anything else.
 */
export function mapZoneOfEpsg(epsg: string): UtmZone | null {
  const utm = utmZoneOfEpsg(epsg);
  if (utm) return utm;
  const mga = /^EPSG:(283|78)(\d\d)$/.exec(epsg);
  if (!mga) return null;
  const zone = Number(mga[2]);
  return zone >= 46 && zone <= 59 ? { zone, south: true } : null;
}
