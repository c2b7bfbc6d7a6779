// Forged, unsigned, replayed, revoked-device and out-of-role events published straight to a real
// mosquitto, as a rogue client on the network would: every one is quarantined with its reason on
// the receiving node and none is applied, while a genuine event on the same topic goes through.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '../identity/keys.ts';
import { craftEvent, logLine } from '../identity/test-events.ts';
import { connectMqtt } from '../mqtt/connection.ts';
import { startMosquitto, type Mosquitto } from '../mqtt/test-broker.ts';
import { t0 } from '../ops/test-service.ts';
import { converged, testNodes, type TestNode } from './test-nodes.ts';

let broker: Mosquitto;
let nodes: TestNode[] = [];
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(() => broker.stop());
afterEach(async () => {
  await Promise.all(nodes.map((n) => n.close()));
  nodes = [];
});

async function publishAsRogue(topic: string, events: unknown[]): Promise<void> {
  const rogue = connectMqtt({ brokers: [broker.url], clientId: `rogue-${topic.length}-${events.length}` });
  for (let i = 0; i < 250 && !rogue.connected; i += 1) await new Promise((r) => setTimeout(r, 20));
  expect(rogue.connected).toBe(true);
  await rogue.publish(topic, JSON.stringify({ events }));
  await rogue.close();
}

describe('events published straight to the broker', () => {
  it('quarantines forged, unsigned, replayed, revoked-device and out-of-role events with their reasons and applies none', async () => {
    const lost = generateSigningKey();
    nodes = testNodes(2, { org: 'trust', revoked: [{ id: 'dev_lost', publicKey: lost.publicKey }] });
    const [a, b] = nodes as [TestNode, TestNode];
    nodes.forEach((n) => n.connect([broker.url]));
    await b.as('fire-lead')('log.append', { text: 'Crew 2 on scene' });
    await converged(nodes);
    const bKey = b.deviceKey;
    const [first] = b.service.store.db.prepare<[], { seq: number; hash: string }>("SELECT seq, hash FROM events WHERE origin = 'dev_b' ORDER BY seq").all();
    const held = b.service.store.db.prepare<[], number>("SELECT max(seq) FROM events WHERE origin = 'dev_b'").pluck().get()!;
    const head = b.service.store.db.prepare<[number], string>("SELECT hash FROM events WHERE origin = 'dev_b' AND seq = ?").pluck().get(held)!;
    const at = t0 + 10_000;

    const forged = craftEvent(generateSigningKey(), 'dev_b', held + 1, head, at, logLine('fire-lead', 'fire', 'Forged: stand down all crews'));
    const unsigned = craftEvent(null, 'dev_b', held + 1, head, at + 1, logLine('fire-lead', 'fire', 'Unsigned: stand down'));
    const replayed = craftEvent(bKey, 'dev_b', first!.seq, '', at + 2, logLine('fire-lead', 'fire', 'Replayed seq 1 with other content'));
    const revoked = craftEvent(lost, 'dev_lost', 1, '', at + 3, logLine('fire-lead', 'fire', 'From the stolen laptop'));
    const outOfRole = craftEvent(bKey, 'dev_b', held + 1, head, at + 4, { actor: 'fire-1', type: 'incident.created', entity: 'inc-rogue', payload: { create: true, set: { name: 'Fake incident' }, summary: 'Incident opened: Fake' } });
    await publishAsRogue('polder/v1/trust/events/dev_b', [forged, unsigned, replayed, outOfRole]);
    await publishAsRogue('polder/v1/trust/events/dev_lost', [revoked]);

    for (let i = 0; i < 250 && a.service.quarantined(50).total < 5; i += 1) await new Promise((r) => setTimeout(r, 20));
    const { items } = a.service.quarantined(50);
    const reasonOf = (id: string) => items.filter((q) => q.eventId === id).map((q) => q.reason);
    expect(reasonOf(forged.id)).toEqual(['bad_signature']);
    expect(reasonOf(unsigned.id)).toEqual(['unsigned']);
    expect(reasonOf(replayed.id)).toEqual(['equivocation']);
    expect(reasonOf(revoked.id)).toEqual(['revoked_device']);
    expect(reasonOf(outOfRole.id)).toEqual(['out_of_role']);

    const applied = a.service.store.db.prepare<[], string>('SELECT id FROM events').pluck().all();
    for (const ev of [forged, unsigned, replayed, revoked, outOfRole]) expect(applied).not.toContain(ev.id);
    expect(a.service.store.db.prepare("SELECT count(*) FROM entities WHERE id = 'inc-rogue'").pluck().get()).toBe(0);
    expect(a.eventIds()).toEqual(b.eventIds());
    expect(a.service.store.db.prepare("SELECT count(*) FROM events WHERE origin = 'dev_b' AND type = 'log.entry'").pluck().get()).toBe(1);
    expect(a.link!.status().quarantined).toBeGreaterThanOrEqual(5);
  });
});
