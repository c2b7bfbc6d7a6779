// Random and malformed payloads through a real broker into the sensor ingest: shared by the unit
// test (100k) and `npm run soak` (200k by default).
import fc from 'fast-check';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock } from '../clock/clock.ts';
import { connectMqtt } from '../mqtt/connection.ts';
import { startMosquitto } from '../mqtt/test-broker.ts';
import { startSensorLink } from './mqtt-link.ts';
import { compactMaxReadings, compactTopic, observationsTopic } from './payload.ts';
import { testSeeds, testSensors } from './test-sensors.ts';

export interface FuzzResult {
  messages: number;
  /** Readings the messages carry (a compact list carries several). */
  expected: number;
  received: number;
  accepted: number;
  quarantined: number;
  rows: { readings: number; quarantine: number; withoutReason: number };
  /** A clean reading sent after the fuzz was still accepted. */
  stillAccepting: boolean;
  seconds: number;
}

const ids = testSeeds.map((s) => s.id);

function arbitraries(now: number) {
  const time = fc.oneof(
    fc.integer({ min: now - 8 * 86_400_000, max: now + 3_600_000 }).map((t) => new Date(t).toISOString()),
    fc.integer({ min: now - 600_000, max: now + 30_000 }).map((t) => new Date(t).toISOString()),
    fc.string(),
    fc.integer(),
    fc.constant(null),
  );
  const result = fc.oneof(fc.double(), fc.double({ min: -1, max: 20, noNaN: true }), fc.string(), fc.constant(null), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }));
  const observation = fc.record(
    { phenomenonTime: time, resultTime: time, result, parameters: fc.oneof(fc.constant({ unit: 'm' }), fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 })), fc.string()), extra: fc.jsonValue({ maxDepth: 1 }) },
    { requiredKeys: [] },
  );
  const compactItem = fc.record({ ds: fc.oneof(fc.constantFrom(...ids), fc.string({ maxLength: 10 }), fc.integer()), t: fc.oneof(fc.integer({ min: now - 600_000, max: now + 30_000 }), time), v: result, u: fc.constantFrom('m', 'cm', 'mm/h', 'ft', 7) }, { requiredKeys: ['ds'] });
  const datastream = fc.oneof(fc.constantFrom(...ids).map(observationsTopic), fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !['+', '#', '/', '\u0000'].some((c) => s.includes(c))).map((s) => observationsTopic(s)), fc.constant('v1.1/Things(1)/Observations'));
  const text = (v: unknown) => Buffer.from(JSON.stringify(v) ?? 'undefined');
  return fc.oneof(
    fc.record({ topic: datastream, payload: observation.map(text) }),
    fc.record({ topic: datastream, payload: fc.jsonValue().map(text) }),
    fc.record({ topic: datastream, payload: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)) }),
    fc.record({ topic: datastream, payload: fc.string({ maxLength: 100 }).map((s) => Buffer.from(s)) }),
    fc.record({ topic: fc.constant(compactTopic), payload: fc.oneof(compactItem.map(text), fc.array(compactItem, { maxLength: 6 }).map(text), fc.jsonValue().map(text), fc.uint8Array({ maxLength: 100 }).map((b) => Buffer.from(b))) }),
  );
}

/** How many readings a message carries, worked out apart from the parser: a compact JSON list of 1 to 1000 items is that many, anything else one. */
function readingsIn(topic: string, payload: Buffer): number {
  if (topic !== compactTopic) return 1;
  try {
    const value = JSON.parse(payload.toString('utf8')) as unknown;
    return Array.isArray(value) && value.length >= 1 && value.length <= compactMaxReadings ? value.length : 1;
  } catch {
    return 1;
  }
}

export async function fuzzThroughBroker(count: number, seed: number): Promise<FuzzResult> {
  const broker = await startMosquitto();
  const t = testSensors({ flushMs: 20 });
  const link = startSensorLink({ brokers: [broker.url], clientId: 'fuzz-ingest', receive: t.sensors.receive, logger: { info() {}, warn() {}, error() {} } });
  const publisher = connectMqtt({ brokers: [broker.url], clientId: 'fuzz-publisher', sessionExpirySeconds: 0 });
  const wall = systemClock();
  const started = wall.now();
  try {
    for (let i = 0; i < 400 && !(link.connected && publisher.connected); i++) await sleep(25);
    if (!link.connected || !publisher.connected) throw new Error('the fuzz could not connect to mosquitto');
    await sleep(100); // the ingest's subscription is made before onConnect; give the broker a beat
    const messages = fc.sample(arbitraries(t.clock.now()), { seed, numRuns: count });
    let expected = 0;
    const inFlight: Promise<void>[] = [];
    for (const { topic, payload } of messages) {
      expected += readingsIn(topic, payload);
      inFlight.push(publisher.publish(topic, payload));
      if (inFlight.length >= 500) await Promise.all(inFlight.splice(0));
    }
    await Promise.all(inFlight);
    for (let i = 0; i < 2400 && t.sensors.counts().received < expected; i++) await sleep(25);
    t.sensors.flush();
    const before = t.sensors.counts().accepted;
    await publisher.publish(compactTopic, JSON.stringify({ ds: 'g-rain', t: t.clock.now() + 50_000, v: 1 }));
    for (let i = 0; i < 400 && t.sensors.counts().accepted === before; i++) await sleep(25);
    t.sensors.flush();
    const counts = t.sensors.counts();
    return {
      messages: count,
      expected: expected + 1,
      ...counts,
      rows: { readings: t.count('sensor_readings'), quarantine: t.count('sensor_quarantine'), withoutReason: t.ops.service.store.db.prepare("SELECT count(*) FROM sensor_quarantine WHERE length(trim(reason)) = 0").pluck().get() as number },
      stillAccepting: counts.accepted === before + 1,
      seconds: (wall.now() - started) / 1000,
    };
  } finally {
    await publisher.close();
    await link.close();
    await t.close();
    await broker.stop();
  }
}
