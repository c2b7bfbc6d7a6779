import { afterEach, describe, expect, it } from 'vitest';
import { call, testApp } from '../rpc/test-app.ts';

let t: Awaited<ReturnType<typeof testApp>> | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('reports in the whole app', () => {
  it('feed no forecast, draft no task or recommendation and escalate nothing while unconfirmed; only a crisis-room member may confirm', async () => {
    t = await testApp();
    const eoc = t.session('eoc-1');
    const police = t.session('police-lead');
    const { scenario } = await call(t.app, eoc, 'app.info', {});
    const [w, s, e, n] = scenario!.bounds;
    const now = Date.UTC(2007, 5, 8, 12);
    const lines = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({ location: { lon: (w + e) / 2, lat: (s + n) / 2 }, observedAt: new Date(now - i * 30_000).toISOString(), category: 'car-roof', text: 'Cars floating', reporter: { contact: `${i}` } }),
    );
    t.app.reports.importLines('storm.jsonl', Buffer.from(lines.join('\n')));

    const { groups, mayReview } = await call(t.app, eoc, 'reports.groups', {});
    expect(mayReview).toBe(true);
    expect((await call(t.app, police, 'reports.groups', {})).mayReview).toBe(false);
    expect(groups.map((g) => [g.count, g.review])).toEqual([[40, 'unconfirmed']]);
    const [alert] = await call(t.app, eoc, 'alerts.list', { status: 'open' });
    expect(alert).toMatchObject({ source: 'report', severity: 'Unknown', certainty: 'Unknown', escalation: 0, loud: false });
    expect(await call(t.app, eoc, 'forecast.list', {})).toEqual([]);
    expect(await call(t.app, eoc, 'recommendations.list', {})).toEqual([]);
    const board = await call(t.app, eoc, 'board.query', {});
    expect(board.lanes.flatMap((lane) => Object.values(lane.tasks).flat())).toEqual([]);

    await expect(call(t.app, police, 'reports.confirm', { groupId: groups[0]!.id })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await call(t.app, eoc, 'reports.confirm', { groupId: groups[0]!.id, severity: 'Extreme' })).review).toBe('confirmed');
    expect((await call(t.app, eoc, 'alerts.list', { status: 'open' }))[0]).toMatchObject({ certainty: 'Observed', severity: 'Extreme' });
  });
});
