// The benchmark's load: a worker thread publishing readings round-robin over many datastreams at
// QoS 1 at a set rate: one SensorThings Observation per MQTT message, or (`perMessage` > 1) the
// compact gateway form with that many readings a message. The reading's time is the moment of
// publishing, so the ingest's pushes tell the latency. It reports how many it sent.
import { parentPort, workerData } from 'node:worker_threads';
import { connectMqtt } from '../native/mqtt/connection.ts';

const { url, sensors, rate, seconds, perMessage } = workerData as { url: string; sensors: number; rate: number; seconds: number; perMessage: number };
const link = connectMqtt({ brokers: [url], clientId: `bench-pub-${process.pid}-${rate}-${perMessage}`, sessionExpirySeconds: 0 });
for (let i = 0; i < 400 && !link.connected; i++) await new Promise((r) => setTimeout(r, 25));
const topics = Array.from({ length: sensors }, (_, i) => `v1.1/Datastreams('s${i}')/Observations`);
// Strictly after anything an earlier publisher sent: the ingest refuses a second reading at the same time.
const last = new Float64Array(sensors).fill(Date.now());
let sent = 0;
let next = 0;

function reading(): { i: number; t: number; v: string } {
  const i = next++ % sensors;
  const t = Math.max(Date.now(), last[i]! + 1);
  last[i] = t;
  sent++;
  return { i, t, v: (0.1 + (i % 7) / 100).toFixed(3) };
}

function publishOne(): Promise<void> {
  if (perMessage === 1) {
    const { i, t, v } = reading();
    return link.publish(topics[i]!, `{"phenomenonTime":"${new Date(t).toISOString()}","result":${v}}`);
  }
  const items = Array.from({ length: perMessage }, () => {
    const { i, t, v } = reading();
    return `{"ds":"s${i}","t":${t},"v":${v}}`;
  });
  return link.publish('polder/v1/observations', `[${items.join(',')}]`);
}

parentPort!.postMessage('publishing');
const tickMs = 10;
const perTick = (rate * tickMs) / 1000 / perMessage;
const start = Date.now();
const end = start + seconds * 1000;
const pending: Promise<void>[] = [];
while (Date.now() < end) {
  const due = Math.floor(((Date.now() - start) / tickMs + 1) * perTick);
  while (sent / perMessage < due) pending.push(publishOne());
  if (pending.length > 5000) await Promise.all(pending.splice(0));
  await new Promise((r) => setTimeout(r, tickMs));
}
await Promise.all(pending);
await link.close();
parentPort!.postMessage({ sent });
