import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMosquitto, type Mosquitto } from '../mqtt/test-broker.ts';
import { methods } from '../api/index.ts';
import { silentLogger } from '../logger.ts';
import { connectMqtt } from '../mqtt/connection.ts';
import { mayDo } from '../ops/permissions.ts';
import { createIdentityHandlers } from '../identity/handlers.ts';
import { craftEvent, logLine } from '../identity/test-events.ts';
import { t0 } from '../ops/test-service.ts';
import { createSync } from './handlers.ts';
import { readSyncStatus } from './status.ts';
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
    expect(a.service.quarantined(10).items.map((q) => [q.reason, q.detail])).toEqual([['clock_drift', expect.stringMatching(/ahead of this device's clock/)]]);
    expect(a.service.store.db.prepare("SELECT count(*) FROM events WHERE origin = 'dev_b'").pluck().get()).toBe(0);
  });

  it('quarantines what is malformed and what is unsigned, with the reason, and never applies it', async () => {
    nodes = testNodes(2, { org: 'check' });
    const [a, b] = nodes as [TestNode, TestNode];
    nodes.forEach((n) => n.connect([broker.url]));
    await b.as('fire-lead')('tasks.create', { title: 'Sandbag depot', department: 'fire' });
    await converged(nodes);
    const unsigned = craftEvent(null, 'dev_b', 2, '', t0 + 1000, logLine('fire-lead', 'fire', 'Unsigned: stand down'));
    await publishAsRogue('polder/v1/check/events/dev_x', [{ id: 'nope', origin: 'dev_x' }, unsigned]);
    for (let i = 0; i < 200 && a.link!.status().quarantined < 2; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(a.service.store.db.prepare("SELECT type FROM events WHERE origin = 'dev_b'").pluck().all()).toEqual(['task.created']);
    const items = a.service.quarantined(10).items.map((q) => [q.reason, q.detail]).sort();
    expect(items).toEqual([['malformed', 'malformed event: id: not a UUID'], ['unsigned', expect.stringMatching(/carries no signature/)]]);
  });
});

describe('the one quarantine', () => {
  it('is what sync status counts and quarantine.list shows, for EOC leads only, with each resent copy counted as a receipt', async () => {
    nodes = testNodes(2, { org: 'review' });
    const [a] = nodes as [TestNode, TestNode];
    const sync = createSync({ service: a.service, now: () => a.clock.now(), logger: silentLogger(), emit: () => {} });
    const identity = createIdentityHandlers(a.service);
    try {
      nodes.forEach((n) => n.connect([broker.url]));
      const unsigned = craftEvent(null, 'dev_b', 1, '', t0 + 1000, logLine('police-1', 'police', 'Road closed at Maitland Rd'));
      await publishAsRogue('polder/v1/review/events/dev_b', [unsigned]);
      await publishAsRogue('polder/v1/review/events/dev_b', [unsigned]);
      const listed = async () => identity['quarantine.list']({ limit: 10 }, { session: { id: 's', actorId: 'eoc-lead' } });
      for (let i = 0; i < 200 && (await listed()).items[0]?.receipts !== 2; i += 1) await new Promise((r) => setTimeout(r, 20));
      expect(await listed()).toMatchObject({ total: 1, items: [{ eventId: unsigned.id, origin: 'dev_b', seq: 1, actor: 'police-1', type: 'log.entry', reason: 'unsigned', receipts: 2 }] });
      expect(a.link!.status().quarantined).toBe(1);
      expect((await sync.handlers['sync.status']({}, { session: { id: 's', actorId: 'eoc-lead' } })).quarantined).toBe(1);
      expect(readSyncStatus(a.service.store.db, () => a.clock.now()).quarantined).toBe(1);
      // one quarantine of refused events (sensor readings and public reports, not events, keep their own)
      expect(Object.keys(methods).filter((m) => /quarantin/.test(m) && !m.startsWith('sensors.') && !m.startsWith('reports.'))).toEqual(['quarantine.list']);
      expect(methods['quarantine.list'].access).toEqual({ may: 'sync.review' });
      const actor = (id: string) => a.service.directory.actors.find((x) => x.id === id)!;
      expect(mayDo(actor('eoc-lead'), 'sync.review')).toBe(true);
      expect(['fire-lead', 'police-1', 'eoc-1'].filter((id) => a.service.directory.actors.some((x) => x.id === id)).map((id) => mayDo(actor(id), 'sync.review'))).not.toContain(true);
    } finally {
      await sync.close();
    }
  });
});

async function publishAsRogue(topic: string, events: unknown[]): Promise<void> {
  const rogue = connectMqtt({ brokers: [broker.url], clientId: `rogue-${topic.length}-${events.length}` });
  for (let i = 0; i < 250 && !rogue.connected; i += 1) await new Promise((r) => setTimeout(r, 20));
  expect(rogue.connected).toBe(true);
  await rogue.publish(topic, JSON.stringify({ events }));
  await rogue.close();
}
