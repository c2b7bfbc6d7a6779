import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolderApp } from '../app.ts';
import type { Invoke, Method } from '../api/index.ts';
import { testReplayApp } from './test-replay-app.ts';

let t: Awaited<ReturnType<typeof testReplayApp>>;
beforeAll(async () => {
  t = await testReplayApp();
});
afterAll(() => t.close());

const lead = { session: { id: 's-lead', actorId: 'eoc-lead' } };
async function call<M extends Method>(app: PolderApp, method: M, args: Invoke[M][0]) {
  return app.dispatch(method, args, lead);
}

describe('an app in replay mode', () => {
  it('is read only: whoever signs in, every action is refused', async () => {
    const alerts = await call(t.app, 'alerts.list', { status: 'all' });
    expect(alerts.ok).toBe(true);
    for (const [method, args] of [
      ['tasks.create', { title: 'Sandbags to the school', department: 'works' }],
      ['alerts.raise', { source: 'field', title: 'Water over the road', severity: 'Severe', urgency: 'Immediate', certainty: 'Observed' }],
      ['sensors.setRetention', { rawDays: 1, summaryDays: 1 }],
      ['forecast.run', { aheadMinutes: 60, from: 'start' }],
      ['conflicts.resolve', { entityId: 'task-1', field: 'title', value: 'Sandbags', seen: '000000000000000-0000-x' }],
    ] as const) {
      const result = await t.app.dispatch(method, args, lead);
      expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: `This is a replay of a recording: ${method} changes nothing here (a replay is read only)` } });
    }
  });

  it('plays, pauses, changes speed and seeks through its contract methods, and pushes its state', async () => {
    const states: unknown[] = [];
    let recommendationPushes = 0;
    const off = t.app.pushes.listen((event, payload) => {
      if (event === 'replay.state') states.push(payload);
      if (event === 'recommendations.changed') recommendationPushes++;
    });
    const { from, to } = t.recording.window;
    const seeked = await call(t.app, 'replay.seek', { at: from + 30 * 60_000 });
    expect(seeked).toMatchObject({ ok: true, value: { from, to, at: from + 30 * 60_000, playing: false, seeks: 1 } });
    // Past 06:20, when the recorded forecast was requested: the recommendations panel is told to look again.
    expect(recommendationPushes).toBe(1);
    expect(await call(t.app, 'forecast.list', { limit: 20 })).toMatchObject({ ok: true, value: [{ id: 'fc-synthetic', state: 'completed' }] });
    expect(await call(t.app, 'replay.setRate', { rate: 60 })).toMatchObject({ ok: true, value: { rate: 60 } });
    expect((await call(t.app, 'replay.setRate', { rate: 61 })).ok).toBe(false);
    expect(await call(t.app, 'replay.play', {})).toMatchObject({ ok: true, value: { playing: true } });
    expect(await call(t.app, 'replay.pause', {})).toMatchObject({ ok: true, value: { playing: false } });
    expect(await call(t.app, 'replay.seek', { at: to + 3_600_000 })).toMatchObject({ ok: true, value: { at: to } });
    // One push per call, and one more when the clock reached the window's end.
    expect(states).toHaveLength(6);
    expect(states.at(-1)).toMatchObject({ at: to, playing: false });
    off();
  });

  it('refuses to start linked to a broker, to sync or to a CAP feed', async () => {
    await expect(testReplayApp({ brokers: ['mqtt://127.0.0.1:1'] }, t.recording)).rejects.toThrow('a replay never connects to a broker: it runs apart from every live node and topic');
    await expect(testReplayApp({ capFeed: { brokers: ['mqtt://127.0.0.1:1'], topic: 'cap/#', actorId: 'eoc-lead' } }, t.recording)).rejects.toThrow('a replay takes no CAP feed');
    await expect(testReplayApp({ sync: { brokers: ['mqtt://127.0.0.1:1'], org: 'x' } }, t.recording)).rejects.toThrow('a replay never connects to a broker');
  });
});
