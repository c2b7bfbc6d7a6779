// The water at each of the scenario's assets, read from the engine's grids at the asset's cell,
// most at risk first: what the crisis room lists and colours on the map.
import type { HazardClass } from '../scenario/hazard.ts';
import type { AssetKind, LoadedAsset } from '../scenario/types.ts';

export interface AssetRisk {
  id: string;
  name: string;
  kind: AssetKind;
  /** Depth (m) at the asset now. */
  depth: number;
  /** Peak depth (m) so far. */
  maxDepth: number;
  /** Peak ARR hazard class so far: 0 dry, 1–6 = H1–H6. */
  hazard: HazardClass;
  /** Seconds from the start of the run until the water first got deeper than the wet threshold; null if not (yet). */
  arrivalTime: number | null;
}

/** Per-cell grids of one moment of a run (row 0 north, the scenario grid's order). */
export interface RiskGrids {
  depth: ArrayLike<number>;
  maxDepth: ArrayLike<number>;
  /** s; negative where never wet. */
  arrival: ArrayLike<number>;
  hazard: ArrayLike<number>;
}

/** Each asset's water, ordered by peak hazard (worst first), then arrival (earliest first, dry
 * last), then name. Assets are points: each reads its own cell. */
export function assetRisks(assets: readonly LoadedAsset[], grids: RiskGrids): AssetRisk[] {
  const risks = assets.map(({ id, name, kind, cell }): AssetRisk => {
    const arrival = grids.arrival[cell]!;
    return {
      id,
      name,
      kind,
      depth: grids.depth[cell]!,
      maxDepth: grids.maxDepth[cell]!,
      hazard: grids.hazard[cell]! as HazardClass,
      arrivalTime: arrival >= 0 ? arrival : null,
    };
  });
  return risks.sort((a, b) => b.hazard - a.hazard || (a.arrivalTime ?? Infinity) - (b.arrivalTime ?? Infinity) || a.name.localeCompare(b.name));
}
