import { trustedDevices } from '../identity/test-roster.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { codeOf, testService } from './test-service.ts';

let env: ReturnType<typeof testService>;
let other: ReturnType<typeof testService> | undefined;
afterEach(async () => {
  await env?.close();
  await other?.close();
  other = undefined;
});

const raise = { source: 'sensor', urgency: 'Immediate', certainty: 'Observed' } as const;

describe('numbered alert changes and alerts.rows', () => {
  it('numbers every alerts.changed push, and alerts.query says which number its list includes', async () => {
    env = testService();
    const works = env.as('works-1');
    expect(await works('alerts.query', {})).toEqual({ seq: 0, alerts: [] });
    const a = (await works('alerts.raise', { ...raise, title: 'Cottage Creek high', severity: 'Moderate', dedupeKey: 'gauge:cc' })).alert;
    await works('alerts.raise', { ...raise, title: 'Cottage Creek high', severity: 'Moderate', dedupeKey: 'gauge:cc' });
    await works('alerts.acknowledge', { alertId: a.id });
    const pushes = env.pushes.filter((p) => p.event === 'alerts.changed').map((p) => p.payload);
    expect(pushes).toEqual([{ ids: [a.id], seq: 1 }, { ids: [a.id], seq: 2 }, { ids: [a.id], seq: 3 }]);
    const list = await works('alerts.query', {});
    expect(list.seq).toBe(3);
    expect(list.alerts).toEqual([expect.objectContaining({ id: a.id, status: 'acknowledged', occurrences: 2 })]);
  });

  it('lists closed alerts too, in queue order, the order their queueRank gives', async () => {
    env = testService();
    const works = env.as('works-1');
    const minor = (await works('alerts.raise', { ...raise, title: 'Minor', severity: 'Minor' })).alert;
    env.clock.advance(1000);
    const severe = (await works('alerts.raise', { ...raise, title: 'Severe', severity: 'Severe' })).alert;
    env.clock.advance(1000);
    const newer = (await works('alerts.raise', { ...raise, title: 'Severe, newer', severity: 'Severe' })).alert;
    await env.as('eoc-1')('alerts.resolve', { alertId: minor.id });
    const { alerts } = await works('alerts.query', {});
    expect(alerts.map((a) => a.id)).toEqual([newer.id, severe.id, minor.id]);
    expect([...alerts].sort((x, y) => (x.queueRank < y.queueRank ? -1 : 1)).map((a) => a.id)).toEqual(alerts.map((a) => a.id));
    expect(alerts.map((a) => a.id)).toEqual((await works('alerts.list', { status: 'all' })).map((a) => a.id));
  });

  it('answers alerts.rows with just those alerts as the caller sees them, and the ids that do not exist', async () => {
    env = testService();
    const a = (await env.as('works-1')('alerts.raise', { ...raise, title: 'Glebe Rd flooding', severity: 'Severe' })).alert;
    const asField = await env.as('works-1')('alerts.rows', { ids: [a.id, 'no-such-alert', a.id] });
    expect(asField).toEqual({ rows: [expect.objectContaining({ id: a.id, loud: true })], gone: ['no-such-alert'] });
    // What each caller may do differs: the crisis room may resolve, the field member may not.
    expect(asField.rows[0]!.allowedActions).not.toContain('resolve');
    expect((await env.as('eoc-1')('alerts.rows', { ids: [a.id] })).rows[0]!.allowedActions).toContain('resolve');
    expect(await codeOf(env.as('works-1')('alerts.rows', { ids: [] }))).toBe('invalid_args');
    expect(await codeOf(env.as(null)('alerts.rows', { ids: [a.id] }))).toBe('unauthenticated');
  });

  it('numbers the alerts that events from another device changed in the same sequence', async () => {
    const { trusted } = trustedDevices(['dev_test', 'dev_field']);
    env = testService(trusted('dev_test'));
    other = testService(trusted('dev_field'));
    const a = (await other.as('works-1')('alerts.raise', { ...raise, title: 'Wickham pump failed', severity: 'Extreme' })).alert;
    await env.as('eoc-1')('alerts.raise', { ...raise, title: 'Local', severity: 'Minor' });
    const events = other.service.store.db.prepare('SELECT * FROM events ORDER BY pos').all() as Record<string, unknown>[];
    const asEvent = (r: Record<string, unknown>) => ({ id: r.id, origin: r.origin, seq: r.seq, hlc: r.hlc, actor: r.actor, type: r.type, entity: r.entity, payload: JSON.parse(r.payload as string), prevHash: r.prev_hash, hash: r.hash, sig: r.sig });
    env.service.applyRemoteEvents(events.filter((e) => e.origin === 'dev_field').map(asEvent));
    const pushes = env.pushes.filter((p) => p.event === 'alerts.changed').map((p) => p.payload);
    expect(pushes.at(-1)).toEqual({ ids: [a.id], seq: 2 });
    expect((await env.as('eoc-1')('alerts.query', {})).seq).toBe(2);
  });
});
