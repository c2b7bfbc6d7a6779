import { describe, expect, it } from 'vitest';
import type { Scheme } from '../engine/model.ts';
import { createSimulation } from '../engine/simulation.ts';
import { syntheticCity } from '../engine/synthetic-city.ts';
import { threadTeam } from './thread-team.ts';

async function run(threads: number, scheme: Scheme, ny = 60) {
  const model = syntheticCity({ nx: 80, ny, rain: 200, inflow: 20 });
  model.inflows[0]!.hydrograph = { times: [0], values: [20] };
  const team = threadTeam(threads);
  const sim = createSimulation({ model, options: { scheme }, threads, team: team.team });
  try {
    await team.ready();
    sim.edit({ kind: 'addBarrier', barrier: { id: 'sandbags', line: [[10, ny / 2], [60, ny / 2 + 2]], height: 0.5 } });
    sim.edit({ kind: 'addPump', pump: { id: 'p', cell: Math.floor(ny / 2) * 80 + 40, capacity: 0.5, dischargeCell: null } });
    sim.advance(60);
    return { h: Float32Array.from(sim.state.h), steps: sim.steps, mass: sim.massBalance(), maxDepth: Float32Array.from(sim.state.maxDepth) };
  } finally {
    sim.close();
  }
}

describe.each<Scheme>(['inertial', 'hll'])('threads (%s)', (scheme) => {
  it('gives the same depths with 1, 2 and 3 threads', async () => {
    const one = await run(1, scheme);
    expect(one.steps).toBeGreaterThan(50);
    expect(one.mass.inflow + one.mass.rain).toBeGreaterThan(50);
    for (const threads of [2, 3]) {
      const many = await run(threads, scheme);
      expect(many.steps).toBe(one.steps);
      let worst = 0;
      for (let i = 0; i < one.h.length; i++) worst = Math.max(worst, Math.abs(one.h[i]! - many.h[i]!), Math.abs(one.maxDepth[i]! - many.maxDepth[i]!));
      expect(worst).toBeLessThanOrEqual(1e-6);
      expect(many.mass.stored).toBeCloseTo(one.mass.stored, 6);
      expect(many.mass.errorPercent).toBeLessThan(0.1);
    }
  });
});

describe.each<Scheme>(['inertial', 'hll'])('threads (%s, narrow bands)', (scheme) => {
  // bands of one to five rows: the inertial sweep leaves a band's first two rows and its last
  // to the second pass, the HLL sweep computes the faces past its band's end again, and every
  // such case must give the same water
  it('gives the same depths with 1, 2, 3 and 5 threads on a grid of 9 rows', async () => {
    const one = await run(1, scheme, 9);
    expect(one.steps).toBeGreaterThan(50);
    for (const threads of [2, 3, 5]) {
      const many = await run(threads, scheme, 9);
      expect(many.steps).toBe(one.steps);
      let worst = 0;
      for (let i = 0; i < one.h.length; i++) worst = Math.max(worst, Math.abs(one.h[i]! - many.h[i]!), Math.abs(one.maxDepth[i]! - many.maxDepth[i]!));
      expect(worst).toBeLessThanOrEqual(1e-6);
      expect(many.mass.errorPercent).toBeLessThan(0.1);
    }
  });
});

describe('threads (a worker that cannot start)', () => {
  it('reports the failure and closes without waiting for it', async () => {
    const model = syntheticCity({ nx: 20, ny: 20, rain: 10, inflow: 1 });
    const team = threadTeam(2, new URL('data:text/javascript,throw new Error("no such engine")'));
    const sim = createSimulation({ model, options: {}, threads: 2, team: team.team });
    await expect(team.ready()).rejects.toThrow('no such engine');
    sim.close();
  });
});
