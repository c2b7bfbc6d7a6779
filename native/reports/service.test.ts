import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { connectMqtt } from '../mqtt/connection.ts';
import { startMosquitto, type Mosquitto } from '../mqtt/test-broker.ts';
import { startReportLink } from './mqtt-link.ts';
import { createReportService } from './service.ts';
import { street, streetReports, testReports } from './test-reports.ts';

const eocMember = { session: { id: 's-eoc', actorId: 'eoc-1' } };
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const done of cleanup.reverse()) await done();
  cleanup = [];
});

function setUp(bounds: readonly [number, number, number, number] | null = null) {
  const t = testReports(bounds);
  cleanup.push(() => t.close());
  return t;
}

describe('citizen and field reports', () => {
  it('groups twenty reports of one street, sent through mosquitto, into one item with a count, the deepest water and the time span', async () => {
    const broker: Mosquitto = await startMosquitto();
    cleanup.push(() => broker.stop());
    const t = setUp();
    const link = startReportLink({ brokers: [broker.url], clientId: 'polder-reports-test', org: 'merewether-demo', receive: t.reports.receive, logger: { info() {}, warn() {}, error() {} } });
    cleanup.push(() => link.close());
    const sender = connectMqtt({ brokers: [broker.url], clientId: 'gateway-test', sessionExpirySeconds: 0 });
    cleanup.push(() => sender.close());
    for (let i = 0; i < 200 && !(link.connected && sender.connected); i++) await sleep(25);
    expect(link.topic).toBe('polder/v1/merewether-demo/reports');

    const now = t.clock.now();
    const forms = streetReports(20, now);
    const elsewhere = { location: { lon: street.lon, lat: street.lat + 0.01 }, observedAt: new Date(now).toISOString(), category: 'waist', reporter: { contact: 'crew 7', kind: 'crew' } };
    await Promise.all([...forms, elsewhere].map((f) => sender.publish(link.topic, JSON.stringify(f))));
    for (let i = 0; i < 400 && t.reports.counts().received < 21; i++) await sleep(25);

    expect(t.reports.counts()).toEqual({ received: 21, accepted: 21, quarantined: 0 });
    const { groups } = await t.reports.handlers['reports.groups']({ limit: 500 }, eocMember);
    expect(groups).toHaveLength(2);
    const onStreet = groups.find((g) => g.count === 20)!;
    expect(onStreet).toMatchObject({ crew: 4, firstAt: now - 19 * 75_000, lastAt: now, latestCategory: null, review: 'unconfirmed', reconstructed: false });
    expect([onStreet.maxDepthM, onStreet.latestDepthM]).toEqual([expect.closeTo(0.58, 9), expect.closeTo(0.58, 9)]);
    expect(onStreet.location.lon).toBeCloseTo(street.lon + 9.5 * 0.00008, 6);
    const alerts = await t.as('eoc-1')('alerts.list', { status: 'open' });
    expect(alerts.map((a) => [a.source, a.severity, a.certainty, a.escalation])).toEqual([
      ['report', 'Unknown', 'Unknown', 0],
      ['report', 'Unknown', 'Unknown', 0],
    ]);
    expect(alerts.find((a) => a.id === onStreet.alertId)?.title).toMatch(/^Unconfirmed public report: water ankle-deep/);
  });

  it('quarantines malformed reports with a reason each, loses none, and counts received = accepted + quarantined', async () => {
    const [w, s, e, n] = [151.7403, -32.9436, 151.7438, -32.9398];
    const t = setUp([w, s, e, n]);
    const now = t.clock.now();
    const good = { id: 'gw-1', location: street, observedAt: new Date(now).toISOString(), depthM: 0.3, reporter: { contact: 'a@b.c' } };
    const lines = [
      JSON.stringify(good),
      '{"location":',
      JSON.stringify({ ...good, id: 'gw-2', location: undefined }),
      JSON.stringify({ ...good, id: 'gw-3', depthM: undefined }),
      JSON.stringify({ ...good, id: 'gw-4', observedAt: new Date(now + 3_600_000).toISOString() }),
      JSON.stringify({ ...good, id: 'gw-5', observedAt: new Date(now - 3 * 86_400_000).toISOString() }),
      JSON.stringify({ ...good, id: 'gw-6', location: { lon: 2.35, lat: 48.85 } }),
      JSON.stringify({ ...good, id: 'gw-7', colour: 'brown' }),
      JSON.stringify({ ...good, id: 'gw-8', category: 'neck', depthM: undefined }),
      JSON.stringify(good),
      JSON.stringify({ ...good, id: 'gw-9', observedAt: '2007-02-31T10:00:00Z' }),
      '',
      JSON.stringify({ ...good, id: 'gw-10', reporter: { contact: '' } }),
    ];
    const result = t.reports.importLines('gateway.jsonl', Buffer.concat([Buffer.from(lines.join('\r\n')), Buffer.from('\n\xff\xfe\n', 'latin1')]));
    expect(result.accepted).toBe(1);
    expect(result.quarantined.map((q) => q.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14]);
    expect(t.reports.counts()).toEqual({ received: 13, accepted: 1, quarantined: 12 });

    const quarantined = await t.reports.handlers['reports.quarantine']({ limit: 100 }, eocMember);
    const byLine = Object.fromEntries(quarantined.map((q) => [q.origin.replace('file: gateway.jsonl:', ''), q.reason]));
    expect(byLine).toEqual({
      '2': expect.stringMatching(/^the payload is not JSON/),
      '3': expect.stringMatching(/^location: /),
      '4': 'depthM: give the depth in metres (depthM) or a category (ankle, knee, waist, car-roof)',
      '5': expect.stringMatching(/is in the future/),
      '6': expect.stringMatching(/too old/),
      '7': expect.stringMatching(/^location 2.35, 48.85 is outside the area this node covers/),
      '8': expect.stringMatching(/colour/),
      '9': expect.stringMatching(/^category: /),
      '10': 'duplicate: report "gw-1" was received before',
      '11': 'observedAt "2007-02-31T10:00:00Z" is not a real date',
      '13': expect.stringMatching(/^reporter.contact: /),
      '14': 'the payload is not UTF-8 text',
    });
    expect(quarantined.find((q) => q.origin.endsWith(':2'))?.payload).toBe('{"location":');
  });

  it('a crisis-room member confirms one group and dismisses another, as signed-off events on their alerts; a second review is refused', async () => {
    const t = setUp();
    const now = t.clock.now();
    t.reports.importLines('a.jsonl', t.jsonl(streetReports(3, now)));
    t.reports.receive('polder/v1/polder/reports', t.line({ location: { lon: street.lon, lat: street.lat + 0.02 }, observedAt: new Date(now).toISOString(), category: 'knee', reporter: { contact: 'x' } }));
    const { groups } = await t.reports.handlers['reports.groups']({ limit: 500 }, eocMember);
    const [far, near] = [groups.find((g) => g.count === 1)!, groups.find((g) => g.count === 3)!];

    const confirmed = await t.reports.handlers['reports.confirm']({ groupId: near.id, severity: 'Severe', note: 'Crew on scene' }, eocMember);
    expect(confirmed.review).toBe('confirmed');
    const dismissed = await t.reports.handlers['reports.dismiss']({ groupId: far.id }, eocMember);
    expect(dismissed.review).toBe('dismissed');

    const alerts = await t.as('eoc-1')('alerts.list', { status: 'all' });
    expect(alerts.find((a) => a.id === near.alertId)).toMatchObject({ certainty: 'Observed', severity: 'Severe', status: 'acknowledged' });
    expect(alerts.find((a) => a.id === far.alertId)).toMatchObject({ status: 'dismissed' });
    const events = t.service.store.db.prepare<[], { type: string; actor: string; entity: string }>("SELECT type, actor, entity FROM events WHERE type LIKE 'alert.report_%' ORDER BY pos").all();
    expect(events).toEqual([
      { type: 'alert.report_confirmed', actor: 'eoc-1', entity: near.alertId },
      { type: 'alert.report_dismissed', actor: 'eoc-1', entity: far.alertId },
    ]);
    const timeline = await t.as('eoc-1')('timeline.query', { entityId: near.alertId! });
    expect(timeline.map((e) => e.summary)).toContainEqual(expect.stringMatching(/^Public reports confirmed \(Severe\): 3 reports of water up to 0\.22 m deep at -32\.9\d{4}, 151\.74\d{3}$/));
    expect(() => t.reports.handlers['reports.dismiss']({ groupId: near.id }, eocMember)).toThrow(/already confirmed/);
    // A report where the dismissed ones were is new evidence: a new item, not swallowed by the dismissed one.
    t.reports.receive('polder/v1/polder/reports', t.line({ location: far.location, observedAt: new Date(now).toISOString(), category: 'waist', reporter: { contact: 'y' } }));
    const after = (await t.reports.handlers['reports.groups']({ limit: 500 }, eocMember)).groups;
    expect(after.map((g) => [g.count, g.review]).sort()).toEqual([[1, 'dismissed'], [1, 'unconfirmed'], [3, 'confirmed']]);
    expect(() => t.reports.handlers['reports.confirm']({ groupId: 'nope', severity: 'Minor' }, eocMember)).toThrow(/No group of reports/);
  });

  it('raises the queue entry of a group whose alert could not be written, when it starts again, and only once', async () => {
    const t = setUp();
    const errors: string[] = [];
    const quiet = { info() {}, warn() {}, error: (m: string) => errors.push(m) };
    const base = { db: t.service.store.db, clock: t.clock, push: { emit() {} }, core: t.service.core };
    const failing = createReportService({ ...base, logger: quiet, alerts: { raise: () => { throw new Error('disk full'); } } });
    failing.importLines('a.jsonl', t.jsonl(streetReports(2, t.clock.now())));
    expect(errors).toEqual([expect.stringMatching(/^the alert queue entry for reports at .* could not be written$/)]);
    expect((await failing.handlers['reports.groups']({ limit: 500 }, eocMember)).groups.map((g) => g.alertId)).toEqual([null]);

    for (let start = 0; start < 2; start++) createReportService({ ...base, logger: quiet, alerts: t.service.systemAlerts });
    const [group] = (await t.reports.handlers['reports.groups']({ limit: 500 }, eocMember)).groups;
    expect(t.service.systemAlerts.open(`report:${group!.id}`)?.id).toBe(group!.alertId);
    expect(t.eventTypes().filter((type) => type === 'alert.raised')).toHaveLength(1);
  });

  it('triggers nothing on unconfirmed reports: one quiet alert per group, never escalated, no task, however many arrive', () => {
    const t = setUp();
    const now = t.clock.now();
    for (const batch of [0, 1, 2, 3]) {
      t.clock.set(now + batch * 60_000);
      t.reports.importLines(`b${batch}.jsonl`, t.jsonl(streetReports(20, t.clock.now(), { category: 'car-roof', depthM: undefined }).map((f, i) => ({ ...f, id: `b${batch}-${i}` }))));
    }
    expect(t.reports.counts().accepted).toBe(80);
    expect(t.eventTypes().filter((type) => type !== 'unit.created')).toEqual(['alert.raised']);
    const alert = t.service.systemAlerts.open(`report:b0-0`);
    expect(alert).toEqual({ id: expect.any(String), escalation: 0 });
    expect(t.count("entities WHERE kind = 'task'")).toBe(0);
  });
});
