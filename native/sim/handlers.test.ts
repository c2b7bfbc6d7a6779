import { tmpdir } from 'node:os';
import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_ASSETS, writeAssetPack } from '../../simulation/host/asset-pack.ts';
import { runSimulation } from '../../simulation/host/run.ts';
import { defaultProbes, engineModelOf, readEngineSettings } from '../../simulation/host/scenario-model.ts';
import { cellAt } from '../../simulation/scenario/grid.ts';
import { loadScenario } from '../../simulation/scenario/load.ts';
import { TEST_GRID, writeTestPack } from '../../simulation/scenario/test-pack.ts';
import { PolderError } from '../api/errors.ts';
import { SimResults, simPushes } from '../api/sim.ts';
import { createSimHandlers, type SimHandlers } from './handlers.ts';

/** A `sim.results` payload's values (little-endian, 1 or 2 bytes each). */
const inflated = (r: SimResults, bytes: 1 | 2) => {
  const raw = inflateSync(Buffer.from(r.data, 'base64'));
  return Array.from({ length: raw.length / bytes }, (_, k) => (bytes === 1 ? raw[k]! : raw.readUInt16LE(k * 2)));
};

let sim: SimHandlers | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

function setup(pack = writeTestPack()) {
  const pushed: { event: string; payload: unknown }[] = [];
  sim = createSimHandlers({ resourcesDir: tmpdir(), defaultScenario: pack, push: (event, payload) => pushed.push({ event, payload }) });
  const until = async (event: string) => {
    for (let i = 0; i < 600 && !pushed.some((p) => p.event === event); i++) await new Promise((r) => setTimeout(r, 25));
    const found = pushed.find((p) => p.event === event);
    if (!found) throw new Error(`no ${event} push`);
    return found.payload;
  };
  return { h: sim.handlers, pushed, until };
}

describe('sim handlers', () => {
  it('starts the default scenario, pushes map frames, progress and the end', async () => {
    const { h, pushed, until } = setup();
    const started = await h['sim.start']({ durationSeconds: 60, frameIntervalSeconds: 20 });
    expect(started).toMatchObject({ state: 'running', scenario: 'test-pack', durationSeconds: 60, scheme: 'inertial' });
    const finished = simPushes['sim.finished'].parse(await until('sim.finished'));
    expect(finished).toMatchObject({ outcome: 'completed', scenario: 'test-pack', simulatedSeconds: 60 });
    expect(finished.probes.map((p) => p.id)).toEqual(['p1', 'p2']);
    const frames = pushed.filter((p) => p.event === 'sim.frame').map((p) => simPushes['sim.frame'].parse(p.payload));
    expect(frames.map((f) => Math.round(f.time))).toEqual([20, 40, 60]);
    expect(frames[2]).toMatchObject({ width: 10, height: 8, cellsPerPixel: 1 });
    expect(frames[2]!.wetCells).toBeGreaterThan(0);
    expect(Buffer.from(frames[2]!.image.split(',')[1]!, 'base64').subarray(1, 4).toString()).toBe('PNG');
    expect(pushed.some((p) => p.event === 'sim.progress')).toBe(true);
    expect(await h['sim.status']({})).toMatchObject({ state: 'idle', time: 60 });
  });

  it("serves live arrival and hazard grids and the assets' water, as the engine's own grids have them", async () => {
    const pack = writeAssetPack();
    const { h, pushed, until } = setup(pack);
    expect(await h['sim.results']({ view: 'arrival' })).toBeNull();
    await h['sim.start']({ durationSeconds: 120, frameIntervalSeconds: 30 });
    // Mid-run, after the first frame: grids of that moment (or a later one), never empty.
    const first = simPushes['sim.frame'].parse(await until('sim.frame'));
    const live = SimResults.parse(await h['sim.results']({ view: 'hazard' }));
    expect(live.time).toBeGreaterThanOrEqual(first.time);
    const finished = simPushes['sim.finished'].parse(await until('sim.finished'));
    const frames = pushed.filter((p) => p.event === 'sim.frame').map((p) => simPushes['sim.frame'].parse(p.payload));
    expect(frames.every((f) => f.assets.length === TEST_ASSETS.length)).toBe(true);

    // The same run straight through the engine (one thread, the same sampling): its grids are the truth.
    const scenario = await loadScenario(pack);
    const truthFrames: { time: number; arrival: Float32Array; hazard: Uint8Array }[] = [];
    const truth = await runSimulation({
      model: engineModelOf(scenario),
      engine: readEngineSettings(pack),
      durationSeconds: 120,
      probes: defaultProbes(scenario),
      frameIntervalSeconds: 30,
      onFrame: ({ time, arrival, hazard }) => truthFrames.push({ time, arrival, hazard }),
    });
    const arrival = SimResults.parse(await h['sim.results']({ view: 'arrival' }));
    const hazard = SimResults.parse(await h['sim.results']({ view: 'hazard' }));
    expect(arrival).toMatchObject({ time: 120, durationSeconds: 120, width: 10, height: 8, cellsPerPixel: 1, encoding: 'uint16' });
    const arrivalValues = inflated(arrival, 2);
    const hazardValues = inflated(hazard, 1);
    let wet = 0;
    for (let i = 0; i < 80; i++) {
      const t = truth.grids.arrival[i]!;
      if (t >= 0) {
        wet++;
        expect(Math.abs(arrivalValues[i]! - t)).toBeLessThanOrEqual(0.5);
      } else expect(arrivalValues[i]).toBe(0xffff);
      expect(hazardValues[i]).toBe(truth.grids.hazard[i]);
    }
    expect(wet).toBeGreaterThan(10);
    // Replaying the first frame, and a moment after it (before the next): that frame's peak hazard.
    const [first30, second] = truthFrames;
    for (const time of [first30!.time, first30!.time + 5]) {
      const pastHazard = SimResults.parse(await h['sim.results']({ view: 'hazard', time }));
      const pastArrival = SimResults.parse(await h['sim.results']({ view: 'arrival', time }));
      expect(pastHazard.time).toBe(time);
      expect(inflated(pastHazard, 1)).toEqual([...first30!.hazard]);
      // Arrival to the second: the cells the engine had wet by then.
      const arrived = inflated(pastArrival, 2);
      for (let i = 0; i < 80; i++) {
        const t = truth.grids.arrival[i]!;
        if (t >= 0 && t <= time) expect(Math.abs(arrived[i]! - t)).toBeLessThanOrEqual(0.5);
        else expect(arrived[i]).toBe(0xffff);
      }
    }
    expect([...second!.hazard]).not.toEqual([...first30!.hazard]);
    for (const asset of finished.assets) {
      const spec = TEST_ASSETS.find((a) => a.id === asset.id)!;
      const cell = cellAt(TEST_GRID, spec.x, spec.y);
      const t = truth.grids.arrival[cell]!;
      expect(asset.hazard).toBe(truth.grids.hazard[cell]);
      expect(asset.maxDepth).toBeCloseTo(truth.grids.maxDepth[cell]!, 4);
      if (t >= 0) expect(asset.arrivalTime).toBeCloseTo(t, 3);
      else expect(asset.arrivalTime).toBeNull();
    }
    expect(finished.assets[0]).toMatchObject({ id: 'a-inflow', kind: 'school' });
    expect(finished.assets[0]!.hazard).toBeGreaterThan(0);
  });

  it('applies edits, refuses a second start and bad edits, and stops', async () => {
    const { h, until } = setup();
    await h['sim.start']({ durationSeconds: 1e6, frameIntervalSeconds: 10 });
    await expect(h['sim.start']({ frameIntervalSeconds: 10 })).rejects.toMatchObject({ code: 'conflict' });
    await expect(h['sim.edit']({ edit: { kind: 'addPump', id: 'p', x: 300015, y: 6000005, capacity: 1, dischargeTo: null } })).resolves.toEqual({ ok: true });
    const bad = h['sim.edit']({ edit: { kind: 'removeBarrier', id: 'none' } });
    await expect(bad).rejects.toBeInstanceOf(PolderError);
    await expect(bad).rejects.toMatchObject({ code: 'invalid_args', message: expect.stringMatching(/no barrier none/) });
    const stopped = await h['sim.stop']({});
    expect(stopped.state).toBe('idle');
    expect(simPushes['sim.finished'].parse(await until('sim.finished')).outcome).toBe('stopped');
    await expect(h['sim.edit']({ edit: { kind: 'removePump', id: 'p' } })).rejects.toMatchObject({ code: 'illegal_transition' });
  });

  it('reports a scenario that cannot load', async () => {
    const { h } = setup();
    await expect(h['sim.start']({ scenario: '/no/such/pack', frameIntervalSeconds: 10 })).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/no such folder/) });
    expect((await h['sim.status']({})).state).toBe('idle');
  });
});
