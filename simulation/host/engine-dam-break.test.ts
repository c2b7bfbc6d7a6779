// The finite-volume (HLL) scheme against the exact dam breaks, frictionless and flat, 1 m cells,
// 30 s after the dam goes: Ritter's onto a dry bed (a rarefaction and a thin tongue) and
// Stoker's onto still water (a rarefaction, a uniform middle state and a bore). First order, so
// the bounds are those of a first-order scheme on this grid, measured and set just above:
// the Riemann problem's middle state to 0.5 %, the bore to two cells, and errors that fall as
// the cells shrink.
import { describe, expect, it } from 'vitest';
import { ritter, stoker } from '../engine/analytic.ts';
import { createSimulation } from '../engine/simulation.ts';

const g = 9.81;
const t = 30;

function run(problem: typeof ritter | typeof stoker, dx: number) {
  const model = problem.model(dx);
  const sim = createSimulation({ model, options: { scheme: 'hll' } });
  sim.advance(t);
  const c0 = Math.sqrt(g * problem.h0);
  let err = 0;
  let count = 0;
  // the whole wave: from the rarefaction's head to the tongue's tip or the bore
  for (let c = 0; c < model.nx; c++) {
    const x = problem.x(c, dx);
    if (x < -c0 * t || x > 2 * c0 * t) continue;
    err += Math.abs(sim.state.h[c]! - problem.depth(x, t));
    count++;
  }
  return { sim, nx: model.nx, meanError: err / count, mass: sim.massBalance().errorPercent };
}

describe('dam breaks, HLL against the exact solutions', () => {
  it("Ritter's onto a dry bed: the fan and the tongue to 7 mm on average, the tip within 15 %", () => {
    const fine = run(ritter, 1);
    const coarse = run(ritter, 2);
    console.log(`Ritter: mean abs error ${fine.meanError.toFixed(4)} m on 1 m cells, ${coarse.meanError.toFixed(4)} m on 2 m`);
    expect(fine.meanError).toBeLessThan(0.007);
    expect(fine.meanError).toBeLessThan(0.75 * coarse.meanError);
    // where the exact tongue is 1 cm deep, (2c0 − x/t)² = 9g·0.01
    const c0 = Math.sqrt(g * ritter.h0);
    const exactTip = (2 * c0 - Math.sqrt(9 * g * 0.01)) * t;
    let tip = -Infinity;
    for (let c = 0; c < fine.nx; c++) if (fine.sim.state.h[c]! > 0.01) tip = ritter.x(c, 1);
    expect(tip / exactTip).toBeGreaterThan(0.85);
    expect(tip / exactTip).toBeLessThan(1.02);
    expect(fine.mass).toBeLessThan(1e-5);
  });

  it("Stoker's onto still water: the middle state to 0.5 %, the bore to two cells, 5.5 mm on average", () => {
    const { hm, um, bore } = stoker.middle();
    // the textbook case: 1 m onto 0.1 m gives a middle state of 0.396 m
    expect(hm).toBeCloseTo(0.3962, 4);
    const fine = run(stoker, 1);
    const coarse = run(stoker, 2);
    console.log(`Stoker: mean abs error ${fine.meanError.toFixed(4)} m on 1 m cells, ${coarse.meanError.toFixed(4)} m on 2 m`);
    expect(fine.meanError).toBeLessThan(0.0055);
    expect(fine.meanError).toBeLessThan(0.75 * coarse.meanError);
    const { sim, nx } = fine;
    const tail = (um - Math.sqrt(g * hm)) * t;
    let plateau = 0;
    let boreAt = -Infinity;
    for (let c = 0; c < nx; c++) {
      const x = stoker.x(c, 1);
      const d = sim.state.h[c]!;
      if (x > tail + 10 && x < bore * t - 10) {
        plateau = Math.max(plateau, Math.abs(d - hm) / hm);
        expect(Math.abs(sim.state.hu[c]! / d - um) / um).toBeLessThan(0.01);
      }
      if (d > (hm + stoker.h1) / 2) boreAt = x;
    }
    expect(plateau).toBeLessThan(0.005);
    expect(Math.abs(boreAt - bore * t)).toBeLessThan(2);
    expect(fine.mass).toBeLessThan(1e-5);
  });
});
