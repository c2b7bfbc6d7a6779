import { arrivalRamp, depthRamp, hazardRamp, type Ramp } from './ramps.ts';

export type OverlayView = 'depth' | 'arrival' | 'hazard';

/** Per-cell results on the scenario grid (nx × ny, row 0 north) as the map draws them. */
export interface FloodGrids {
  /** Simulated seconds of the depth frame. */
  time: number;
  durationSeconds: number;
  depth: Float32Array | null;
  /** Seconds from the start of the run until the cell first got wet; NaN where it never did. */
  arrival: Float32Array | null;
  /** Peak ARR hazard class so far, 0 (dry) … 6. */
  hazard: Uint8Array | null;
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

export function gridFor(view: OverlayView, grids: FloodGrids): ArrayLike<number> | null {
  return grids[view];
}
