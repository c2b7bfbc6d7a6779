import type { IngestCounts, Reading, Sensor } from '../../../native/api/sensors.ts';
import type { Read } from './in-flight.ts';
import { createValueStore, type Schedule } from './value-store.ts';

/** One sensor's observed readings, ms since the epoch, ascending. */
export interface ObservedSeries {
  times: number[];
  values: number[];
  /** Quality flags per reading (empty: clean). */
  flagged: boolean[];
}

export interface SensorsView {
  /** The registry; null until the first answer. */
  sensors: Sensor[] | null;
  latest: Readonly<Record<string, Reading>>;
  observed: Readonly<Record<string, ObservedSeries>>;
  counts: IngestCounts | null;
  error: string | null;
}

/** How far back the observed lines start when a window opens. */
export const observedWindowMs = 6 * 3_600_000;
/** The most points each observed line keeps. */
const maxPoints = 5000;

function append(series: ObservedSeries | undefined, reading: Reading): ObservedSeries {
  const base = series ?? { times: [], values: [], flagged: [] };
  if (base.times.length > 0 && reading.time <= base.times.at(-1)!) return base;
  const cut = base.times.length >= maxPoints ? 1 : 0;
  return { times: [...base.times.slice(cut), reading.time], values: [...base.values.slice(cut), reading.value], flagged: [...base.flagged.slice(cut), reading.flags.length > 0] };
}

/**
 * The window's live sensors: the registry, each sensor's latest reading and its observed line,
 * loaded once and then patched from `sensors.readings` pushes (re-read on `sensors.changed`).
 */
export function createSensorStore(read: Read, schedule: Schedule, now: () => number | null) {
  const store = createValueStore<SensorsView>({ sensors: null, latest: {}, observed: {}, counts: null, error: null }, schedule);
  let generation = 0;

  async function reload() {
    const mine = ++generation;
    try {
      const [sensors, latest, health] = await Promise.all([read('sensors.list', {}), read('sensors.latest', {}), read('sensors.health', {})]);
      const to = Math.max(now() ?? 0, ...latest.map((r) => r.time));
      const series = await Promise.all(sensors.map((s) => read('sensors.series', { sensorId: s.id, from: to - observedWindowMs, to, maxPoints: 2000 })));
      if (mine !== generation) return;
      const observed: Record<string, ObservedSeries> = {};
      for (const s of series) observed[s.sensorId] = { times: s.points.map((p) => p.time), values: s.points.map((p) => p.value), flagged: s.points.map((p) => p.flagged > 0) };
      // Readings pushed while the queries ran are kept.
      const current = store.get();
      for (const r of Object.values(current.latest)) observed[r.sensorId] = append(observed[r.sensorId], r);
      store.set({ sensors, latest: { ...Object.fromEntries(latest.map((r) => [r.sensorId, r])), ...current.latest }, observed, counts: health.counts, error: null });
    } catch (err) {
      if (mine === generation) store.set({ ...store.get(), error: err instanceof Error ? err.message : String(err) });
    }
  }

  return {
    store,
    reload,
    readings({ readings, counts }: { readings: readonly Reading[]; counts: IngestCounts }) {
      const view = store.get();
      const latest = { ...view.latest };
      const observed = { ...view.observed };
      for (const r of readings) {
        if ((latest[r.sensorId]?.time ?? -Infinity) < r.time) latest[r.sensorId] = r;
        observed[r.sensorId] = append(observed[r.sensorId], r);
      }
      store.set({ ...view, latest, observed, counts });
    },
    changed() {
      void reload();
    },
  };
}
