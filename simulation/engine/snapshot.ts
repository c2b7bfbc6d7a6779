// An engine state that can be kept and resumed: every array a step reads or accumulates into,
// copied out of the shared memory (plain, transferable typed arrays), with the time, the books
// of the mass balance, the probes' envelopes and the edits made so far. A run resumed from it
// continues exactly as the run it was taken from would have, bit for bit.
import type { Barrier, Pump, Scheme, Series } from './model.ts';
import type { SolverState, StateArrays } from './state.ts';

/** The state arrays that change during a run; the rest follow from the model (ground, crests, n²). */
export const SAVED_ARRAYS = [
  'h', 'hLo', 'keep', 'qx', 'qy', 'qxRaw', 'qyRaw', 'hu', 'hv', 'fxh', 'fxu', 'fxv', 'fyh', 'fyu', 'fyv',
  'wetMin', 'wetMax', 'updMin', 'updMax', 'rowSpeed', 'rowIn', 'rowOut', 'rowClamp', 'maxDepth', 'maxSpeed', 'arrival',
] as const satisfies readonly (keyof StateArrays)[];

export type SavedArrayName = (typeof SAVED_ARRAYS)[number];

export const SNAPSHOT_FORMAT = 1;

export interface EngineSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  scheme: Scheme;
  nx: number;
  ny: number;
  cellSize: number;
  /** Simulated seconds reached. */
  time: number;
  steps: number;
  cellUpdates: number;
  /** The mass balance's books: m³ at the run's start and what came in or went out since. */
  volumes: { initial: number; inflow: number; rain: number; pumpedOut: number; pumpedMoved: number };
  pumps: Pump[];
  barriers: Barrier[];
  /** Inflow hydrographs as they stand (what-if edits included), by inflow id. */
  hydrographs: { id: string; hydrograph: { times: number[]; values: number[] } }[];
  /** Per probe id: the deepest water so far (m) and the arrival time (s, -1 if not yet). */
  probes: { id: string; maxDepth: number; arrival: number }[];
  arrays: { [N in SavedArrayName]: StateArrays[N] };
}

/** Copies of the state's changing arrays (not views: they outlive the memory). */
export function copyArrays(s: SolverState): EngineSnapshot['arrays'] {
  const arrays = {} as Record<SavedArrayName, unknown>;
  for (const name of SAVED_ARRAYS) arrays[name] = s[name].slice();
  return arrays as EngineSnapshot['arrays'];
}

export const plainSeries = (series: Series) => ({ times: Array.from(series.times), values: Array.from(series.values) });

/**
 * Why `snapshot` cannot resume on this state (another grid or scheme, arrays of other lengths),
 * or null when it can.
 */
export function snapshotMismatch(snapshot: EngineSnapshot, s: SolverState): string | null {
  if (snapshot.format !== SNAPSHOT_FORMAT) return `the saved state has format ${String(snapshot.format)}, this engine reads ${SNAPSHOT_FORMAT}`;
  const { nx, ny, dx, scheme } = s.dims;
  if (snapshot.nx !== nx || snapshot.ny !== ny || snapshot.cellSize !== dx) {
    return `the saved state is of a ${snapshot.nx}×${snapshot.ny} grid of ${snapshot.cellSize} m cells, the model ${nx}×${ny} of ${dx} m`;
  }
  if (snapshot.scheme !== scheme) return `the saved state was computed with the ${snapshot.scheme} scheme, this run uses ${scheme}`;
  if (!(Number.isFinite(snapshot.time) && snapshot.time >= 0)) return `the saved state's time ${snapshot.time} is not a time`;
  for (const name of SAVED_ARRAYS) {
    const saved = snapshot.arrays?.[name];
    if (!saved || saved.constructor !== s[name].constructor || saved.length !== s[name].length) return `the saved state's array "${name}" does not fit this model`;
  }
  return null;
}

export function restoreArrays(snapshot: EngineSnapshot, s: SolverState): void {
  for (const name of SAVED_ARRAYS) (s[name] as { set(a: ArrayLike<number>): void }).set(snapshot.arrays[name]);
}
