import { afterEach, describe, expect, it } from 'vitest';
import { connectMqtt } from '../mqtt/connection.ts';
import { startAedes, startMosquitto, startProxy } from '../mqtt/test-broker.ts';
import { converged, testNodes, type TestNode } from './test-nodes.ts';

let nodes: TestNode[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(nodes.map((n) => n.close()));
  nodes = [];
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function createTasks(node: TestNode, n: number, prefix: string) {
  for (let i = 0; i < n; i += 1) await node.as('fire-lead')('tasks.create', { title: `${prefix} ${i}`, department: 'fire' });
}

describe('gap repair', () => {
  it('recovers what a broker killed with -9 lost (no persistence, retained digests gone)', async () => {
    const broker = await startMosquitto();
    cleanups.push(() => broker.stop());
    nodes = testNodes(3, { org: 'kill9' });
    nodes.forEach((n) => n.connect([broker.url]));
    const [a, b, c] = nodes as [TestNode, TestNode, TestNode];
    await createTasks(a, 10, 'before');
    await converged(nodes);
    // c is away; what a sends now waits in c's session on the broker, which then dies.
    await c.disconnect();
    await createTasks(a, 15, 'while c is away');
    for (let i = 0; i < 200 && a.service.outbox.pendingCount() > 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(a.service.outbox.pendingCount()).toBe(0);
    await broker.kill9();
    await createTasks(b, 5, 'during the outage');
    await broker.start();
    c.connect([broker.url]);
    await converged(nodes);
    expect(new Set(nodes.map((n) => n.digest())).size).toBe(1);
  });

  it('recovers past the broker’s per-client queue limit (mosquitto drops beyond max_queued_messages)', async () => {
    const broker = await startMosquitto({ maxQueuedMessages: 5 });
    cleanups.push(() => broker.stop());
    nodes = testNodes(2, { org: 'queue', link: { batchSize: 1 } });
    nodes.forEach((n) => n.connect([broker.url]));
    const [a, b] = nodes as [TestNode, TestNode];
    await converged(nodes);
    await b.disconnect();
    await createTasks(a, 30, 'queued');
    for (let i = 0; i < 300 && a.service.outbox.pendingCount() > 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    b.connect([broker.url]);
    await converged(nodes);
    expect(b.eventIds()).toEqual(a.eventIds());
  });

  it('recovers after being away longer than the session lasts', async () => {
    const broker = await startMosquitto();
    cleanups.push(() => broker.stop());
    nodes = testNodes(2, { org: 'expired', link: { mqtt: { sessionExpirySeconds: 1, keepaliveSeconds: 1, retryDelayMs: 100 } } });
    nodes.forEach((n) => n.connect([broker.url]));
    const [a, b] = nodes as [TestNode, TestNode];
    await converged(nodes);
    await b.disconnect();
    await new Promise((r) => setTimeout(r, 1500));
    await createTasks(a, 5, 'after expiry');
    await createTasks(b, 5, 'offline work');
    b.connect([broker.url]);
    await converged(nodes);
  });

  it('fails over along the ordered broker list and converges through the next broker', async () => {
    const first = await startMosquitto();
    const second = await startAedes();
    cleanups.push(() => second.close(), () => first.stop());
    nodes = testNodes(2, { org: 'failover' });
    nodes.forEach((n) => n.connect([first.url, second.url]));
    const [a, b] = nodes as [TestNode, TestNode];
    await createTasks(a, 3, 'on the city broker');
    await converged(nodes);
    await first.kill9();
    await createTasks(b, 3, 'on the crisis-room broker');
    await converged(nodes);
    expect(a.link!.status().connected).toBe(second.url);
  });

  it('heals a partition made by a blackholing and then resetting proxy', async () => {
    const broker = await startMosquitto();
    const proxy = await startProxy({ port: broker.port });
    cleanups.push(() => broker.stop(), () => proxy.close());
    nodes = testNodes(2, { org: 'partition' });
    const [a, b] = nodes as [TestNode, TestNode];
    a.connect([proxy.url]);
    b.connect([broker.url]);
    await converged(nodes);
    proxy.setMode({ kind: 'blackhole' });
    await createTasks(a, 4, 'cut off');
    await createTasks(b, 4, 'still connected');
    await new Promise((r) => setTimeout(r, 300));
    expect(a.service.outbox.pendingCount()).toBeGreaterThan(0);
    proxy.setMode({ kind: 'reset' });
    proxy.setMode({ kind: 'pass' });
    await converged(nodes);
  });
});

describe('gap-repair replies', () => {
  it('are rationed per requester and for all requesters together, however often they ask', async () => {
    const broker = await startMosquitto();
    cleanups.push(() => broker.stop());
    nodes = testNodes(1, { org: 'ration', link: { replayAllowance: { each: { burst: 30, perSecond: 0 }, total: { burst: 50, perSecond: 0 } } } });
    const [a] = nodes as [TestNode];
    for (let i = 0; i < 40; i += 1) await a.as('fire-lead')('log.append', { text: `entry ${i}` });
    a.connect([broker.url]);
    // What a sends of its own outbox is not a reply: listen only once that is out.
    for (let i = 0; i < 250 && a.service.outbox.pendingCount() > 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(a.service.outbox.pendingCount()).toBe(0);
    const held = a.service.store.db.prepare<[], number>("SELECT count(*) FROM events WHERE origin = 'dev_a'").pluck().get()!;
    expect(held).toBeGreaterThanOrEqual(40);

    const client = connectMqtt({ brokers: [broker.url], clientId: 'asker' });
    cleanups.push(() => client.close());
    const replayed: number[] = [];
    const listener = connectMqtt({ brokers: [broker.url], clientId: 'listener' }, { onMessage: (m) => replayed.push((JSON.parse(m.payload.toString()) as { events: unknown[] }).events.length) });
    cleanups.push(() => listener.close());
    await listener.subscribe(['polder/v1/ration/events/dev_a']);
    for (let i = 0; i < 250 && !(client.connected && listener.connected && a.link!.connected); i += 1) await new Promise((r) => setTimeout(r, 20));
    const total = () => replayed.reduce((sum, n) => sum + n, 0);
    const ask = (from: string) => client.publish('polder/v1/ration/req/dev_a', JSON.stringify({ from, ask: 'dev_a', ranges: [[1, held]] }));

    for (let i = 0; i < 5; i += 1) await ask('greedy');
    for (let i = 0; i < 100 && total() < 30; i += 1) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    expect(total()).toBe(30);
    // Another requester has its own allowance, but all together get no more than the total.
    for (let i = 0; i < 5; i += 1) await ask(`rotated-${i}`);
    for (let i = 0; i < 100 && total() < 50; i += 1) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    expect(total()).toBe(50);
  });
});
