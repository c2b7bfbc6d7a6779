// Boundaries over parts of edges, and series with step changes.
import { describe, expect, it } from 'vitest';
import type { EngineModel, Scheme } from '../engine/model.ts';
import { createSimulation } from '../engine/simulation.ts';

/** A flat, closed basin of 2 m cells, ground at 0. */
function basin(nx = 30, ny = 20): EngineModel {
  const n = nx * ny;
  return {
    nx,
    ny,
    cellSize: 2,
    ground: new Float32Array(n),
    solid: new Uint8Array(n),
    manning: new Float32Array(n).fill(0.03),
    inflows: [],
    rainfall: null,
    boundaries: { north: { kind: 'closed' }, east: { kind: 'closed' }, south: { kind: 'closed' }, west: { kind: 'closed' } },
    pumps: [],
    barriers: [],
  };
}

describe.each<Scheme>(['inertial', 'hll'])('edge segments (%s)', (scheme) => {
  it('lets water in over a level segment only, and fills the basin to its level', () => {
    const model = basin();
    model.edgeSegments = [{ edge: 'west', from: 8, to: 11, boundary: { kind: 'level', level: 0.5 } }];
    const sim = createSimulation({ model, options: { scheme } });
    sim.advance(4);
    // the first water is by the segment, none yet at the west edge's ends
    expect(sim.state.h[9 * 30]!).toBeGreaterThan(0.05);
    expect(sim.state.h[0]).toBeLessThan(1e-6);
    expect(sim.state.h[19 * 30]).toBeLessThan(1e-6);
    sim.advance(1200);
    const mb = sim.massBalance();
    for (const i of [0, 19 * 30 + 29, 10 * 30 + 15]) expect(sim.state.h[i]!).toBeCloseTo(0.5, 2);
    expect(mb.boundaryIn).toBeGreaterThan(0.49 * 30 * 20 * 4);
    expect(mb.errorPercent).toBeLessThan(1e-3);
  });

  it('drains over an open segment and nowhere else', () => {
    const model = basin();
    // falling gently to the south: an open edge lets water out down the slope
    for (let r = 0; r < 20; r++) model.ground.fill(-0.01 * r, r * 30, r * 30 + 30);
    model.initialDepth = new Float32Array(30 * 20).fill(0.3);
    model.edgeSegments = [{ edge: 'south', from: 20, to: 29, boundary: { kind: 'open' } }];
    const sim = createSimulation({ model, options: { scheme } });
    sim.advance(30);
    const mb = sim.massBalance();
    expect(mb.boundaryOut).toBeGreaterThan(1);
    expect(mb.boundaryIn).toBe(0);
    // through the segment's faces of the south edge, none through the rest of it
    const south = scheme === 'inertial' ? sim.state.qy : sim.state.fyh;
    for (let c = 0; c < 30; c++) {
      if (c < 20) expect(south[20 * 30 + c], `column ${c}`).toBe(0);
      else expect(south[20 * 30 + c], `column ${c}`).toBeGreaterThan(0);
    }
    expect(mb.errorPercent).toBeLessThan(1e-3);
  });

  it('follows a level series on a segment, steps included, from exactly the step time', () => {
    const model = basin();
    model.edgeSegments = [{ edge: 'north', from: 0, to: 29, boundary: { kind: 'levelSeries', level: { times: [0, 60, 60, 600], values: [0, 0, 0.4, 0.4] } } }];
    const sim = createSimulation({ model, options: { scheme } });
    sim.advance(60);
    expect(sim.time).toBe(60);
    expect(sim.massBalance().boundaryIn).toBe(0);
    sim.advance(61);
    expect(sim.massBalance().boundaryIn).toBeGreaterThan(0);
  });

  it('refuses a segment outside its edge', () => {
    const model = basin();
    model.edgeSegments = [{ edge: 'east', from: 5, to: 20, boundary: { kind: 'open' } }];
    expect(() => createSimulation({ model, options: { scheme } })).toThrow(/edge segment 0 \(east\): cells 5…20 are not within 0…19/);
  });
});

describe('series with a step change', () => {
  it('lets in exactly the volume of a stepped inflow (no time step straddles the step)', () => {
    const model = basin();
    model.inflows = [{ id: 'gate', cells: [10 * 30 + 3], weights: [1], hydrograph: { times: [0, 100, 100, 300], values: [0, 0, 2, 2] } }];
    const sim = createSimulation({ model });
    sim.advance(100);
    expect(sim.massBalance().inflow).toBe(0);
    sim.advance(250);
    // to float32 round-off of the depths; a step straddling t = 100 would be off by up to 2 m³/s × dt
    expect(sim.massBalance().inflow).toBeCloseTo(300, 3);
  });
});
