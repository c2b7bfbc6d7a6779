// Forecasts in the engine's worker thread: from the scenario's start, from a finished run's end
// and from a live run's state; with an ensemble; cancelled.
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { writeAssetPack } from './asset-pack.ts';
import { createSimulationHost, type SimulationHost } from './create-host.ts';
import { impactDepth } from './forecast.ts';
import type { HostEvent } from './protocol.ts';

let host: SimulationHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

function until<T extends HostEvent['type']>(h: SimulationHost, test: (e: HostEvent) => e is Extract<HostEvent, { type: T }>, timeoutMs = 60_000) {
  return new Promise<Extract<HostEvent, { type: T }>>((resolve, reject) => {
    const timer = setTimeout(() => (off(), reject(new Error('timed out waiting for the engine'))), timeoutMs);
    const off = h.on((e) => {
      if (test(e)) {
        clearTimeout(timer);
        off();
        resolve(e);
      }
    });
  });
}

const done = (id: string) => (e: HostEvent): e is Extract<HostEvent, { type: 'forecastDone' }> => e.type === 'forecastDone' && e.id === id;
const ended = (id: string) => (e: HostEvent): e is Extract<HostEvent, { type: 'forecastDone' | 'forecastEnded' }> => (e.type === 'forecastDone' || e.type === 'forecastEnded') && e.id === id;

describe('forecasts in the engine thread', () => {
  it('from the scenario start: the assets the water reaches get a peak, an arrival ahead and a probability; the one on the hill stays dry', async () => {
    const pack = writeAssetPack();
    host = createSimulationHost({ resourcesDir: tmpdir() });
    const progress: number[] = [];
    host.on((e) => void (e.type === 'forecastProgress' && progress.push(e.fraction)));
    const result = until(host, done('f1'));
    host.send({ type: 'forecast', id: 'f1', scenario: pack, aheadSeconds: 300, members: 3 });
    const { outcome, startedFrom } = await result;
    expect(startedFrom).toBe('scenario-start');
    expect(outcome.startSeconds).toBe(0);
    expect(outcome.endSeconds).toBeCloseTo(300, 6);
    expect(outcome.scales).toEqual([0.6, 1, 1.4]);
    expect(progress.length).toBeGreaterThan(0);
    expect(Math.max(...progress)).toBeLessThanOrEqual(1);
    const byId = new Map(outcome.impacts.map((i) => [i.id, i]));
    const inflow = byId.get('a-inflow')!;
    expect(inflow.peakDepth).toBeGreaterThanOrEqual(impactDepth);
    expect(inflow.arrivalSeconds).toBeGreaterThan(0);
    expect(inflow.leadSeconds).toBe(inflow.arrivalSeconds);
    expect(inflow.hazard).toBeGreaterThan(0);
    expect(inflow.probability).toBeGreaterThan(0);
    const hill = byId.get('a-north')!;
    expect(hill.peakDepth).toBeLessThan(impactDepth);
    expect(hill.arrivalSeconds).toBeNull();
    expect(hill.probability).toBe(0);
    // the road along the south edge, cut into segments
    expect(outcome.impacts.filter((i) => i.kind === 'road').length).toBeGreaterThan(0);
    const p = outcome.grids.probability;
    expect(p.length).toBe(80);
    expect(p.every((v) => v >= 0 && v <= 1 && [0, 1 / 3, 2 / 3, 1].some((k) => Math.abs(v - k) < 1e-6))).toBe(true);
    expect(p.some((v) => v > 0)).toBe(true);
  });

  it("hot-starts from the last run's end, and from a live run's state", async () => {
    const pack = writeAssetPack();
    host = createSimulationHost({ resourcesDir: tmpdir() });
    const finished = until(host, (e): e is Extract<HostEvent, { type: 'finished' }> => e.type === 'finished');
    host.send({ type: 'start', scenario: pack, durationSeconds: 120 });
    await finished;
    const fromLast = until(host, done('after'));
    host.send({ type: 'forecast', id: 'after', scenario: pack, aheadSeconds: 60 });
    const last = await fromLast;
    expect(last.startedFrom).toBe('last-run');
    expect(last.outcome.startSeconds).toBeCloseTo(120, 6);
    // water already at the inflow school when the forecast starts: it arrives at once
    expect(last.outcome.impacts.find((i) => i.id === 'a-inflow')!.leadSeconds).toBe(0);

    const progressed = until(host, (e): e is Extract<HostEvent, { type: 'progress' }> => e.type === 'progress' && e.time > 10);
    // long enough to still be running when the forecast asks for its state (50,000 s of this pack take ~0.3 s)
    host.send({ type: 'start', scenario: pack, durationSeconds: 50_000_000 });
    await progressed;
    const fromLive = until(host, done('live'));
    host.send({ type: 'forecast', id: 'live', scenario: pack, aheadSeconds: 30 });
    const live = await fromLive;
    expect(live.startedFrom).toBe('live');
    expect(live.outcome.startSeconds).toBeGreaterThan(10);
    expect(live.outcome.endSeconds).toBeCloseTo(live.outcome.startSeconds + 30, 6);
    host.send({ type: 'stop' });
  });

  it('is cancelled on request, and a newer forecast cancels an older one', async () => {
    const pack = writeAssetPack();
    host = createSimulationHost({ resourcesDir: tmpdir() });
    const first = until(host, ended('slow'));
    host.send({ type: 'forecast', id: 'slow', scenario: pack, aheadSeconds: 80_000, members: 9 });
    host.send({ type: 'cancelForecast', id: 'slow' });
    expect(await first).toMatchObject({ type: 'forecastEnded', outcome: 'cancelled' });

    const older = until(host, ended('older'));
    const newer = until(host, ended('newer'));
    host.send({ type: 'forecast', id: 'older', scenario: pack, aheadSeconds: 80_000 });
    host.send({ type: 'forecast', id: 'newer', scenario: pack, aheadSeconds: 30 });
    expect(await older).toMatchObject({ type: 'forecastEnded', outcome: 'cancelled' });
    expect(await newer).toMatchObject({ type: 'forecastDone' });
  });

  it('says why a forecast cannot run', async () => {
    host = createSimulationHost({ resourcesDir: tmpdir() });
    const failed = until(host, ended('bad'));
    host.send({ type: 'forecast', id: 'bad', scenario: writeAssetPack(), aheadSeconds: 60, inflows: { nowhere: { times: [0], values: [1] } } });
    expect(await failed).toMatchObject({ outcome: 'failed', message: expect.stringContaining('inflow "nowhere"') });
  });
});
