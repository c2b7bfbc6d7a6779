import type { Database } from 'better-sqlite3';

/** Inclusive runs of sequence numbers, sorted and disjoint: [[1, 40], [42, 57]]. */
export type Ranges = [number, number][];

/** Per origin, the runs of sequence numbers this log holds. */
export function heldRanges(db: Database): Record<string, Ranges> {
  const rows = db
    .prepare<[], { origin: string; lo: number; hi: number }>(
      `SELECT origin, min(seq) AS lo, max(seq) AS hi FROM (
         SELECT origin, seq, seq - row_number() OVER (PARTITION BY origin ORDER BY seq) AS run FROM events
       ) GROUP BY origin, run ORDER BY origin, lo`,
    )
    .all();
  const held: Record<string, Ranges> = {};
  for (const r of rows) (held[r.origin] ??= []).push([r.lo, r.hi]);
  return held;
}

/** The parts of `wanted` not covered by `have`, at most `limit` sequence numbers in all. */
export function subtract(wanted: Ranges, have: Ranges, limit = Infinity): Ranges {
  const out: Ranges = [];
  let budget = limit;
  for (const [lo, hi] of wanted) {
    let start = lo;
    for (const [hlo, hhi] of have) {
      if (hhi < start || budget <= 0) continue;
      if (hlo > hi) break;
      if (hlo > start) budget = take(out, start, hlo - 1, budget);
      start = Math.max(start, hhi + 1);
      if (start > hi) break;
    }
    if (start <= hi && budget > 0) budget = take(out, start, hi, budget);
  }
  return out;
}

function take(out: Ranges, lo: number, hi: number, budget: number): number {
  const end = Math.min(hi, lo + budget - 1);
  out.push([lo, end]);
  return budget - (end - lo + 1);
}

/** Whether a value received from the network is a well-formed Ranges. */
export function isRanges(value: unknown): value is Ranges {
  if (!Array.isArray(value) || value.length > 10_000) return false;
  return value.every((r) => Array.isArray(r) && r.length === 2 && Number.isInteger(r[0]) && Number.isInteger(r[1]) && r[0] >= 1 && r[1] >= r[0]);
}
