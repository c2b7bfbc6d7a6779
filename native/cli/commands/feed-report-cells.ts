import type { FloodedCell } from '../../reports/feed-reports.ts';
import { cellCentre } from '../../../simulation/scenario/grid.ts';
import { forEachCellInPolygon } from '../../../simulation/scenario/rasterize.ts';
import type { LayerCollection } from '../../../simulation/scenario/summary.ts';
import type { LoadedScenario } from '../../../simulation/scenario/types.ts';
import { lonLatToUtm } from '../../../simulation/scenario/utm-forward.ts';
import { utmToLonLat } from '../../../simulation/scenario/utm.ts';

/**
 * The cells of the pack's roads (every open cell outside buildings when it has none) that the run
 * wetted, in lon/lat with their deepest water and when it came: where people report a flooded street.
 */
export function floodedStreetCells(scenario: LoadedScenario, roads: LayerCollection, grids: { maxDepth: Float32Array; arrival: Float32Array }): FloodedCell[] {
  const utm = scenario.crs.utm;
  if (!utm) return [];
  let street: Uint8Array | null = null;
  for (const feature of roads.features) {
    const g = feature.geometry;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    for (const rings of polygons) {
      street ??= new Uint8Array(scenario.cells);
      const mask = street;
      forEachCellInPolygon(scenario.grid, rings.map((ring) => ring.map(([lon, lat]) => lonLatToUtm(lon, lat, utm))), (i) => (mask[i] = 1));
    }
  }
  const cells: FloodedCell[] = [];
  for (let i = 0; i < scenario.cells; i++) {
    if (scenario.solid[i] || scenario.buildings.mask[i] || (street && !street[i]) || grids.arrival[i]! < 0) continue;
    const [x, y] = cellCentre(scenario.grid, i);
    const [lon, lat] = utmToLonLat(x, y, utm);
    cells.push({ lon, lat, maxDepthM: grids.maxDepth[i]!, arrivalSeconds: grids.arrival[i]! });
  }
  return cells;
}
