// Two workstations on one exercise through a real mosquitto: the controller's node runs the MSEL
// and publishes its clock; a joined node delivers nothing and follows that clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../clock/clock.ts';
import { virtualClock, type VirtualClock } from '../clock/virtual-clock.ts';
import { demoRoster } from '../identity/demo-roster.ts';
import { silentLogger } from '../logger.ts';
import { startMosquitto, until, type Mosquitto } from '../mqtt/test-broker.ts';
import { converged, testNodes, type TestNode } from '../sync/test-nodes.ts';
import type { SyncConfig } from '../sync/handlers.ts';
import { joinExerciseClock, publishExerciseClock } from './clock-link.ts';
import { exerciseOrg } from './isolation.ts';
import { parseMsel } from './msel.ts';
import { startExerciseRunner } from './runner.ts';

let broker: Mosquitto;
let nodes: TestNode[] = [];
const closing: (() => Promise<void> | void)[] = [];
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(async () => {
  for (const close of closing.reverse()) await close();
  await Promise.all(nodes.map((n) => n.close()));
  await broker?.stop();
});

const exerciseId = 'drill-9';
const source = systemClock();
const logger = silentLogger();

describe('a trainee node joined to an exercise', () => {
  it('holds each inject once, delivered by the controller only, and follows the controller clock', async () => {
    const drill = exerciseOrg('merewether', exerciseId);
    const sync: SyncConfig = { brokers: [broker.url], org: drill, mqtt: { keepaliveSeconds: 1, connectTimeoutMs: 1000, retryDelayMs: 100 } };
    nodes = testNodes(2, { org: drill, firstIndex: 1 });
    const [controller, trainee] = nodes as [TestNode, TestNode];
    nodes.forEach((n) => n.connect([broker.url]));

    const start = Date.UTC(2007, 5, 8, 5, 0, 0);
    const clock: VirtualClock = virtualClock({ source, start, rate: 60, mode: 'exercise' });
    const published = publishExerciseClock({ sync, exerciseId, source, clock, logger });
    closing.push(() => published.close());
    const msel = parseMsel('Event number,Scenario time,Delivery method,To,Synopsis,Severity\n1,00:01,alert,EOC,Levee overtopping at Merewether St,Extreme', { departments: demoRoster().departments, sensors: [], start });
    const runner = startExerciseRunner({ exerciseId, msel, clock, ops: controller.service, logger, readings: { receive: () => expect.fail('no sensor inject'), latestValue: () => null }, changed: () => {} });
    closing.push(() => runner.close());

    // The joined node starts where the controller's clock stands: paused at STARTEX, 60×.
    const joined = await joinExerciseClock({ sync, exerciseId, source, logger, timeoutMs: 10_000 });
    closing.push(() => joined.close());
    expect({ now: joined.clock.now(), playing: joined.clock.playing, rate: joined.clock.rate, mode: joined.clock.mode }).toEqual({ now: start, playing: false, rate: 60, mode: 'exercise' });

    // The controller plays: the inject is due one scenario minute in, a second at 60×.
    clock.play();
    await until('the joined clock plays', () => joined.clock.playing);
    expect(Math.abs(joined.clock.now() - clock.now())).toBeLessThan(1000);
    await until('the inject is delivered', () => runner.state().injects[0]!.status === 'delivered');
    await converged(nodes);
    for (const node of nodes) {
      const db = node.service.store.db;
      expect(db.prepare("SELECT count(*) FROM events WHERE type = 'inject.delivered'").pluck().get()).toBe(1);
      expect(db.prepare("SELECT count(*) FROM events WHERE type = 'alert.raised' AND json_extract(payload, '$.set.source') = 'exercise'").pluck().get()).toBe(1);
      expect(db.prepare("SELECT DISTINCT origin FROM events WHERE type LIKE 'inject.%' OR type = 'alert.raised'").pluck().all()).toEqual([controller.id]);
    }
    expect(trainee.eventIds()).toEqual(controller.eventIds());

    // Pause and a new rate reach the joined node; paused, both read the same time exactly.
    clock.pause();
    await until('the joined clock pauses', () => !joined.clock.playing);
    expect(joined.clock.now()).toBe(clock.now());
    clock.setRate(10);
    await until('the joined clock runs at 10×', () => joined.clock.rate === 10);
    expect(joined.clock.now()).toBe(clock.now());

    // A node joining later hears the retained clock at once.
    const late = await joinExerciseClock({ sync, exerciseId, source, logger, timeoutMs: 10_000 });
    closing.push(() => late.close());
    expect({ now: late.clock.now(), playing: late.clock.playing, rate: late.clock.rate }).toEqual({ now: clock.now(), playing: false, rate: 10 });

    // The controller's node leaving pauses the joined ones where it stopped.
    clock.play();
    await until('the joined clock plays again', () => joined.clock.playing);
    await published.close();
    await until('the joined clock pauses with the controller', () => !joined.clock.playing);
    expect(Math.abs(joined.clock.now() - clock.now())).toBeLessThan(1000);
  }, 60_000);

  it('refuses to join an exercise whose clock nobody publishes, in one clear line', async () => {
    const sync: SyncConfig = { brokers: [broker.url], org: exerciseOrg('merewether', 'nobody'), mqtt: { connectTimeoutMs: 1000 } };
    await expect(joinExerciseClock({ sync, exerciseId: 'nobody', source, logger, timeoutMs: 400 })).rejects.toThrow(/^heard no clock for exercise nobody on mqtt:\/\/127\.0\.0\.1:\d+ within 0.4 s: start the controller's node first/);
  });
});
