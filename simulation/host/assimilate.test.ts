// Nudging toward observed levels, checked against Merewether's surveyed flood marks taken as the
// gauges' observations: the model's level at each mark moves to it, far cells are untouched, and
// a forecast from the nudged state runs and reports the nudge.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine/simulation.ts';
import { loadScenario } from '../scenario/load.ts';
import { writeTestPack } from '../scenario/test-pack.ts';
import { nudgeToObservations, observedDepth } from './assimilate.ts';
import { runForecast } from './forecast.ts';
import { scenarioTargets } from './impact-targets.ts';
import { runControl } from './run.ts';
import { engineModelOf, engineSettingsOf } from './scenario-model.ts';

describe('assimilation by nudging', () => {
  it("Merewether: the model's level at each surveyed mark moves to the observed one; cells beyond the radius keep their water", async () => {
    const scenario = await loadScenario(join(import.meta.dirname, '..', '..', 'resources', 'scenarios', 'merewether-2007'));
    const model = engineModelOf(scenario);
    const sim = createSimulation({ model, options: engineSettingsOf(scenario) });
    sim.advance(150);
    const state = sim.snapshotState();
    sim.close();
    const observations = scenario.observations.map((o) => ({ id: o.id, x: o.x, y: o.y, stage: o.observedPeakStage! }));
    const { state: nudged, reports } = nudgeToObservations(state, scenario.grid, model.ground, model.solid, observations, { radius: 10, weight: 1 });
    expect(reports).toHaveLength(5);
    const errorBefore = reports.reduce((s, r) => s + Math.abs(r.before - r.observed), 0) / reports.length;
    const errorAfter = reports.reduce((s, r) => s + Math.abs(r.after - r.observed), 0) / reports.length;
    console.log(`nudged at the marks: mean |model − observed| ${errorBefore.toFixed(3)} m → ${errorAfter.toFixed(3)} m`);
    expect(errorAfter).toBeLessThan(errorBefore / 2);
    for (const r of reports) expect(Math.abs(r.after - r.observed)).toBeLessThanOrEqual(Math.abs(r.before - r.observed) + 1e-6);
    // a cell far from every mark is left alone, and the books count the water added
    const far = 0;
    expect(nudged.arrays.h[far]).toBe(state.arrays.h[far]);
    const added = Array.from(nudged.arrays.h).reduce((s, h, i) => s + (h - state.arrays.h[i]!), 0) * scenario.grid.cellSize ** 2;
    expect(nudged.volumes.initial - state.volumes.initial).toBeCloseTo(added, 0);

    const outcome = await runForecast(scenario, scenarioTargets(scenario), { inputs: { start: state, aheadSeconds: 30, observations }, members: 1, engine: engineSettingsOf(scenario) }, runControl());
    expect(outcome!.assimilation.map((r) => r.id).sort()).toEqual(observations.map((o) => o.id).sort());
    expect(outcome!.startSeconds).toBeCloseTo(150, 6);
  });

  it('a depth reading is a depth on the model\'s bed: below ground it is a dry gauge, never a negative depth, and a dry gauge wets nothing', async () => {
    const scenario = await loadScenario(writeTestPack());
    const model = engineModelOf(scenario);
    const sim = createSimulation({ model, options: engineSettingsOf(scenario) });
    sim.advance(60);
    const state = sim.snapshotState();
    sim.close();
    const h = state.arrays.h;
    const wet = h.indexOf(Math.max(...h));
    const [x, y] = [scenario.grid.xll + ((wet % 10) + 0.5) * 2, scenario.grid.yll + (7 - Math.floor(wet / 10) + 0.5) * 2];
    expect(observedDepth({ id: 'g', x, y, depth: -0.4 }, 5)).toBe(0);
    expect(observedDepth({ id: 'g', x, y, stage: 4.2 }, 5)).toBe(0);
    expect(observedDepth({ id: 'g', x, y, stage: 5.3 }, 5)).toBeCloseTo(0.3, 9);

    const below = nudgeToObservations(state, scenario.grid, model.ground, model.solid, [{ id: 'g', x, y, depth: -0.4 }]);
    expect(below.reports[0]).toMatchObject({ bed: model.ground[wet], observedDepth: 0, depthAfter: 0 });
    expect(below.reports[0]!.depthBefore).toBeCloseTo(h[wet]!, 6);
    expect(Math.min(...below.state.arrays.h)).toBeGreaterThanOrEqual(0);
    expect(below.state.volumes.initial).toBeLessThan(state.volumes.initial);

    // a dry cell reading 0 m: the water surface is no higher than its bed, so no cell gains water
    const dry = h.findIndex((d, i) => d === 0 && !model.solid[i] && i % 10 < 9 && h[i + 1] === 0);
    const [dx, dy] = [scenario.grid.xll + ((dry % 10) + 0.5) * 2, scenario.grid.yll + (7 - Math.floor(dry / 10) + 0.5) * 2];
    const dryGauge = nudgeToObservations(state, scenario.grid, model.ground, model.solid, [{ id: 'd', x: dx, y: dy, depth: 0 }]);
    expect(Array.from(dryGauge.state.arrays.h).every((d, i) => d <= h[i]!)).toBe(true);
    // and the same cell reading 0.3 m holds 0.3 m on the model's bed there
    const wetGauge = nudgeToObservations(state, scenario.grid, model.ground, model.solid, [{ id: 'd', x: dx, y: dy, depth: 0.3 }]);
    expect(wetGauge.reports[0]).toMatchObject({ observedDepth: expect.closeTo(0.3, 6), depthBefore: 0, depthAfter: expect.closeTo(0.3, 6) });
    expect(wetGauge.state.arrays.h[dry]).toBeCloseTo(0.3, 6);
  });

  it('skips a gauge off the grid or on a building, saying why, and still nudges toward the others', async () => {
    const scenario = await loadScenario(writeTestPack());
    const model = engineModelOf(scenario);
    const sim = createSimulation({ model, options: engineSettingsOf(scenario) });
    const state = sim.snapshotState();
    sim.close();
    const centre = (cell: number) => [scenario.grid.xll + ((cell % 10) + 0.5) * 2, scenario.grid.yll + (7 - Math.floor(cell / 10) + 0.5) * 2] as const;
    // the test pack has no buildings: raise one on a cell the street gauge is far from
    const open = Array.from(model.solid).indexOf(0);
    const building = model.solid.length - 1;
    const solid = Uint8Array.from(model.solid, (s, i) => (i === building ? 1 : s));
    const [bx, by] = centre(building);
    const [ox, oy] = centre(open);
    const { reports, skipped } = nudgeToObservations(state, scenario.grid, model.ground, solid, [
      { id: 'off-grid', x: scenario.grid.xll - 50, y: by, depth: 0.2 },
      { id: 'on-roof', x: bx, y: by, depth: 0.2 },
      { id: 'street', x: ox, y: oy, depth: 0.2 },
    ]);
    expect(reports.map((r) => r.id)).toEqual(['street']);
    expect(skipped).toEqual([
      { id: 'off-grid', reason: expect.stringMatching(/outside the model's grid/) },
      { id: 'on-roof', reason: expect.stringMatching(/on a building/) },
    ]);
  });
});
