// Live sensors under load: readings published to a real mosquitto by a worker thread, received by
// the node's MQTT link, validated, flagged and stored in SQLite in batches, then pushed. For each
// form (one SensorThings Observation per message; the compact gateway form, 50 readings a
// message) it prints (1) the sustained observations per second stored while the publisher goes
// flat out, and (2) the p50/p99 latency from publish (the reading's time) to the renderer push at
// a steady 20k observations per second (or 80% of what (1) managed, if that is less). The
// publisher and mosquitto share the machine's cores with the node.
//   node scripts/bench-sensors.ts [--sensors 1000] [--seconds 10]
import { mkdtempSync, rmSync } from 'node:fs';
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

const { values } = parseArgs({ options: { sensors: { type: 'string', default: '1000' }, seconds: { type: 'string', default: '10' } } });
const sensorCount = Number(values.sensors);
const seconds = Number(values.seconds);
const target = 20_000;

const broker = await startMosquitto({ extra: ['max_inflight_messages 1000', 'max_queued_messages 1000000'] });
const dataDir = mkdtempSync(join(tmpdir(), 'polder-bench-sensors-'));
const clock = systemClock();
const latencies: number[] = [];
let measuring = false;
const push = {
  emit<E extends PushEvent>(event: E, payload: Push[E]) {
    if (!measuring || event !== 'sensors.readings') return;
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

async function load(rate: number | null, perMessage: number): Promise<{ sent: number; storedPerSecond: number }> {
  const before = stored();
  const worker = new Worker(new URL('./sensors-publisher.ts', import.meta.url), { workerData: { url: broker.url, sensors: sensorCount, rate, seconds, perMessage } });
  const started = Date.now();
  const { sent } = await new Promise<{ sent: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  // Throughput over the publishing window; then let the backlog drain before anything else runs.
  const storedPerSecond = (stored() - before) / ((Date.now() - started) / 1000);
  for (let i = 0; i < 12_000 && stored() - before < sent; i++) await new Promise((r) => setTimeout(r, 10));
  return { sent, storedPerSecond };
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

try {
  console.log(`${sensorCount} datastreams, QoS 1, ${availableParallelism()} cores shared by the node, mosquitto on loopback and the publisher (a worker thread); load average ${loadavg()[0]!.toFixed(1)} at the start`);
  for (const [form, perMessage] of [['SensorThings, 1 observation a message', 1], ['compact gateway form, 50 a message', 50]] as const) {
    const flat = await load(null, perMessage);
    console.log(`${form}: sustained ${Math.round(flat.storedPerSecond).toLocaleString('en')} observations/s from MQTT into SQLite (${flat.sent.toLocaleString('en')} in ${seconds} s flat out; target ≥ ${target.toLocaleString('en')})`);
    const rate = Math.min(target, Math.floor(flat.storedPerSecond * 0.8));
    latencies.length = 0;
    measuring = true;
    const steady = await load(rate, perMessage);
    measuring = false;
    console.log(
      `${form}: at ${rate.toLocaleString('en')} obs/s, publish → renderer push p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${percentile(latencies, 100)} ms over ${latencies.length.toLocaleString('en')} pushed readings (target p99 < 250 ms; stored ${Math.round(steady.storedPerSecond).toLocaleString('en')}/s)`,
    );
  }
  const counts = sensors.counts();
  if (counts.received !== counts.accepted + counts.quarantined) throw new Error('counts do not add up');
  console.log(`counts: received ${counts.received.toLocaleString('en')} = accepted ${counts.accepted.toLocaleString('en')} + quarantined ${counts.quarantined.toLocaleString('en')}`);
  const reasons = ops.store.db.prepare("SELECT substr(reason, 1, 40) AS why, count(*) AS n FROM sensor_quarantine GROUP BY why ORDER BY n DESC LIMIT 3").all() as { why: string; n: number }[];
  for (const { why, n } of reasons) console.log(`  quarantined ${n.toLocaleString('en')}: ${why}…`);
} finally {
  await link.close();
  sensors.close();
  await ops.close();
  await broker.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
