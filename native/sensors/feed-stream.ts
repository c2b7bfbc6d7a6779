// The reconstructed observation stream `polder feed` publishes: readings at the gauges sampled
// from a model run (or a rain hyetograph), with sensor noise, random lost readings and three
// scripted faults a quality check must catch: a stuck gauge, a spike and a dropout.
import type { SensorKind } from '../api/sensors.ts';
import { kindRules } from './kinds.ts';
import { seededRandom } from '../ops/seeded-random.ts';

export interface GaugeTrack {
  id: string;
  kind: SensorKind;
  /** Scenario seconds, ascending. */
  times: readonly number[];
  values: readonly number[];
}

export interface FeedFaults {
  /** From this scenario time on, the gauge repeats the value it read then. */
  stuck: { sensorId: string; from: number } | null;
  /** At this scenario time, one reading far off the line. */
  spike: { sensorId: string; at: number } | null;
  /** The gauge sends nothing in [from, to) (scenario seconds). */
  dropout: { sensorId: string; from: number; to: number } | null;
}

export interface FeedPlan {
  /** Scenario seconds between one gauge's readings. */
  intervalSeconds: number;
  durationSeconds: number;
  /** Times each kind's typical sensor noise (water level 5 mm, rain 0.5 mm/h); 0 for none. */
  noise: number;
  /** Share of readings lost at random (0–1). */
  lossRate: number;
  seed: number;
  faults: FeedFaults;
}

export interface FeedReading {
  scenarioTime: number;
  sensorId: string;
  value: number;
  fault: 'stuck' | 'spike' | null;
}

const typicalNoise: Record<SensorKind, number> = { 'water-level': 0.005, 'rain-intensity': 0.5, flow: 0.05, 'soil-moisture': 0.5 };
/** How far off the line the spike is. */
export const spikeSize: Record<SensorKind, number> = { 'water-level': 1.2, 'rain-intensity': 120, flow: 20, 'soil-moisture': 30 };

/** The track's value at scenario time t, linearly between samples, held at either end. */
export function valueAt(track: GaugeTrack, t: number): number {
  const { times, values } = track;
  if (times.length === 0) return 0;
  if (t <= times[0]!) return values[0]!;
  let hi = 1;
  while (hi < times.length && times[hi]! < t) hi++;
  if (hi >= times.length) return values.at(-1)!;
  const f = (t - times[hi - 1]!) / (times[hi]! - times[hi - 1]!);
  return values[hi - 1]! + f * (values[hi]! - values[hi - 1]!);
}

const round = (v: number) => Math.round(v * 10_000) / 10_000;

/** Every reading of the feed in scenario-time order. */
export function* feedReadings(tracks: readonly GaugeTrack[], plan: FeedPlan): Generator<FeedReading> {
  const random = seededRandom(plan.seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const stuckAt = new Map<string, number>();
  const { stuck, spike, dropout } = plan.faults;
  for (let t = 0; t <= plan.durationSeconds; t += plan.intervalSeconds) {
    for (const track of tracks) {
      const [low, high] = kindRules[track.kind].range;
      const lost = random() < plan.lossRate;
      const noise = gaussian() * typicalNoise[track.kind] * plan.noise;
      if (dropout?.sensorId === track.id && t >= dropout.from && t < dropout.to) continue;
      if (stuck?.sensorId === track.id && t >= stuck.from) {
        if (!stuckAt.has(track.id)) stuckAt.set(track.id, round(Math.max(0, valueAt(track, t))));
        yield { scenarioTime: t, sensorId: track.id, value: stuckAt.get(track.id)!, fault: 'stuck' };
        continue;
      }
      if (spike?.sensorId === track.id && t >= spike.at && t < spike.at + plan.intervalSeconds) {
        yield { scenarioTime: t, sensorId: track.id, value: round(Math.min(high, valueAt(track, t) + spikeSize[track.kind])), fault: 'spike' };
        continue;
      }
      if (lost) continue;
      const clean = valueAt(track, t);
      // A dry gauge or a dry sky reads its resting value: noise rides on water, not on air.
      const value = clean <= 0 ? 0 : Math.min(high, Math.max(low, Math.max(0, clean + noise)));
      yield { scenarioTime: t, sensorId: track.id, value: round(value), fault: null };
    }
  }
}

/**
 * An illustrative storm for a rain gauge when the pack has no rain input: a burst rising to
 * `peak` mm/h at 40% of the run and easing off by its end (Chicago-style, asymmetric).
 */
export function illustrativeHyetograph(durationSeconds: number, peak: number, step = 10): { times: number[]; values: number[] } {
  const times: number[] = [];
  const values: number[] = [];
  const tp = 0.4 * durationSeconds;
  for (let t = 0; t <= durationSeconds; t += step) {
    const x = t <= tp ? t / tp : (durationSeconds - t) / (durationSeconds - tp);
    times.push(t);
    values.push(round(peak * x ** 2));
  }
  return { times, values };
}
