// The arrival and hazard results of a run as the map draws them: at display resolution (the depth
// frames' cellsPerPixel), kept across the run so any past frame can be drawn again, and encoded
// as `SimResults` describes.
import { promisify } from 'node:util';
import { deflate } from 'node:zlib';
import type { SimResults, SimResultView } from '../api/sim.ts';
import type { ResultGrids } from '../../simulation/host/protocol.ts';
import { pixelStep } from './depth-image.ts';

/** The arrival value of a pixel none of whose cells is wet yet. */
export const NOT_WET = 0xffff;
const CLASSES = 6;

const deflateAsync = promisify(deflate);

export type ResultHistory = ReturnType<typeof createResultHistory>;

/**
 * For an nx × ny grid: each pixel's earliest arrival (the engine's arrival grid only grows, so the
 * latest one answers for every earlier time too) and when it first reached each hazard class (the
 * peak class only rises, so six times per pixel rebuild it at any past frame).
 */
export function createResultHistory(nx: number, ny: number, maxSide = 512) {
  const step = pixelStep(nx, ny, maxSide);
  const width = Math.ceil(nx / step);
  const height = Math.ceil(ny / step);
  const n = width * height;
  const arrival = new Float32Array(n).fill(-1);
  const reached = new Float32Array(n * CLASSES).fill(Infinity);
  let latest = -Infinity;

  return {
    width,
    height,
    cellsPerPixel: step,
    /** Simulated seconds of the latest grids recorded; -Infinity before any. */
    get time(): number {
      return latest;
    },
    /** Takes a frame's (or the end's) grids; they must be of this grid and not older than the last. */
    record(grids: ResultGrids): void {
      if (grids.nx !== nx || grids.ny !== ny) throw new Error(`results of a ${grids.nx}×${grids.ny} grid for a ${nx}×${ny} history`);
      if (grids.time < latest) throw new Error(`results at ${grids.time} s after ones at ${latest} s`);
      latest = grids.time;
      for (let py = 0; py < height; py++) {
        for (let px = 0; px < width; px++) {
          let first = Infinity;
          let worst = 0;
          for (let r = py * step; r < Math.min(ny, (py + 1) * step); r++) {
            for (let c = px * step; c < Math.min(nx, (px + 1) * step); c++) {
              const k = r * nx + c;
              const t = grids.arrival[k]!;
              if (t >= 0 && t < first) first = t;
              if (grids.hazard[k]! > worst) worst = grids.hazard[k]!;
            }
          }
          const p = py * width + px;
          arrival[p] = first === Infinity ? -1 : first;
          for (let k = 0; k < worst; k++) if (reached[p * CLASSES + k] === Infinity) reached[p * CLASSES + k] = grids.time;
        }
      }
    },
    /**
     * One view as it stood at `time` (s; the latest when null or later), encoded for `sim.results`.
     * Compresses on libuv's thread pool, off the app's event loop.
     */
    async encode(view: SimResultView, time: number | null, durationSeconds: number): Promise<SimResults> {
      const at = time === null ? latest : Math.min(time, latest);
      const isArrival = view === 'arrival';
      // Arrival in whole units that fit 16 bits below the NOT_WET marker.
      const unitSeconds = isArrival ? Math.max(1, Math.ceil(durationSeconds / (NOT_WET - 1))) : 1;
      const bytes = new Uint8Array(n * (isArrival ? 2 : 1));
      for (let p = 0; p < n; p++) {
        if (isArrival) {
          const t = arrival[p]!;
          const units = t >= 0 && t <= at ? Math.min(NOT_WET - 1, Math.round(t / unitSeconds)) : NOT_WET;
          bytes[p * 2] = units & 0xff;
          bytes[p * 2 + 1] = units >> 8;
        } else {
          let peak = 0;
          while (peak < CLASSES && reached[p * CLASSES + peak]! <= at) peak++;
          bytes[p] = peak;
        }
      }
      return {
        view,
        time: at,
        durationSeconds,
        width,
        height,
        cellsPerPixel: step,
        encoding: isArrival ? 'uint16' : 'uint8',
        unitSeconds,
        data: (await deflateAsync(bytes)).toString('base64'),
      };
    },
  };
}
