// Water-level gauges in forecasts, through a real app: a gauge reads depth above the ground; the
// forecast's start is nudged toward it on the model's bed there, and the gauge's skill is measured
// in the same depths.
import { afterEach, describe, expect, it } from 'vitest';
import type { ForecastRecord } from '../api/decide.ts';
import type { PolderApp } from '../app.ts';
import { observationsTopic } from '../sensors/payload.ts';
import { call, testApp, testGauge } from '../rpc/test-app.ts';

let t: Awaited<ReturnType<typeof testApp>> | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const nextFinished = (app: PolderApp) =>
  new Promise<ForecastRecord>((resolve) => {
    const off = app.pushes.listen((event, payload) => {
      if (event !== 'forecast.finished') return;
      off();
      resolve(payload as ForecastRecord);
    });
  });

const floats = (base64: string) => {
  const bytes = Buffer.from(base64, 'base64');
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
};

/** The test pack's grid: 10 × 8 cells of 2 m from (300000, 6000000), row 0 north. */
const cellOf = (x: number, y: number) => (7 - Math.floor((y - 6000000) / 2)) * 10 + Math.floor((x - 300000) / 2);

describe('water-level gauges in forecasts', () => {
  it('a forecast started with a gauge reading above the model holds more water near that gauge than without', async () => {
    t = await testApp();
    const lead = t.session('eoc-lead');
    // the dry north-east corner, far from the inflow on the southern rows
    const gauge = { id: 'g-ne', x: 300015, y: 6000015 };
    const run = async (observations?: { id: string; x: number; y: number; depth: number }[]) => {
      const finished = nextFinished(t!.app);
      await call(t!.app, lead, 'forecast.run', { aheadMinutes: 0.5, from: 'start', ...(observations ? { observations } : {}) });
      const record = await finished;
      expect(record.state).toBe('completed');
      return floats((await call(t!.app, lead, 'forecast.grids', { id: record.id })).maxDepth);
    };
    const without = await run();
    const nudged = await run([{ ...gauge, depth: 0.5 }]);
    const at = cellOf(gauge.x, gauge.y);
    expect(without[at]).toBeLessThan(0.01);
    expect(nudged[at]).toBeGreaterThanOrEqual(0.5 - 1e-6);
    // the cells around it below the observed level hold more too (farther off, the extra water
    // reroutes the flow either way)
    const near = [at + 1, at + 10, at + 11]; // east and south: lower ground (the west is above the observed level)
    for (const c of near) expect(nudged[c]!).toBeGreaterThan(without[c]! + 0.05);
    const sum = (grid: Float32Array) => grid.reduce((s, d) => s + d, 0);
    expect(sum(nudged) - sum(without)).toBeGreaterThan(0.5);
  });

  it('a live water-level reading nudges the next forecast; a reading below ground is a dry gauge, and skill is in the same depths', async () => {
    t = await testApp(60_000, { forecasts: { readingWindowMs: 20 } });
    const lead = t.session('eoc-lead');
    const now = Date.UTC(2007, 5, 8, 12);
    const read = async (depth: number, at: number) => {
      const finished = nextFinished(t!.app);
      t!.app.sensors.receive(observationsTopic(testGauge.id), Buffer.from(JSON.stringify({ phenomenonTime: new Date(at).toISOString(), result: depth })));
      return finished;
    };
    const first = await read(0.5, now - 60_000);
    expect(first).toMatchObject({ state: 'completed', trigger: 'reading', inputs: { observations: [{ id: testGauge.id, depth: 0.5 }] } });
    const [placed] = (first.inputs as { observations: { x: number; y: number }[] }).observations;
    // the registry's lon/lat placed back in the scenario's CRS: where the pack put the gauge
    expect(placed!.x).toBeCloseTo(testGauge.x, 1);
    expect(placed!.y).toBeCloseTo(testGauge.y, 1);
    const log = async () => (await call(t!.app, lead, 'timeline.query', { limit: 50 })).map((e) => e.summary);
    // the start (dry at the gauge) is nudged 0.5 m up to the reading
    expect(await log()).toContainEqual('Forecast start nudged toward 1 gauge level(s): mean difference 0.50 m → 0.00 m');

    const second = await read(-0.3, now - 30_000);
    expect(second).toMatchObject({ state: 'completed', inputs: { observations: [{ id: testGauge.id, depth: -0.3 }] } });
    const grid = floats((await call(t.app, lead, 'forecast.grids', { id: second.id })).maxDepth);
    expect(grid.every((d) => d >= 0)).toBe(true);
    // model and gauge both dry at the gauge, wherever the model starts: nothing to nudge
    const [skill] = await call(t.app, lead, 'forecast.skill', {});
    // two pairs in depths above the bed: (0.5 read, 0 modelled) and (below ground = 0 read, 0 modelled);
    // a reading taken as −0.3 m would have made the second error +0.3 and the bias −0.1
    expect(skill).toMatchObject({ gauge: testGauge.id, n: 2 });
    expect(skill!.bias!).toBeCloseTo(-0.25, 6);
    expect(skill!.rmse!).toBeCloseTo(Math.sqrt(0.25 / 2), 6);
  });
});
