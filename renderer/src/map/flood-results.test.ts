import { describe, expect, it } from 'vitest';
import type { SimResults } from '../../../native/api/sim.ts';
import { decodeResults } from './flood-results.ts';

/** zlib-deflated and base64-encoded, as native sends them (with the web's own compressor). */
async function deflated(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate'));
  const packed = new Uint8Array(await new Response(stream).arrayBuffer());
  return btoa(String.fromCharCode(...packed));
}

const results = async (over: Partial<SimResults>, bytes: Uint8Array<ArrayBuffer>): Promise<SimResults> => ({
  view: 'hazard',
  time: 300,
  durationSeconds: 1000,
  width: 3,
  height: 2,
  cellsPerPixel: 1,
  encoding: 'uint8',
  unitSeconds: 1,
  data: await deflated(bytes),
  ...over,
});

function uint16(values: number[]): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(values.length * 2);
  const view = new DataView(bytes.buffer);
  values.forEach((v, k) => view.setUint16(k * 2, v, true));
  return bytes;
}

describe('decodeResults', () => {
  it('gives hazard classes as they were sent', async () => {
    const grid = await decodeResults(await results({}, new Uint8Array([0, 1, 6, 2, 0, 4])));
    expect(grid).toMatchObject({ view: 'hazard', time: 300, durationSeconds: 1000, width: 3, height: 2 });
    expect([...grid.values]).toEqual([0, 1, 6, 2, 0, 4]);
  });

  it('gives arrival in seconds, NaN where not wet, scaled by the unit', async () => {
    const grid = await decodeResults(await results({ view: 'arrival', encoding: 'uint16', unitSeconds: 4 }, uint16([0xffff, 0, 25, 0xffff, 65534, 3])));
    expect(grid.values).toBeInstanceOf(Float32Array);
    expect([...grid.values]).toEqual([NaN, 0, 100, NaN, 262136, 12]);
  });

  it('refuses values that do not fill the grid', async () => {
    await expect(decodeResults(await results({}, new Uint8Array(5)))).rejects.toThrow(/5 bytes for 3×2 uint8/);
  });
});
