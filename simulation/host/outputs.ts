// Writes a run's results into a folder: summary.json, probes.csv and the grids (ESRI ASCII).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAsciiGrid } from '../scenario/ascii-grid.ts';
import { writeProbesCsv } from '../scenario/probes-csv.ts';
import type { LoadedScenario } from '../scenario/types.ts';
import { prepareOutputDir } from './output-dir.ts';
import type { RunResult, RunSummary } from './run.ts';

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

export function writeRunOutputs(dir: string, scenario: LoadedScenario, result: RunResult): OutputSummary {
  prepareOutputDir(dir);
  const grid = scenario.grid;
  const crs = scenario.crs.epsg;
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
  writeAsciiGrid(join(dir, grids.maxDepth), grid, masked(result.grids.maxDepth, () => false), { crs });
  writeAsciiGrid(join(dir, grids.maxSpeed), grid, masked(result.grids.maxSpeed, () => false), { crs, decimals: 3 });
  writeAsciiGrid(join(dir, grids.arrivalTime), grid, masked(result.grids.arrival, (v) => v < 0), { crs, decimals: 1 });
  writeAsciiGrid(join(dir, grids.hazard), grid, masked(result.grids.hazard, () => false), { crs, decimals: 0 });
  writeAsciiGrid(join(dir, grids.finalDepth), grid, masked(result.grids.depth, () => false), { crs });
  writeProbesCsv(join(dir, 'probes.csv'), result.samples);
  const observations = checkObservations(scenario, result.summary);
  const summary: OutputSummary = {
    scenario: scenario.name,
    ...result.summary,
    observations,
    observationMeanAbsError: meanAbsError(observations),
    grids,
  };
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  return summary;
}
