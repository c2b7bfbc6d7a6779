import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_ASSETS, writeAssetPack } from '../../simulation/host/asset-pack.ts';
import { runSimulation } from '../../simulation/host/run.ts';
import { defaultProbes, engineModelOf, readEngineSettings } from '../../simulation/host/scenario-model.ts';
import { cellAt } from '../../simulation/scenario/grid.ts';
import { loadScenario } from '../../simulation/scenario/load.ts';
import { TEST_GRID, writeTestPack } from '../../simulation/scenario/test-pack.ts';
import { PolderError } from '../api/errors.ts';
import { SimFrame, SimStatus, simPushes } from '../api/sim.ts';
import { testService } from '../ops/test-service.ts';
import { createSimHandlers, type SimHandlers } from './handlers.ts';

/** A frame's grids as numbers: depth (m), arrival (s, -1 not wet), hazard class. */
function unpack(frame: SimFrame) {
  const raw = inflateSync(frame.grids);
  const n = frame.width * frame.height;
  expect(raw.length).toBe(n * 5);
  const depth = Array.from({ length: n }, (_, k) => raw.readUInt16LE(k * 2) * frame.depthMetersPerUnit);
  const arrival = Array.from({ length: n }, (_, k) => {
    const v = raw.readUInt16LE(n * 2 + k * 2);
    return v === 0xffff ? -1 : v * frame.arrivalSecondsPerUnit;
  });
  const hazard = [...raw.subarray(n * 4)];
  return { depth, arrival, hazard };
}

const opened: { close(): Promise<void> }[] = [];
const logged: string[] = [];
afterEach(async () => {
  for (const o of opened.splice(0).reverse()) await o.close();
  expect(logged.splice(0)).toEqual([]);
});

function setup(pack = writeTestPack(), ops = testService()) {
  const pushed: { event: string; payload: unknown }[] = [];
  const open = () => {
    const sim: SimHandlers = createSimHandlers({
      resourcesDir: tmpdir(),
      defaultScenario: pack,
      push: (event, payload) => pushed.push({ event, payload }),
      clock: ops.clock,
      db: ops.service.store.db,
      runsDir: join(ops.dir.dir, 'runs'),
      actor: ops.service.actor,
      actorOf: (id) => ops.service.directory.actors.find((a) => a.id === id) ?? null,
      activity: ops.service.logActivity,
      logger: { error: (message: string, err: unknown) => logged.push(`${message}: ${String(err)}`) },
    });
    opened.push(sim);
    return sim;
  };
  if (!opened.includes(ops)) opened.unshift(ops);
  const until = async (event: string, count = 1) => {
    for (let i = 0; i < 600 && pushed.filter((p) => p.event === event).length < count; i++) await new Promise((r) => setTimeout(r, 25));
    const found = pushed.filter((p) => p.event === event)[count - 1];
    if (!found) throw new Error(`no ${event} push`);
    return found.payload;
  };
  const as = (actorId: string | null) => ({ session: { id: `s-${actorId}`, actorId } });
  const activity = () => ops.service.store.db.prepare("SELECT actor, summary FROM timeline WHERE type = 'log.entry' ORDER BY hlc").all() as { actor: string; summary: string }[];
  const sim = open();
  return { h: sim.handlers, sim, open, pushed, until, as, activity, ops };
}

describe('sim handlers', () => {
  it('starts a run as a record, pushes binary map frames, progress and the end, and logs start and end', async () => {
    const { h, pushed, until, as, activity } = setup();
    const started = await h['sim.start']({ durationSeconds: 60, frameIntervalSeconds: 20 }, as('eoc-1'));
    expect(started).toMatchObject({ state: 'running', scenario: 'test-pack', durationSeconds: 60, scheme: 'inertial' });
    expect(started.run).toMatchObject({ startedBy: 'eoc-1', state: 'running', scenario: 'test-pack', args: { durationSeconds: 60, frameIntervalSeconds: 20 } });
    const finished = simPushes['sim.finished'].parse(await until('sim.finished'));
    expect(finished).toMatchObject({ runId: started.run!.id, outcome: 'completed', scenario: 'test-pack', simulatedSeconds: 60 });
    expect(finished.probes.map((p) => p.id)).toEqual(['p1', 'p2']);
    const frames = pushed.filter((p) => p.event === 'sim.frame').map((p) => simPushes['sim.frame'].parse(p.payload));
    expect(frames.map((f) => Math.round(f.time))).toEqual([20, 40, 60]);
    expect(frames[2]).toMatchObject({ runId: started.run!.id, width: 10, height: 8, cellsPerPixel: 1, durationSeconds: 60 });
    expect(frames[2]!.grids).toBeInstanceOf(Uint8Array);
    expect(frames[2]!.wetCells).toBeGreaterThan(0);
    expect(unpack(frames[2]!).depth.filter((d) => d >= 0.01).length).toBe(frames[2]!.wetCells);
    expect(pushed.some((p) => p.event === 'sim.progress')).toBe(true);
    const status = SimStatus.parse(await h['sim.status']({}, as('fire-1')));
    expect(status).toMatchObject({ state: 'idle', time: 60 });
    expect(status.run).toMatchObject({ id: started.run!.id, state: 'completed', startedBy: 'eoc-1', stoppedBy: null, finished: { outcome: 'completed' } });
    expect(activity()).toEqual([
      { actor: 'eoc-1', summary: 'Simulation of test-pack started (60 s, a frame every 20 s)' },
      { actor: 'system', summary: 'Simulation of test-pack completed (60 s simulated)' },
    ]);
  });

  it("serves the map's grids live and at any past frame, as the engine's own grids have them", async () => {
    const pack = writeAssetPack();
    const { h, pushed, until, as } = setup(pack);
    expect(await h['sim.results']({}, as('eoc-1'))).toBeNull();
    await h['sim.start']({ durationSeconds: 120, frameIntervalSeconds: 30 }, as('eoc-1'));
    const first = simPushes['sim.frame'].parse(await until('sim.frame'));
    const live = SimFrame.parse(await h['sim.results']({}, as('eoc-1')));
    expect(live.time).toBeGreaterThanOrEqual(first.time);
    const finished = simPushes['sim.finished'].parse(await until('sim.finished'));
    const frames = pushed.filter((p) => p.event === 'sim.frame').map((p) => simPushes['sim.frame'].parse(p.payload));
    expect(frames.every((f) => f.assets.length === TEST_ASSETS.length)).toBe(true);

    // The same run straight through the engine (one thread, the same sampling): its grids are the truth.
    const scenario = await loadScenario(pack);
    const truthFrames: { time: number; depth: Float32Array; arrival: Float32Array; hazard: Uint8Array }[] = [];
    const truth = await runSimulation({
      model: engineModelOf(scenario),
      engine: readEngineSettings(pack),
      durationSeconds: 120,
      probes: defaultProbes(scenario),
      frameIntervalSeconds: 30,
      onFrame: ({ time, depth, arrival, hazard }) => truthFrames.push({ time, depth, arrival, hazard }),
    });
    const end = SimFrame.parse(await h['sim.results']({}, as('eoc-1')));
    expect(end).toMatchObject({ time: 120, durationSeconds: 120, width: 10, height: 8, cellsPerPixel: 1, arrivalSecondsPerUnit: 1 });
    const grids = unpack(end);
    let wet = 0;
    for (let i = 0; i < 80; i++) {
      const t = truth.grids.arrival[i]!;
      if (t >= 0) {
        wet++;
        expect(Math.abs(grids.arrival[i]! - t)).toBeLessThanOrEqual(0.5);
      } else expect(grids.arrival[i]).toBe(-1);
      expect(grids.hazard[i]).toBe(truth.grids.hazard[i]);
      expect(Math.abs(grids.depth[i]! - truth.grids.depth[i]!)).toBeLessThanOrEqual(0.01);
    }
    expect(wet).toBeGreaterThan(10);
    // Replaying the first frame, and a moment after it (before the next): that frame, from disk.
    const [first30, second] = truthFrames;
    for (const time of [first30!.time, first30!.time + 5]) {
      const past = SimFrame.parse(await h['sim.results']({ time }, as('eoc-1')));
      expect(past.time).toBeCloseTo(first30!.time, 6);
      const values = unpack(past);
      expect(values.hazard).toEqual([...first30!.hazard]);
      for (let i = 0; i < 80; i++) expect(Math.abs(values.depth[i]! - first30!.depth[i]!)).toBeLessThanOrEqual(0.01);
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

  it('records edits with who made them; only the starter or an EOC lead stops or changes a run; members and observers cannot start', async () => {
    const { h, until, as, activity } = setup();
    await expect(h['sim.start']({ frameIntervalSeconds: 10 }, as(null))).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(h['sim.start']({ frameIntervalSeconds: 10 }, as('observer'))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(h['sim.start']({ frameIntervalSeconds: 10 }, as('works-1'))).rejects.toMatchObject({ code: 'forbidden' });
    const started = await h['sim.start']({ durationSeconds: 1e6, frameIntervalSeconds: 10 }, as('works-lead'));
    await expect(h['sim.start']({ frameIntervalSeconds: 10 }, as('works-lead'))).rejects.toMatchObject({ code: 'conflict' });
    await expect(h['sim.edit']({ edit: { kind: 'addPump', id: 'p', x: 300015, y: 6000005, capacity: 1e9, dischargeTo: null } }, as('fire-2'))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(h['sim.edit']({ edit: { kind: 'addPump', id: 'p', x: 300015, y: 6000005, capacity: 1, dischargeTo: null } }, as('works-lead'))).resolves.toEqual({ ok: true });
    const bad = h['sim.edit']({ edit: { kind: 'removeBarrier', id: 'none' } }, as('works-lead'));
    await expect(bad).rejects.toBeInstanceOf(PolderError);
    await expect(bad).rejects.toMatchObject({ code: 'invalid_args', message: expect.stringMatching(/no barrier none/) });
    await expect(h['sim.stop']({}, as('fire-lead'))).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/started it \(only they or an EOC lead may\)/) });
    await expect(h['sim.stop']({}, as('eoc-1'))).rejects.toMatchObject({ code: 'forbidden' });
    const stopped = await h['sim.stop']({}, as('eoc-lead'));
    expect(stopped.state).toBe('idle');
    expect(simPushes['sim.finished'].parse(await until('sim.finished')).outcome).toBe('stopped');
    const run = (await h['sim.status']({}, as('fire-2'))).run!;
    expect(run).toMatchObject({ id: started.run!.id, state: 'stopped', startedBy: 'works-lead', stoppedBy: 'eoc-lead' });
    expect(run.edits).toEqual([{ edit: { kind: 'addPump', id: 'p', x: 300015, y: 6000005, capacity: 1, dischargeTo: null }, by: 'works-lead', at: expect.any(Number) }]);
    expect(activity().map((a) => a.actor)).toEqual(['works-lead', 'eoc-lead']);
    expect(activity()[1]!.summary).toMatch(/^Simulation of test-pack stopped at /);
    await expect(h['sim.edit']({ edit: { kind: 'removePump', id: 'p' } }, as('works-lead'))).rejects.toMatchObject({ code: 'illegal_transition' });
    // The starter may stop their own run.
    await h['sim.start']({ durationSeconds: 1e6, frameIntervalSeconds: 10 }, as('works-lead'));
    expect((await h['sim.stop']({}, as('works-lead'))).run).toMatchObject({ state: 'stopped', stoppedBy: 'works-lead' });
  });

  it('keeps the run and its grids for a host started later; a run the old host left running is interrupted', async () => {
    const { h, sim, open, until, as, ops } = setup();
    const started = await h['sim.start']({ durationSeconds: 60, frameIntervalSeconds: 20 }, as('eoc-1'));
    await until('sim.finished');
    const end = SimFrame.parse(await h['sim.results']({}, as('eoc-1')));
    await sim.close();
    const later = open().handlers;
    const status = await later['sim.status']({}, as('fire-1'));
    expect(status).toMatchObject({ state: 'idle', scenario: 'test-pack', time: 60 });
    expect(status.run).toMatchObject({ id: started.run!.id, state: 'completed', startedBy: 'eoc-1' });
    const again = SimFrame.parse(await later['sim.results']({}, as('fire-1')));
    expect(again).toEqual(end);
    expect((await later['sim.results']({ time: 25 }, as('fire-1')))?.time).toBeCloseTo(20, 6);

    const running = await later['sim.start']({ durationSeconds: 1e6, frameIntervalSeconds: 10 }, as('eoc-1'));
    await until('sim.frame', 5);
    ops.clock.advance(5000);
    const third = open().handlers;
    const after = await third['sim.status']({}, as('fire-1'));
    expect(after.run).toMatchObject({ id: running.run!.id, state: 'interrupted', endedAt: ops.clock.now() });
    // Its frames reach the disk as they come (asynchronously): the newest one written is served.
    await expect.poll(async () => (await third['sim.results']({}, as('fire-1')))?.runId).toBe(running.run!.id);
  });

  it('reports a scenario that cannot load, and records the run as failed', async () => {
    const { h, as } = setup();
    await expect(h['sim.start']({ scenario: '/no/such/pack', frameIntervalSeconds: 10 }, as('eoc-1'))).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/no such folder/) });
    const status = await h['sim.status']({}, as('eoc-1'));
    expect(status.state).toBe('idle');
    expect(status.run).toMatchObject({ state: 'failed', scenario: 'pack' });
  });
});
