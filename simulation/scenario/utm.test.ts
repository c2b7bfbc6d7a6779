import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { utmToLonLat, utmZoneOfEpsg } from './utm.ts';

const utm56s = '+proj=utm +zone=56 +south +datum=WGS84 +units=m +no_defs';

describe('utmToLonLat', () => {
  it('agrees with proj4 to 1e-7 degrees (about 1 cm) across the Merewether domain', () => {
    for (const [x, y] of [
      [382250, 6354265],
      [382571, 6354681],
      [382410, 6354470],
    ] as const) {
      const [lon, lat] = utmToLonLat(x, y, { zone: 56, south: true });
      const [refLon, refLat] = proj4(utm56s, 'WGS84', [x, y]);
      expect(Math.abs(lon - refLon)).toBeLessThan(1e-7);
      expect(Math.abs(lat - refLat)).toBeLessThan(1e-7);
    }
  });

  it('maps the central meridian on the equator to itself', () => {
    const [lon, lat] = utmToLonLat(500000, 0, { zone: 31, south: false });
    expect(lon).toBeCloseTo(3, 9);
    expect(lat).toBeCloseTo(0, 9);
  });

  it('reads UTM zones from EPSG codes and refuses others', () => {
    expect(utmZoneOfEpsg('EPSG:32756')).toEqual({ zone: 56, south: true });
    expect(utmZoneOfEpsg('EPSG:32633')).toEqual({ zone: 33, south: false });
    expect(utmZoneOfEpsg('EPSG:4326')).toBeNull();
    expect(utmZoneOfEpsg('EPSG:32799')).toBeNull();
  });
});
