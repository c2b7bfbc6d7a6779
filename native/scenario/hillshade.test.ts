import { describe, expect, it } from 'vitest';
import { hillshade, illumination } from './hillshade.ts';

/** A plane z = base + sx·x + sy·y on a grid with row 0 north (y grows northward). */
function plane(nx: number, ny: number, cell: number, sx: number, sy: number): Float32Array {
  const values = new Float32Array(nx * ny);
  for (let row = 0; row < ny; row++) for (let col = 0; col < nx; col++) values[row * nx + col] = 50 + sx * col * cell + sy * (ny - 1 - row) * cell;
  return values;
}

const centre = (nx: number, ny: number) => Math.floor(ny / 2) * nx + Math.floor(nx / 2);

describe('illumination', () => {
  it('is sin(altitude) on flat ground', () => {
    const light = illumination(plane(5, 5, 2, 0, 0), 5, 5, 2, { altitude: 30 });
    for (const v of light) expect(v).toBeCloseTo(0.5, 6);
  });

  it('lights a slope facing the sun and shades one facing away', () => {
    // Ground falling to the west faces west: lit by a western sun (azimuth 270), shaded by an eastern one.
    const westFacing = plane(7, 7, 1, 0.5, 0);
    const k = centre(7, 7);
    const fromWest = illumination(westFacing, 7, 7, 1, { azimuth: 270, altitude: 45 })[k]!;
    const fromEast = illumination(westFacing, 7, 7, 1, { azimuth: 90, altitude: 45 })[k]!;
    const slope = Math.atan(0.5);
    expect(fromWest).toBeCloseTo(Math.cos(Math.PI / 4) * Math.cos(slope) + Math.sin(Math.PI / 4) * Math.sin(slope), 5);
    expect(fromEast).toBeCloseTo(Math.cos(Math.PI / 4) * Math.cos(slope) - Math.sin(Math.PI / 4) * Math.sin(slope), 5);
  });

  it('knows north from south: row 0 is north', () => {
    // Ground rising to the north faces south: a southern sun (180) lights it.
    const southFacing = plane(7, 7, 1, 0, 0.4);
    const k = centre(7, 7);
    expect(illumination(southFacing, 7, 7, 1, { azimuth: 180 })[k]!).toBeGreaterThan(Math.SQRT1_2);
    expect(illumination(southFacing, 7, 7, 1, { azimuth: 0 })[k]!).toBeLessThan(Math.SQRT1_2);
  });

  it('keeps NODATA as NaN and treats missing neighbours as flat', () => {
    const values = plane(3, 3, 1, 0, 0);
    values[4] = NaN;
    const light = illumination(values, 3, 3, 1);
    expect(light[4]).toBeNaN();
    expect(light[0]).toBeCloseTo(Math.SQRT1_2, 6);
  });

  it('rejects a grid of the wrong size', () => {
    expect(() => illumination(new Float32Array(5), 2, 2, 1)).toThrow(/5 values for a 2×2 grid/);
    expect(() => illumination(new Float32Array(4), 2, 2, 0)).toThrow(/cell size/);
  });
});

describe('hillshade', () => {
  it('leaves flat ground and NODATA transparent, darkens shadows, lightens lit slopes', () => {
    const flat = hillshade(plane(3, 3, 1, 0, 0), 3, 3, 1);
    expect(flat.every((v) => v === 0)).toBe(true);

    const westFacing = plane(7, 7, 1, 0.5, 0);
    const k = centre(7, 7) * 4;
    const lit = hillshade(westFacing, 7, 7, 1, { azimuth: 270 });
    expect([lit[k], lit[k + 1], lit[k + 2]]).toEqual([255, 255, 255]);
    expect(lit[k + 3]).toBeGreaterThan(20);
    const shaded = hillshade(westFacing, 7, 7, 1, { azimuth: 90 });
    expect([shaded[k], shaded[k + 1], shaded[k + 2]]).toEqual([0, 0, 0]);
    expect(shaded[k + 3]).toBeGreaterThan(20);

    const holes = plane(3, 3, 1, 0.5, 0);
    holes[4] = NaN;
    expect(hillshade(holes, 3, 3, 1)[4 * 4 + 3]).toBe(0);
  });
});
