import type { Alert } from '../api/ops.ts';
import type { Sensor } from '../api/sensors.ts';

/** What raising sensor alerts needs of the alert queue (native/ops/system-alerts.ts). */
export interface AlertSink {
  open(dedupeKey: string): { id: string; escalation: number } | null;
  raise(draft: { source: Alert['source']; title: string; description: string; severity: Alert['severity']; urgency: Alert['urgency']; certainty: Alert['certainty']; area: Alert['area']; dedupeKey: string }): { id: string; raised: boolean };
  escalate(id: string, level: number, note: string): void;
  resolve(id: string, note: string): void;
}

export type AlertLevel = 'warning' | 'danger' | 'rising';

export const alertKey = (sensorId: string, level: AlertLevel | 'silent') => `sensor:${sensorId}:${level}`;

const fmt = (v: number, unit: string) => `${Number(v.toFixed(3))} ${unit}`;

/**
 * Per-sensor warning and danger levels and a rising-rate rule, as alerts in the queue: one open
 * alert per sensor and level; escalated by one each time the reading climbs another half of the
 * gap between the two levels above where it was raised or last escalated; resolved once it falls back below the level by
 * a tenth of that gap (so noise on the line does not raise and resolve it over and over). Flagged
 * readings (spike, stuck, disagreeing) neither raise nor escalate.
 */
type AlertText = { title: string; description: string; severity: Alert['severity']; urgency: Alert['urgency']; resolved: string };

export function createThresholdRules(sink: AlertSink) {
  /** The value each open alert was raised or last escalated at, by key. */
  const peaks = new Map<string, number>();
  /**
   * The open alert of each key as the rules last knew it (null: none), read from the queue once
   * and then kept by the rules themselves, so a reading that changes nothing costs no query. Before
   * escalating or resolving they read the queue again: a person may have closed it meanwhile (then
   * the water rising further raises a new one).
   */
  const known = new Map<string, string | null>();

  function level(sensor: Sensor, key: string, active: boolean, clear: boolean, value: number, step: number, text: () => AlertText) {
    let id = known.get(key);
    if (id === undefined) {
      id = sink.open(key)?.id ?? null;
      known.set(key, id);
    }
    if (id === null) {
      if (!active) return;
      const t = text();
      known.set(key, sink.raise({ source: 'sensor', title: t.title, description: t.description, severity: t.severity, urgency: t.urgency, certainty: 'Observed', area: { type: 'Point', coordinates: [sensor.location.lon, sensor.location.lat] }, dedupeKey: key }).id);
      peaks.set(key, value);
      return;
    }
    if (clear) {
      const current = sink.open(key);
      if (current) sink.resolve(current.id, text().resolved);
      known.set(key, null);
      peaks.delete(key);
      return;
    }
    const base = peaks.get(key);
    if (base === undefined) peaks.set(key, value);
    else if (active && step > 0 && value >= base + step) {
      const current = sink.open(key);
      if (current) sink.escalate(current.id, current.escalation + 1, `Still rising: ${fmt(value, sensor.unit.symbol)}`);
      else known.set(key, null);
      peaks.set(key, value);
    }
  }

  return {
    /** One accepted reading (and the sensor's rise per hour over the last minutes, when known). */
    apply(sensor: Sensor, value: number, flagged: boolean, risePerHour: number | null): void {
      const unit = sensor.unit.symbol;
      if (sensor.thresholds) {
        const { warning, danger } = sensor.thresholds;
        const gap = danger - warning;
        for (const [name, at, severity, urgency] of [['warning', warning, 'Moderate', 'Expected'], ['danger', danger, 'Severe', 'Immediate']] as const) {
          level(sensor, alertKey(sensor.id, name), !flagged && value >= at, value < at - gap / 10, value, gap / 2, () => ({
            title: `${sensor.name}: ${fmt(value, unit)}, over the ${name} level (${fmt(at, unit)})`,
            description: `${sensor.observedProperty} at ${sensor.name} (datastream ${sensor.id}) reached ${fmt(value, unit)}; its ${name} level is ${fmt(at, unit)}.`,
            severity,
            urgency,
            resolved: `Back below the ${name} level: ${fmt(value, unit)}`,
          }));
        }
      }
      if (sensor.risingPerHour !== null && risePerHour !== null) {
        const limit = sensor.risingPerHour;
        level(sensor, alertKey(sensor.id, 'rising'), !flagged && risePerHour >= limit, risePerHour < limit / 2, risePerHour, 0, () => ({
          title: `${sensor.name}: rising fast (${fmt(risePerHour, `${unit}/h`)})`,
          description: `${sensor.observedProperty} at ${sensor.name} is rising ${fmt(risePerHour, `${unit} an hour`)}; the rule is ${fmt(limit, `${unit} an hour`)}.`,
          severity: 'Moderate',
          urgency: 'Expected',
          resolved: `No longer rising fast: ${fmt(risePerHour, `${unit}/h`)}`,
        }));
      }
    },
    /** A sensor stopped reporting (or reports again). */
    silence(sensor: Sensor, silent: boolean, lastSeen: number): void {
      const key = alertKey(sensor.id, 'silent');
      const open = sink.open(key);
      if (silent && !open) {
        sink.raise({
          source: 'sensor',
          title: `${sensor.name}: no readings since ${new Date(lastSeen).toISOString().slice(11, 19)} UTC`,
          description: `Datastream ${sensor.id} has sent nothing for more than ${sensor.silenceAfterSeconds} s. Its last reading may be stale.`,
          severity: 'Minor',
          urgency: 'Expected',
          certainty: 'Observed',
          area: { type: 'Point', coordinates: [sensor.location.lon, sensor.location.lat] },
          dedupeKey: key,
        });
      } else if (!silent && open) sink.resolve(open.id, 'Reporting again');
    },
  };
}
