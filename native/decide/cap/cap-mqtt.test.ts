import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, nodeRuntime } from '../../app.ts';
import { manualClock } from '../../clock/clock.ts';
import { connectMqtt, type MqttConnection } from '../../mqtt/connection.ts';
import { startMosquitto, type Mosquitto } from '../../mqtt/test-broker.ts';
import { repoPaths } from '../../paths.ts';
import { testService } from '../../ops/test-service.ts';
import { createCapFeed } from './cap-feed.ts';
import { startCapMqtt } from './cap-mqtt.ts';
import { createCapService } from './cap-service.ts';
import { createCapValidator } from './cap-validate.ts';

const validator = createCapValidator(repoPaths.resources);
const ctx = { session: { id: 's-feed', actorId: 'eoc-lead' } };
const quiet = { info() {}, warn() {}, error() {} };

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  for (let waited = 0; waited < timeoutMs; waited += 50) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('CAP from an MQTT topic, through a real mosquitto', () => {
  let mosquitto: Mosquitto;
  let publisher: MqttConnection;
  beforeAll(async () => {
    mosquitto = await startMosquitto();
    publisher = connectMqtt({ brokers: [mosquitto.url], clientId: 'council-publisher' });
    await until('the publisher to connect', () => publisher.connected);
  });
  afterAll(async () => {
    await publisher.close();
    await mosquitto.stop();
  });

  it('takes a CAP alert from the topic into the queue, and refuses and keeps a malformed one', async () => {
    const council = testService();
    const councilCap = createCapService({ db: council.service.store.db, validator, queue: council.service, clock: council.clock, sender: 'council@nsw', areaDesc: 'Merewether' });
    const { alert } = await council.as('eoc-lead')('alerts.raise', { source: 'field', title: 'Council: flooding on Frederick St', severity: 'Extreme', urgency: 'Immediate', certainty: 'Observed' });
    const xml = (await councilCap.export(alert.id, ctx)).xml;

    const eoc = testService();
    const cap = createCapService({ db: eoc.service.store.db, validator, queue: eoc.service, clock: eoc.clock, sender: 'dev@polder', areaDesc: 'Merewether' });
    const feed = createCapFeed({ db: eoc.service.store.db, cap, ctx, clock: eoc.clock, logger: quiet });
    const listener = startCapMqtt({ config: { brokers: [mosquitto.url], topic: 'cap/alerts/#', actorId: 'eoc-lead' }, feed, clientId: 'polder-cap-test', logger: quiet });
    try {
      await until('the feed to connect', () => listener.connected);
      // `connected` turns true once the subscription is made.
      await publisher.publish('cap/alerts/council', xml);
      await until('the alert in the queue', async () => (await eoc.as('eoc-lead')('alerts.list', { status: 'all' })).some((a) => a.title === 'Council: flooding on Frederick St'));
      await publisher.publish('cap/alerts/council', '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x</identifier></alert>');
      await until('the refusal to be kept', () => cap.rejected(10).length === 1);
      expect(cap.rejected(10)[0]).toMatchObject({ origin: 'mqtt: cap/alerts/council', reasons: [expect.stringMatching(/line 1: Element '.*identifier'|sender/)] });
      expect(feed.waiting()).toBe(0);
      const [taken] = await eoc.as('eoc-lead')('alerts.list', { status: 'all' });
      expect(taken).toMatchObject({ source: 'cap', severity: 'Extreme', raisedBy: 'eoc-lead' });
    } finally {
      await listener.close();
      await eoc.close();
      await council.close();
    }
  }, 60_000);

  it('runs in the app: a CAP message on the topic reaches the queue and every window hears of it', async () => {
    const council = testService();
    const councilCap = createCapService({ db: council.service.store.db, validator, queue: council.service, clock: council.clock, sender: 'council@nsw', areaDesc: 'Merewether' });
    const { alert } = await council.as('eoc-lead')('alerts.raise', { source: 'field', title: 'Council: Glebe Rd closed', severity: 'Severe', urgency: 'Immediate', certainty: 'Observed' });
    const xml = (await councilCap.export(alert.id, ctx)).xml;
    await council.close();

    const dataDir = mkdtempSync(join(tmpdir(), 'polder-cap-app-'));
    const options = { dataDir, resourcesDir: repoPaths.resources, clock: manualClock(Date.UTC(2007, 5, 8, 12)), logger: quiet, host: 'serve' as const, runtime: nodeRuntime(), tickMs: 60_000 };
    await expect(createApp({ ...options, capFeed: { brokers: [mosquitto.url], topic: 'cap/#', actorId: 'nobody' } })).rejects.toThrow('the CAP feed cannot act as "nobody"');
    const app = await createApp({ ...options, capFeed: { brokers: [mosquitto.url], topic: 'cap/in/#', actorId: 'eoc-lead' } });
    const heard: string[] = [];
    app.pushes.listen((event) => heard.push(event));
    try {
      const session = { id: 'w1', actorId: 'eoc-lead' };
      // The feed subscribes as the app starts: publish until it is heard. The same message again
      // is a duplicate (same sender and identifier), so the queue gets one alert however often.
      const titles = async () => {
        const result = await app.dispatch('alerts.list', { status: 'all' }, { session });
        return result.ok ? (result.value as { title: string }[]).map((a) => a.title) : [];
      };
      await until('the alert in the queue', async () => {
        await publisher.publish('cap/in/council', xml);
        return (await titles()).includes('Council: Glebe Rd closed');
      });
      expect(await titles()).toEqual(['Council: Glebe Rd closed']);
      expect(heard).toContain('alerts.changed');
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
