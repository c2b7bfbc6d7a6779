// Where live readings plug in: each new reading updates what the next forecast is fed (an
// inflow's latest discharge, the rain rate, a water-level gauge's depth above ground
// for assimilation). The first reading
// after a quiet spell runs a forecast at once (after `settleMs`, so the other readings of the same
// poll join it): a new reading's alerts must not wait out a window. Readings during the window
// that follows run one forecast at its end, fed with the latest of each. A window, not a debounce
// that restarts on every reading: a gauge streaming every few seconds would never let a forecast run.
import type { ForecastArgs } from './forecast-service.ts';

export type Reading =
  | { kind: 'inflow'; inflow: string; discharge: number }
  | { kind: 'rain'; intensity: number }
  /** A water-level gauge (scenario CRS) and its reading: depth above the ground there (m). */
  | { kind: 'level'; gauge: string; x: number; y: number; depth: number };

export interface ReadingTriggerOptions {
  /** Runs the forecast (the forecast service's `run`, as the system, trigger 'reading'). */
  run(args: ForecastArgs): void;
  /** The forecast's settings besides what the readings give. */
  base: Omit<ForecastArgs, 'inflows' | 'rain' | 'observations'>;
  windowMs: number;
  /** How long the first reading after a quiet spell waits for the rest of its poll (default 100 ms). */
  settleMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export function createReadingTrigger(options: ReadingTriggerOptions) {
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const inflows = new Map<string, number>();
  const levels = new Map<string, { id: string; x: number; y: number; depth: number }>();
  let rain: number | null = null;
  let timer: unknown = null;
  /** Whether readings arrived since the last forecast ran (they run one at the window's end). */
  let waiting = false;

  const fire = () => {
    waiting = false;
    timer = setTimer(endWindow, options.windowMs);
    options.run({
      ...options.base,
      basis: 'persistence',
      ...(inflows.size ? { inflows: Object.fromEntries([...inflows].map(([id, q]) => [id, { times: [0], values: [q] }])) } : {}),
      ...(rain !== null ? { rain: { times: [0], values: [rain] } } : {}),
      ...(levels.size ? { observations: [...levels.values()] } : {}),
    });
    // levels are observations of one moment: the next forecast needs fresh ones
    levels.clear();
  };
  const endWindow = () => {
    timer = null;
    if (waiting) fire();
  };

  return {
    reading(r: Reading): void {
      if (r.kind === 'inflow') inflows.set(r.inflow, r.discharge);
      else if (r.kind === 'rain') rain = r.intensity;
      else levels.set(r.gauge, { id: r.gauge, x: r.x, y: r.y, depth: r.depth });
      if (timer === null) timer = setTimer(fire, options.settleMs ?? 100);
      else waiting = true;
    },
    close(): void {
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
  };
}
