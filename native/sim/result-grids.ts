import { promisify } from 'node:util';
import { deflate } from 'node:zlib';
import type { SimResults, SimResultView } from '../api/sim.ts';
import type { ResultGrids } from '../../simulation/host/protocol.ts';
import { pixelStep } from './depth-image.ts';

/** The arrival value of a pixel none of whose cells is wet yet. */
export const NOT_WET = 0xffff;

const deflateAsync = promisify(deflate);

/**
 * One result grid at display resolution (at most `maxSide` pixels a side, as the depth frames),
 * encoded as `SimResults` describes: arrival as the earliest of a pixel's cells, hazard as the worst.
 * Compresses on libuv's thread pool, off the app's event loop.
 */
export async function encodeResults(view: SimResultView, grids: ResultGrids, durationSeconds: number, maxSide = 512): Promise<SimResults> {
  const { nx, ny } = grids;
  const step = pixelStep(nx, ny, maxSide);
  const width = Math.ceil(nx / step);
  const height = Math.ceil(ny / step);
  const arrival = view === 'arrival';
  // Arrival in whole units that fit 16 bits below the NOT_WET marker.
  const unitSeconds = arrival ? Math.max(1, Math.ceil(durationSeconds / (NOT_WET - 1))) : 1;
  const bytes = new Uint8Array(width * height * (arrival ? 2 : 1));
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      let first = Infinity;
      let worst = 0;
      for (let r = py * step; r < Math.min(ny, (py + 1) * step); r++) {
        for (let c = px * step; c < Math.min(nx, (px + 1) * step); c++) {
          const k = r * nx + c;
          if (arrival) {
            const t = grids.arrival[k]!;
            if (t >= 0 && t < first) first = t;
          } else worst = Math.max(worst, grids.hazard[k]!);
        }
      }
      const p = py * width + px;
      if (arrival) {
        const units = first === Infinity ? NOT_WET : Math.min(NOT_WET - 1, Math.round(first / unitSeconds));
        bytes[p * 2] = units & 0xff;
        bytes[p * 2 + 1] = units >> 8;
      } else bytes[p] = worst;
    }
  }
  return {
    view,
    time: grids.time,
    durationSeconds,
    width,
    height,
    cellsPerPixel: step,
    encoding: arrival ? 'uint16' : 'uint8',
    unitSeconds,
    data: (await deflateAsync(bytes)).toString('base64'),
  };
}
