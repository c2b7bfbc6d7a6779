// Where live readings plug in: each new reading updates what the next forecast is fed (an
// inflow's latest discharge, the rain rate, a water-level gauge's depth above ground for
// assimilation), and one forecast runs for all the readings of a window that opens with the first
// of them. A window, not a debounce that restarts on every reading: a gauge streaming every few
// seconds would never let a forecast run.
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

  const fire = () => {
    timer = null;
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

  return {
    reading(r: Reading): void {
      if (r.kind === 'inflow') inflows.set(r.inflow, r.discharge);
      else if (r.kind === 'rain') rain = r.intensity;
      else levels.set(r.gauge, { id: r.gauge, x: r.x, y: r.y, depth: r.depth });
      timer ??= setTimer(fire, options.windowMs);
    },
    close(): void {
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
  };
}
