// Hot start: a run stopped at T, its state saved and resumed in a new engine, ends exactly as
// the run that went on without stopping (both schemes, with rain, an inflow, a pump, a barrier,
// a level boundary and probes).
import { describe, expect, it } from 'vitest';
import type { EngineModel, Scheme } from '../engine/model.ts';
import { createSimulation, type Simulation } from '../engine/simulation.ts';
import { syntheticCity } from '../engine/synthetic-city.ts';
import type { EngineSnapshot } from '../engine/snapshot.ts';
import { readEngineState, writeEngineState } from './engine-state-file.ts';
import { runControl, runSimulation } from './run.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function city(): EngineModel {
  const model = syntheticCity({ nx: 60, ny: 40, rain: 150, inflow: 15 });
  model.boundaries.south = { kind: 'levelSeries', level: { times: [0, 200], values: [0, 3] } };
  return model;
}

const probes = [
  { id: 'a', cell: 10 * 60 + 20 },
  { id: 'b', cell: 30 * 60 + 45 },
];

function start(scheme: Scheme, initialState?: ReturnType<Simulation['snapshotState']>): Simulation {
  return createSimulation({ model: city(), options: { scheme }, probes, initialState });
}

function outcome(sim: Simulation) {
  return {
    time: sim.time,
    steps: sim.steps,
    cellUpdates: sim.cellUpdates,
    mass: sim.massBalance(),
    h: Array.from(sim.state.h),
    maxDepth: Array.from(sim.state.maxDepth),
    maxSpeed: Array.from(sim.state.maxSpeed),
    arrival: Array.from(sim.state.arrival),
    probeMax: sim.probeMaxDepth(),
    probeArrival: sim.probeArrival(),
    pumps: sim.pumps(),
    barriers: sim.barriers(),
  };
}

describe.each<Scheme>(['inertial', 'hll'])('hot start (%s)', (scheme) => {
  it('resumed from the state saved at T, ends bit for bit as the run that did not stop', () => {
    const through = start(scheme);
    through.edit({ kind: 'addPump', pump: { id: 'p', cell: 20 * 60 + 30, capacity: 0.4, dischargeCell: null } });
    through.edit({ kind: 'addBarrier', barrier: { id: 'wall', line: [[5, 20], [50, 22]], height: 0.4 } });
    through.edit({ kind: 'setInflow', id: through.model.inflows[0]!.id, hydrograph: { times: [0, 300], values: [5, 25] } });
    through.advance(120);
    // structured-cloned, as it would cross to another thread or process
    const saved = structuredClone(through.snapshotState());
    expect(saved.time).toBe(through.time);
    through.advance(300);
    const expected = outcome(through);
    expect(expected.steps).toBeGreaterThan(100);
    expect(expected.mass.boundaryIn).toBeGreaterThan(0);

    const resumed = start(scheme, saved);
    expect(resumed.time).toBe(120);
    resumed.advance(300);
    expect(outcome(resumed)).toEqual(expected);
    through.close();
    resumed.close();
  });
});

describe('hot start: saved state files', () => {
  it('writes a state to a file and reads the same back', () => {
    const sim = start('inertial');
    sim.advance(60);
    const file = join(mkdtempSync(join(tmpdir(), 'polder-state-')), 'state.bin');
    const saved = sim.snapshotState();
    writeEngineState(file, saved);
    const read = readEngineState(file);
    expect(read).toEqual(saved);
    expect(read.arrays.h).toBeInstanceOf(Float32Array);
  });

  it('refuses a file that is not a saved engine state, naming it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'polder-state-')), 'not-a-state.bin');
    writeFileSync(file, 'hello');
    expect(() => readEngineState(file)).toThrow(/not-a-state\.bin.*not a saved engine state/);
  });

  it('refuses to resume a state saved on another grid or with another scheme', () => {
    const sim = start('inertial');
    sim.advance(30);
    const saved = sim.snapshotState();
    expect(() => start('hll', saved)).toThrow(/computed with the inertial scheme, this run uses hll/);
    const other = syntheticCity({ nx: 30, ny: 40 });
    expect(() => createSimulation({ model: other, initialState: saved })).toThrow(/60×40 grid of 2 m cells, the model 30×40/);
  });
});

describe('hot start from a running simulation', () => {
  it('hands over the live state between steps, and a run resumed from it ends as the live run does', async () => {
    const control = runControl();
    let taken: EngineSnapshot | null = null;
    const live = await runSimulation({
      model: city(),
      durationSeconds: 120,
      control,
      sampleIntervalSeconds: 20,
      gridTimes: [40],
      // asked for while the run goes on, as the forecast would
      onGrids: () => control.snapshotRequests!.push((state) => (taken = state)),
    });
    expect(taken).not.toBeNull();
    const state = taken as unknown as EngineSnapshot;
    expect(state.time).toBe(40);
    const forecast = await runSimulation({ model: city(), durationSeconds: 120, initialState: state, sampleIntervalSeconds: 20 });
    expect(forecast.summary.startSeconds).toBe(40);
    expect(Array.from(forecast.grids.depth)).toEqual(Array.from(live.grids.depth));
    expect(forecast.summary.massBalance).toEqual(live.summary.massBalance);
  });
});
