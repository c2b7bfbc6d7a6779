import type { DepthCategory } from '../api/reports.ts';

/** The depth (m) a category stands for, where it is measured against an adult or a car. */
export const categoryDepthM: Readonly<Record<DepthCategory, number>> = { ankle: 0.1, knee: 0.5, waist: 1.0, 'car-roof': 1.5 };

/** The category a depth in metres is nearest to at or below it, for a reconstructed report a person could have sent. */
export function categoryOf(depthM: number): DepthCategory {
  if (depthM >= categoryDepthM['car-roof']) return 'car-roof';
  if (depthM >= categoryDepthM.waist) return 'waist';
  if (depthM >= categoryDepthM.knee) return 'knee';
  return 'ankle';
}
