// What a what-if run changes against the forecast it branches from: per cell deeper, shallower or
// newly dry (the map), per asset and road segment the peak, the arrival time gained and whether
// its alert is avoided (the table).
import type { StoredForecast } from './forecast-grids.ts';
import { alertDepth } from './impact-rules.ts';

/** Peak depths closer than this (m) count as unchanged. */
export const changeDepth = 0.02;
/** Shallower than this (m) counts as dry. */
export const dryDepth = 0.01;

export const DiffClass = { same: 0, deeper: 1, shallower: 2, newlyDry: 3, newlyWet: 4 } as const;

export interface AssetChange {
  id: string;
  name: string;
  kind: string;
  basePeak: number;
  peak: number;
  /** Peak here minus the base's (m): negative is less water. */
  change: number;
  baseArrivalSeconds: number | null;
  arrivalSeconds: number | null;
  /** Later arrival here than in the base (s); null when either stays below the alert depth. */
  arrivalGainedSeconds: number | null;
  alertAvoided: boolean;
  alertAdded: boolean;
}

export interface WhatIfDifference {
  nx: number;
  ny: number;
  /** Per cell, a DiffClass (row 0 north). */
  classes: Uint8Array;
  counts: { deeper: number; shallower: number; newlyDry: number; newlyWet: number };
  /** The assets and road segments whose water changes, most water removed first. */
  assets: AssetChange[];
  alertsAvoided: number;
  alertsAdded: number;
}

export function compareForecasts(base: StoredForecast, next: StoredForecast): WhatIfDifference {
  const { nx, ny } = base;
  const a = base.grids.maxDepth;
  const b = next.grids.maxDepth;
  if (a.length !== b.length || a.length !== nx * ny) throw new Error('the two forecasts are not on the same grid');
  const classes = new Uint8Array(a.length);
  const counts = { deeper: 0, shallower: 0, newlyDry: 0, newlyWet: 0 };
  for (let i = 0; i < a.length; i++) {
    const before = a[i]!;
    const after = b[i]!;
    let c: number = DiffClass.same;
    if (before >= dryDepth && after < dryDepth) c = DiffClass.newlyDry;
    else if (before < dryDepth && after >= dryDepth) c = DiffClass.newlyWet;
    else if (after - before >= changeDepth) c = DiffClass.deeper;
    else if (before - after >= changeDepth) c = DiffClass.shallower;
    classes[i] = c;
    if (c === DiffClass.deeper) counts.deeper++;
    else if (c === DiffClass.shallower) counts.shallower++;
    else if (c === DiffClass.newlyDry) counts.newlyDry++;
    else if (c === DiffClass.newlyWet) counts.newlyWet++;
  }
  const after = new Map(next.impacts.map((i) => [i.id, i]));
  const assets = base.impacts.flatMap((was): AssetChange[] => {
    const now = after.get(was.id);
    if (!now) return [];
    const change = now.peakDepth - was.peakDepth;
    const gained = was.arrivalSeconds !== null && now.arrivalSeconds !== null ? now.arrivalSeconds - was.arrivalSeconds : null;
    const alertAvoided = was.peakDepth >= alertDepth && now.peakDepth < alertDepth;
    const alertAdded = was.peakDepth < alertDepth && now.peakDepth >= alertDepth;
    if (Math.abs(change) < changeDepth / 2 && !gained && !alertAvoided && !alertAdded) return [];
    return [{ id: was.id, name: was.name, kind: was.kind, basePeak: was.peakDepth, peak: now.peakDepth, change, baseArrivalSeconds: was.arrivalSeconds, arrivalSeconds: now.arrivalSeconds, arrivalGainedSeconds: gained, alertAvoided, alertAdded }];
  });
  assets.sort((x, y) => x.change - y.change || x.id.localeCompare(y.id));
  return { nx, ny, classes, counts, assets, alertsAvoided: assets.filter((x) => x.alertAvoided).length, alertsAdded: assets.filter((x) => x.alertAdded).length };
}
