import type { SolverState } from './state.ts';

/**
 * Wet-front tracking: the cells of row r worth updating this step are its wet span and its
 * neighbour rows' wet spans, widened by one cell (water can only move one cell per step).
 * An empty span is stored as min > max.
 */
export function setUpdateSpan(s: SolverState, r: number): void {
  const { nx, ny } = s.dims;
  const { wetMin, wetMax, updMin, updMax } = s;
  let lo = wetMin[r]!;
  let hi = wetMax[r]!;
  if (r > 0) {
    lo = Math.min(lo, wetMin[r - 1]!);
    hi = Math.max(hi, wetMax[r - 1]!);
  }
  if (r < ny - 1) {
    lo = Math.min(lo, wetMin[r + 1]!);
    hi = Math.max(hi, wetMax[r + 1]!);
  }
  updMin[r] = lo > hi ? 1 : Math.max(0, lo - 1);
  updMax[r] = lo > hi ? 0 : Math.min(nx - 1, hi + 1);
}
