// The gauge panel's data: which gauges the scenario has, and time series per gauge: the engine's
// probes (seconds of the run) and live sensor readings (ms on the app clock), put on one axis.

export type GaugeKind = 'water-level' | 'rain';

export interface GaugeInfo {
  id: string;
  name: string;
  kind: GaugeKind;
  /** Depth above ground (m) for water-level gauges, intensity (mm/h) for rain gauges. */
  unit: string;
  thresholds: { warning: number; danger: number };
}

export interface GaugeSeries {
  /** Seconds from the start of the run (or ms epoch for live readings), ascending. */
  times: number[];
  values: number[];
}

/** 0 below warning, 1 at or above warning, 2 at or above danger. */
export type GaugeLevel = 0 | 1 | 2;

export function gaugeLevel(value: number, { warning, danger }: GaugeInfo['thresholds']): GaugeLevel {
  if (value >= danger) return 2;
  if (value >= warning) return 1;
  return 0;
}

interface GaugeFeature {
  id?: string | number;
  properties: Record<string, unknown> | null;
}

/** The scenario's gauges from its map layer (`scenario.layers` → gauges). Features missing a
 * name, kind or thresholds are skipped, never guessed. */
export function gaugesFromLayer(collection: { features: readonly GaugeFeature[] }): GaugeInfo[] {
  const gauges: GaugeInfo[] = [];
  for (const feature of collection.features) {
    const p = feature.properties ?? {};
    const id = String(p.id ?? feature.id ?? '');
    const kind = p.kind;
    const warning = Number(p.warning);
    const danger = Number(p.danger);
    if (!id || (kind !== 'water-level' && kind !== 'rain') || !Number.isFinite(warning) || !Number.isFinite(danger)) continue;
    gauges.push({ id, name: String(p.name ?? id), kind, unit: kind === 'rain' ? 'mm/h' : 'm', thresholds: { warning, danger } });
  }
  return gauges;
}

/** Appends one sample in time order; a sample at or before the last time replaces from there
 * (a restarted run starts its series again). Returns a new series, leaving the old one intact. */
export function appendSample(series: GaugeSeries | undefined, time: number, value: number): GaugeSeries {
  if (!series || series.times.length === 0) return { times: [time], values: [value] };
  let keep = series.times.length;
  while (keep > 0 && series.times[keep - 1]! >= time) keep--;
  return { times: [...series.times.slice(0, keep), time], values: [...series.values.slice(0, keep), value] };
}

/**
 * The observed line on the model's time axis: seconds since the run started on the app clock
 * (the model's probes are already in run seconds, and readings are ms on the same clock), so a
 * reading sits beside the probe value for the same moment. Readings from before the run are left
 * out. Without a run, seconds from the first reading.
 */
export function observedOnRunClock(observed: GaugeSeries, runStartedAt: number | null): GaugeSeries {
  const origin = runStartedAt ?? observed.times[0] ?? 0;
  const aligned: GaugeSeries = { times: [], values: [] };
  observed.times.forEach((t, i) => {
    if (t < origin) return;
    aligned.times.push((t - origin) / 1000);
    aligned.values.push(observed.values[i]!);
  });
  return aligned;
}

/**
 * uPlot's aligned columns: seconds on one axis (see observedOnRunClock), the model's line, the
 * observed line, then flat warning and danger lines. Each line is null where the other has a
 * point. With no readings, ten empty minutes (so the axes read as time, not a blank second).
 */
export function chartColumns(model: GaugeSeries, thresholds: GaugeInfo['thresholds'], observed: GaugeSeries = { times: [], values: [] }): [number[], (number | null)[], (number | null)[], number[], number[]] {
  const points = new Map<number, [number | null, number | null]>();
  model.times.forEach((t, i) => points.set(t, [model.values[i]!, null]));
  observed.times.forEach((t, i) => points.set(t, [points.get(t)?.[0] ?? null, observed.values[i]!]));
  if (points.size === 0) return [[0, 600], [null, null], [null, null], [thresholds.warning, thresholds.warning], [thresholds.danger, thresholds.danger]];
  const times = [...points.keys()].sort((a, b) => a - b);
  return [times, times.map((t) => points.get(t)![0]), times.map((t) => points.get(t)![1]), times.map(() => thresholds.warning), times.map(() => thresholds.danger)];
}

/** Depth series per probe id from a run's frames (oldest first). */
export function probeSeries(frames: readonly { time: number; probes: readonly { id: string; depth: number }[] }[]): Record<string, GaugeSeries> {
  const series: Record<string, GaugeSeries> = {};
  for (const frame of frames) {
    for (const probe of frame.probes) {
      const s = (series[probe.id] ??= { times: [], values: [] });
      s.times.push(frame.time);
      s.values.push(probe.depth);
    }
  }
  return series;
}
