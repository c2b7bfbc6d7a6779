import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SimResults } from '../api/sim.ts';
import { encodeResults, NOT_WET } from './result-grids.ts';

const values = (r: SimResults) => {
  const raw = inflateSync(Buffer.from(r.data, 'base64'));
  return r.encoding === 'uint8' ? [...raw] : Array.from({ length: raw.length / 2 }, (_, k) => raw.readUInt16LE(k * 2));
};

// 5 × 3 cells, row 0 north; arrival -1 = never wet.
const grids = {
  time: 90,
  nx: 5,
  ny: 3,
  arrival: new Float32Array([-1, 30, -1, -1, -1, 12.4, 50, -1, -1, -1, -1, -1, -1, -1, 80.6]),
  hazard: new Uint8Array([0, 1, 0, 0, 0, 2, 5, 0, 0, 0, 0, 0, 0, 0, 3]),
};

describe('encodeResults', () => {
  it('sends every cell at full resolution, arrival in whole seconds, dry as NOT_WET', async () => {
    const arrival = SimResults.parse(await encodeResults('arrival', grids, 600));
    expect(arrival).toMatchObject({ view: 'arrival', time: 90, durationSeconds: 600, width: 5, height: 3, cellsPerPixel: 1, encoding: 'uint16', unitSeconds: 1 });
    const w = NOT_WET;
    expect(values(arrival)).toEqual([w, 30, w, w, w, 12, 50, w, w, w, w, w, w, w, 81]);
    const hazard = SimResults.parse(await encodeResults('hazard', grids, 600));
    expect(hazard).toMatchObject({ encoding: 'uint8', unitSeconds: 1, width: 5, height: 3 });
    expect(values(hazard)).toEqual([...grids.hazard]);
  });

  it('downsamples like the depth frames: the earliest arrival and the worst hazard of each block', async () => {
    // At most 2 pixels a side: 3 × 3 cell blocks, 2 × 1 pixels (the last block is cut short).
    const arrival = await encodeResults('arrival', grids, 600, 2);
    expect(arrival).toMatchObject({ width: 2, height: 1, cellsPerPixel: 3 });
    expect(values(arrival)).toEqual([12, 81]);
    expect(values(await encodeResults('hazard', grids, 600, 2))).toEqual([5, 3]);
  });

  it('coarsens the arrival unit for runs longer than 16 bits of seconds', async () => {
    const long = await encodeResults('arrival', { ...grids, arrival: grids.arrival.map((t) => (t < 0 ? t : t * 2000)) }, 200_000);
    expect(long.unitSeconds).toBe(4);
    // 12.4 s × 2000 = 24 800 s = 6 200 units.
    expect(values(long)[5]).toBe(6200);
    expect(values(long)).not.toContain(NOT_WET - 1);
  });

  it('compresses a mostly dry grid to a small payload', async () => {
    const n = 321 * 416;
    const arrival = new Float32Array(n).fill(-1);
    const hazard = new Uint8Array(n);
    for (let k = 0; k < 2000; k++) {
      arrival[k * 7] = k;
      hazard[k * 7] = 1 + (k % 6);
    }
    const big = { time: 600, nx: 321, ny: 416, arrival, hazard };
    expect((await encodeResults('arrival', big, 1000)).data.length).toBeLessThan(20_000);
    expect((await encodeResults('hazard', big, 1000)).data.length).toBeLessThan(8_000);
  });
});
