// Forecast grids on disk: exact round trip, bounded by count and by age, and a stored forecast
// shown and compared after the app restarts on the same data folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ForecastRecord } from '../api/decide.ts';
import type { PolderApp } from '../app.ts';
import { call, testApp } from '../rpc/test-app.ts';
import { migrate } from '../store/migrate.ts';
import { migrations } from '../store/migrations/index.ts';
import { writeAssetPack } from '../../simulation/host/asset-pack.ts';
import { createForecastGridStore, type StoredForecast } from './forecast-grids.ts';

const opened: { close(): Promise<void> }[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function forecastsDb(ids: string[]) {
  const db = new Database(':memory:');
  migrate(db, migrations);
  for (const id of ids) db.prepare("INSERT INTO forecasts (id, scenario, requested_by, requested_at, trigger, inputs, state) VALUES (?, 's', 'system', 1, 'request', '{}', 'completed')").run(id);
  return db;
}

const outcome = (seed: number): StoredForecast => {
  const cells = 300 * 200;
  const maxDepth = Float32Array.from({ length: cells }, (_, i) => (i % 97 === seed % 97 ? 0.37 + seed : 0));
  const arrival = Float32Array.from({ length: cells }, (_, i) => (maxDepth[i]! > 0 ? 610.5 : -1));
  const probability = Float32Array.from({ length: cells }, (_, i) => (maxDepth[i]! > 0 ? 0.6 : 0));
  return { nx: 300, ny: 200, impacts: [{ id: 'sub', name: 'Substation', kind: 'substation', shape: 'point', x: 382400.5, y: 6354400.25, lonLat: [151.75, -32.94], peakDepth: 0.37 + seed, arrivalSeconds: 610.5, leadSeconds: 10.5, hazard: 2, probability: 1 }], grids: { maxDepth, arrival, probability }, steadyAt: seed % 2 ? 840 : null };
};

describe('forecast grids on disk', () => {
  it('gives back exactly what was stored, compressed', () => {
    const db = forecastsDb(['f1']);
    const store = createForecastGridStore(db);
    const stored = outcome(1);
    store.put('f1', stored, 1000);
    expect(store.get('f1')).toEqual(stored);
    expect(store.get('nope')).toBeNull();
    const bytes = db.prepare<[], number>('SELECT length(max_depth) + length(arrival) + length(probability) FROM forecast_grids').pluck().get()!;
    expect(bytes).toBeLessThan((3 * 300 * 200 * 4) / 10);
  });

  it('keeps only the newest N forecasts and none older than the maximum age, also on opening', () => {
    const db = forecastsDb(['f1', 'f2', 'f3', 'f4']);
    const hour = 3_600_000;
    const store = createForecastGridStore(db, { keep: 2, maxAgeMs: 24 * hour });
    store.put('f1', outcome(1), 0);
    store.put('f2', outcome(2), hour);
    store.put('f3', outcome(3), 2 * hour);
    expect([store.get('f1'), store.get('f2') !== null, store.get('f3') !== null]).toEqual([null, true, true]);
    store.put('f4', outcome(4), 25.5 * hour);
    // f2 is now over a day old; f3 and f4 are the newest two
    expect(['f2', 'f3', 'f4'].map((id) => store.get(id) !== null)).toEqual([false, true, true]);
    createForecastGridStore(db, { keep: 1, maxAgeMs: null }).prune(26 * hour);
    expect(store.count()).toBe(1);
    expect(store.get('f4')).not.toBeNull();
    expect(() => createForecastGridStore(db, { keep: 0, maxAgeMs: null })).toThrow(/at least 1/);
  });

  it('a stored forecast is shown and compared with its what-if after a restart; retention drops the oldest', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'polder-grids-'));
    dirs.push(dataDir);
    const scenario = writeAssetPack();
    const open = async (keep?: number) => {
      const t = await testApp(60_000, { dataDir, scenario, ...(keep ? { forecasts: { gridRetention: { keep, maxAgeMs: null } } } : {}) });
      opened.push(t);
      return t;
    };
    const finish = (app: PolderApp, id: string) =>
      new Promise<ForecastRecord>((resolve) => {
        const off = app.pushes.listen((event, payload) => {
          if (event !== 'forecast.finished' || (payload as ForecastRecord).id !== id) return;
          off();
          resolve(payload as ForecastRecord);
        });
      });
    const first = await open();
    const lead = first.session('eoc-lead');
    const base = await call(first.app, lead, 'forecast.run', { aheadMinutes: 5, from: 'start', inflows: { in: { times: [0], values: [6] } } });
    await finish(first.app, base.id);
    const pump = await call(first.app, lead, 'whatif.run', { baseId: base.id, name: 'Pump at the school', edits: [{ kind: 'addPump', id: 'p1', x: 300005, y: 6000003, capacity: 2, dischargeTo: null }] });
    await finish(first.app, pump.id);
    const before = await call(first.app, lead, 'whatif.compare', { baseId: base.id, otherId: pump.id });
    const grids = await call(first.app, lead, 'forecast.grids', { id: base.id });
    await first.close();
    opened.splice(0);

    const second = await open();
    const again = second.session('eoc-lead');
    expect(await call(second.app, again, 'forecast.grids', { id: base.id })).toEqual(grids);
    expect(await call(second.app, again, 'whatif.compare', { baseId: base.id, otherId: pump.id })).toEqual(before);
    expect(before.counts.shallower + before.counts.newlyDry).toBeGreaterThan(0);
    await second.close();
    opened.splice(0);

    const third = await open(1);
    const late = third.session('eoc-lead');
    await expect(call(third.app, late, 'forecast.grids', { id: base.id })).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/not kept/) });
    expect(await call(third.app, late, 'forecast.grids', { id: pump.id })).toMatchObject({ id: pump.id, nx: grids.nx, ny: grids.ny });
    await expect(call(third.app, late, 'whatif.compare', { baseId: base.id, otherId: pump.id })).rejects.toMatchObject({ code: 'not_found' });
  });
});
