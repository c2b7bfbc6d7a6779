// A real app in exercise mode on a 60× virtual clock over the system clock: injects delivered on
// time as alerts, messages and sensor readings; the controller's skip and delay; CAP marked Exercise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPin } from '../identity/demo-pin.ts';
import { demoRoster } from '../identity/demo-roster.ts';
import { systemClock } from '../clock/clock.ts';
import { virtualClock } from '../clock/virtual-clock.ts';
import { call, testApp, testGauge } from '../rpc/test-app.ts';
import type { Inject } from '../api/exercise.ts';
import { parseMsel } from './msel.ts';

const start = Date.parse('2007-06-08T15:00:00+10:00');
const header = 'Event number,Scenario time,Delivery method,From,To,Synopsis,Expected action,Severity,Sensor,Anomaly,Value,Minutes';
const msel = parseMsel(
  [
    header,
    '1,+00:30,message,Triple Zero,Fire & Rescue,Cars swept along Glebe Road,Fire tasks a swift-water crew,,,,,',
    '2,+00:45,message,SimCell,Police,Crowd at the bridge,Police close the bridge,,,,,',
    '3,+01:00,alert,BoM,EOC,Flash flood warning for Merewether,Acknowledge within 5 minutes,Severe,,,,',
    '4,+01:15,message,SimCell,Transport,Buses stranded,Divert routes,,,,,',
    '5,+01:30,sensor anomaly,Gauge,Public Works,Gauge spikes,Flag it as a fault,,g-test,spike,0.5,1',
  ].join('\n'),
  { departments: demoRoster().departments, sensors: [testGauge.id], start },
);

const clock = virtualClock({ source: systemClock(), start, rate: 60, mode: 'exercise' });
let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp(60_000, { clock, exercise: { exerciseId: 'runner-test', msel, clock } });
});
afterAll(async () => {
  await t?.close();
});

async function injects(session: ReturnType<typeof t.session>): Promise<Inject[]> {
  return (await call(t.app, session, 'exercise.state', {}))!.injects;
}

describe('an exercise on a 60× clock', () => {
  it('delivers each inject at its scenario time, and the controller skips and delays', async () => {
    const lead = t.session(null);
    await call(t.app, lead, 'session.login', { actorId: 'eoc-lead', secret: demoPin });
    const planned = await injects(lead);
    expect(planned.map((i) => [i.number, i.status, i.at - start])).toEqual([
      ['1', 'pending', 30_000],
      ['2', 'pending', 45_000],
      ['3', 'pending', 60_000],
      ['4', 'pending', 75_000],
      ['5', 'pending', 90_000],
    ]);
    const byNumber = (list: Inject[], n: string) => list.find((i) => i.number === n)!;
    await call(t.app, lead, 'exercise.skip', { injectId: byNumber(planned, '4').id, reason: 'Transport desk not staffed' });
    await call(t.app, lead, 'exercise.delay', { injectId: byNumber(planned, '2').id, minutes: 1 });
    await call(t.app, lead, 'exercise.note', { injectId: byNumber(planned, '1').id, text: 'Fire desk briefed before STARTEX' });
    await call(t.app, lead, 'clock.play', {});

    let now = planned;
    for (let i = 0; i < 200 && now.filter((x) => x.status === 'delivered').length < 4; i++) {
      await new Promise((r) => setTimeout(r, 25));
      now = await injects(lead);
    }
    await call(t.app, lead, 'clock.pause', {});
    const lateness = now.filter((i) => i.status === 'delivered').map((i) => i.deliveredAt! - i.at);
    // Scenario seconds late; at 60× one second of scenario time is 17 ms of a loaded machine's timers.
    console.log(`inject lateness under 60×, scenario ms: ${lateness.join(', ')}`);
    for (const late of lateness) expect(late).toBeGreaterThanOrEqual(0);
    for (const late of lateness) expect(late).toBeLessThan(15_000);
    expect(now.map((i) => [i.number, i.status])).toEqual([
      ['1', 'delivered'],
      ['3', 'delivered'],
      ['4', 'skipped'],
      ['5', 'delivered'],
      ['2', 'delivered'],
    ]);
    expect(byNumber(now, '2')).toMatchObject({ at: start + 105_000, plannedAt: start + 45_000 });
    expect(byNumber(now, '4')).toMatchObject({ deliveredAt: null, skipReason: 'Transport desk not staffed' });
    expect(byNumber(now, '1').notes).toEqual([expect.objectContaining({ by: 'eoc-lead', text: 'Fire desk briefed before STARTEX' })]);

    // The alert inject is in the queue as an exercise alert; its CAP says Exercise and validates.
    const alertId = byNumber(now, '3').alertId!;
    const [alert] = (await call(t.app, lead, 'alerts.rows', { ids: [alertId] })).rows;
    expect(alert).toMatchObject({ source: 'exercise', severity: 'Severe', status: 'raised' });
    const cap = await call(t.app, lead, 'cap.export', { alertId });
    expect(cap.status).toBe('Exercise');
    expect(cap.xml).toContain('<status>Exercise</status>');
    expect(await call(t.app, lead, 'cap.validate', { xml: cap.xml })).toEqual({ valid: true, reasons: [] });

    // The message is in the activity log under the department it went to.
    const log = await call(t.app, lead, 'timeline.query', { limit: 200 });
    expect(log.find((e) => e.type === 'inject.delivered' && e.entityId === byNumber(now, '1').id)).toMatchObject({ department: 'fire', summary: expect.stringMatching(/Message from Triple Zero to Fire & Rescue: Cars swept/) });
    expect(log.filter((e) => e.type === 'inject.planned')).toHaveLength(5);

    // The sensor anomaly is a reading of the gauge in the sensor service.
    let reading = null;
    for (let i = 0; i < 100 && !reading; i++) {
      reading = (await call(t.app, lead, 'sensors.latest', {})).find((r) => r.sensorId === testGauge.id && r.value === 0.5) ?? null;
      if (!reading) await new Promise((r) => setTimeout(r, 25));
    }
    expect(reading!.time).toBeGreaterThanOrEqual(byNumber(now, '5').at);
    expect(reading!.time).toBeLessThanOrEqual(byNumber(now, '5').deliveredAt!);
  }, 30_000);

  it('sends a rise as one reading a scenario minute from the latest reading, and a stuck sensor as its value held', async () => {
    const lead = t.session(null);
    await call(t.app, lead, 'session.login', { actorId: 'eoc-lead', secret: demoPin });
    // Faster than the controller may set it (60×), so the minutes pass in a fraction of a second.
    clock.setRate(1200);
    const from = clock.now();
    await call(t.app, lead, 'exercise.insert', { inject: { method: 'sensor', to: 'Public Works', synopsis: 'Gauge rises', sensor: { sensorId: testGauge.id, anomaly: 'rise', value: 1.1, minutes: 3 } } });
    clock.play();
    const values = async () => (await call(t.app, lead, 'sensors.series', { sensorId: testGauge.id, from, to: from + 3_600_000 })).points.map((p) => p.value);
    let seen: number[] = [];
    for (let i = 0; i < 200 && seen.length < 4; i++) {
      await new Promise((r) => setTimeout(r, 25));
      seen = await values();
    }
    expect(seen).toEqual([0.5, 0.7, 0.9, 1.1]);
    await call(t.app, lead, 'exercise.insert', { inject: { method: 'sensor', to: 'Public Works', synopsis: 'Gauge sticks', sensor: { sensorId: testGauge.id, anomaly: 'stuck', value: 0.25, minutes: 2 } } });
    for (let i = 0; i < 200 && seen.length < 7; i++) {
      await new Promise((r) => setTimeout(r, 25));
      seen = await values();
    }
    clock.pause();
    expect(seen.slice(4)).toEqual([0.25, 0.25, 0.25]);
  });

  it('refuses to skip what was delivered, and a controller action from someone without the right', async () => {
    const lead = t.session(null);
    await call(t.app, lead, 'session.login', { actorId: 'eoc-lead', secret: demoPin });
    const delivered = (await injects(lead)).find((i) => i.status === 'delivered')!;
    await expect(call(t.app, lead, 'exercise.skip', { injectId: delivered.id })).rejects.toMatchObject({ code: 'illegal_transition' });
    const member = t.session(null);
    const fireMember = demoRoster().people.find((p) => p.department === 'fire' && p.role === 'member')!;
    await call(t.app, member, 'session.login', { actorId: fireMember.id, secret: demoPin });
    await expect(call(t.app, member, 'exercise.note', { injectId: delivered.id, text: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
  });
});
