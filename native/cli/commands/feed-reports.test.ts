// `polder feed --reports`: reconstructed citizen reports through a real mosquitto into a real app.
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
const member = { id: 'feed-reports-test', actorId: 'eoc-1' };

beforeAll(async () => {
  broker = await startMosquitto();
  dataDir = mkdtempSync(join(tmpdir(), 'polder-feed-reports-'));
  app = await createApp({ dataDir, resourcesDir: repoPaths.resources, scenario: 'merewether-2007', clock: systemClock(), logger: silentLogger(), host: 'serve', runtime: nodeRuntime(), brokers: [broker.url], sync: { org: 'merewether-demo', brokers: [] } });
  for (let i = 0; i < 200 && !app.reportLinkConnected(); i++) await sleep(25);
});
afterAll(async () => {
  await app?.close();
  await broker?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('polder feed --reports', () => {
  it('publishes reconstructed reports where the run floods the road; the node takes every one in and groups them', async () => {
    const { io, out, err } = recordingIo();
    const code = await runCli(['feed', '--scenario', 'merewether-2007', '--speed', '1000', '--duration', '300', '--broker', broker.url, '--reports', '30', '--org', 'merewether-demo', '--loss', '0', '--json'], io);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(JSON.parse(out.at(-1)!)).toMatchObject({ reports: 30 });
    for (let i = 0; i < 200 && app.reports.counts().received < 30; i++) await sleep(25);
    expect(app.reports.counts()).toEqual({ received: 30, accepted: 30, quarantined: 0 });

    const { groups } = await call(app, member, 'reports.groups', {});
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.length).toBeLessThan(30);
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(30);
    expect(groups.every((g) => g.reconstructed && g.review === 'unconfirmed' && g.maxDepthM >= 0.1)).toBe(true);
    const { scenario } = await call(app, member, 'app.info', {});
    const [w, s, e, n] = scenario!.bounds;
    expect(groups.every((g) => g.location.lon > w && g.location.lon < e && g.location.lat > s && g.location.lat < n)).toBe(true);
    const alerts = await call(app, member, 'alerts.list', { status: 'open' });
    const fromReports = alerts.filter((a) => a.source === 'report');
    expect(fromReports).toHaveLength(groups.length);
    expect(fromReports.every((a) => a.title.startsWith('Reconstructed public report (exercise): water'))).toBe(true);
  });
});
