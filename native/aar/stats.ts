/** Count, mean, median and maximum of some durations (seconds); null figures when there are none. */
export interface DurationStats {
  count: number;
  mean: number | null;
  median: number | null;
  max: number | null;
}

export function durationStats(values: readonly number[]): DurationStats {
  if (values.length === 0) return { count: 0, mean: null, median: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return {
    count: sorted.length,
    mean: sorted.reduce((s, v) => s + v, 0) / sorted.length,
    median: sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2,
    max: sorted.at(-1)!,
  };
}

export const seconds = (from: number, to: number) => (to - from) / 1000;
