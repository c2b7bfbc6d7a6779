// How far to trust the model at each gauge: bias and RMSE of the modelled level against the
// observed one over the last hour. Fed by pairs of (observed, modelled) depth above the model's
// bed at the gauge, both converted as the nudge converts them (simulation/host/assimilate.ts):
// the model's before the nudge, the gauge's reading (a stage or a reading below ground: no
// negative depth).

export interface LevelPair {
  gauge: string;
  /** ms since the epoch (or simulated seconds: any one clock, the same as `now`). */
  time: number;
  observed: number;
  modelled: number;
}

export interface GaugeSkill {
  gauge: string;
  /** Pairs in the window. */
  n: number;
  /** Mean of modelled − observed (m): positive, the model runs high. */
  bias: number | null;
  /** Root-mean-square of modelled − observed (m). */
  rmse: number | null;
}

/** Skill per gauge over the window ending at `now` (default: the last hour, in ms). */
export function gaugeSkill(pairs: readonly LevelPair[], now: number, windowLength = 3_600_000): GaugeSkill[] {
  const by = new Map<string, number[]>();
  for (const p of pairs) {
    if (!(p.time > now - windowLength && p.time <= now)) continue;
    if (!Number.isFinite(p.observed) || !Number.isFinite(p.modelled)) continue;
    const list = by.get(p.gauge) ?? [];
    list.push(p.modelled - p.observed);
    by.set(p.gauge, list);
  }
  const gauges = [...new Set(pairs.map((p) => p.gauge))].sort();
  return gauges.map((gauge) => {
    const errors = by.get(gauge) ?? [];
    if (errors.length === 0) return { gauge, n: 0, bias: null, rmse: null };
    const bias = errors.reduce((s, e) => s + e, 0) / errors.length;
    const rmse = Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / errors.length);
    return { gauge, n: errors.length, bias, rmse };
  });
}
