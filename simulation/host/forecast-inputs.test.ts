import { describe, expect, it } from 'vitest';
import { seriesAt, type EngineModel } from '../engine/model.ts';
import { syntheticCity } from '../engine/synthetic-city.ts';
import { createSimulation } from '../engine/simulation.ts';
import { memberScales, memberSetup } from './forecast-inputs.ts';

function city(): EngineModel {
  const model = syntheticCity({ nx: 20, ny: 12, rain: 0, inflow: 5 });
  model.inflows[0]!.hydrograph = { times: [0, 100, 200], values: [0, 10, 4] };
  model.rainfall = { kind: 'uniform', intensity: { times: [0, 100], values: [20, 60] } };
  return model;
}

describe('forecast inputs', () => {
  it('spreads ensemble members evenly around the plain forecast', () => {
    expect(memberScales(1)).toEqual([1]);
    expect(memberScales(5).map((s) => Number(s.toFixed(6)))).toEqual([0.6, 0.8, 1, 1.2, 1.4]);
    expect(() => memberScales(0)).toThrow(/whole number of members/);
  });

  it("from a hot start: persistence holds the start's rates, the scenario basis keeps its series, given series start at the start", () => {
    const model = city();
    const sim = createSimulation({ model });
    sim.advance(150);
    const start = sim.snapshotState();
    sim.close();
    const id = model.inflows[0]!.id;
    const t0 = start.time;
    const persisted = memberSetup(model, { start, aheadSeconds: 600, basis: 'persistence' }, 2, 0.01);
    expect(persisted.t0).toBe(t0);
    const persistedFlow = persisted.start!.hydrographs.find((h) => h.id === id)!.hydrograph;
    expect(seriesAt(persistedFlow, t0 + 500)).toBeCloseTo(2 * seriesAt(model.inflows[0]!.hydrograph, t0), 6);
    expect(persisted.model.rainfall).toEqual({ kind: 'uniform', intensity: { times: [t0], values: [120] } });

    const scenario = memberSetup(model, { start, aheadSeconds: 600 }, 0.5, 0.01);
    expect(seriesAt(scenario.start!.hydrographs.find((h) => h.id === id)!.hydrograph, 200)).toBeCloseTo(2, 6);

    const given = memberSetup(model, { start, aheadSeconds: 600, rain: { times: [0, 60], values: [0, 30] }, inflows: { [id]: { times: [0], values: [7] } } }, 1, 0.01);
    expect(given.model.rainfall).toEqual({ kind: 'uniform', intensity: { times: [t0, t0 + 60], values: [0, 30] } });
    expect(given.start!.hydrographs.find((h) => h.id === id)!.hydrograph).toEqual({ times: [t0], values: [7] });
    // the forecast's envelopes start afresh: wet cells arrive at the start, dry ones not yet
    const h = start.arrays.h;
    for (let i = 0; i < h.length; i++) expect(given.start!.arrays.arrival[i]).toBe(h[i]! > 0.01 ? t0 : -1);
    expect(Array.from(given.start!.arrays.maxDepth)).toEqual(Array.from(h));
    expect(() => memberSetup(model, { start, aheadSeconds: 60, inflows: { nope: { times: [0], values: [1] } } }, 1, 0.01)).toThrow(/inflow "nope"/);
  });
});
