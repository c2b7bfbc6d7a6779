import { describe, expect, it } from 'vitest';
import { hunter, lakeAtRest, macdonald, ritter, thacker } from '../engine/analytic.ts';
import type { Scheme } from '../engine/model.ts';
import { createSimulation, type Simulation } from '../engine/simulation.ts';

const schemes: Scheme[] = ['inertial', 'hll'];

/** Every case, every scheme: no depth below zero, nothing reset from below zero, mass kept. */
function expectInvariants(sim: Simulation): void {
  const mb = sim.massBalance();
  let min = Infinity;
  for (const d of sim.state.h) min = Math.min(min, d);
  expect(min).toBeGreaterThanOrEqual(0);
  const scale = mb.initial + mb.inflow + mb.rain + mb.boundaryIn;
  expect(mb.roundOff).toBeLessThan(1e-7 * scale);
  expect(mb.errorPercent).toBeLessThan(0.1);
}

describe.each(schemes)('%s scheme', (scheme) => {
  it('keeps a lake at rest over uneven ground, islands and a wall exactly still', () => {
    const model = lakeAtRest();
    const sim = createSimulation({ model, options: { scheme } });
    const before = Float32Array.from(sim.state.h);
    sim.advance(300);
    expect(sim.steps).toBeGreaterThan(100);
    expect(Array.from(sim.state.h)).toEqual(Array.from(before));
    const momentum = scheme === 'inertial' ? [...sim.state.qx, ...sim.state.qy] : [...sim.state.hu, ...sim.state.hv];
    expect(momentum.every((q) => q === 0)).toBe(true);
    expectInvariants(sim);
  });

  it('moves the Hunter et al. (2005) front over a frictional plane', () => {
    const model = hunter.model();
    const sim = createSimulation({ model, options: { scheme } });
    const t = 3600;
    sim.advance(t);
    let worst = 0;
    let front = 0;
    for (let c = 0; c < model.nx; c++) {
      const x = (c + 0.5) * model.cellSize;
      const depth = sim.state.h[c]!;
      if (x <= 2500) worst = Math.max(worst, Math.abs(depth - hunter.depth(x, t)));
      if (depth > 0.01) front = x;
    }
    expect(worst).toBeLessThan(0.03);
    expect(Math.abs(front - hunter.u * t)).toBeLessThan(300);
    expectInvariants(sim);
  });

  it('reaches the MacDonald steady state of a channel fed by an inflow and rain', () => {
    const model = macdonald.model(scheme === 'hll');
    const sim = createSimulation({ model, options: { scheme } });
    sim.advance(5 * 3600);
    const outBefore = sim.massBalance().boundaryOut;
    sim.advance(6 * 3600);
    const outRate = (sim.massBalance().boundaryOut - outBefore) / 3600;
    const inRate = macdonald.discharge(macdonald.length) * model.cellSize;
    expect(Math.abs(outRate - inRate) / inRate).toBeLessThan(0.005);
    let worst = 0;
    for (let c = 1; c < model.nx; c++) worst = Math.max(worst, Math.abs(sim.state.h[c]! - macdonald.depth((c + 0.5) * model.cellSize)));
    expect(worst).toBeLessThan(0.006);
    expectInvariants(sim);
  });

  it("follows Thacker's planar surface oscillating in a paraboloid (wetting and drying)", () => {
    const cells = 100;
    const model = thacker.model(cells);
    const sim = createSimulation({ model, options: { scheme } });
    const period = (2 * Math.PI) / thacker.omega;
    const dx = model.cellSize;
    const centroid = (depth: (i: number, x: number, y: number) => number) => {
      let v = 0;
      let vx = 0;
      let vy = 0;
      for (let r = 0; r < cells; r++) {
        for (let c = 0; c < cells; c++) {
          const x = (c + 0.5) * dx;
          const y = thacker.size - (r + 0.5) * dx;
          const d = depth(r * cells + c, x, y);
          v += d;
          vx += d * x;
          vy += d * y;
        }
      }
      return [vx / v, vy / v] as const;
    };
    for (const fraction of [0.25, 0.5, 0.75, 1]) {
      sim.advance(fraction * period);
      const [sx, sy] = centroid((i) => sim.state.h[i]!);
      const [ax, ay] = centroid((_, x, y) => thacker.depth(x, y, sim.time));
      // the water body's centre swings by ±0.1 m; it must follow within less than a third
      expect(Math.hypot(sx - ax, sy - ay)).toBeLessThan(0.03);
      let err = 0;
      let count = 0;
      for (let r = 0; r < cells; r++) {
        for (let c = 0; c < cells; c++) {
          const exact = thacker.depth((c + 0.5) * dx, thacker.size - (r + 0.5) * dx, sim.time);
          const d = sim.state.h[r * cells + c]!;
          if (exact > 0 || d > 0) {
            err += Math.abs(d - exact);
            count++;
          }
        }
      }
      expect(err / count).toBeLessThan(0.012);
    }
    expectInvariants(sim);
  });

  it('breaks the Ritter dam onto a dry bed', () => {
    const model = ritter.model();
    const sim = createSimulation({ model, options: { scheme } });
    const t = 30;
    sim.advance(t);
    const c0 = Math.sqrt(9.81 * ritter.h0);
    let err = 0;
    let count = 0;
    let front = -Infinity;
    for (let c = 0; c < model.nx; c++) {
      const x = ritter.x(c, model.cellSize);
      const d = sim.state.h[c]!;
      // the whole wave: the rarefaction fan back into the reservoir and the tongue downstream
      if (x >= -c0 * t && x <= 2 * c0 * t) {
        err += Math.abs(d - ritter.depth(x, t));
        count++;
      }
      if (d > 0.01) front = x;
    }
    // Without advection and friction the inertial scheme turns the fan into a bore whose tip
    // lags far behind (de Almeida & Bates 2013): a loose bound for it, a tight one for HLL.
    const tolerance = scheme === 'hll' ? { wave: 0.02, front: [0.7, 1.1] } : { wave: 0.15, front: [0.25, 1.1] };
    expect(err / count).toBeLessThan(tolerance.wave);
    expect(front / (2 * c0 * t)).toBeGreaterThan(tolerance.front[0]!);
    expect(front / (2 * c0 * t)).toBeLessThan(tolerance.front[1]!);
    expectInvariants(sim);
  });
});
