// What-if on the asset pack through a real app: placements ranked by what-if runs, the top one
// applied lowers the peak at its asset, and the difference agrees with the two runs.
import { afterEach, describe, expect, it } from 'vitest';
import type { ForecastRecord } from '../api/decide.ts';
import { call, testApp } from '../rpc/test-app.ts';
import { writeAssetPack } from '../../simulation/host/asset-pack.ts';
import type { ForecastOutcome, TargetImpact } from '../../simulation/host/forecast.ts';
import { compareForecasts, DiffClass } from './whatif-compare.ts';
import { candidatePlacements } from './whatif.ts';

let t: Awaited<ReturnType<typeof testApp>> | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const impact = (id: string, peakDepth: number, arrivalSeconds: number | null): TargetImpact => ({ id, name: id, kind: 'school', shape: 'point', x: 10, y: 20, lonLat: null, peakDepth, arrivalSeconds, leadSeconds: arrivalSeconds, hazard: 1, probability: 1 });
const outcome = (maxDepth: number[], impacts: TargetImpact[]): ForecastOutcome => ({ nx: maxDepth.length, ny: 1, startSeconds: 0, endSeconds: 60, scales: [1], impacts, grids: { maxDepth: Float32Array.from(maxDepth), arrival: new Float32Array(maxDepth.length), probability: new Float32Array(maxDepth.length) }, assimilation: [], wallSeconds: 0 });

describe('what-if', () => {
  it('classes every cell from the two grids and lists the assets that change', () => {
    const base = outcome([0, 0.5, 0.5, 0.3, 0, 0.2], [impact('a', 0.5, 100), impact('b', 0.2, 300), impact('c', 0.05, null)]);
    const next = outcome([0, 0.6, 0.2, 0, 0.1, 0.21], [impact('a', 0.2, 400), impact('b', 0.1, null), impact('c', 0.05, null)]);
    const d = compareForecasts(base, next);
    expect(Array.from(d.classes)).toEqual([DiffClass.same, DiffClass.deeper, DiffClass.shallower, DiffClass.newlyDry, DiffClass.newlyWet, DiffClass.same]);
    expect(d.counts).toEqual({ deeper: 1, shallower: 1, newlyDry: 1, newlyWet: 1 });
    expect(d.assets.map((a) => [a.id, Number(a.change.toFixed(2)), a.arrivalGainedSeconds, a.alertAvoided])).toEqual([
      ['a', -0.3, 300, false],
      ['b', -0.1, null, true],
    ]);
    expect(d.alertsAvoided).toBe(1);
  });

  it('offers a pump at every asset at risk and a wall around each point asset, none for roads or dry assets', () => {
    const road = { ...impact('road:r#1', 0.6, 10), kind: 'road' as const, shape: 'area' as const };
    const c = candidatePlacements([impact('a', 0.5, 100), impact('dry', 0.05, null), road]);
    expect(c.map((x) => [x.kind, x.target.id])).toEqual([['pump', 'a'], ['barrier', 'a']]);
    expect(c[1]!.edit).toMatchObject({ kind: 'addBarrier', line: [[6, 16], [14, 16], [14, 24], [6, 24], [6, 16]] });
  });

  it('ranks placements by what-if runs; applying the top one lowers the peak at its asset, and the comparison says so', async () => {
    t = await testApp(60_000, { scenario: writeAssetPack() });
    const lead = t.session('eoc-lead');
    const finished: ForecastRecord[] = [];
    t.app.pushes.listen((event, payload) => void (event === 'forecast.finished' && finished.push(payload as ForecastRecord)));
    const base = await call(t.app, lead, 'forecast.run', { aheadMinutes: 5, from: 'start', inflows: { in: { times: [0], values: [6] } } });
    for (let i = 0; i < 400 && !finished.some((f) => f.id === base.id); i++) await new Promise((r) => setTimeout(r, 25));
    const baseRecord = finished.find((f) => f.id === base.id)!;
    expect(baseRecord.state).toBe('completed');

    const ranked = await call(t.app, lead, 'whatif.rank', { baseId: base.id });
    expect(ranked.length).toBeGreaterThan(0);
    for (let k = 1; k < ranked.length; k++) expect(ranked[k - 1]!.depthRemoved).toBeGreaterThanOrEqual(ranked[k]!.depthRemoved);
    const top = ranked[0]!;
    expect(top.depthRemoved).toBeGreaterThan(0);
    const drafts = await call(t.app, lead, 'recommendations.list', {});
    const placement = drafts.find((d) => d.kind === top.kind && d.target === top.target)!;
    expect(placement).toMatchObject({ department: 'works', edit: top.edit });
    expect(placement.description).toMatch(/^Ranked 1 of \d+: removes/);

    const rerun = await call(t.app, lead, 'whatif.run', { baseId: base.id, name: 'Top placement', edits: [placement.edit!] });
    for (let i = 0; i < 400 && !finished.some((f) => f.id === rerun.id); i++) await new Promise((r) => setTimeout(r, 25));
    const whatIf = finished.find((f) => f.id === rerun.id)!;
    expect(whatIf).toMatchObject({ state: 'completed', name: 'Top placement', baseId: base.id, trigger: 'what-if', startSeconds: baseRecord.startSeconds, alerts: [] });
    const peak = (r: ForecastRecord, id: string) => r.impacts!.find((i) => i.id === id)!.peakDepth;
    expect(peak(whatIf, top.target)).toBeLessThan(peak(baseRecord, top.target));

    const diff = await call(t.app, lead, 'whatif.compare', { baseId: base.id, otherId: rerun.id });
    const row = diff.assets.find((a) => a.id === top.target)!;
    expect(row.basePeak).toBeCloseTo(peak(baseRecord, top.target), 6);
    expect(row.peak).toBeCloseTo(peak(whatIf, top.target), 6);
    expect(row.change).toBeLessThan(0);
    const classes = Buffer.from(diff.classes, 'base64');
    expect(classes.length).toBe(diff.nx * diff.ny);
    expect(classes.filter((c) => c === DiffClass.shallower || c === DiffClass.newlyDry).length).toBe(diff.counts.shallower + diff.counts.newlyDry);
    expect(diff.counts.shallower + diff.counts.newlyDry).toBeGreaterThan(0);
    // a what-if raises no alerts: the queue holds the base forecast's only
    const open = await call(t.app, lead, 'alerts.list', { status: 'open' });
    expect(open.filter((a) => a.source === 'model')).toHaveLength(baseRecord.alerts!.length);
  });

  it('records a road closure in a what-if and shows it in the comparison; an unknown road is refused', async () => {
    t = await testApp(60_000, { scenario: writeAssetPack() });
    const lead = t.session('eoc-lead');
    const finished: ForecastRecord[] = [];
    t.app.pushes.listen((event, payload) => void (event === 'forecast.finished' && finished.push(payload as ForecastRecord)));
    const until = async (id: string) => {
      for (let i = 0; i < 400 && !finished.some((f) => f.id === id); i++) await new Promise((r) => setTimeout(r, 25));
      return finished.find((f) => f.id === id)!;
    };
    const base = await until((await call(t.app, lead, 'forecast.run', { aheadMinutes: 5, from: 'start', inflows: { in: { times: [0], values: [6] } } })).id);
    const road = base.impacts!.find((i) => i.id === 'road:f0#1')!;
    expect(road.peakDepth).toBeGreaterThan(0.15);
    await expect(call(t.app, lead, 'whatif.run', { baseId: base.id, name: 'Nothing', edits: [], closures: [] })).rejects.toThrow(/pump, a barrier or a road closure/);
    await expect(call(t.app, lead, 'whatif.run', { baseId: base.id, name: 'Close Elm St', closures: ['road:elm#1'] })).rejects.toThrow(/no road segment "road:elm#1"/);

    const closed = await until((await call(t.app, lead, 'whatif.run', { baseId: base.id, name: 'Close the creek road', closures: [road.id] })).id);
    expect(closed).toMatchObject({ state: 'completed', trigger: 'what-if', alerts: [] });
    expect(closed.inputs.closures).toEqual([road.id]);
    const diff = await call(t.app, lead, 'whatif.compare', { baseId: base.id, otherId: closed.id });
    // a closure moves no water: the same grids, the road listed with its water, its alert answered
    expect(diff.counts).toEqual({ deeper: 0, shallower: 0, newlyDry: 0, newlyWet: 0 });
    expect(diff.closures).toEqual([{ id: road.id, name: road.name, peakDepth: road.peakDepth, arrivalSeconds: road.arrivalSeconds, alertCovered: true }]);
    expect(diff.alertsCovered).toBe(1);
    const plain = await call(t.app, lead, 'whatif.compare', { baseId: base.id, otherId: base.id });
    expect(plain.closures).toEqual([]);
  });
});
