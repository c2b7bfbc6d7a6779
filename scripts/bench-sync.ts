// Sync benchmark: `node scripts/bench-sync.ts [--backlog 10000] [--steady 5000]`
// Three nodes, each its own data folder, a real mosquitto and one TCP proxy per node.
// 1. Partition: every node is cut off and writes its share of the backlog; the partition heals
//    and we time until all three hold every event with empty outboxes.
// 2. Steady replication: one node writes while connected; events per second until a peer holds all.
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { startMosquitto, startProxy } from '../native/mqtt/test-broker.ts';
import { testNodes, type TestNode } from '../native/sync/test-nodes.ts';

const { values } = parseArgs({ options: { backlog: { type: 'string', default: '10000' }, steady: { type: 'string', default: '5000' } } });
const backlog = Number(values.backlog);
const steady = Number(values.steady);
const link = { tickMs: 50, repairRetryMs: 1500, mqtt: { keepaliveSeconds: 5, connectTimeoutMs: 2000, retryDelayMs: 100 } };

const count = (n: TestNode) => n.service.store.db.prepare<[], number>('SELECT count(*) FROM events').pluck().get() ?? 0;

async function write(node: TestNode, n: number, prefix: string) {
  const log = node.as('police-1');
  for (let i = 0; i < n; i++) await log('log.append', { text: `${prefix} ${i}` });
}

async function until(what: string, done: () => boolean, timeoutMs = 120_000) {
  for (let waited = 0; waited < timeoutMs; waited += 10) {
    if (done()) return;
    await sleep(10);
  }
  throw new Error(`timed out: ${what}`);
}

const broker = await startMosquitto({ maxQueuedMessages: 100_000 });
const proxies = await Promise.all([0, 1, 2].map(() => startProxy({ port: broker.port })));
try {
  console.log(`${availableParallelism()} cores, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  {
    const nodes = testNodes(3, { org: 'bench-backlog', link });
    nodes.forEach((n, i) => n.connect([proxies[i]!.url]));
    await until('first contact', () => nodes.every((n) => n.link!.status().peers.length === 2));
    proxies.forEach((p) => p.setMode({ kind: 'reset' }));
    await until('cut off', () => nodes.every((n) => !n.link!.connected));
    const share = Math.ceil(backlog / 3);
    const t0 = performance.now();
    for (const [i, n] of nodes.entries()) await write(n, share, `partitioned ${i}`);
    const writeS = (performance.now() - t0) / 1000;
    const target = count(nodes[0]!) - share + 3 * share;
    const healed = performance.now();
    const cpu = process.cpuUsage();
    proxies.forEach((p) => p.setMode({ kind: 'pass' }));
    await until('converged', () => nodes.every((n) => count(n) === target && n.service.outbox.pendingCount() === 0));
    const seconds = (performance.now() - healed) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuS = (used.user + used.system) / 1e6;
    const ids = nodes.map((n) => n.eventIds().join(','));
    if (!ids.every((s) => s === ids[0])) throw new Error('the nodes hold different events');
    console.log(`partition heal: ${3 * share} events written offline (${writeS.toFixed(1)} s), 3 nodes converged in ${seconds.toFixed(2)} s after the partition healed (target ≤ 3 s), using ${cpuS.toFixed(2)} s of CPU in this process (all three nodes; mosquitto apart)`);
    await Promise.all(nodes.map((n) => n.close()));
  }
  {
    const nodes = testNodes(2, { org: 'bench-steady', link });
    nodes.forEach((n, i) => n.connect([proxies[i]!.url]));
    const [a, b] = nodes as [TestNode, TestNode];
    await until('connected', () => nodes.every((n) => n.link!.connected && n.service.outbox.pendingCount() === 0) && count(b) === count(a));
    const target = count(a) + steady;
    const t0 = performance.now();
    await write(a, steady, 'steady');
    const written = performance.now();
    await until('replicated', () => count(b) === target);
    const seconds = (performance.now() - t0) / 1000;
    console.log(`steady replication: ${steady} events written and applied on a peer in ${seconds.toFixed(2)} s = ${Math.round(steady / seconds)} events/s (writing alone: ${Math.round(steady / ((written - t0) / 1000))} events/s; the peer finished ${((performance.now() - written) / 1000).toFixed(2)} s after the last write)`);
    await Promise.all(nodes.map((n) => n.close()));
  }
} finally {
  await Promise.all(proxies.map((p) => p.close()));
  await broker.stop();
}
