// The feed through a real mosquitto into a real app subscribed to it: the stuck gauge, the spike
// and the dropout are each caught, and threshold alerts fire once per level.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, nodeRuntime, type PolderApp } from '../../app.ts';
import { systemClock } from '../../clock/clock.ts';
import { silentLogger } from '../../logger.ts';
import { startMosquitto, type Mosquitto } from '../../mqtt/test-broker.ts';
import { repoPaths } from '../../paths.ts';
import { call } from '../../rpc/test-app.ts';
import { runCli } from '../main.ts';
import { recordingIo } from './test-io.ts';

let broker: Mosquitto;
let app: PolderApp;
let dataDir: string;
const lead = { id: 'feed-test', actorId: 'eoc-lead' };
const clock = systemClock();

beforeAll(async () => {
  broker = await startMosquitto();
  dataDir = mkdtempSync(join(tmpdir(), 'polder-feed-'));
  app = await createApp({ dataDir, resourcesDir: repoPaths.resources, scenario: 'merewether-2007', clock, logger: silentLogger(), host: 'serve', runtime: nodeRuntime(), brokers: [broker.url] });
  for (let i = 0; i < 200 && !app.sensorLinkConnected(); i++) await sleep(25);
});
afterAll(async () => {
  await app?.close();
  await broker?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('polder feed', () => {
  it('documents every option in --help', async () => {
    const { io, out } = recordingIo();
    expect(await runCli(['feed', '--help'], io)).toBe(0);
    for (const option of ['--scenario', '--speed', '--duration', '--broker', '--interval', '--noise', '--loss', '--stuck', '--spike', '--dropout', '--seed', '--reports', '--org', '--json', '--data-dir']) expect(out.join('\n')).toContain(option);
  });

  it('refuses a gauge the scenario does not have, in one line', async () => {
    const { io, err } = recordingIo();
    expect(await runCli(['feed', '--scenario', 'merewether-2007', '--spike', 'g-nowhere@10'], io)).toBe(2);
    expect(err).toEqual([expect.stringMatching(/--spike: the scenario has no gauge "g-nowhere" \(it has g-inlet, /)]);
  });

  it("streams the model's gauges through mosquitto; the stuck gauge, the spike and the dropout are each flagged", async () => {
    await call(app, lead, 'sensors.update', { sensorId: 'g-outlet', silenceAfterSeconds: 1 });
    const { io, out, err } = recordingIo();
    const code = await runCli(['feed', '--scenario', 'merewether-2007', '--speed', '100', '--broker', broker.url, '--stuck', 'g-midroad@300', '--spike', 'g-inlet@600', '--dropout', 'g-outlet@700-900', '--json'], io);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const summary = JSON.parse(out.at(-1)!) as { published: number };
    for (let i = 0; i < 200; i++) {
      const health = await call(app, lead, 'sensors.health', {});
      if (health.counts.received >= summary.published) break;
      await sleep(25);
    }
    const health = await call(app, lead, 'sensors.health', {});
    expect(health.counts).toEqual({ received: summary.published, accepted: summary.published, quarantined: 0 });
    const of = (id: string) => health.sensors.find((s) => s.sensorId === id)!;
    // Stuck from 300 s: most of its 70 stuck readings (the first nine fill the window).
    expect(of('g-midroad').flags['flat-line']).toBeGreaterThan(50);
    for (const clean of ['g-outlet', 'g-rain']) expect(of(clean).flags).toEqual({ 'flat-line': 0, spike: 0, disagrees: 0 });
    // The flood front's jump is confirmed by the next reading: the one spike is the feed's.
    expect(of('g-inlet').flags.spike).toBe(1);
    const inlet = await call(app, lead, 'sensors.series', { sensorId: 'g-inlet', from: clock.now() - 3_600_000, to: clock.now(), maxPoints: 10_000 });
    const spike = inlet.points.reduce((a, b) => (b.value > a.value ? b : a));
    expect(spike.value).toBeGreaterThan(1.2);
    expect(spike.flagged).toBe(1);
    // The dropout: silent, then reporting again.
    const alerts = await call(app, lead, 'alerts.list', { status: 'all' });
    expect(alerts.filter((a) => a.dedupeKey === 'sensor:g-outlet:silent').map((a) => a.status)).toEqual(['resolved']);
    // One alert per sensor and level, however many readings stayed over it.
    const keys = alerts.map((a) => a.dedupeKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('sensor:g-inlet:danger');
    const latest = await call(app, lead, 'sensors.latest', {});
    expect(latest.every((r) => r.reconstructed)).toBe(true);
  }, 60_000);
});
