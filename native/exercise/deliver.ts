import type { Inject } from '../api/exercise.ts';
import type { VirtualClock } from '../clock/virtual-clock.ts';
import { atVirtualTime } from '../clock/virtual-timer.ts';
import type { OpsService } from '../ops/service.ts';
import { observationsTopic } from '../sensors/payload.ts';

/** Where a sensor-anomaly inject's synthetic readings go: the app's own sensor service, in-process (never a broker). */
export interface ReadingSink {
  receive(topic: string, payload: Buffer): void;
  /** The sensor's latest reading, which a rise starts from; null when it has none. */
  latestValue(sensorId: string): number | null;
}

export interface DeliverDeps {
  clock: VirtualClock;
  ops: OpsService;
  readings: ReadingSink;
}

/**
 * Delivers one inject: an alert into the queue (source 'exercise'), a sensor anomaly as readings
 * on the exercise clock, or, for a message, nothing beyond the inject.delivered event the runner
 * writes (its line in the activity log, filed under the department it goes to).
 * `stop` ends an anomaly still sending readings.
 */
export function deliverInject(inject: Inject, deps: DeliverDeps): { alertId: string | null; stop: (() => void) | null } {
  if (inject.method === 'alert' && inject.alert) {
    const { id } = deps.ops.systemAlerts.raise({
      source: 'exercise',
      title: `Exercise inject ${inject.number}: ${clip(inject.synopsis, 160)}`,
      description: `From ${inject.from || 'SimCell'} to ${inject.to || 'all'}. ${inject.synopsis}`,
      ...inject.alert,
      area: null,
      dedupeKey: `exercise-inject:${inject.id}`,
    });
    return { alertId: id, stop: null };
  }
  if (inject.method === 'sensor' && inject.sensor) return { alertId: null, stop: sendAnomaly(inject.sensor, deps) };
  return { alertId: null, stop: null };
}

/** One reading per scenario minute: a spike once, a stuck value held, or a straight rise from the latest reading. */
function sendAnomaly(sensor: NonNullable<Inject['sensor']>, deps: DeliverDeps): () => void {
  const { clock, readings } = deps;
  const topic = observationsTopic(sensor.sensorId);
  const send = (at: number, value: number) => readings.receive(topic, Buffer.from(JSON.stringify({ phenomenonTime: new Date(at).toISOString(), result: round(value) })));
  const start = clock.now();
  const from = readings.latestValue(sensor.sensorId) ?? 0;
  const steps = sensor.anomaly === 'spike' ? 0 : sensor.minutes;
  const valueAt = (step: number) => (sensor.anomaly === 'rise' ? from + ((sensor.value - from) * step) / Math.max(1, steps) : sensor.value);
  send(start, valueAt(0));
  const timers = Array.from({ length: steps }, (_, i) => atVirtualTime(clock, start + (i + 1) * 60_000, () => send(start + (i + 1) * 60_000, valueAt(i + 1))));
  return () => timers.forEach((t) => t.cancel());
}

const round = (v: number) => Math.round(v * 1000) / 1000;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);
