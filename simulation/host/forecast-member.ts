// One ensemble member of a forecast: the engine run over the forecast window, keeping what the
// forecast needs of it (peaks, arrival at the impact depth, hazard). Runs in the engine's thread,
// or in a member worker when the members of an ensemble run side by side.
import type { EngineModel, EngineOptions } from '../engine/model.ts';
import type { Edit } from '../engine/simulation.ts';
import type { EngineSnapshot } from '../engine/snapshot.ts';
import { runSimulation, type RunControl, type SteadyExit } from './run.ts';

/** Water at least this deep (m) counts as reaching a target or a cell in the probabilities. */
export const impactDepth = 0.15;

/** Everything a member needs, as plain data (it may be posted to a worker). */
export interface MemberJob {
  model: EngineModel;
  start: EngineSnapshot | undefined;
  /** Simulated time (s) the forecast starts at. */
  t0: number;
  aheadSeconds: number;
  engine: Partial<EngineOptions>;
  edits: Edit[];
  threads: number;
  steadyExit: SteadyExit | null;
}

export interface MemberResult {
  maxDepth: Float32Array;
  /** Simulated time (s) water first reached the impact depth per cell, -1 never. */
  arrival: Float32Array;
  hazard: Uint8Array;
  steadyAt: number | null;
}

/** Runs one member; null when `control.stop` was set before it finished. `onFraction`: 0–1 of its window. */
export async function runMember(job: MemberJob, control: RunControl, onFraction?: (fraction: number) => void): Promise<MemberResult | null> {
  const { model, t0, aheadSeconds } = job;
  const n = model.nx * model.ny;
  const end = t0 + aheadSeconds;
  control.edits.push(...job.edits);
  // arrival at the impact depth, not at the engine's wet depth: sampled every 10 s
  const arrival = new Float32Array(n).fill(-1);
  const mark = (time: number, depth: ArrayLike<number>) => {
    for (let i = 0; i < n; i++) if (arrival[i]! < 0 && depth[i]! >= impactDepth) arrival[i] = time;
  };
  if (job.start) mark(t0, job.start.arrays.h);
  else if (model.initialDepth) mark(0, model.initialDepth);
  const gridTimes = Array.from({ length: Math.ceil(aheadSeconds / 10) }, (_, k) => Math.min(end, t0 + 10 * (k + 1)));
  const result = await runSimulation({
    model,
    engine: job.engine,
    threads: job.threads,
    durationSeconds: end,
    initialState: job.start,
    sampleIntervalSeconds: 30,
    gridTimes,
    gridsDepthOnly: true,
    onGrids: (g) => mark(g.time, g.depth),
    ...(job.steadyExit ? { steadyExit: job.steadyExit } : {}),
    control,
    onProgress: (p) => onFraction?.(Math.min(1, (p.time - t0) / aheadSeconds)),
  });
  if (result.summary.stopped) return null;
  onFraction?.(1);
  return { maxDepth: result.grids.maxDepth, arrival, hazard: result.grids.hazard, steadyAt: result.steadyAt };
}
