import fc from 'fast-check';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { lonLatToUtm } from './utm-forward.ts';
import { utmToLonLat } from './utm.ts';

describe('lonLatToUtm', () => {
  it('agrees with proj4 to 1 cm across Merewether', () => {
    const zone = { zone: 56, south: true };
    for (const [lon, lat] of [
      [151.7403, -32.9436],
      [151.7438, -32.9398],
      [151.742, -32.9417],
    ] as const) {
      const [x, y] = lonLatToUtm(lon, lat, zone);
      const [refX, refY] = proj4('WGS84', '+proj=utm +zone=56 +south +datum=WGS84 +units=m +no_defs', [lon, lat]);
      expect(Math.abs(x - refX)).toBeLessThan(0.01);
      expect(Math.abs(y - refY)).toBeLessThan(0.01);
    }
  });

  it('inverts utmToLonLat to 1 cm within a zone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.boolean(), fc.double({ min: -2.9, max: 2.9, noNaN: true }), fc.double({ min: 0.5, max: 79, noNaN: true }), (zone, south, dLon, absLat) => {
        const lon = (zone - 1) * 6 - 180 + 3 + dLon;
        const lat = south ? -absLat : absLat;
        const [x, y] = lonLatToUtm(lon, lat, { zone, south });
        const [lon2, lat2] = utmToLonLat(x, y, { zone, south });
        const [x2, y2] = lonLatToUtm(lon2, lat2, { zone, south });
        expect(Math.abs(x2 - x)).toBeLessThan(0.01);
        expect(Math.abs(y2 - y)).toBeLessThan(0.01);
      }),
    );
  });
});
