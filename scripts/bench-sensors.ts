// Live sensors under load: readings published to a real mosquitto by a worker thread, received by
// the node's MQTT link, validated, flagged and stored in SQLite in batches, then pushed. For each
// form (one SensorThings Observation per message; the compact gateway form, 50 readings a
// message) the publisher offers rising steady rates (10k, 20k, 30k … observations/s, `--seconds`
// each). A step is kept up with when everything it sent is stored within a second and a half of
// its end; the sustained rate is the highest step kept up with. Each step prints the stored rate,
// the p50/p99 latency from publish (the reading's time) to the renderer push, and where the CPU
// went (CPU time from /proc): the ingest's thread, the rest of the process (the publisher's thread,
// GC and I/O helpers) and mosquitto, with the load average, since the machine is shared. The publisher and mosquitto
// share the machine's cores with the node.
//   node scripts/bench-sensors.ts [--sensors 1000] [--seconds 5] [--rates 10000,20000,…]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { Push, PushEvent } from '../native/api/index.ts';
import { systemClock } from '../native/clock/clock.ts';
import { silentLogger } from '../native/logger.ts';
import { startMosquitto } from '../native/mqtt/test-broker.ts';
import { openOpsService } from '../native/ops/service.ts';
import { startSensorLink } from '../native/sensors/mqtt-link.ts';
import { createSensorService } from '../native/sensors/service.ts';

const { values } = parseArgs({
  options: { sensors: { type: 'string', default: '1000' }, seconds: { type: 'string', default: '5' }, rates: { type: 'string', default: '10000,20000,30000,40000,60000,80000' } },
});
const sensorCount = Number(values.sensors);
const seconds = Number(values.seconds);
const rates = values.rates.split(',').map(Number);
const target = 20_000;
const graceMs = 1500;

const broker = await startMosquitto({ extra: ['max_inflight_messages 1000', 'max_queued_messages 1000000'] });
const dataDir = mkdtempSync(join(tmpdir(), 'polder-bench-sensors-'));
const clock = systemClock();
const latencies: number[] = [];
const push = {
  emit<E extends PushEvent>(event: E, payload: Push[E]) {
    if (event !== 'sensors.readings') return;
    const now = Date.now();
    for (const r of (payload as Push['sensors.readings']).readings) latencies.push(now - r.time);
  },
};
const ops = openOpsService({ dataDir, clock, push, logger: silentLogger(), backupEveryMs: 0 });
const seeds = Array.from({ length: sensorCount }, (_, i) => ({ id: `s${i}`, name: `Sensor ${i}`, kind: 'water-level' as const, lon: 151.7 + (i % 100) * 0.01, lat: -32.9 - Math.floor(i / 100) * 0.01, thresholds: { warning: 1, danger: 2 } }));
const sensors = createSensorService({ db: ops.store.db, clock, push, alerts: ops.systemAlerts, logger: silentLogger(), seeds });
const link = startSensorLink({ brokers: [broker.url], clientId: 'bench-ingest', receive: sensors.receive, logger: silentLogger() });
for (let i = 0; i < 400 && !link.connected; i++) await new Promise((r) => setTimeout(r, 25));
await new Promise((r) => setTimeout(r, 200));

const stored = () => ops.store.db.prepare('SELECT coalesce(sum(received), 0) FROM sensor_counts').pluck().get() as number;

/** A process's or thread's user + system CPU so far (ms), from /proc: wall-clock busy time would count the waits a loaded machine imposes. */
function cpuMs(statPath: string): number {
  const stat = readFileSync(statPath, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}
/** The ingest: the node's main thread (MQTT link, parsing, validation, flags, SQLite, pushes). */
const ingestCpuMs = () => cpuMs(`/proc/self/task/${process.pid}/stat`);
/** Everything else in this process: the publisher's thread, GC and I/O helpers. */
const restCpuMs = () => cpuMs('/proc/self/stat') - ingestCpuMs();
const mosquittoCpuMs = () => cpuMs(`/proc/${broker.pid}/stat`);

interface Step {
  rate: number;
  sent: number;
  sentPerSecond: number;
  storedPerSecond: number;
  keptUp: boolean;
  p50: number;
  p99: number;
  ingestMs: number;
  restMs: number;
  mosquittoMs: number;
  load: number;
}

async function step(rate: number, perMessage: number): Promise<Step> {
  const worker = new Worker(new URL('./sensors-publisher.ts', import.meta.url), { workerData: { url: broker.url, sensors: sensorCount, rate, seconds, perMessage } });
  const failed = new Promise<never>((_, reject) => worker.once('error', reject));
  const message = <T>() => Promise.race([new Promise<T>((resolve) => worker.once('message', resolve)), failed]);
  // From the publisher's first message on: its start-up (loading, connecting) is no part of the step.
  await message<'publishing'>();
  const before = stored();
  latencies.length = 0;
  const cpu = { ingest: ingestCpuMs(), rest: restCpuMs(), mosquitto: mosquittoCpuMs() };
  const load = loadavg()[0]!;
  const started = Date.now();
  const { sent } = await message<{ sent: number }>();
  const storedPerSecond = (stored() - before) / ((Date.now() - started) / 1000);
  const done = Date.now();
  while (Date.now() - done < graceMs && stored() - before < sent) await new Promise((r) => setTimeout(r, 10));
  const keptUp = stored() - before >= sent;
  // A step it fell behind on drains before anything else runs.
  for (let i = 0; i < 12_000 && stored() - before < sent; i++) await new Promise((r) => setTimeout(r, 10));
  return {
    rate,
    sent,
    sentPerSecond: sent / seconds,
    storedPerSecond,
    keptUp: keptUp && storedPerSecond >= 0.9 * (sent / seconds),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    ingestMs: ingestCpuMs() - cpu.ingest,
    restMs: restCpuMs() - cpu.rest,
    mosquittoMs: mosquittoCpuMs() - cpu.mosquitto,
    load,
  };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

const n = (x: number) => Math.round(x).toLocaleString('en');

try {
  console.log(`${sensorCount} datastreams, QoS 1, ${availableParallelism()} cores shared by the node, mosquitto on loopback and the publisher (a worker thread); ${seconds} s a step; load average ${loadavg()[0]!.toFixed(1)} at the start`);
  for (const [form, perMessage] of [['SensorThings, 1 observation a message', 1], ['compact gateway form, 50 a message', 50]] as const) {
    console.log(`${form}:`);
    const steps: Step[] = [];
    for (const rate of rates) {
      const s = await step(rate, perMessage);
      steps.push(s);
      const perObs = (ms: number) => ((ms * 1000) / s.sent).toFixed(1);
      console.log(
        `  offered ${n(rate)}/s (published ${n(s.sentPerSecond)}/s): stored ${n(s.storedPerSecond)}/s, ${s.keptUp ? 'kept up' : 'fell behind'}; publish → push p50 ${s.p50} ms, p99 ${s.p99} ms; CPU µs an observation: ingest thread ${perObs(s.ingestMs)}, publisher and helper threads ${perObs(s.restMs)}, mosquitto ${perObs(s.mosquittoMs)}; load ${s.load.toFixed(1)}`,
      );
      // A publisher that could not offer the rate (a loaded machine) says nothing about the ingest past it.
      if (!s.keptUp || s.sentPerSecond < 0.9 * rate) break;
    }
    const sustained = steps.filter((s) => s.keptUp && s.sentPerSecond >= 0.9 * s.rate).at(-1);
    const atTarget = steps.find((s) => s.rate === target);
    const capacity = (s: Step) => n((1000 * s.sent) / s.ingestMs);
    console.log(`  sustained ${sustained ? n(sustained.rate) : 'none'} observations/s from MQTT into SQLite (target ≥ ${n(target)}); at ${n(target)}/s p99 ${atTarget ? `${atTarget.p99} ms` : 'not reached'} (target < 250 ms)`);
    const widest = steps.reduce((a, b) => (b.sent > a.sent ? b : a));
    console.log(`  CPU-normalised: the ingest thread took ${((widest.ingestMs * 1000) / widest.sent).toFixed(1)} µs of CPU an observation at ${n(widest.rate)}/s offered: ${capacity(widest)} observations per CPU-second of one core`);
  }
  const counts = sensors.counts();
  if (counts.received !== counts.accepted + counts.quarantined) throw new Error('counts do not add up');
  console.log(`counts: received ${n(counts.received)} = accepted ${n(counts.accepted)} + quarantined ${n(counts.quarantined)}`);
  const reasons = ops.store.db.prepare("SELECT substr(reason, 1, 40) AS why, count(*) AS n FROM sensor_quarantine GROUP BY why ORDER BY n DESC LIMIT 3").all() as { why: string; n: number }[];
  for (const { why, n: count } of reasons) console.log(`  quarantined ${n(count)}: ${why}…`);
} finally {
  await link.close();
  sensors.close();
  await ops.close();
  await broker.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
