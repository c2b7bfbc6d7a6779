// Line and area assets in a pack (loading them: simulation/host/impact-targets.test.ts) are
// reported on by the deepest water over every cell they cover, and alerted on like points.
import { afterEach, describe, expect, it } from 'vitest';
import type { ForecastRecord } from '../api/decide.ts';
import { call, testApp } from '../rpc/test-app.ts';
import { writeShapedAssetPack } from '../../simulation/host/asset-pack.ts';

let t: Awaited<ReturnType<typeof testApp>> | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('line and area assets', () => {
  it('a forecast reports and alerts on the line and the area by the deepest water over them', async () => {
    t = await testApp(60_000, { scenario: writeShapedAssetPack() });
    const lead = t.session('eoc-lead');
    const finished = new Promise<ForecastRecord>((resolve) => t!.app.pushes.listen((event, payload) => event === 'forecast.finished' && resolve(payload as ForecastRecord)));
    await call(t.app, lead, 'forecast.run', { aheadMinutes: 5, from: 'start', inflows: { in: { times: [0], values: [6] } } });
    const record = await finished;
    expect(record.state).toBe('completed');
    const impact = (id: string) => record.impacts!.find((i) => i.id === id)!;
    expect(impact('lane')).toMatchObject({ shape: 'line', kind: 'underpass' });
    expect(impact('home')).toMatchObject({ shape: 'area', kind: 'aged-care' });
    expect(impact('lane').peakDepth).toBeGreaterThan(0.15);
    expect(impact('home').peakDepth).toBeGreaterThan(0.15);
    expect(record.alerts!.map((a) => a.asset)).toEqual(expect.arrayContaining(['lane', 'home']));
  });
});
