import { arrivalRamp, depthRamp, hazardRamp, type Ramp } from './ramps.ts';

export type OverlayView = 'depth' | 'arrival' | 'hazard';

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
