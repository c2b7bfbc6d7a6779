import type { Sensor } from '../api/sensors.ts';
import { kindRules } from './kinds.ts';
import type { Candidate } from './payload.ts';

export interface ValidationLimits {
  /** A reading this far ahead of the app clock is from a wrong clock (ms). */
  futureSkewMs: number;
  /** A reading older than this is refused (ms). */
  maxAgeMs: number;
}

export const defaultLimits: ValidationLimits = { futureSkewMs: 60_000, maxAgeMs: 7 * 86_400_000 };

/** What validation needs of a sensor's accepted readings so far. */
export interface LastAccepted {
  time: number;
  value: number;
}

const iso = (ms: number) => new Date(ms).toISOString();
const span = (ms: number) => (ms < 120_000 ? `${Math.round(ms / 1000)} s` : ms < 7_200_000 ? `${Math.round(ms / 60_000)} min` : ms < 172_800_000 ? `${Math.round(ms / 3_600_000)} h` : `${Math.round(ms / 86_400_000)} days`);
const round = (v: number) => Number(v.toPrecision(4));

/**
 * The candidate's value in the sensor's unit, or why the sensor cannot take it: unit, physical
 * range, time (future, too old, duplicate, out of order) and the rate of change since its last
 * accepted reading (measured over at least a minute, so one quick spike is flagged, not refused).
 */
export function validate(candidate: Candidate, sensor: Sensor, last: LastAccepted | null, now: number, limits: ValidationLimits = defaultLimits): { value: number } | { reason: string } {
  const rules = kindRules[sensor.kind];
  const unit = rules.unit.symbol;
  let value = candidate.value;
  if (candidate.unit !== null && candidate.unit !== unit) {
    const factor = rules.convertible[candidate.unit];
    if (factor === undefined) return { reason: `the unit "${candidate.unit.slice(0, 20)}" does not fit a ${sensor.kind} sensor (${unit}; also ${Object.keys(rules.convertible).join(', ')})` };
    value *= factor;
  }
  const [low, high] = rules.range;
  if (!(value >= low && value <= high)) return { reason: `${round(value)} ${unit} is outside what a ${sensor.kind} sensor can read (${low} to ${high} ${unit})` };
  const { time } = candidate;
  if (time > now + limits.futureSkewMs) return { reason: `phenomenonTime ${iso(time)} is ${span(time - now)} in the future (the sensor's clock is wrong)` };
  if (time < now - limits.maxAgeMs) return { reason: `phenomenonTime ${iso(time)} is ${span(now - time)} old; readings older than ${span(limits.maxAgeMs)} are refused` };
  if (last) {
    if (time === last.time) {
      return { reason: value === last.value ? `duplicate of the reading at ${iso(time)}` : `a second, different result (${round(value)} ${unit}) for ${iso(time)}, which already has ${round(last.value)} ${unit}` };
    }
    if (time < last.time) return { reason: `out of order: ${iso(time)} is before the last accepted reading (${iso(last.time)})` };
    const change = Math.abs(value - last.value);
    const perMinute = (change * 60_000) / Math.max(time - last.time, 60_000);
    if (perMinute > rules.maxChangePerMinute) {
      return { reason: `changed by ${round(change)} ${unit} in ${span(time - last.time)} since the last reading: faster than a ${sensor.kind} sensor can (${rules.maxChangePerMinute} ${unit} a minute)` };
    }
  }
  return { value };
}
