import { describe, expect, it } from 'vitest';
import { gridReferenceOfFields, gridReferencer } from './grid-reference.ts';

// EPSG:32756 as Esri's tables give it (what `scenario.crs` sends for Merewether).
const utm56s = {
  epsg: 'EPSG:32756',
  name: 'WGS_1984_UTM_Zone_56S',
  wkt: 'PROJCS["WGS_1984_UTM_Zone_56S",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",10000000.0],PARAMETER["Central_Meridian",153.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
};

describe('grid references', () => {
  // The Merewether creek inflow lies at E 382275 N 6354270; its lon/lat from the engine's own UTM
  // inverse (simulation/scenario/utm.ts), an independent implementation.
  it('gives the easting and northing of a lon/lat to the metre, with the CRS named', () => {
    const reference = gridReferencer(utm56s)(151.74061815310733, -32.94352669721494);
    expect(reference).toEqual({ easting: 382275, northing: 6354270, text: 'E 382275 N 6354270 (WGS 1984 UTM Zone 56S)' });
    expect(gridReferencer(utm56s)(151.73758256716, -32.950435704823576)).toMatchObject({ easting: 382000, northing: 6353501 });
  });

  it('reads typed fields, and gives nothing for empty, half-filled or unreadable ones', () => {
    const referencer = gridReferencer(utm56s);
    expect(gridReferenceOfFields(referencer, '151.74062', '-32.94353')).toMatchObject({ easting: 382275, northing: 6354270 });
    expect(gridReferenceOfFields(referencer, '', '-32.94353')).toBeNull();
    expect(gridReferenceOfFields(referencer, 'abc', '-32.94353')).toBeNull();
    expect(gridReferenceOfFields(referencer, '151.7', '-95')).toBeNull();
    expect(gridReferenceOfFields(null, '151.74062', '-32.94353')).toBeNull();
  });
});
