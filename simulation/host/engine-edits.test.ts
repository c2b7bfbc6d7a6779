import { describe, expect, it } from 'vitest';
import type { EngineModel, Scheme } from '../engine/model.ts';
import { createSimulation, EngineError } from '../engine/simulation.ts';

/** A flat 20×10 basin of 1 m cells, closed all round, with a 0.5 m pond in its west half. */
function basin(): EngineModel {
  const nx = 20;
  const ny = 10;
  const initialDepth = new Float32Array(nx * ny);
  for (let r = 0; r < ny; r++) for (let c = 0; c < 10; c++) initialDepth[r * nx + c] = 0.5;
  return {
    nx,
    ny,
    cellSize: 1,
    ground: new Float32Array(nx * ny),
    solid: new Uint8Array(nx * ny),
    manning: new Float32Array(nx * ny).fill(0.03),
    initialDepth,
    inflows: [{ id: 'tap', cells: [5 * nx + 2], weights: [1], hydrograph: { times: [0], values: [0.5] } }],
    rainfall: null,
    boundaries: { north: { kind: 'closed' }, east: { kind: 'closed' }, south: { kind: 'closed' }, west: { kind: 'closed' } },
    pumps: [],
    barriers: [],
  };
}

const eastVolume = (h: Float32Array, nx: number) => {
  let v = 0;
  for (let i = 0; i < h.length; i++) if (i % nx >= 12) v += h[i]!;
  return v;
};

describe.each<Scheme>(['inertial', 'hll'])('what-if edits (%s)', (scheme) => {
  it('a pump never takes more than its cell holds, and the books balance', () => {
    const model = basin();
    const sim = createSimulation({ model, options: { scheme } });
    // far more capacity than the whole basin holds, in a cell at the dry east end
    sim.edit({ kind: 'addPump', pump: { id: 'big', cell: 5 * 20 + 18, capacity: 1000, dischargeCell: null } });
    sim.advance(120);
    const mb = sim.massBalance();
    expect(mb.pumpedOut).toBeGreaterThan(0);
    expect(mb.pumpedOut).toBeLessThanOrEqual(mb.initial + mb.inflow + 1e-6);
    expect(Math.min(...sim.state.h)).toBeGreaterThanOrEqual(0);
    expect(mb.errorPercent).toBeLessThan(0.1);
    expect(mb.roundOff).toBeLessThan(1e-7 * (mb.initial + mb.inflow));
  });

  it('a pump takes its capacity while there is water, and moves it when it discharges elsewhere', () => {
    const model = basin();
    model.inflows = [];
    model.initialDepth!.fill(0.5);
    const sim = createSimulation({ model, options: { scheme } });
    sim.edit({ kind: 'addPump', pump: { id: 'p', cell: 5 * 20 + 3, capacity: 0.2, dischargeCell: 5 * 20 + 17 } });
    sim.advance(10);
    const mb = sim.massBalance();
    expect(mb.pumpedMoved).toBeCloseTo(0.2 * 10, 3);
    expect(mb.pumpedOut).toBeLessThan(1e-4);
    expect(mb.stored).toBeCloseTo(mb.initial, 3);
    sim.edit({ kind: 'removePump', id: 'p' });
    sim.advance(20);
    expect(sim.massBalance().pumpedMoved).toBeCloseTo(0.2 * 10, 3);
  });

  it('a barrier holds the water back until it is removed', () => {
    const model = basin();
    model.inflows = [];
    const sim = createSimulation({ model, options: { scheme } });
    // a wall from the north to the south edge between columns 11 and 12
    sim.edit({ kind: 'addBarrier', barrier: { id: 'wall', line: [[12, -1], [12, 11]], height: 2 } });
    sim.advance(60);
    expect(eastVolume(sim.state.h, 20)).toBe(0);
    sim.edit({ kind: 'removeBarrier', id: 'wall' });
    sim.advance(120);
    expect(eastVolume(sim.state.h, 20)).toBeGreaterThan(1);
    expect(sim.massBalance().errorPercent).toBeLessThan(0.1);
  });

  it('an inflow change applies from the next step', () => {
    const model = basin();
    const sim = createSimulation({ model, options: { scheme } });
    sim.advance(10);
    const before = sim.massBalance().inflow;
    expect(before).toBeCloseTo(5, 3);
    sim.edit({ kind: 'setInflow', id: 'tap', hydrograph: { times: [0], values: [0] } });
    sim.advance(30);
    expect(sim.massBalance().inflow).toBeCloseTo(before, 6);
  });

  it('refuses edits that cannot apply, changing nothing', () => {
    const model = basin();
    model.solid[0] = 1;
    const sim = createSimulation({ model, options: { scheme } });
    expect(() => sim.edit({ kind: 'addPump', pump: { id: 'x', cell: 10_000, capacity: 1, dischargeCell: null } })).toThrow(/outside the grid/);
    expect(() => sim.edit({ kind: 'addPump', pump: { id: 'x', cell: 0, capacity: 1, dischargeCell: null } })).toThrow(/solid/);
    expect(() => sim.edit({ kind: 'addPump', pump: { id: 'x', cell: 1, capacity: -1, dischargeCell: null } })).toThrow(EngineError);
    expect(() => sim.edit({ kind: 'removeBarrier', id: 'none' })).toThrow(/no barrier/);
    expect(() => sim.edit({ kind: 'setInflow', id: 'none', hydrograph: { times: [0], values: [1] } })).toThrow(/no inflow/);
    expect(sim.pumps()).toEqual([]);
  });
});

describe('model checks', () => {
  it('rejects grids and inputs that do not fit', () => {
    const model = basin();
    expect(() => createSimulation({ model: { ...model, manning: new Float32Array(3) } })).toThrow(/manning has 3 cells/);
    const bad = basin();
    bad.manning[7] = -0.01;
    expect(() => createSimulation({ model: bad })).toThrow(/Manning's n at cell 7/);
    const inflow = basin();
    inflow.inflows[0]!.cells = [999];
    expect(() => createSimulation({ model: inflow })).toThrow(/inflow tap: cell 999 is outside the grid/);
  });
});

describe('rain', () => {
  it('gridded rain falls frame by frame where the grid says, and is all accounted for', () => {
    const model = basin();
    model.inflows = [];
    model.initialDepth!.fill(0);
    const n = model.nx * model.ny;
    const east = new Float32Array(n);
    for (let i = 0; i < n; i++) if (i % model.nx >= 10) east[i] = 36; // mm/h = 1e-5 m/s
    model.rainfall = { kind: 'gridded', times: [0, 100], frames: [east, new Float32Array(n)] };
    const sim = createSimulation({ model });
    sim.advance(200);
    const mb = sim.massBalance();
    expect(mb.rain).toBeCloseTo(100 * 1e-5 * 100, 6);
    expect(mb.stored).toBeCloseTo(mb.rain, 6);
    let west = 0;
    for (let i = 0; i < n; i++) if (i % model.nx < 9) west += sim.state.h[i]!;
    expect(west).toBeLessThan(0.05 * mb.rain);
  });
});
