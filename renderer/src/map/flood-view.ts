import { arrivalRamp, depthRamp, hazardRamp, type Ramp } from './ramps.ts';

export type OverlayView = 'depth' | 'arrival' | 'hazard';

/** One per-cell result of a run as the map draws it (`sim.results`, decoded): width × height
 * values, row 0 north, on the scenario grid's corners. */
export interface FloodGrid {
  view: 'arrival' | 'hazard';
  /** Simulated seconds the values hold. */
  time: number;
  /** The run's end (s). */
  durationSeconds: number;
  width: number;
  height: number;
  /** Arrival: seconds from the start of the run, NaN where not wet yet. Hazard: peak ARR class so far, 0 (dry) … 6. */
  values: Float32Array | Uint8Array;
}

export const overlayViews: readonly { view: OverlayView; label: string }[] = [
  { view: 'depth', label: 'Depth' },
  { view: 'arrival', label: 'Arrival' },
  { view: 'hazard', label: 'Hazard' },
];

export function rampFor(view: OverlayView, durationSeconds: number): Ramp {
  if (view === 'depth') return depthRamp;
  if (view === 'hazard') return hazardRamp;
  return arrivalRamp(durationSeconds > 0 ? durationSeconds : 3600);
}
