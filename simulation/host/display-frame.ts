// A moment of a run as the map draws it, made in the engine's thread so the app only forwards it:
// depth, arrival and hazard at display resolution (at most `maxSide` pixels a side, each pixel the
// worst of the cells it covers), packed as integers into one deflated buffer.
//
// Layout of `grids` once inflated (RFC 1950 zlib, what `DecompressionStream('deflate')` reads),
// n = width × height values each, row 0 north, little-endian (the typed arrays' own order on every
// platform Polder ships for):
//   depth    uint16 × n   whole `depthMetersPerUnit` (cm: finer than any colour step, and it
//                         packs smaller than mm), 65535 at or above 655.35 m
//   arrival  uint16 × n   earliest arrival among the pixel's cells in `arrivalSecondsPerUnit`, NO_VALUE where none is wet yet
//   hazard   uint8  × n   worst peak ARR class so far among them: 0 dry, 1–6 = H1–H6
import { deflateSync } from 'node:zlib';

/** The arrival value of a pixel none of whose cells is wet yet. */
export const NO_VALUE = 0xffff;
export const DEPTH_METERS_PER_UNIT = 0.01;

export interface DisplayFrame {
  width: number;
  height: number;
  cellsPerPixel: number;
  depthMetersPerUnit: number;
  arrivalSecondsPerUnit: number;
  /** Cells (not pixels) deeper than the wet threshold. */
  wetCells: number;
  /** The deepest cell (m). */
  maxDepth: number;
  /** The packed, deflated values (see the layout above). */
  grids: Uint8Array<ArrayBuffer>;
}

export interface CellGrids {
  nx: number;
  ny: number;
  /** Depth (m). */
  depth: Float32Array;
  /** First time (s) deeper than the wet threshold, -1 where not (yet). */
  arrival: Float32Array;
  /** Peak hazard class so far. */
  hazard: Uint8Array;
}

/** Cells per pixel side so that an nx × ny grid fits in `maxSide` pixels a side. */
export function pixelStep(nx: number, ny: number, maxSide = 512): number {
  return Math.max(1, Math.ceil(Math.max(nx, ny) / maxSide));
}

/** Whole arrival units that fit 16 bits below NO_VALUE for a run of this length. */
export function arrivalUnitSeconds(durationSeconds: number): number {
  return Math.max(1, Math.ceil(durationSeconds / (NO_VALUE - 1)));
}

export function displayFrame(cells: CellGrids, durationSeconds: number, { maxSide = 512, wetDepth = 0.01 } = {}): DisplayFrame {
  const { nx, ny, depth, arrival, hazard } = cells;
  const step = pixelStep(nx, ny, maxSide);
  const width = Math.ceil(nx / step);
  const height = Math.ceil(ny / step);
  const n = width * height;
  const unitSeconds = arrivalUnitSeconds(durationSeconds);
  // 5 bytes a pixel; the uint16 blocks start at even offsets.
  const packed = new Uint8Array(n * 5);
  const depthUnits = new Uint16Array(packed.buffer, 0, n);
  const arrivalUnits = new Uint16Array(packed.buffer, n * 2, n);
  const classes = packed.subarray(n * 4);
  let wetCells = 0;
  let maxDepth = 0;
  for (const d of depth) {
    if (d > wetDepth) wetCells++;
    if (d > maxDepth) maxDepth = d;
  }
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      let deepest = 0;
      let first = Infinity;
      let worst = 0;
      for (let r = py * step; r < Math.min(ny, (py + 1) * step); r++) {
        for (let c = px * step; c < Math.min(nx, (px + 1) * step); c++) {
          const k = r * nx + c;
          if (depth[k]! > deepest) deepest = depth[k]!;
          const t = arrival[k]!;
          if (t >= 0 && t < first) first = t;
          if (hazard[k]! > worst) worst = hazard[k]!;
        }
      }
      const p = py * width + px;
      // Rounded down, so a pixel shows as wet (≥ 1 cm) exactly when a cell is.
      depthUnits[p] = Math.min(0xffff, Math.floor(deepest / DEPTH_METERS_PER_UNIT + 1e-6));
      arrivalUnits[p] = first === Infinity ? NO_VALUE : Math.min(NO_VALUE - 1, Math.round(first / unitSeconds));
      classes[p] = worst;
    }
  }
  return {
    width,
    height,
    cellsPerPixel: step,
    depthMetersPerUnit: DEPTH_METERS_PER_UNIT,
    arrivalSecondsPerUnit: unitSeconds,
    wetCells,
    maxDepth,
    // A copy with its own ArrayBuffer: a small Buffer may share Node's pool, which must not be transferred.
    grids: new Uint8Array(deflateSync(packed, { level: 1 })),
  };
}

