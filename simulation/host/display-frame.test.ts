import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { arrivalUnitSeconds, displayFrame, NO_VALUE, pixelStep } from './display-frame.ts';

/** The packed values back as numbers. */
function unpack(frame: ReturnType<typeof displayFrame>) {
  const raw = inflateSync(frame.grids);
  const n = frame.width * frame.height;
  return {
    depth: Array.from({ length: n }, (_, k) => raw.readUInt16LE(k * 2)),
    arrival: Array.from({ length: n }, (_, k) => raw.readUInt16LE(n * 2 + k * 2)),
    hazard: [...raw.subarray(n * 4)],
    bytes: raw.length,
  };
}

describe('displayFrame', () => {
  it('keeps one value per cell on a grid that fits, in whole cm (rounded down), seconds and classes', () => {
    // 3 × 2: north row dry, 0.257 m arrived at 12 s H2, 700 m; south row 9 mm, 1 m at 3 s H6, dry.
    const frame = displayFrame(
      {
        nx: 3,
        ny: 2,
        depth: Float32Array.from([0, 0.257, 700, 0.009, 1, 0]),
        arrival: Float32Array.from([-1, 12, 40, -1, 3, -1]),
        hazard: Uint8Array.from([0, 2, 6, 0, 6, 0]),
      },
      600,
    );
    expect(frame).toMatchObject({ width: 3, height: 2, cellsPerPixel: 1, depthMetersPerUnit: 0.01, arrivalSecondsPerUnit: 1, wetCells: 3, maxDepth: 700 });
    const v = unpack(frame);
    expect(v.bytes).toBe(30);
    expect(v.depth).toEqual([0, 25, 0xffff, 0, 100, 0]);
    expect(v.arrival).toEqual([NO_VALUE, 12, 40, NO_VALUE, 3, NO_VALUE]);
    expect(v.hazard).toEqual([0, 2, 6, 0, 6, 0]);
    expect(frame.grids.byteOffset).toBe(0);
    expect(frame.grids.buffer.byteLength).toBe(frame.grids.length);
  });

  it('gives each pixel of a large grid the deepest, earliest and worst of its cells', () => {
    const nx = 1030;
    const ny = 20;
    expect(pixelStep(nx, ny)).toBe(3);
    const depth = new Float32Array(nx * ny);
    const arrival = new Float32Array(nx * ny).fill(-1);
    const hazard = new Uint8Array(nx * ny);
    // Pixel (0, 0) covers columns 0–2 of rows 0–2.
    depth[2 * nx + 2] = 0.5;
    depth[0] = 0.2;
    arrival[nx + 1] = 30;
    arrival[2] = 90;
    hazard[2 * nx] = 4;
    // The last pixel column covers only column 1029.
    depth[1029] = 2;
    const frame = displayFrame({ nx, ny, depth, arrival, hazard }, 70000);
    expect(frame).toMatchObject({ width: 344, height: 7, cellsPerPixel: 3, arrivalSecondsPerUnit: 2 });
    const v = unpack(frame);
    expect(v.depth[0]).toBe(50);
    expect(v.arrival[0]).toBe(15);
    expect(v.hazard[0]).toBe(4);
    expect(v.depth[343]).toBe(200);
    expect(v.arrival[343]).toBe(NO_VALUE);
  });

  it('fits any run length into 16-bit arrival units', () => {
    expect(arrivalUnitSeconds(1000)).toBe(1);
    expect(arrivalUnitSeconds(65534)).toBe(1);
    expect(arrivalUnitSeconds(65535)).toBe(2);
  });
});
