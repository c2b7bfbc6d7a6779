// The reconstructed citizen reports `polder feed --reports N` publishes: people reporting water
// where a model run flooded the streets, after it arrived there, with the rough depth a person
// gives (a category, or metres to the nearest 5 cm). Labelled reconstructed: nobody saw them.
import type { ReportForm } from '../api/reports.ts';
import { seededRandom } from '../ops/seeded-random.ts';
import { categoryOf } from './depth.ts';

/** A street cell the run flooded: where, how deep at most, and when water first came (scenario s). */
export interface FloodedCell {
  lon: number;
  lat: number;
  maxDepthM: number;
  arrivalSeconds: number;
}

export interface PlannedReport {
  /** Scenario second it is sent at (at or after the water arrived at its cell). */
  scenarioTime: number;
  lon: number;
  lat: number;
  depthM: number;
  crew: boolean;
}

/** Shallower than this, nobody reports a flooded street. */
export const reportableDepthM = 0.1;

/** `count` reports over the run's flooded cells, deeper cells more often reported, in time order. */
export function planReports(cells: readonly FloodedCell[], count: number, durationSeconds: number, seed: number): PlannedReport[] {
  const wet = cells.filter((c) => c.maxDepthM >= reportableDepthM && c.arrivalSeconds >= 0 && c.arrivalSeconds <= durationSeconds);
  if (wet.length === 0 || count <= 0) return [];
  const random = seededRandom(seed);
  const cumulative: number[] = [];
  let total = 0;
  for (const c of wet) cumulative.push((total += c.maxDepthM));
  const jitter = () => (random() - 0.5) * 0.00005; // about ±2.5 m: a phone's GPS in a street
  const planned = Array.from({ length: count }, (): PlannedReport => {
    const pick = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < pick) lo = mid + 1;
      else hi = mid;
    }
    const cell = wet[lo]!;
    return {
      scenarioTime: Math.round(cell.arrivalSeconds + random() * (durationSeconds - cell.arrivalSeconds)),
      lon: cell.lon + jitter(),
      lat: cell.lat + jitter(),
      depthM: cell.maxDepthM,
      crew: random() < 0.2,
    };
  });
  return planned.sort((a, b) => a.scenarioTime - b.scenarioTime);
}

/** The report as a phone app would send it at `now`; odd ones give a category, even ones metres. */
export function reconstructedForm(report: PlannedReport, index: number, seed: number, now: number): ReportForm {
  const byCategory = index % 2 === 1;
  return {
    id: `feed-${seed}-${index}`,
    location: { lon: Number(report.lon.toFixed(7)), lat: Number(report.lat.toFixed(7)) },
    observedAt: new Date(now).toISOString(),
    ...(byCategory ? { category: categoryOf(report.depthM) } : { depthM: Math.max(0.05, Math.round(report.depthM * 20) / 20) }),
    text: 'Reconstructed report: water across the street (polder feed)',
    reporter: { contact: 'polder feed (reconstructed)', kind: report.crew ? 'crew' : 'resident' },
    reconstructed: true,
  };
}
