// A forecast: the engine hot-started from a state (or the scenario's start) and run ahead with
// the forecast's rain and inflows, once per ensemble member, in the engine's own thread. Reports
// for every target its peak depth, arrival and hazard (from the plain member) and how many
// members put it over the impact depth; per cell, the share of members over that depth.
import type { EngineOptions } from '../engine/model.ts';
import type { Edit } from '../engine/simulation.ts';
import type { HazardClass } from '../scenario/hazard.ts';
import type { LoadedScenario } from '../scenario/types.ts';
import { createSimulation } from '../engine/simulation.ts';
import { nudgeToObservations, type NudgeReport, type SkippedGauge } from './assimilate.ts';
import { memberScales, memberSetup, type ForecastInputs } from './forecast-inputs.ts';
import type { ImpactTarget, TargetKind } from './impact-targets.ts';
import { impactDepth, runMember, type MemberJob, type MemberResult } from './forecast-member.ts';
import { runMembersInWorkers } from './member-pool.ts';
import { schemeOf, type RunControl, type SteadyExit } from './run.ts';
import { engineModelOf } from './scenario-model.ts';
import { stopwatchMs } from './stopwatch.ts';

export { impactDepth };

/** A forecast member stops once its flood is steady under forcing held to the end (persistence
 * inflows, a rain forecast that has ended): peaks within 1 cm and the water stored within 0.1 %
 * over 5 simulated minutes. Merewether's 60-minute forecast at a held 19.7 or 23 m³/s stops 22–26
 * minutes in from dry; hot-started from a run's 10 min, at 23 or 30 m³/s, 16 or 32 minutes in (a
 * quarter to half the engine time). Every asset's peak, arrival, hazard and probability is the
 * full run's; in the peak-depth grid at most 5 of 26 000 wet cells end 2–4.9 cm shallower (surges
 * still creeping up), none more. */
export const forecastSteadyExit: SteadyExit = { windowSeconds: 300, depthTolerance: 0.01, storageTolerance: 0.001 };

export interface ForecastSpec {
  inputs: ForecastInputs;
  /** Ensemble members (1: the plain forecast only). */
  members: number;
  /** What-if edits in engine terms, applied to every member from its first step. */
  edits?: Edit[];
  engine?: Partial<EngineOptions>;
  threads?: number;
  /** Default `forecastSteadyExit`; null runs every member to the end of the window. */
  steadyExit?: SteadyExit | null;
}

export interface TargetImpact {
  id: string;
  name: string;
  kind: TargetKind;
  shape: ImpactTarget['shape'];
  x: number;
  y: number;
  lonLat: [number, number] | null;
  /** Deepest water (m) over the target's cells in the forecast window. */
  peakDepth: number;
  /** Simulated time (s) water first reaches the impact depth at the target; null if it does not. */
  arrivalSeconds: number | null;
  /** Seconds from the forecast's start until then (0: already there). */
  leadSeconds: number | null;
  /** Worst ARR hazard class over its cells (0 dry, 1–6). */
  hazard: HazardClass;
  /** Share of ensemble members whose peak there reaches the impact depth (0–1). */
  probability: number;
}

export interface ForecastProgress {
  /** 0–1 over all members. */
  fraction: number;
  member: number;
  members: number;
}

export interface ForecastOutcome {
  nx: number;
  ny: number;
  startSeconds: number;
  endSeconds: number;
  scales: number[];
  impacts: TargetImpact[];
  /** The plain member's peak depth (m) and arrival (s, -1 never) per cell, and the per-cell
   * share of members reaching the impact depth; row 0 north. */
  grids: { maxDepth: Float32Array; arrival: Float32Array; probability: Float32Array };
  /** How the start was nudged toward the gauges' observed levels (empty without observations). */
  assimilation: NudgeReport[];
  /** Gauges the nudge could not use (off the grid, on a building), with the reason. */
  assimilationSkipped?: SkippedGauge[];
  /** Simulated time (s) from which the plain member's flood was steady and the rest of the window
   * was not run (its peaks hold); null or absent when it ran to the end. */
  steadyAt?: number | null;
  wallSeconds: number;
}

/** The impact of one member's grids on a target: peak, first arrival at the impact depth
 * (cells that only get shallow water do not count), hazard. */
function impactOn(target: ImpactTarget, maxDepth: ArrayLike<number>, arrivalAtImpact: ArrayLike<number>, hazard: ArrayLike<number>) {
  let peak = 0;
  let arrival = Infinity;
  let worst = 0;
  for (const c of target.cells) {
    peak = Math.max(peak, maxDepth[c]!);
    if (arrivalAtImpact[c]! >= 0) arrival = Math.min(arrival, arrivalAtImpact[c]!);
    worst = Math.max(worst, hazard[c]!);
  }
  return { peak, arrival: Number.isFinite(arrival) ? arrival : null, hazard: worst as HazardClass };
}

/** Runs every member; null when `control.stop` was set before the last member finished. */
export async function runForecast(
  scenario: LoadedScenario,
  targets: readonly ImpactTarget[],
  spec: ForecastSpec,
  control: RunControl,
  onProgress?: (p: ForecastProgress) => void,
  now: () => number = stopwatchMs,
): Promise<ForecastOutcome | null> {
  const started = now();
  if (!(spec.inputs.aheadSeconds > 0)) throw new Error(`a forecast must look ahead a positive time, got ${spec.inputs.aheadSeconds} s`);
  const scales = memberScales(spec.members);
  const plain = scales.reduce((best, s, k) => (Math.abs(s - 1) < Math.abs(scales[best]! - 1) ? k : best), 0);
  const base = engineModelOf(scenario);
  // a pack that names no scheme gets the one its terrain needs, as a simulation run does
  spec = { ...spec, engine: { ...spec.engine, scheme: schemeOf(base, spec.engine, spec.inputs.start ?? undefined) } };
  let assimilation: NudgeReport[] = [];
  let assimilationSkipped: SkippedGauge[] = [];
  if (spec.inputs.observations?.length) {
    // from the scenario's start there is no state yet: the engine's own at t = 0
    let from = spec.inputs.start;
    if (!from) {
      const sim = createSimulation({ model: base, options: spec.engine });
      from = sim.snapshotState();
      sim.close();
    }
    const nudged = nudgeToObservations(from, scenario.grid, base.ground, base.solid, spec.inputs.observations);
    spec = { ...spec, inputs: { ...spec.inputs, start: nudged.state } };
    assimilation = nudged.reports;
    assimilationSkipped = nudged.skipped;
  }
  const wetDepth = spec.engine?.wetDepth ?? 0.01;
  const n = base.nx * base.ny;
  const threads = spec.threads ?? 1;
  const steadyExit = spec.steadyExit === undefined ? forecastSteadyExit : spec.steadyExit;
  const setups = scales.map((scale) => memberSetup(base, spec.inputs, scale, wetDepth));
  const t0 = setups[0]!.t0;
  const end = t0 + spec.inputs.aheadSeconds;
  // side by side, an ensemble's members each take a thread of their own
  const sideBySide = scales.length > 1 && threads > 1;
  const jobs = setups.map((setup): MemberJob => ({ model: setup.model, start: setup.start, t0, aheadSeconds: spec.inputs.aheadSeconds, engine: spec.engine ?? {}, edits: spec.edits ?? [], threads: sideBySide ? 1 : threads, steadyExit }));
  let results: MemberResult[] | null;
  if (sideBySide) {
    results = await runMembersInWorkers(jobs, threads, control, (member, fractions) =>
      onProgress?.({ fraction: fractions.reduce((sum, f) => sum + f, 0) / scales.length, member: member + 1, members: scales.length }),
    );
  } else {
    results = [];
    for (let m = 0; m < jobs.length; m++) {
      const result = await runMember(jobs[m]!, control, (f) => onProgress?.({ fraction: (m + f) / scales.length, member: m + 1, members: scales.length }));
      if (!result) return null;
      results.push(result);
    }
  }
  if (!results) return null;
  const exceed = new Uint16Array(n);
  const hits = new Map<string, number>(targets.map((t) => [t.id, 0]));
  for (const { maxDepth, arrival, hazard } of results) {
    for (let i = 0; i < n; i++) if (maxDepth[i]! >= impactDepth) exceed[i]!++;
    for (const t of targets) if (impactOn(t, maxDepth, arrival, hazard).peak >= impactDepth) hits.set(t.id, hits.get(t.id)! + 1);
  }
  const grids = results[plain]!;
  const impacts = targets.map((t): TargetImpact => {
    const { peak, arrival, hazard } = impactOn(t, grids.maxDepth, grids.arrival, grids.hazard);
    return {
      id: t.id,
      name: t.name,
      kind: t.kind,
      shape: t.shape,
      x: t.x,
      y: t.y,
      lonLat: t.lonLat,
      peakDepth: peak,
      arrivalSeconds: arrival,
      leadSeconds: arrival === null ? null : Math.max(0, arrival - t0),
      hazard,
      probability: hits.get(t.id)! / scales.length,
    };
  });
  const probability = Float32Array.from(exceed, (k) => k / scales.length);
  return { nx: base.nx, ny: base.ny, startSeconds: t0, endSeconds: end, scales, impacts, grids: { maxDepth: grids.maxDepth, arrival: grids.arrival, probability }, assimilation, assimilationSkipped, steadyAt: grids.steadyAt, wallSeconds: (now() - started) / 1000 };
}
