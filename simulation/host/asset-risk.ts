// The water at each of the scenario's assets, read from the engine's grids over every cell the
// asset covers (a point its cell, a line the cells it crosses, an area the cells inside it), most
// at risk first: what the crisis room lists and colours on the map.
import type { HazardClass } from '../scenario/hazard.ts';
import type { AssetKind, LoadedScenario } from '../scenario/types.ts';
import { cellsOf } from './impact-targets.ts';

export interface AssetRisk {
  id: string;
  name: string;
  kind: AssetKind;
  /** Deepest water (m) over the asset now. */
  depth: number;
  /** Peak depth (m) over the asset so far. */
  maxDepth: number;
  /** Peak ARR hazard class over the asset so far: 0 dry, 1–6 = H1–H6. */
  hazard: HazardClass;
  /** Seconds from the start of the run until the water first got deeper than the wet threshold
   * on any of its cells; null if not (yet). */
  arrivalTime: number | null;
}

/** An asset as the risk list reads it: the grid cells it covers. */
export interface RiskAsset {
  id: string;
  name: string;
  kind: AssetKind;
  cells: readonly number[];
}

/** Per-cell grids of one moment of a run (row 0 north, the scenario grid's order). */
export interface RiskGrids {
  depth: ArrayLike<number>;
  maxDepth: ArrayLike<number>;
  /** s; negative where never wet. */
  arrival: ArrayLike<number>;
  hazard: ArrayLike<number>;
}

/** The cells each asset covers, worked out once per run. An asset that covers no wettable cell
 * (on a building) still reads the cell it stands on. */
export function riskAssets(scenario: Pick<LoadedScenario, 'assets' | 'grid' | 'solid'>): RiskAsset[] {
  return scenario.assets.map(({ id, name, kind, cell, shape }) => {
    const cells = cellsOf(scenario.grid, shape, scenario.solid);
    return { id, name, kind, cells: cells.length > 0 ? cells : [cell] };
  });
}

/** Each asset's water (deepest and earliest over its cells), ordered by peak hazard (worst
 * first), then arrival (earliest first, dry last), then name. */
export function assetRisks(assets: readonly RiskAsset[], grids: RiskGrids): AssetRisk[] {
  const risks = assets.map(({ id, name, kind, cells }): AssetRisk => {
    let depth = 0;
    let maxDepth = 0;
    let hazard = 0;
    let arrival = Infinity;
    for (const c of cells) {
      depth = Math.max(depth, grids.depth[c]!);
      maxDepth = Math.max(maxDepth, grids.maxDepth[c]!);
      hazard = Math.max(hazard, grids.hazard[c]!);
      if (grids.arrival[c]! >= 0) arrival = Math.min(arrival, grids.arrival[c]!);
    }
    return { id, name, kind, depth, maxDepth, hazard: hazard as HazardClass, arrivalTime: Number.isFinite(arrival) ? arrival : null };
  });
  return risks.sort((a, b) => b.hazard - a.hazard || (a.arrivalTime ?? Infinity) - (b.arrivalTime ?? Infinity) || a.name.localeCompare(b.name));
}
