// Projection files (.prj) to EPSG codes and back. Understands the old ESRI "Projection UTM / Zone"
// format (as the Merewether DEM ships), WKT1 (ESRI or OGC) and WKT2 with an EPSG authority, UTM and
// MGA grids by their parameters, and any projected CRS by its Esri name (crs-registry.ts).
// Anything else is refused, never guessed.
import { epsgOfProjectedName, projectedCrs } from './crs-registry.ts';
import { ScenarioError } from './errors.ts';
import { utmZoneOfEpsg } from './utm.ts';

const DATUM_CODES: { pattern: RegExp; code: (zone: number, south: boolean) => number | null }[] = [
  { pattern: /WGS[ _]?(19)?84/i, code: (zone, south) => (south ? 32700 : 32600) + zone },
  { pattern: /GDA[ _]?(19)?94/i, code: (zone, south) => (south ? 28300 + zone : null) },
  { pattern: /GDA[ _]?2020/i, code: (zone, south) => (south ? 7800 + zone : null) },
];

function epsgForUtm(datum: string, zone: number, south: boolean): string | null {
  if (!Number.isInteger(zone) || zone < 1 || zone > 60) return null;
  const known = DATUM_CODES.find((entry) => entry.pattern.test(datum));
  const code = known?.code(zone, south);
  return code ? `EPSG:${code}` : null;
}

function fromEsriOldStyle(text: string): string | null {
  const field = (name: string) => new RegExp(`^\\s*${name}\\s+(\\S+)\\s*$`, 'im').exec(text)?.[1];
  if (field('Projection')?.toUpperCase() !== 'UTM') return null;
  const zone = Number(field('Zone'));
  const yShift = Number(field('Yshift') ?? 0);
  return epsgForUtm(field('Datum') ?? '', Math.abs(zone), zone < 0 || yShift === 10000000);
}

function fromWkt(text: string): string | null {
  const flat = text.replace(/\s+/g, ' ').trim();
  // The CRS's own authority is the last element of the outermost bracket.
  const authority = /(?:AUTHORITY\["EPSG", ?"?|ID\["EPSG", ?)(\d+)"?\] ?\] ?$/i.exec(flat);
  if (authority) return `EPSG:${authority[1]}`;
  if (!/^(PROJCS|PROJCRS|PROJECTEDCRS)\[/i.test(flat)) return null;
  const name = /^\w+\["([^"]*)"/.exec(flat)?.[1] ?? '';
  const byName = /UTM[ _]zone[ _](\d+)[ _]?([NS])/i.exec(name);
  const datum = /DATUM\["([^"]*)"/i.exec(flat)?.[1] ?? name;
  if (byName) return epsgForUtm(datum, Number(byName[1]), byName[2]!.toUpperCase() === 'S');
  const named = epsgOfProjectedName(name);
  if (named) return named;
  const parameter = (key: string) => {
    const match = new RegExp(`PARAMETER\\["(?:${key})", ?(-?[\\d.]+)`, 'i').exec(flat);
    return match ? Number(match[1]) : NaN;
  };
  const centralMeridian = parameter('central_meridian|Longitude of natural origin');
  const scale = parameter('scale_factor|Scale factor at natural origin');
  const falseNorthing = parameter('false_northing|False northing');
  const falseEasting = parameter('false_easting|False easting');
  if (!/Transverse_Mercator|Transverse Mercator/i.test(flat) || scale !== 0.9996 || falseEasting !== 500000) return null;
  return epsgForUtm(datum, (centralMeridian + 183) / 6, falseNorthing === 10000000);
}

/** The EPSG code ("EPSG:32756") a .prj describes; a ScenarioError when it is not understood. */
export function crsOfPrj(text: string, file: string): string {
  const epsg = /^\s*(PROJCS|PROJCRS|PROJECTEDCRS|GEOGCS|GEOGCRS|GEODCRS)\[/i.test(text) ? fromWkt(text) : fromEsriOldStyle(text);
  if (!epsg) throw new ScenarioError(file, 'projection not recognised (expected a UTM/MGA zone or an EPSG authority); give "crs": "EPSG:…" in scenario.json and remove the .prj');
  return epsg;
}

/** The .prj to write beside output grids: OGC WKT1 with its authority for WGS84 UTM zones, Esri's
 * WKT for any other projected CRS; an Error for a code that is not a known projected CRS. */
export function prjOfCrs(epsg: string): string {
  const utm = utmZoneOfEpsg(epsg);
  if (!utm) {
    const known = projectedCrs(epsg);
    if (!known) throw new Error(`${epsg} is not a projected CRS this engine knows (none of EPSG's projected codes in Esri's tables)`);
    return known.wkt;
  }
  const code = epsg.slice(5);
  return (
    `PROJCS["WGS 84 / UTM zone ${utm.zone}${utm.south ? 'S' : 'N'}",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],` +
    `PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]],` +
    `PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",${utm.zone * 6 - 183}],PARAMETER["scale_factor",0.9996],` +
    `PARAMETER["false_easting",500000],PARAMETER["false_northing",${utm.south ? 10000000 : 0}],UNIT["metre",1,AUTHORITY["EPSG","9001"]],` +
    `AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","${code}"]]`
  );
}
