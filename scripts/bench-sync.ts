// Sync benchmark: `node scripts/bench-sync.ts [--backlog 10000] [--steady 5000]`
// Three nodes, each its own data folder and its own worker thread (as each would be its own
// machine), a real mosquitto, and one TCP proxy per node.
// 1. Partition: every node is cut off and writes its share of the backlog; the partition heals
//    and we time until all three hold every event with empty outboxes.
// 2. Steady replication: one node writes while connected; events per second until a peer holds all.
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { startMosquitto, startProxy } from '../native/mqtt/test-broker.ts';

const { values } = parseArgs({ options: { backlog: { type: 'string', default: '10000' }, steady: { type: 'string', default: '5000' } } });
const backlog = Number(values.backlog);
const steady = Number(values.steady);
const link = { tickMs: 50, mqtt: { keepaliveSeconds: 5, connectTimeoutMs: 2000, retryDelayMs: 100 } };

interface NodeState {
  events: number;
  pending: number;
  connected: boolean;
  peers: number;
  /** What the node's applyRemoteEvents was given since it started. */
  received: { applied: number; duplicates: number; rejected: number };
}

function startNode(index: number, org: string) {
  const worker = new Worker(join(import.meta.dirname, 'sync-bench-node.ts'), { workerData: { index, org, link } });
  const waiting = new Map<number, (value: unknown) => void>();
  let next = 0;
  worker.on('message', (m: { id: number; value: unknown }) => waiting.get(m.id)?.(m.value));
  const ask = <T>(req: Record<string, unknown>): Promise<T> =>
    new Promise((resolve) => {
      const id = next++;
      waiting.set(id, (v) => {
        waiting.delete(id);
        resolve(v as T);
      });
      worker.postMessage({ id, ...req });
    });
  return {
    connect: (url: string) => ask<null>({ cmd: 'connect', url }),
    write: (n: number, prefix: string) => ask<null>({ cmd: 'write', n, prefix }),
    state: () => ask<NodeState>({ cmd: 'state' }),
    ids: () => ask<string>({ cmd: 'ids' }),
    close: async () => {
      await ask<null>({ cmd: 'close' });
      await worker.terminate();
    },
  };
}
type BenchNode = ReturnType<typeof startNode>;

async function until(what: string, nodes: BenchNode[], done: (states: NodeState[]) => boolean, timeoutMs = 180_000) {
  for (let waited = 0; waited < timeoutMs; waited += 20) {
    if (done(await Promise.all(nodes.map((n) => n.state())))) return;
    await sleep(20);
  }
  throw new Error(`timed out: ${what}`);
}

const broker = await startMosquitto({ maxQueuedMessages: 100_000 });
const proxies = await Promise.all([0, 1, 2].map(() => startProxy({ port: broker.port })));
try {
  console.log(`${availableParallelism()} cores, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  {
    const nodes = [0, 1, 2].map((i) => startNode(i, 'bench-backlog'));
    await Promise.all(nodes.map((n, i) => n.connect(proxies[i]!.url)));
    await until('first contact', nodes, (s) => s.every((x) => x.peers === 2 && x.pending === 0));
    proxies.forEach((p) => p.setMode({ kind: 'reset' }));
    await until('cut off', nodes, (s) => s.every((x) => !x.connected));
    const share = Math.ceil(backlog / 3);
    const before = (await nodes[0]!.state()).events;
    const t0 = performance.now();
    await Promise.all(nodes.map((n, i) => n.write(share, `partitioned ${i}`)));
    const writeS = (performance.now() - t0) / 1000;
    const target = before + 3 * share;
    const healed = performance.now();
    const cpuBefore = process.cpuUsage();
    proxies.forEach((p) => p.setMode({ kind: 'pass' }));
    await until('converged', nodes, (s) => s.every((x) => x.events === target && x.pending === 0));
    const seconds = (performance.now() - healed) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const ids = await Promise.all(nodes.map((n) => n.ids()));
    if (!ids.every((s) => s === ids[0])) throw new Error('the nodes hold different events');
    const received = (await Promise.all(nodes.map((n) => n.state()))).map((s) => s.received);
    const duplicates = received.reduce((sum, r) => sum + r.duplicates, 0);
    console.log(`partition heal: ${3 * share} events written offline (${writeS.toFixed(1)} s), 3 nodes converged in ${seconds.toFixed(2)} s after the partition healed (target ≤ 3 s), using ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s of CPU in the three nodes (less load-dependent than the wall time on a shared machine); ${duplicates} events received twice; load after ${loadavg()[0]!.toFixed(2)}`);
    await Promise.all(nodes.map((n) => n.close()));
  }
  {
    const nodes = [0, 1].map((i) => startNode(i, 'bench-steady'));
    const [a, b] = nodes as [BenchNode, BenchNode];
    await Promise.all(nodes.map((n, i) => n.connect(proxies[i]!.url)));
    await until('connected', nodes, ([x, y]) => x!.connected && y!.connected && x!.pending === 0 && x!.events === y!.events);
    const target = (await a.state()).events + steady;
    const t0 = performance.now();
    await a.write(steady, 'steady');
    const written = performance.now();
    await until('replicated', [b], ([y]) => y!.events === target);
    const seconds = (performance.now() - t0) / 1000;
    console.log(`steady replication: ${steady} events written on one node and applied on a peer in ${seconds.toFixed(2)} s = ${Math.round(steady / seconds)} events/s (the writer alone: ${Math.round(steady / ((written - t0) / 1000))} events/s; the peer was done ${((performance.now() - written) / 1000).toFixed(2)} s after the last write)`);
    await Promise.all(nodes.map((n) => n.close()));
  }
} finally {
  await Promise.all(proxies.map((p) => p.close()));
  await broker.stop();
}
