// Assimilation by nudging: the water surface near each gauge is pulled toward the level the gauge
// observed, fully at the gauge and less with distance (Cressman weights), before a forecast runs
// from that state. Water added or removed is booked as the state's initial water, so the mass
// balance of the forecast stays true to what it started from. A gauge observes either a stage
// (water-surface elevation) or, as the live water-level sensors do, a depth above the ground at
// its cell: both become a depth on the model's own bed there, never below it.
import type { EngineSnapshot } from '../engine/snapshot.ts';
import { cellAt, cellCentre } from '../scenario/grid.ts';
import type { GridGeometry } from '../scenario/types.ts';

export type GaugeObservation = { id: string; x: number; y: number } & ({ /** Observed water-surface elevation (m). */ stage: number } | { /** Observed depth above the ground at the gauge (m). */ depth: number });

export interface NudgeReport {
  id: string;
  /** The model's bed elevation at the gauge's cell (m). */
  bed: number;
  /** The observed water-surface elevation, on the model's bed: never below it (m). */
  observed: number;
  /** The model's stage at the gauge before and after (m). */
  before: number;
  after: number;
  /** The same three as depths above the bed (m): what the gauge's skill is measured in. */
  observedDepth: number;
  depthBefore: number;
  depthAfter: number;
}

/** The depth an observation means at a cell whose bed is at `bed` (m): a stage or a reading below
 * the ground is a dry gauge, not a negative depth. */
export function observedDepth(o: GaugeObservation, bed: number): number {
  return Math.max(0, 'depth' in o ? o.depth : o.stage - bed);
}

export interface NudgeOptions {
  /** How far from a gauge its observation reaches (m). */
  radius: number;
  /** The share of the difference removed at the gauge itself (0–1). */
  weight: number;
}

export const defaultNudge: NudgeOptions = { radius: 30, weight: 1 };

/** A gauge the nudge could not use, and why: the forecast runs on without it. */
export interface SkippedGauge {
  id: string;
  reason: string;
}

/**
 * A copy of the state with the water near each gauge nudged toward its observation. A gauge off
 * the grid or on a building is skipped and reported, not fatal: one misplaced gauge must not stop
 * the forecast that every other reading feeds.
 */
export function nudgeToObservations(
  state: EngineSnapshot,
  grid: GridGeometry,
  ground: ArrayLike<number>,
  solid: ArrayLike<number>,
  observations: readonly GaugeObservation[],
  options: NudgeOptions = defaultNudge,
): { state: EngineSnapshot; reports: NudgeReport[]; skipped: SkippedGauge[] } {
  const h = Float32Array.from(state.arrays.h);
  // the engine works each row only between the columns that ever held water: widen them
  const wetMin = Int32Array.from(state.arrays.wetMin);
  const wetMax = Int32Array.from(state.arrays.wetMax);
  const stageAt = (cell: number) => ground[cell]! + h[cell]!;
  const reports: NudgeReport[] = [];
  const skipped: SkippedGauge[] = [];
  const r = options.radius;
  const reach = Math.ceil(r / grid.cellSize);
  let added = 0;
  for (const o of observations) {
    const at = cellAt(grid, o.x, o.y);
    if (at < 0 || solid[at]) {
      skipped.push({ id: o.id, reason: at < 0 ? `(${o.x}, ${o.y}) is outside the model's grid` : `(${o.x}, ${o.y}) is on a building, which the model keeps dry` });
      continue;
    }
    const bed = ground[at]!;
    const target = bed + observedDepth(o, bed);
    const before = stageAt(at);
    const innovation = target - before;
    // a dry gauge says the surface is no higher than its bed: no water for lower cells around it
    const wetGauge = target > bed;
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
        const next = depth > 0 ? Math.max(0, depth + w * innovation) : wetGauge ? w * Math.max(0, target - ground[cell]!) : 0;
        added += (next - depth) * grid.cellSize * grid.cellSize;
        h[cell] = next;
        if (next > 0) {
          wetMin[row] = Math.min(wetMin[row]!, col);
          wetMax[row] = Math.max(wetMax[row]!, col);
        }
      }
    }
    const after = stageAt(at);
    reports.push({ id: o.id, bed, observed: target, before, after, observedDepth: target - bed, depthBefore: before - bed, depthAfter: after - bed });
  }
  return {
    state: { ...state, volumes: { ...state.volumes, initial: state.volumes.initial + added }, arrays: { ...state.arrays, h, wetMin, wetMax } },
    reports,
    skipped,
  };
}
