import { describe, expect, it } from 'vitest';
import { createFramePainter, unpackFrame } from './flood-frame.ts';
import { arrivalRamp, colorAt, depthRamp, hazardRamp } from './ramps.ts';

/** Grids packed and deflated as the engine does (with the web's own compressor). */
async function packed(depthMm: number[], arrival: number[], hazard: number[]): Promise<Uint8Array<ArrayBuffer>> {
  const n = depthMm.length;
  const raw = new Uint8Array(n * 5);
  const view = new DataView(raw.buffer);
  depthMm.forEach((v, k) => view.setUint16(k * 2, v, true));
  arrival.forEach((v, k) => view.setUint16(n * 2 + k * 2, v, true));
  raw.set(hazard, n * 4);
  const stream = new Blob([raw]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const pixel = (rgba: Uint8ClampedArray, k: number) => [...rgba.subarray(k * 4, k * 4 + 4)];
const scale = { durationSeconds: 1200, depthMetersPerUnit: 0.001, arrivalSecondsPerUnit: 2 };

describe('a frame on the map', () => {
  it('unpacks depth, arrival and hazard, and paints each with its ramp', async () => {
    // 3 × 1: dry; 0.3 m arrived at 600 s, H3; 9 m arrived at 0 s, H6.
    const grids = await packed([0, 300, 9000], [0xffff, 300, 0], [0, 3, 6]);
    const codes = await unpackFrame({ width: 3, height: 1, grids });
    expect([...codes.depth]).toEqual([0, 300, 9000]);
    const painter = createFramePainter();
    const depth = painter.paint('depth', scale, codes);
    expect(pixel(depth, 0)).toEqual([0, 0, 0, 0]);
    expect(pixel(depth, 1)).toEqual([...colorAt(depthRamp, 0.3)]);
    expect(pixel(depth, 2)).toEqual([...depthRamp.stops.at(-1)!.color]);
    const arrival = painter.paint('arrival', scale, codes);
    expect(pixel(arrival, 0)).toEqual([0, 0, 0, 0]);
    expect(pixel(arrival, 1)).toEqual([...colorAt(arrivalRamp(1200), 600)]);
    expect(pixel(arrival, 2)).toEqual([...arrivalRamp(1200).stops[0]!.color]);
    const hazard = painter.paint('hazard', scale, codes, depth);
    expect(hazard).toBe(depth);
    expect(pixel(hazard, 0)).toEqual([0, 0, 0, 0]);
    expect(pixel(hazard, 1)).toEqual([...hazardRamp.stops[2]!.color]);
    expect(pixel(hazard, 2)).toEqual([...hazardRamp.stops[5]!.color]);
  });

  it('refuses grids that do not fill the frame', async () => {
    await expect(unpackFrame({ width: 2, height: 2, grids: await packed([1, 2], [3, 4], [5, 6]) })).rejects.toThrow(/2×2 frame holds 10 bytes of grids, expected 20/);
  });
});
