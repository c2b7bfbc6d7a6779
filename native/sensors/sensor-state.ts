import type { QualityFlag, Reading, Sensor } from '../api/sensors.ts';
import type { RecentValues } from './quality.ts';

const rateWindowMs = 10 * 60_000;
const rateSampleMs = 30_000;
const flagHistory = 100;

/** What the ingest keeps in memory per sensor: enough to validate, flag and summarise the next reading. */
export interface SensorState {
  sensor: Sensor;
  /** Same-kind sensors close enough to compare with. */
  neighbours: string[];
  latest: Reading | null;
  recent: RecentValues;
  /** Samples every 30 s or so over the last ten minutes, for the rise per hour. */
  trend: { time: number; value: number }[];
  /** Flags of the last hundred accepted readings (empty array: clean). */
  flagRing: QualityFlag[][];
  /** Accepted readings per minute bucket of receipt (bucket start → count), last ten minutes. */
  perMinute: Map<number, number>;
  /** When the last accepted reading arrived (app clock); silence is measured from it. */
  lastAcceptedAt: number | null;
  silent: boolean;
  /** The last reading, when it was flagged as a spike: the next one tells a spike from a real jump. */
  suspect: { time: number; value: number; limit: number } | null;
}

export function newState(sensor: Sensor): SensorState {
  return { sensor, neighbours: [], latest: null, recent: { times: [], values: [] }, trend: [], flagRing: [], perMinute: new Map(), lastAcceptedAt: null, silent: false, suspect: null };
}

/** A copy of a sensor's state that later readings do not change (a replay's checkpoint). */
export function copyState(state: SensorState): SensorState {
  return structuredClone(state);
}

/** Metres between two lon/lat points (haversine). */
export function distanceMetres(a: Sensor['location'], b: Sensor['location']): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/** Same-kind sensors within `radius` metres of each sensor. */
export function assignNeighbours(states: ReadonlyMap<string, SensorState>, radius: number): void {
  for (const s of states.values()) {
    s.neighbours = [...states.values()].filter((o) => o !== s && o.sensor.kind === s.sensor.kind && distanceMetres(o.sensor.location, s.sensor.location) <= radius).map((o) => o.sensor.id);
  }
}

/** Records an accepted reading's time, flags and receipt. */
export function noteAccepted(state: SensorState, reading: Reading): void {
  state.latest = reading;
  state.lastAcceptedAt = reading.receivedAt;
  state.flagRing.push(reading.flags);
  if (state.flagRing.length > flagHistory) state.flagRing.shift();
  const minute = reading.receivedAt - (reading.receivedAt % 60_000);
  const inMinute = state.perMinute.get(minute);
  if (inMinute !== undefined) state.perMinute.set(minute, inMinute + 1);
  else {
    // Old minutes only need dropping when a new one starts.
    state.perMinute.set(minute, 1);
    for (const m of state.perMinute.keys()) if (m <= reading.receivedAt - rateWindowMs) state.perMinute.delete(m);
  }
  const last = state.trend.at(-1);
  if (!last || reading.time - last.time >= rateSampleMs) state.trend.push({ time: reading.time, value: reading.value });
  while (state.trend.length > 0 && state.trend[0]!.time < reading.time - rateWindowMs) state.trend.shift();
}

/** The rise per hour from the oldest trend sample (at least a minute back) to this value; null when too little history. */
export function risePerHour(state: SensorState, time: number, value: number): number | null {
  const first = state.trend[0];
  if (!first || time - first.time < 60_000) return null;
  return ((value - first.value) * 3_600_000) / (time - first.time);
}

export function ratePerMinute(state: SensorState, now: number): number {
  let n = 0;
  for (const [m, count] of state.perMinute) if (m > now - rateWindowMs) n += count;
  return n / 10;
}

export function flagCounts(state: SensorState): Record<QualityFlag, number> {
  const counts: Record<QualityFlag, number> = { 'flat-line': 0, spike: 0, disagrees: 0 };
  for (const flags of state.flagRing) for (const f of flags) counts[f]++;
  return counts;
}
