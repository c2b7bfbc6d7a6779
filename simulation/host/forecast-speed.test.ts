// What makes forecasts fast must not change what they say: a run that stops once its flood is
// steady ends with the peaks of the run that went on, and only stops when the forcing is held;
// an ensemble's members side by side on worker threads give the members one after another.
import { describe, expect, it } from 'vitest';
import { syntheticCity } from '../engine/synthetic-city.ts';
import { loadScenario } from '../scenario/load.ts';
import { writeAssetPack } from './asset-pack.ts';
import { runForecast } from './forecast.ts';
import type { MemberJob } from './forecast-member.ts';
import { runMembersInWorkers } from './member-pool.ts';
import { scenarioTargets } from './impact-targets.ts';
import { runControl, runSimulation, type SteadyExit } from './run.ts';

const steadyExit: SteadyExit = { windowSeconds: 120, depthTolerance: 0.01, storageTolerance: 0.001 };

function city(held: boolean) {
  const model = syntheticCity({ nx: 40, ny: 40, rain: 0, inflow: 5 });
  model.inflows[0]!.hydrograph = held ? { times: [0], values: [5] } : { times: [0, 3600], values: [5, 10] };
  return model;
}

describe('forecast speed-ups', () => {
  it('a run under held forcing stops once steady, its peaks within the tolerance of the full run', async () => {
    const model = city(true);
    const full = await runSimulation({ model, durationSeconds: 1800, sampleIntervalSeconds: 30 });
    const fast = await runSimulation({ model, durationSeconds: 1800, sampleIntervalSeconds: 30, steadyExit });
    expect(full.steadyAt).toBeNull();
    expect(fast.steadyAt).toBeGreaterThan(steadyExit.windowSeconds);
    expect(fast.steadyAt).toBeLessThan(1200);
    expect(fast.summary.steps).toBeLessThan(full.summary.steps);
    let worst = 0;
    for (let i = 0; i < full.grids.maxDepth.length; i++) worst = Math.max(worst, Math.abs(full.grids.maxDepth[i]! - fast.grids.maxDepth[i]!));
    expect(worst).toBeLessThan(0.02);
    expect(Math.max(...full.grids.maxDepth)).toBeGreaterThan(0.3);
  });

  it('a run whose inflow still changes runs to its end', async () => {
    const run = await runSimulation({ model: city(false), durationSeconds: 900, sampleIntervalSeconds: 30, steadyExit });
    expect(run.steadyAt).toBeNull();
    expect(run.summary.simulatedSeconds).toBeCloseTo(900, 6);
  });

  it('an ensemble on two threads, members side by side, says what it says one member after another', async () => {
    const scenario = await loadScenario(writeAssetPack());
    const targets = scenarioTargets(scenario);
    const spec = { inputs: { start: null, aheadSeconds: 300 }, members: 3 };
    const progress: number[] = [];
    const apart = (await runForecast(scenario, targets, { ...spec, threads: 2 }, runControl(), (p) => progress.push(p.fraction)))!;
    const serial = (await runForecast(scenario, targets, { ...spec, threads: 1 }, runControl()))!;
    expect(apart.impacts).toEqual(serial.impacts);
    expect(apart.grids.maxDepth).toEqual(serial.grids.maxDepth);
    expect(apart.grids.arrival).toEqual(serial.grids.arrival);
    expect(apart.grids.probability).toEqual(serial.grids.probability);
    // the members differ, so the comparison is of three runs, not one
    expect(apart.grids.probability.some((v) => v > 0 && v < 1)).toBe(true);
    expect(progress.at(-1)).toBeCloseTo(1, 6);
  });

  it('a side-by-side ensemble stops when asked', async () => {
    // members far longer than the test: each would run for many seconds
    const model = syntheticCity({ nx: 200, ny: 200, rain: 0, inflow: 20 });
    model.inflows[0]!.hydrograph = { times: [0], values: [20] };
    const job: MemberJob = { model, start: undefined, t0: 0, aheadSeconds: 3600, engine: {}, edits: [], threads: 1, steadyExit: null };
    const control = runControl();
    const reports: number[] = [];
    const results = await runMembersInWorkers([job, job, job], 2, control, (member) => {
      reports.push(member);
      control.stop = true;
    });
    expect(results).toBeNull();
    expect(reports.length).toBeGreaterThan(0);
  });
});
