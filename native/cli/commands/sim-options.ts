// The flags of `polder sim` that shape a run: engine settings (--set key=value, checked as a
// pack's scenario.json `engine` object is), chosen grid times (--snapshots) and the probe interval.
import type { EngineOptions } from '../../../simulation/engine/model.ts';
import { describeIssues, EngineSettings } from '../../../simulation/scenario/schema.ts';
import { UsageError } from '../command.ts';

const NUMERIC = new Set(['cfl', 'theta', 'flowDepth', 'wetDepth', 'maxStep']);

/** `--set theta=0.7 --set friction=face`: engine settings over the pack's. */
export function engineSettingsFlag(entries: readonly string[] | undefined): Partial<EngineOptions> {
  const settings: Record<string, string | number> = {};
  for (const entry of entries ?? []) {
    const at = entry.indexOf('=');
    if (at <= 0) throw new UsageError(`--set takes key=value (e.g. theta=0.7), got "${entry}"`);
    const key = entry.slice(0, at).trim();
    const text = entry.slice(at + 1).trim();
    if (key === 'why') throw new UsageError('--set why=… is a note for packs, not an engine setting');
    settings[key] = NUMERIC.has(key) && text !== '' ? Number(text) : text;
  }
  const parsed = EngineSettings.safeParse(settings);
  if (!parsed.success) throw new UsageError(`--set: ${describeIssues(parsed.error)} (settings: scheme, friction, cfl, theta, maxStep, flowDepth, wetDepth)`);
  const { why: _why, ...options } = parsed.data;
  return options;
}

/** `--snapshots 600,1200`: simulated times (s), ascending, without repeats. */
export function snapshotTimesFlag(value: string | undefined): number[] {
  if (value === undefined) return [];
  const times = value.split(',').map((part) => Number(part.trim()));
  if (times.some((t) => !Number.isFinite(t) || t <= 0)) throw new UsageError(`--snapshots takes positive seconds separated by commas (e.g. 600,1200), got "${value}"`);
  return [...new Set(times)].sort((a, b) => a - b);
}
