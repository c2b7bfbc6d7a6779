// Assimilation by nudging: the water surface near each gauge is pulled toward the level the gauge
// observed, fully at the gauge and less with distance (Cressman weights), before a forecast runs
// from that state. Water added or removed is booked as the state's initial water, so the mass
// balance of the forecast stays true to what it started from.
import type { EngineSnapshot } from '../engine/snapshot.ts';
import { cellAt, cellCentre } from '../scenario/grid.ts';
import type { GridGeometry } from '../scenario/types.ts';

export interface GaugeObservation {
  id: string;
  x: number;
  y: number;
  /** Observed water-surface elevation (m). */
  stage: number;
}

export interface NudgeReport {
  id: string;
  observed: number;
  /** The model's stage at the gauge before and after (m). */
  before: number;
  after: number;
}

export interface NudgeOptions {
  /** How far from a gauge its observation reaches (m). */
  radius: number;
  /** The share of the difference removed at the gauge itself (0–1). */
  weight: number;
}

export const defaultNudge: NudgeOptions = { radius: 30, weight: 1 };

/** A copy of the state with the water near each gauge nudged toward its observation. */
export function nudgeToObservations(
  state: EngineSnapshot,
  grid: GridGeometry,
  ground: ArrayLike<number>,
  solid: ArrayLike<number>,
  observations: readonly GaugeObservation[],
  options: NudgeOptions = defaultNudge,
): { state: EngineSnapshot; reports: NudgeReport[] } {
  const h = Float32Array.from(state.arrays.h);
  // the engine works each row only between the columns that ever held water: widen them
  const wetMin = Int32Array.from(state.arrays.wetMin);
  const wetMax = Int32Array.from(state.arrays.wetMax);
  const stageAt = (cell: number) => ground[cell]! + h[cell]!;
  const reports: NudgeReport[] = [];
  const r = options.radius;
  const reach = Math.ceil(r / grid.cellSize);
  let added = 0;
  for (const o of observations) {
    const at = cellAt(grid, o.x, o.y);
    if (at < 0 || solid[at]) throw new Error(`gauge ${o.id} at (${o.x}, ${o.y}) is not on a wet-able cell of the grid`);
    const before = stageAt(at);
    const innovation = o.stage - before;
    const row0 = Math.floor(at / grid.nx);
    const col0 = at - row0 * grid.nx;
    const [gx, gy] = cellCentre(grid, at);
    for (let row = Math.max(0, row0 - reach); row <= Math.min(grid.ny - 1, row0 + reach); row++) {
      for (let col = Math.max(0, col0 - reach); col <= Math.min(grid.nx - 1, col0 + reach); col++) {
        const cell = row * grid.nx + col;
        if (solid[cell]) continue;
        const [x, y] = cellCentre(grid, cell);
        const d2 = (x - gx) ** 2 + (y - gy) ** 2;
        if (d2 >= r * r) continue;
        const w = (options.weight * (r * r - d2)) / (r * r + d2);
        const depth = h[cell]!;
        const next = depth > 0 ? Math.max(0, depth + w * innovation) : w * Math.max(0, o.stage - ground[cell]!);
        added += (next - depth) * grid.cellSize * grid.cellSize;
        h[cell] = next;
        if (next > 0) {
          wetMin[row] = Math.min(wetMin[row]!, col);
          wetMax[row] = Math.max(wetMax[row]!, col);
        }
      }
    }
    reports.push({ id: o.id, observed: o.stage, before, after: stageAt(at) });
  }
  return {
    state: { ...state, volumes: { ...state.volumes, initial: state.volumes.initial + added }, arrays: { ...state.arrays, h, wetMin, wetMax } },
    reports,
  };
}
