import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SimResults } from '../api/sim.ts';
import { createResultHistory, NOT_WET } from './result-grids.ts';

const values = (r: SimResults) => {
  const raw = inflateSync(Buffer.from(r.data, 'base64'));
  return r.encoding === 'uint8' ? [...raw] : Array.from({ length: raw.length / 2 }, (_, k) => raw.readUInt16LE(k * 2));
};
const w = NOT_WET;

// 5 × 3 cells, row 0 north; arrival -1 = not wet yet. Two frames: at 60 s, and at 90 s with more
// water (arrival fixed once set, peak hazard never lower).
const at60 = {
  time: 60,
  nx: 5,
  ny: 3,
  arrival: new Float32Array([-1, 30, -1, -1, -1, 12.4, 50, -1, -1, -1, -1, -1, -1, -1, -1]),
  hazard: new Uint8Array([0, 1, 0, 0, 0, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0]),
};
const at90 = {
  ...at60,
  time: 90,
  arrival: new Float32Array([-1, 30, -1, -1, -1, 12.4, 50, -1, -1, -1, -1, -1, -1, -1, 80.6]),
  hazard: new Uint8Array([0, 1, 0, 0, 0, 2, 5, 0, 0, 0, 0, 0, 0, 0, 3]),
};

describe('result history', () => {
  it('sends every cell at full resolution, arrival in whole seconds, dry as NOT_WET', async () => {
    const history = createResultHistory(5, 3);
    history.record(at60);
    history.record(at90);
    const arrival = SimResults.parse(await history.encode('arrival', null, 600));
    expect(arrival).toMatchObject({ view: 'arrival', time: 90, durationSeconds: 600, width: 5, height: 3, cellsPerPixel: 1, encoding: 'uint16', unitSeconds: 1 });
    expect(values(arrival)).toEqual([w, 30, w, w, w, 12, 50, w, w, w, w, w, w, w, 81]);
    const hazard = SimResults.parse(await history.encode('hazard', null, 600));
    expect(hazard).toMatchObject({ encoding: 'uint8', unitSeconds: 1, width: 5, height: 3, time: 90 });
    expect(values(hazard)).toEqual([...at90.hazard]);
  });

  it('replays a past time: the cells wet by then, and the peak hazard as of the last frame before it', async () => {
    const history = createResultHistory(5, 3);
    history.record(at60);
    history.record(at90);
    const arrival = await history.encode('arrival', 40, 600);
    expect(arrival.time).toBe(40);
    expect(values(arrival)).toEqual([w, 30, w, w, w, 12, w, w, w, w, w, w, w, w, w]);
    expect(values(await history.encode('hazard', 75, 600))).toEqual([...at60.hazard]);
    expect(values(await history.encode('hazard', 59, 600))).toEqual(new Array(15).fill(0));
    // Past the latest: the latest.
    const later = await history.encode('hazard', 500, 600);
    expect(later.time).toBe(90);
    expect(values(later)).toEqual([...at90.hazard]);
  });

  it('downsamples like the depth frames: the earliest arrival and the worst hazard of each block', async () => {
    // At most 2 pixels a side: 3 × 3 cell blocks, 2 × 1 pixels (the last block is cut short).
    const history = createResultHistory(5, 3, 2);
    history.record(at60);
    history.record(at90);
    const arrival = await history.encode('arrival', null, 600);
    expect(arrival).toMatchObject({ width: 2, height: 1, cellsPerPixel: 3 });
    expect(values(arrival)).toEqual([12, 81]);
    expect(values(await history.encode('hazard', null, 600))).toEqual([5, 3]);
    expect(values(await history.encode('hazard', 60, 600))).toEqual([3, 0]);
  });

  it('coarsens the arrival unit for runs longer than 16 bits of seconds', async () => {
    const history = createResultHistory(5, 3);
    history.record({ ...at90, time: 200_000, arrival: at90.arrival.map((t) => (t < 0 ? t : t * 2000)) });
    const long = await history.encode('arrival', null, 200_000);
    expect(long.unitSeconds).toBe(4);
    // 12.4 s × 2000 = 24 800 s = 6 200 units.
    expect(values(long)[5]).toBe(6200);
  });

  it('refuses grids of another size or from the past', () => {
    const history = createResultHistory(5, 3);
    history.record(at90);
    expect(() => history.record(at60)).toThrow(/at 60 s after ones at 90 s/);
    expect(() => history.record({ ...at90, nx: 3, ny: 5 })).toThrow(/3×5 grid for a 5×3 history/);
  });

  it('compresses a mostly dry grid to a small payload', async () => {
    const n = 321 * 416;
    const arrival = new Float32Array(n).fill(-1);
    const hazard = new Uint8Array(n);
    for (let k = 0; k < 2000; k++) {
      arrival[k * 7] = k;
      hazard[k * 7] = 1 + (k % 6);
    }
    const history = createResultHistory(321, 416);
    history.record({ time: 600, nx: 321, ny: 416, arrival, hazard });
    expect((await history.encode('arrival', null, 1000)).data.length).toBeLessThan(20_000);
    expect((await history.encode('hazard', null, 1000)).data.length).toBeLessThan(8_000);
  });
});
