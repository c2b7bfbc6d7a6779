// Definitions of projected coordinate reference systems by EPSG code, from Esri's projection
// engine tables (@esri/proj-codes: name and WKT of every EPSG and Esri code), read on first use
// (the tables are large) and parsed by proj4 where coordinates are transformed.
import { createRequire } from 'node:module';

export interface CrsDefinition {
  code: number;
  name: string;
  /** Esri WKT1, what a .prj holds. */
  wkt: string;
}

interface EsriCrs {
  wkid: number;
  latestWkid: number;
  name: string;
  wkt: string;
}

const load = createRequire(import.meta.url);
const projected = () => (load('@esri/proj-codes/pe_list_projcs.json') as { ProjectedCoordinateSystems: EsriCrs[] }).ProjectedCoordinateSystems;
// EPSG's own codes stay below 32768; Esri's (ESRI:102100 …) lie above
const isEpsg = (code: number) => code > 0 && code < 32768;

/** The projected CRS `EPSG:<code>`, or null when the tables do not know it as one. */
export function projectedCrs(epsg: string): CrsDefinition | null {
  const code = Number(/^EPSG:(\d+)$/.exec(epsg)?.[1]);
  if (!isEpsg(code)) return null;
  const found = projected().find((crs) => crs.wkid === code || crs.latestWkid === code);
  return found ? { code, name: found.name, wkt: found.wkt } : null;
}

/** The EPSG code of a projected CRS named as Esri's tables name it ("British_National_Grid"). */
export function epsgOfProjectedName(name: string): string | null {
  const key = name.replace(/[\s_]+/g, '_').toLowerCase();
  const found = projected().find((crs) => crs.name.toLowerCase() === key && isEpsg(crs.latestWkid));
  return found ? `EPSG:${found.latestWkid}` : null;
}
