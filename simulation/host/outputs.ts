// Writes a run's results into a folder: summary.json, probes.csv and the grids (ESRI ASCII).
// `prepareOutputs` checks all it can before the run (the folder can be written, the CRS has a
// .prj), so a run's results are never lost to a failure that could have been known before it.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAsciiGrid } from '../scenario/ascii-grid.ts';
import { prjOfCrs } from '../scenario/prj.ts';
import { writeProbesCsv } from '../scenario/probes-csv.ts';
import type { LoadedScenario } from '../scenario/types.ts';
import { OutputError, prepareOutputDir } from './output-dir.ts';
import type { GridSnapshot, RunResult, RunSummary } from './run.ts';

/** Where and how a run's outputs go, checked before the run. */
export interface OutputPlan {
  dir: string;
  /** The .prj written beside every grid. */
  prj: string;
}

/** Creates the folder and proves it writable, and finds the grids' .prj; throws OutputError. */
export function prepareOutputs(dir: string, scenario: Pick<LoadedScenario, 'crs'>): OutputPlan {
  let prj: string;
  try {
    prj = prjOfCrs(scenario.crs.epsg);
  } catch (error) {
    throw new OutputError(`cannot write grids in ${scenario.crs.epsg}: ${(error as Error).message}`, { cause: error });
  }
  prepareOutputDir(dir);
  const probe = join(dir, `.polder-write-check-${process.pid}`);
  try {
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    throw new OutputError(`cannot write results to ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
  return { dir, prj };
}

export interface SnapshotFiles {
  time: number;
  depth: string;
  speed: string;
}

/** Depth and speed at one chosen time: depth-<t>s.asc and speed-<t>s.asc. */
export function writeGridSnapshot(plan: OutputPlan, scenario: LoadedScenario, snapshot: GridSnapshot): SnapshotFiles {
  const label = `${Number(snapshot.time.toFixed(3))}s`;
  const files = { time: snapshot.time, depth: `depth-${label}.asc`, speed: `speed-${label}.asc` };
  const masked = (values: Float32Array) => values.map((v, i) => (scenario.solid[i] ? NaN : v));
  writeAsciiGrid(join(plan.dir, files.depth), scenario.grid, masked(snapshot.depth), { prj: plan.prj });
  writeAsciiGrid(join(plan.dir, files.speed), scenario.grid, masked(snapshot.speed), { prj: plan.prj, decimals: 3 });
  return files;
}

export interface ObservationCheck {
  id: string;
  observedPeakStage: number;
  simulatedPeakStage: number;
  error: number;
}

export interface OutputSummary extends RunSummary {
  scenario: string;
  observations: ObservationCheck[];
  /** Mean absolute error of the simulated peak stage at the observation points, m. */
  observationMeanAbsError: number | null;
  grids: Record<string, string>;
  /** Grids at the times asked for (--snapshots). */
  snapshots: SnapshotFiles[];
}

/** Simulated against observed peak stage at every observation point that has one. */
export function checkObservations(scenario: LoadedScenario, summary: RunSummary): ObservationCheck[] {
  const checks: ObservationCheck[] = [];
  for (const o of scenario.observations) {
    const probe = summary.probes.find((p) => p.id === o.id);
    if (!probe || o.observedPeakStage === null) continue;
    checks.push({ id: o.id, observedPeakStage: o.observedPeakStage, simulatedPeakStage: probe.maxStage, error: probe.maxStage - o.observedPeakStage });
  }
  return checks;
}

export function meanAbsError(checks: ObservationCheck[]): number | null {
  return checks.length ? checks.reduce((sum, c) => sum + Math.abs(c.error), 0) / checks.length : null;
}

export function writeRunOutputs(plan: OutputPlan, scenario: LoadedScenario, result: RunResult, snapshots: SnapshotFiles[] = []): OutputSummary {
  const { dir, prj } = plan;
  prepareOutputDir(dir);
  const grid = scenario.grid;
  const masked = (values: ArrayLike<number>, dryValue: (v: number) => boolean) => {
    const out = new Float32Array(values.length);
    for (let i = 0; i < out.length; i++) out[i] = scenario.solid[i] || dryValue(values[i]!) ? NaN : values[i]!;
    return out;
  };
  const grids = {
    maxDepth: 'max-depth.asc',
    maxSpeed: 'max-speed.asc',
    arrivalTime: 'arrival-time.asc',
    hazard: 'hazard.asc',
    finalDepth: 'final-depth.asc',
  };
  writeAsciiGrid(join(dir, grids.maxDepth), grid, masked(result.grids.maxDepth, () => false), { prj });
  writeAsciiGrid(join(dir, grids.maxSpeed), grid, masked(result.grids.maxSpeed, () => false), { prj, decimals: 3 });
  writeAsciiGrid(join(dir, grids.arrivalTime), grid, masked(result.grids.arrival, (v) => v < 0), { prj, decimals: 1 });
  writeAsciiGrid(join(dir, grids.hazard), grid, masked(result.grids.hazard, () => false), { prj, decimals: 0 });
  writeAsciiGrid(join(dir, grids.finalDepth), grid, masked(result.grids.depth, () => false), { prj });
  writeProbesCsv(join(dir, 'probes.csv'), result.samples);
  const observations = checkObservations(scenario, result.summary);
  const summary: OutputSummary = {
    scenario: scenario.name,
    ...result.summary,
    observations,
    observationMeanAbsError: meanAbsError(observations),
    grids,
    snapshots,
  };
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  return summary;
}
