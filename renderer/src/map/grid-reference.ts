// A point's grid reference in the scenario pack's projected CRS (for Merewether, UTM zone 56S
// eastings and northings in metres), the coordinates the pack's maps and field crews use.
import proj4 from 'proj4';
import type { ScenarioCrs } from '../../../native/api/scenario.ts';

export interface GridReference {
  /** Metres, rounded to the metre. */
  easting: number;
  northing: number;
  /** "E 382275 N 6354270 (WGS 1984 UTM Zone 56S)". */
  text: string;
}

/** The CRS's name as a person reads it: Esri's underscores become spaces. */
export const crsLabel = (crs: ScenarioCrs): string => crs.name.replace(/_/g, ' ');

/** A function from lon/lat (WGS 84 degrees) to the grid reference in `crs`; null for a point the
 * projection cannot place. */
export function gridReferencer(crs: ScenarioCrs): (lon: number, lat: number) => GridReference | null {
  const toGrid = proj4('EPSG:4326', crs.wkt);
  const label = crsLabel(crs);
  return (lon, lat) => {
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
    const [x, y] = toGrid.forward([lon, lat]) as [number, number];
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    const easting = Math.round(x);
    const northing = Math.round(y);
    return { easting, northing, text: `E ${easting} N ${northing} (${label})` };
  };
}

/** The grid reference of typed longitude and latitude fields, or null while they hold no point. */
export function gridReferenceOfFields(referencer: ((lon: number, lat: number) => GridReference | null) | null, lon: string, lat: string): GridReference | null {
  if (!referencer || lon.trim() === '' || lat.trim() === '') return null;
  return referencer(Number(lon), Number(lat));
}
