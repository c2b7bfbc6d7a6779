import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMosquitto, type Mosquitto } from '../mqtt/test-broker.ts';
import { connectMqtt } from '../mqtt/connection.ts';
import { converged, testNodes, type TestNode } from './test-nodes.ts';

let broker: Mosquitto;
let nodes: TestNode[] = [];
beforeAll(async () => {
  broker = await startMosquitto({ maxQueuedMessages: 20 });
});
afterAll(() => broker.stop());
afterEach(async () => {
  await Promise.all(nodes.map((n) => n.close()));
  nodes = [];
});

describe('the sync link over a real mosquitto', () => {
  it('sends the outbox, marks it sent on PUBACK, and every node applies what the others wrote', async () => {
    nodes = testNodes(3, { org: 'basic' });
    const [a, b, c] = nodes as [TestNode, TestNode, TestNode];
    nodes.forEach((n) => n.connect([broker.url]));
    const task = await b.as('fire-lead')('tasks.create', { title: 'Pump Hunter St', department: 'fire' });
    await converged(nodes);
    expect((await c.as('eoc-lead')('tasks.get', { taskId: task.id })).task.title).toBe('Pump Hunter St');
    expect(a.service.outbox.pendingCount()).toBe(0);
    expect(new Set(nodes.map((n) => n.digest())).size).toBe(1);
    const status = a.link!.status();
    expect(status).toMatchObject({ brokers: [broker.url], connected: broker.url, outbox: 0, quarantined: 0, conflicts: 0 });
    expect(status.peers.map((p) => p.node).sort()).toEqual(['dev_b', 'dev_c']);
    expect(status.lastSync).not.toBeNull();
  });

  it('concurrent edits on different nodes become the same visible conflict everywhere', async () => {
    nodes = testNodes(2, { org: 'conflict' });
    const [a, b] = nodes as [TestNode, TestNode];
    nodes.forEach((n) => n.connect([broker.url]));
    const opened = await a.as('eoc-lead')('tasks.create', { title: 'Pump Hunter St', department: 'fire' });
    await converged(nodes);
    await Promise.all(nodes.map((n) => n.disconnect()));
    const seen = (await b.as('fire-lead')('tasks.get', { taskId: opened.id })).task.version;
    await a.as('eoc-lead')('tasks.update', { taskId: opened.id, seen: opened.version, title: 'Pump Hunter St underpass' });
    b.clock.advance(5000);
    await b.as('fire-lead')('tasks.update', { taskId: opened.id, seen, title: 'Pump Hunter St, both lanes' });
    nodes.forEach((n) => n.connect([broker.url]));
    await converged(nodes);
    const lists = await Promise.all(nodes.map((n) => n.as('eoc-lead')('conflicts.list', {})));
    expect(lists[0]).toEqual([expect.objectContaining({ entityId: opened.id, field: 'title', keptValue: 'Pump Hunter St, both lanes', lostValue: 'Pump Hunter St underpass' })]);
    expect(lists[1]).toEqual(lists[0]);
    expect(a.digest()).toBe(b.digest());
    expect(a.link!.status().conflicts).toBe(1);
  });

  it('quarantines what the check refuses and what is malformed, with the reason, and never applies it', async () => {
    nodes = testNodes(2, { org: 'check', link: { check: (e) => (e.actor === 'police-1' ? { ok: false, reason: 'actor police-1 may not act from this device' } : { ok: true }) } });
    const [a, b] = nodes as [TestNode, TestNode];
    nodes.forEach((n) => n.connect([broker.url]));
    await b.as('police-1')('tasks.create', { title: 'Close Railway St', department: 'police' });
    await b.as('fire-lead')('tasks.create', { title: 'Sandbag depot', department: 'fire' });
    const rogue = connectMqtt({ brokers: [broker.url], clientId: 'rogue' });
    for (let i = 0; i < 100 && !rogue.connected; i += 1) await new Promise((r) => setTimeout(r, 20));
    await rogue.publish('polder/v1/check/events/dev_x', JSON.stringify({ events: [{ id: 'nope', origin: 'dev_x' }] }));
    await rogue.close();
    for (let i = 0; i < 200 && a.link!.status().quarantined < 2; i += 1) await new Promise((r) => setTimeout(r, 20));
    const actors = a.service.store.db.prepare("SELECT actor FROM events WHERE origin = 'dev_b'").pluck().all();
    expect(actors).toEqual(['fire-lead']);
    const reasons = a.link!.quarantined().map((q) => q.reason).sort();
    expect(reasons).toEqual(['actor police-1 may not act from this device', 'malformed event: id: not a UUID']);
  });
});
