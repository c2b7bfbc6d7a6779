// Forecasts and their recommended drafts through a real app: the alerts land in the queue, the
// drafts wait for a person, and an approved one is a task on its department's board.
import { afterEach, describe, expect, it } from 'vitest';
import type { ForecastRecord } from '../api/decide.ts';
import { call, testApp } from '../rpc/test-app.ts';
import { writeAssetPack } from '../../simulation/host/asset-pack.ts';

let t: Awaited<ReturnType<typeof testApp>> | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function forecast(app: Awaited<ReturnType<typeof testApp>>, session: ReturnType<Awaited<ReturnType<typeof testApp>>['session']>, inflow: number) {
  const finished = new Promise<ForecastRecord>((resolve) => {
    const off = app.app.pushes.listen((event, payload) => {
      if (event === 'forecast.finished') {
        off();
        resolve(payload as ForecastRecord);
      }
    });
  });
  const record = await call(app.app, session, 'forecast.run', { aheadMinutes: 5, from: 'start', inflows: { in: { times: [0], values: [inflow] } } });
  expect(record.state).toBe('running');
  const done = await finished;
  expect(done.id).toBe(record.id);
  return done;
}

describe('forecasts and recommended tasks', () => {
  it('raises model alerts, drafts a closure for Transport and a protection task, and nothing reaches a board until approved', async () => {
    t = await testApp(60_000, { scenario: writeAssetPack() });
    const lead = t.session('eoc-lead');
    const done = await forecast(t, lead, 6);
    expect(done.state).toBe('completed');
    expect(done.alerts!.map((a) => a.asset).sort()).toEqual(expect.arrayContaining(['a-inflow', 'road:f0#1']));
    expect(done.alerts!.find((a) => a.asset === 'a-north')).toBeUndefined();
    const alerts = await call(t.app, lead, 'alerts.list', { status: 'open' });
    expect(alerts.filter((a) => a.source === 'model').map((a) => a.id).sort()).toEqual(done.alerts!.map((a) => a.alertId).sort());

    const drafts = await call(t.app, lead, 'recommendations.list', {});
    const closure = drafts.find((d) => d.kind === 'closure')!;
    const protection = drafts.find((d) => d.kind === 'protection' && d.target === 'a-inflow')!;
    expect(closure).toMatchObject({ department: 'transport', target: 'road:f0#1', status: 'draft' });
    expect(protection).toMatchObject({ department: 'eoc', status: 'draft' });
    const before = await call(t.app, lead, 'board.query', {});
    expect(before.lanes.flatMap((l) => Object.values(l.tasks).flat())).toHaveLength(0);

    // a newer forecast rewrites the undecided drafts and updates the alerts: no second of either
    const again = await forecast(t, lead, 8);
    expect(again.alerts!.every((a) => a.action !== 'raised')).toBe(true);
    const redrafted = await call(t.app, lead, 'recommendations.list', {});
    expect(redrafted.map((d) => d.id).sort()).toEqual(drafts.map((d) => d.id).sort());
    expect(redrafted.find((d) => d.id === closure.id)!.forecastId).toBe(again.id);

    const observer = t.session('observer');
    await expect(call(t.app, observer, 'recommendations.approve', { id: closure.id })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(call(t.app, lead, 'recommendations.reject', { id: protection.id, reason: '  ' })).rejects.toMatchObject({ code: 'invalid_args' });

    const edited = await call(t.app, lead, 'recommendations.edit', { id: closure.id, title: 'Close the creek road at the school', reason: 'name the place' });
    expect(edited.title).toBe('Close the creek road at the school');
    const { recommendation, task } = await call(t.app, lead, 'recommendations.approve', { id: closure.id, reason: 'water over the kerb' });
    expect(recommendation).toMatchObject({ status: 'approved', decidedBy: 'eoc-lead', reason: 'water over the kerb', taskId: task.id });
    expect(task).toMatchObject({ department: 'transport', title: 'Close the creek road at the school', status: 'new' });
    const board = await call(t.app, lead, 'board.query', { department: 'transport' });
    expect(board.lanes.flatMap((l) => Object.values(l.tasks).flat()).map((x) => x.id)).toEqual([task.id]);
    await expect(call(t.app, lead, 'recommendations.approve', { id: closure.id })).rejects.toMatchObject({ code: 'illegal_transition' });

    const rejected = await call(t.app, lead, 'recommendations.reject', { id: protection.id, reason: 'school closed today' });
    expect(rejected).toMatchObject({ status: 'rejected', reason: 'school closed today' });
    expect(await call(t.app, lead, 'recommendations.list', {})).toHaveLength(drafts.length - 2);

    const log = (await call(t.app, lead, 'timeline.query', { limit: 100 })).map((e) => e.summary);
    expect(log).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Recommended task "Close Road, segment 1 of 1" edited \(title\) — name the place$/),
      expect.stringMatching(/^Recommended task approved: "Close the creek road at the school" for transport — water over the kerb$/),
      expect.stringMatching(/^Recommended task rejected: "Protect School by the inflow" — school closed today$/),
      expect.stringMatching(/^Forecast completed \(5 min ahead, 1 member, from scenario-start\)/),
    ]));
  });

  it('a forecast is cancelled on request and kept as a record', async () => {
    t = await testApp(60_000, { scenario: writeAssetPack() });
    const lead = t.session('eoc-lead');
    const finished = new Promise<ForecastRecord>((resolve) => t!.app.pushes.listen((event, payload) => event === 'forecast.finished' && resolve(payload as ForecastRecord)));
    const slow = await call(t.app, lead, 'forecast.run', { aheadMinutes: 1440, members: 5, from: 'start' });
    await call(t.app, lead, 'forecast.cancel', { id: slow.id });
    expect(await finished).toMatchObject({ id: slow.id, state: 'cancelled' });
    expect((await call(t.app, lead, 'forecast.list', {}))[0]).toMatchObject({ id: slow.id, state: 'cancelled', inputs: { aheadMinutes: 1440, members: 5 } });
    await expect(call(t.app, lead, 'forecast.cancel', { id: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('nudges the start toward observed gauge levels and logs by how much', async () => {
    t = await testApp(60_000, { scenario: writeAssetPack() });
    const lead = t.session('eoc-lead');
    const finished = new Promise<ForecastRecord>((resolve) => t!.app.pushes.listen((event, payload) => event === 'forecast.finished' && resolve(payload as ForecastRecord)));
    await call(t.app, lead, 'forecast.run', { aheadMinutes: 1, from: 'start', observations: [{ id: 'p1', x: 300015, y: 6000005, stage: 7.5 }] });
    expect(await finished).toMatchObject({ state: 'completed', inputs: { observations: [{ id: 'p1', stage: 7.5 }] } });
    const log = (await call(t.app, lead, 'timeline.query', { limit: 50 })).map((e) => e.summary);
    // the dry start lies about 0.95 m below the observed level there; the nudge closes the gap
    expect(log).toContainEqual(expect.stringMatching(/^Forecast start nudged toward 1 gauge level\(s\): mean difference 0\.9\d m → 0\.00 m$/));
    // the same gap is the model's skill at the gauge: it ran 0.95 m low
    const [skill, ...others] = await call(t.app, lead, 'forecast.skill', {});
    expect(others).toEqual([]);
    expect(skill).toMatchObject({ gauge: 'p1', n: 1 });
    expect(skill!.bias!).toBeLessThan(-0.9);
    expect(skill!.bias!).toBeGreaterThan(-1);
    expect(skill!.rmse).toBeCloseTo(-skill!.bias!, 9);
  });
});
