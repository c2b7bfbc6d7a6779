// Exercise isolation on the wire: a live node and two exercise nodes (the controller's and a
// trainee's) sync through one real mosquitto while a raw client hears every topic (`#`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { virtualClock } from '../clock/virtual-clock.ts';
import { demoRoster } from '../identity/demo-roster.ts';
import { silentLogger } from '../logger.ts';
import { connectMqtt, type MqttMessage } from '../mqtt/connection.ts';
import { startMosquitto, type Mosquitto } from '../mqtt/test-broker.ts';
import { converged, testNodes, type TestNode } from '../sync/test-nodes.ts';
import { exerciseOrg } from './isolation.ts';
import { parseMsel } from './msel.ts';
import { startExerciseRunner } from './runner.ts';

let broker: Mosquitto;
let nodes: TestNode[] = [];
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(async () => {
  await Promise.all(nodes.map((n) => n.close()));
  await broker?.stop();
});

describe('an exercise node on the live broker', () => {
  it('publishes only under its exercise topics: the live node neither hears nor stores any of it', async () => {
    const heard: MqttMessage[] = [];
    const raw = connectMqtt({ brokers: [broker.url], clientId: 'raw-listener' }, { onMessage: (m) => heard.push(m) });
    for (let i = 0; i < 250 && !raw.connected; i++) await new Promise((r) => setTimeout(r, 20));
    await raw.subscribe(['#']);

    const live = 'merewether';
    const drill = exerciseOrg(live, 'drill-7');
    const [city] = testNodes(1, { org: live, firstIndex: 0 });
    const trainees = testNodes(2, { org: drill, firstIndex: 1 });
    nodes = [city!, ...trainees];
    const [controller, trainee] = trainees as [TestNode, TestNode];
    nodes.forEach((n) => n.connect([broker.url]));

    // The live node works as usual.
    await city!.as('fire-lead')('tasks.create', { title: 'Sandbag Glebe Rd', department: 'fire' });

    // The controller's node runs an MSEL: an alert and a message delivered at STARTEX, a note.
    const start = controller.clock.now();
    const msel = parseMsel(
      'Event number,Scenario time,Delivery method,To,Synopsis,Severity\n1,00:00,alert,EOC,Levee overtopping at Merewether St,Extreme\n2,00:00,message,Police,Crowd at the bridge,',
      { departments: demoRoster().departments, sensors: [], start },
    );
    const clock = virtualClock({ source: controller.clock, start, mode: 'exercise', playing: true });
    const runner = startExerciseRunner({
      exerciseId: 'drill-7',
      msel,
      clock,
      ops: controller.service,
      logger: silentLogger(),
      readings: {
        receive: () => expect.fail('this MSEL has no sensor anomaly'),
        latestValue: () => null,
      },
      changed: () => {},
    });
    const lead = controller.service.directory.actors.find((a) => a.id === 'eoc-lead')!;
    const [first] = runner.state().injects;
    runner.note(lead, first!.id, 'EOC acknowledged within a minute');
    expect(runner.state().injects.map((i) => i.status)).toEqual(['delivered', 'delivered']);
    // A trainee on the exercise acts on the exercise alert.
    await converged(trainees);
    await trainee.as('eoc-lead')('alerts.acknowledge', { alertId: first!.alertId! });
    await converged(trainees);
    await converged([city!]);
    // Give the broker time to carry anything that would leak before looking.
    await new Promise((r) => setTimeout(r, 500));
    runner.close();

    const exerciseEvents = controller.eventIds().filter((id) => !city!.eventIds().includes(id));
    const exerciseTypes = controller.service.store.db.prepare<[], string>("SELECT DISTINCT type FROM events WHERE origin IN ('dev_b', 'dev_c') ORDER BY type").pluck().all();
    expect(exerciseTypes).toEqual(['alert.acknowledged', 'alert.raised', 'inject.delivered', 'inject.noted', 'inject.planned']);
    // The trainee holds the exercise, the live node none of it, not even in quarantine.
    expect(trainee.eventIds()).toEqual(controller.eventIds());
    const cityDb = city!.service.store.db;
    expect(cityDb.prepare("SELECT count(*) FROM events WHERE origin <> 'dev_a'").pluck().get()).toBe(0);
    expect(cityDb.prepare("SELECT count(*) FROM events WHERE type LIKE 'inject.%' OR json_extract(payload, '$.set.source') = 'exercise'").pluck().get()).toBe(0);
    expect(city!.service.quarantined(10).total).toBe(0);
    // Nor did the exercise take in the live node's work.
    expect(controller.service.store.db.prepare("SELECT count(*) FROM events WHERE origin = 'dev_a'").pluck().get()).toBe(0);

    // On the wire: the exercise's events went out on its own topics, and never on a live one.
    const liveTopics = heard.filter((m) => m.topic.startsWith(`polder/v1/${live}/`));
    const exerciseTopics = heard.filter((m) => m.topic.startsWith(`polder/v1/${drill}/`));
    expect(exerciseTopics.some((m) => m.topic === `polder/v1/${drill}/events/dev_b` && m.payload.toString().includes(first!.id))).toBe(true);
    expect(liveTopics.length).toBeGreaterThan(0);
    expect(liveTopics.filter((m) => /dev_[bc]$/.test(m.topic))).toEqual([]);
    for (const m of liveTopics) for (const id of exerciseEvents) expect(m.payload.toString()).not.toContain(id);
    expect(heard.every((m) => m.topic.startsWith(`polder/v1/${live}/`) || m.topic.startsWith(`polder/v1/${drill}/`))).toBe(true);
    await raw.close();
  }, 60_000);
});
