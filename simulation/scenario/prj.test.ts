import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crsOfPrj, prjOfCrs } from './prj.ts';

const merewetherPrj = readFileSync(join(import.meta.dirname, '../../resources/scenarios/merewether-2007/dem.prj'), 'utf8');

describe('crsOfPrj', () => {
  it('reads the old ESRI UTM format of the Merewether DEM as EPSG:32756', () => {
    expect(crsOfPrj(merewetherPrj, 'dem.prj')).toBe('EPSG:32756');
    expect(crsOfPrj(merewetherPrj.replace('Yshift        10000000', 'Yshift        0'), 'dem.prj')).toBe('EPSG:32656');
  });

  it('takes the outermost EPSG authority of OGC WKT1 and WKT2', () => {
    expect(crsOfPrj(prjOfCrs('EPSG:32756'), 'a.prj')).toBe('EPSG:32756');
    const wkt2 = 'PROJCRS["WGS 84 / UTM zone 33N",BASEGEOGCRS["WGS 84",DATUM["World Geodetic System 1984",ELLIPSOID["WGS 84",6378137,298.257223563]],ID["EPSG",4326]],CONVERSION["UTM zone 33N",METHOD["Transverse Mercator"]],ID["EPSG",32633]]';
    expect(crsOfPrj(wkt2, 'b.prj')).toBe('EPSG:32633');
  });

  it('recognises ESRI WKT without authority by name or by its parameters', () => {
    const esri =
      'PROJCS["WGS_1984_UTM_Zone_56S",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",10000000.0],PARAMETER["Central_Meridian",153.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    expect(crsOfPrj(esri, 'c.prj')).toBe('EPSG:32756');
    expect(crsOfPrj(esri.replace('WGS_1984_UTM_Zone_56S', 'my projection'), 'c.prj')).toBe('EPSG:32756');
    const mga = esri.replace('WGS_1984_UTM_Zone_56S', 'GDA_1994_MGA_Zone_56').replace(/D_WGS_1984/, 'D_GDA_1994');
    expect(crsOfPrj(mga, 'd.prj')).toBe('EPSG:28356');
  });

  it('refuses what it does not understand instead of guessing', () => {
    expect(() => crsOfPrj('PROJCS["Lambert",PROJECTION["Lambert_Conformal_Conic"]]', 'x.prj')).toThrow(/^x\.prj: projection not recognised/);
    expect(() => crsOfPrj('Projection STATEPLANE\nZone 3101\n', 'y.prj')).toThrow(/y\.prj: projection not recognised/);
  });
});

describe('prjOfCrs', () => {
  it('writes WKT for WGS84 UTM zones that reads back, and refuses others', () => {
    for (const code of ['EPSG:32601', 'EPSG:32660', 'EPSG:32733']) expect(crsOfPrj(prjOfCrs(code), 'z.prj')).toBe(code);
    expect(prjOfCrs('EPSG:32756')).toContain('PARAMETER["central_meridian",153]');
    expect(() => prjOfCrs('EPSG:4326')).toThrow(/EPSG:4326 is not a projected CRS/);
  });

  it('writes any other projected CRS as Esri WKT that reads back (the British grid, GDA2020 MGA, Lambert 93)', () => {
    expect(prjOfCrs('EPSG:27700')).toMatch(/^PROJCS\["British_National_Grid"/);
    for (const code of ['EPSG:27700', 'EPSG:7856', 'EPSG:2154']) expect(crsOfPrj(prjOfCrs(code), 'z.prj')).toBe(code);
    expect(() => prjOfCrs('EPSG:999999')).toThrow(/not a projected CRS/);
  });
});
