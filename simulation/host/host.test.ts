import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { readAsciiGrid } from '../scenario/ascii-grid.ts';
import { cellAt } from '../scenario/grid.ts';
import { TEST_GRID, writeTestPack } from '../scenario/test-pack.ts';
import { TEST_ASSETS, writeAssetPack } from './asset-pack.ts';
import { createSimulationHost, type SimulationHost } from './create-host.ts';
import type { DisplayFrame } from './display-frame.ts';
import type { HostEvent } from './protocol.ts';

/** A frame's display grids (one pixel per cell here) as depth (m), arrival (s, -1 not wet) and classes. */
function unpack(view: DisplayFrame) {
  const raw = inflateSync(view.grids);
  const n = view.width * view.height;
  return {
    depth: Array.from({ length: n }, (_, k) => raw.readUInt16LE(k * 2) * view.depthMetersPerUnit),
    arrival: Array.from({ length: n }, (_, k) => (raw.readUInt16LE(n * 2 + k * 2) === 0xffff ? -1 : raw.readUInt16LE(n * 2 + k * 2) * view.arrivalSecondsPerUnit)),
    hazard: [...raw.subarray(n * 4)],
  };
}

let host: SimulationHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

function record(h: SimulationHost) {
  const events: HostEvent[] = [];
  const waiters: { test: (e: HostEvent) => boolean; resolve: (e: HostEvent) => void }[] = [];
  h.on((event) => {
    events.push(event);
    for (const w of [...waiters]) {
      if (w.test(event)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(event);
      }
    }
  });
  const next = <T extends HostEvent['type']>(type: T, timeoutMs = 30_000) =>
    new Promise<Extract<HostEvent, { type: T }>>((resolve, reject) => {
      const found = events.find((e) => e.type === type);
      if (found) return resolve(found as Extract<HostEvent, { type: T }>);
      const timer = setTimeout(() => reject(new Error(`no ${type} event; got ${events.map((e) => e.type).join(', ')}`)), timeoutMs);
      waiters.push({ test: (e) => e.type === type, resolve: (e) => (clearTimeout(timer), resolve(e as Extract<HostEvent, { type: T }>)) });
    });
  return { events, next };
}

describe('simulation host (worker thread)', () => {
  it('runs a pack, streams frames and progress, and writes the outputs', async () => {
    const pack = writeTestPack();
    const out = mkdtempSync(join(tmpdir(), 'polder-sim-out-'));
    host = createSimulationHost({ resourcesDir: tmpdir() });
    const rec = record(host);
    host.send({ type: 'start', scenario: pack, durationSeconds: 120, frameIntervalSeconds: 30, outDir: out });
    const started = await rec.next('started');
    expect(started.grid).toMatchObject({ nx: 10, ny: 8 });
    expect(started.probes.map((p) => p.id)).toEqual(['p1', 'p2']);
    const finished = await rec.next('finished');
    const frames = rec.events.filter((e) => e.type === 'frame');
    expect(frames.map((f) => Math.round(f.time))).toEqual([30, 60, 90, 120]);
    expect(frames[3]!.view.grids).toBeInstanceOf(Uint8Array);
    expect(frames[3]!.view.width * frames[3]!.view.height).toBe(80);
    expect(frames[3]!.view.wetCells).toBeGreaterThan(0);
    expect(rec.events.some((e) => e.type === 'progress')).toBe(true);
    const s = finished.summary;
    expect(s.simulatedSeconds).toBeCloseTo(120, 6);
    expect(s.steps).toBeGreaterThan(10);
    expect(s.massErrorPercent).toBeLessThan(0.1);
    expect(s.massBalance.inflow).toBeGreaterThan(100);
    const onDisk = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    for (const key of ['cells', 'steps', 'simulatedSeconds', 'wallSeconds', 'cellUpdatesPerSecond', 'massErrorPercent']) expect(typeof onDisk[key]).toBe('number');
    expect(onDisk.probes[0]).toEqual({ id: 'p1', x: 300015, y: 6000005, maxDepth: expect.any(Number), maxStage: expect.any(Number), arrivalTime: expect.anything() });
    expect(readFileSync(join(out, 'probes.csv'), 'utf8').split('\n')[0]).toBe('time_s,id,x,y,depth_m,stage_m');
    for (const grid of ['max-depth.asc', 'max-speed.asc', 'arrival-time.asc', 'hazard.asc']) expect(existsSync(join(out, grid))).toBe(true);
  });

  it("streams live arrival, peak hazard and the assets' water, agreeing with the run's written grids", async () => {
    const pack = writeAssetPack();
    const out = mkdtempSync(join(tmpdir(), 'polder-sim-out-'));
    host = createSimulationHost({ resourcesDir: tmpdir() });
    const rec = record(host);
    host.send({ type: 'start', scenario: pack, durationSeconds: 120, frameIntervalSeconds: 30, outDir: out });
    const finished = await rec.next('finished');
    const frames = rec.events.filter((e) => e.type === 'frame');
    expect(frames).toHaveLength(4);
    const grids = frames.map((f) => unpack(f.view));
    for (const [k, frame] of frames.entries()) {
      const { arrival, hazard, depth } = grids[k]!;
      for (let i = 0; i < 80; i++) {
        // Arrival is fixed once set and never after the frame; the peak hazard never falls.
        expect(arrival[i]!).toBeLessThanOrEqual(frame.time);
        if (hazard[i]! > 0) expect(arrival[i]!).toBeGreaterThanOrEqual(0);
        const before = grids[k - 1];
        if (before && before.arrival[i]! >= 0) expect(arrival[i]).toBe(before.arrival[i]);
        if (before) expect(hazard[i]!).toBeGreaterThanOrEqual(before.hazard[i]!);
      }
      // Each asset reads its own cell of the frame's grids, worst first.
      expect(frame.assets.map((a) => a.id).sort()).toEqual(TEST_ASSETS.map((a) => a.id).sort());
      for (const asset of frame.assets) {
        const spec = TEST_ASSETS.find((a) => a.id === asset.id)!;
        const cell = cellAt(TEST_GRID, spec.x, spec.y);
        expect(asset).toMatchObject({ name: spec.name, kind: spec.kind, hazard: hazard[cell] });
        expect(Math.abs(asset.depth - depth[cell]!)).toBeLessThanOrEqual(0.01);
        if (arrival[cell]! >= 0) expect(Math.abs(asset.arrivalTime! - arrival[cell]!)).toBeLessThanOrEqual(0.5);
        else expect(asset.arrivalTime).toBeNull();
      }
      const ranks = frame.assets.map((a) => a.hazard);
      expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    }
    // The last frame is the end of the run: the same grids as the end results and the files.
    const last = frames.at(-1)!;
    expect(finished.final).toMatchObject({ time: 120, durationSeconds: 120 });
    const end = unpack(finished.final.view);
    expect(end.arrival).toEqual(grids.at(-1)!.arrival);
    expect(end.hazard).toEqual(grids.at(-1)!.hazard);
    expect(finished.assets).toEqual(last.assets.map((a) => ({ ...a, maxDepth: expect.any(Number) })));
    const arrivalFile = readAsciiGrid(join(out, 'arrival-time.asc')).values;
    const hazardFile = readAsciiGrid(join(out, 'hazard.asc')).values;
    const maxDepthFile = readAsciiGrid(join(out, 'max-depth.asc')).values;
    for (let i = 0; i < 80; i++) {
      const t = end.arrival[i]!;
      if (Number.isNaN(hazardFile[i]!)) continue; // a solid (building) cell
      if (t >= 0) expect(Math.abs(arrivalFile[i]! - t)).toBeLessThanOrEqual(0.5);
      else expect(arrivalFile[i]).toBeNaN();
      expect(hazardFile[i]).toBe(end.hazard[i]);
    }
    for (const asset of finished.assets) {
      const spec = TEST_ASSETS.find((a) => a.id === asset.id)!;
      expect(asset.maxDepth).toBeCloseTo(maxDepthFile[cellAt(TEST_GRID, spec.x, spec.y)]!, 3);
    }
    // The water reaches the asset by the inflow, badly enough to class, and not the one on the hill.
    const byId = Object.fromEntries(finished.assets.map((a) => [a.id, a]));
    expect(byId['a-inflow']!.hazard).toBeGreaterThan(0);
    expect(byId['a-inflow']!.arrivalTime).toBeLessThan(60);
    expect(byId['a-north']).toMatchObject({ hazard: 0, arrivalTime: null, maxDepth: 0 });
    expect(finished.assets[0]!.id).not.toBe('a-north');
  });

  it('applies what-if edits, refuses impossible ones, pauses, resumes and stops', async () => {
    const pack = writeTestPack();
    host = createSimulationHost({ resourcesDir: tmpdir() });
    const rec = record(host);
    host.send({ type: 'start', scenario: pack, durationSeconds: 1e6, frameIntervalSeconds: 5 });
    host.send({ type: 'edit', edit: { kind: 'addPump', id: 'pump-1', x: 300015, y: 6000005, capacity: 0.5, dischargeTo: null } });
    host.send({ type: 'edit', edit: { kind: 'addPump', id: 'far', x: 0, y: 0, capacity: 0.5 } });
    host.send({ type: 'edit', edit: { kind: 'addBarrier', id: 'bags', line: [[300006, 6000000], [300006, 6000016]], height: 1 } });
    host.send({ type: 'edit', edit: { kind: 'removePump', id: 'nope' } });
    await rec.next('started');
    for (let i = 0; i < 100 && rec.events.filter((e) => e.type === 'edited' || e.type === 'editRejected').length < 4; i++) await new Promise((r) => setTimeout(r, 20));
    const edited = rec.events.filter((e) => e.type === 'edited').map((e) => e.edit.id);
    expect(edited).toEqual(['pump-1', 'bags']);
    const rejected = rec.events.filter((e) => e.type === 'editRejected');
    expect(rejected.map((e) => e.edit.id).sort()).toEqual(['far', 'nope']);
    expect(rejected.find((e) => e.edit.id === 'far')!.message).toMatch(/outside the scenario grid/);
    host.send({ type: 'pause' });
    const paused = await rec.next('paused');
    const framesWhenPaused = rec.events.filter((e) => e.type === 'frame').length;
    await new Promise((r) => setTimeout(r, 300));
    expect(rec.events.filter((e) => e.type === 'frame').length).toBeLessThanOrEqual(framesWhenPaused + 1);
    host.send({ type: 'resume' });
    await rec.next('resumed');
    host.send({ type: 'stop' });
    const finished = await rec.next('finished');
    expect(finished.summary.stopped).toBe(true);
    expect(finished.summary.simulatedSeconds).toBeGreaterThanOrEqual(paused.time);
    expect(finished.summary.simulatedSeconds).toBeLessThan(1e6);
    expect(finished.summary.massBalance.pumpedOut).toBeGreaterThan(0);
  });

  it('answers bad requests and a missing pack with an error event', async () => {
    host = createSimulationHost({ resourcesDir: tmpdir() });
    const rec = record(host);
    host.send({ type: 'start', scenario: '', durationSeconds: -1 } as never);
    const bad = await rec.next('error');
    expect(bad.message).toMatch(/bad request/);
    rec.events.length = 0;
    host.send({ type: 'start', scenario: join(tmpdir(), 'no-such-pack-here') });
    expect((await rec.next('error')).message).toMatch(/no such folder/);
  });
});

describe('simulation host (child process)', () => {
  it('runs a pack to the end in its own process', async () => {
    const pack = writeTestPack();
    host = createSimulationHost({ resourcesDir: tmpdir(), mode: 'process' });
    const rec = record(host);
    host.send({ type: 'start', scenario: pack, durationSeconds: 60, frameIntervalSeconds: 60 });
    const finished = await rec.next('finished');
    expect(finished.summary.simulatedSeconds).toBeCloseTo(60, 6);
    const frame = rec.events.find((e) => e.type === 'frame')!;
    expect(frame.view.grids).toBeInstanceOf(Uint8Array);
    expect(frame.view).toMatchObject({ width: 10, height: 8, cellsPerPixel: 1 });
  });
});
