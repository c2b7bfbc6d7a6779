import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMosquitto, type Mosquitto } from '../mqtt/test-broker.ts';
import { methods } from '../api/index.ts';
import { silentLogger } from '../logger.ts';
import { connectMqtt } from '../mqtt/connection.ts';
import { mayDo } from '../ops/permissions.ts';
import { createSync } from './handlers.ts';
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

  it('quarantines events from a node whose clock is beyond the drift bound, and applies them from none', async () => {
    nodes = testNodes(2, { org: 'drift', skewMs: (i) => (i === 1 ? 10 * 60_000 : 0) });
    const [a, b] = nodes as [TestNode, TestNode];
    nodes.forEach((n) => n.connect([broker.url]));
    await b.as('fire-lead')('tasks.create', { title: 'From the future', department: 'fire' });
    for (let i = 0; i < 200 && a.link!.status().quarantined === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(a.link!.quarantined().map((q) => q.reason)).toEqual([expect.stringMatching(/stamped \d+ s ahead of this device's clock \(the bound is 300 s\)/)]);
    expect(a.service.store.db.prepare("SELECT count(*) FROM events WHERE origin = 'dev_b'").pluck().get()).toBe(0);
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

describe('the quarantine in the contract', () => {
  it('lists refused events with their reasons, for EOC leads only', async () => {
    nodes = testNodes(2, { org: 'review', link: { check: (e) => (e.actor === 'police-1' ? { ok: false, reason: 'police-1 is not on this roster' } : { ok: true }) } });
    const [a, b] = nodes as [TestNode, TestNode];
    const sync = createSync({ service: a.service, now: () => a.clock.now(), logger: silentLogger(), emit: () => {} });
    try {
      nodes.forEach((n) => n.connect([broker.url]));
      await b.as('police-1')('log.append', { text: 'Road closed at Maitland Rd' });
      for (let i = 0; i < 200 && a.link!.status().quarantined === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
      const listed = await sync.handlers['sync.quarantine']({ limit: 10 }, { session: { id: 's', actorId: 'eoc-lead' } });
      expect(listed).toMatchObject([{ origin: 'dev_b', actor: 'police-1', type: 'log.entry', reason: 'police-1 is not on this roster', receipts: 1 }]);
      expect(methods['sync.quarantine'].access).toEqual({ may: 'sync.review' });
      const actor = (id: string) => a.service.directory.actors.find((x) => x.id === id)!;
      expect(mayDo(actor('eoc-lead'), 'sync.review')).toBe(true);
      expect(['fire-lead', 'police-1', 'eoc-1'].filter((id) => a.service.directory.actors.some((x) => x.id === id)).map((id) => mayDo(actor(id), 'sync.review'))).not.toContain(true);
    } finally {
      await sync.close();
    }
  });
});
