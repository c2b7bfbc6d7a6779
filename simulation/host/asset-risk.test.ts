import { describe, expect, it } from 'vitest';
import type { GridGeometry, LoadedAsset } from '../scenario/types.ts';
import { assetRisks, riskAssets, type RiskAsset } from './asset-risk.ts';

const asset = (id: string, name: string, cell: number): RiskAsset => ({ id, name, cells: [cell], kind: 'school' });

describe('assetRisks', () => {
  it("reads each asset's own cell and ranks by hazard, then arrival, then name", () => {
    // Cells: 0 dry, 1 H2 at 300 s, 2 H5 at 600 s, 3 H2 at 100 s, 4 wet between samples (arrival, no class).
    const grids = {
      depth: [0, 0.2, 1.5, 0.3, 0.02],
      maxDepth: [0, 0.4, 2.5, 0.35, 0.02],
      arrival: [-1, 300, 600, 100, 50],
      hazard: new Uint8Array([0, 2, 5, 2, 0]),
    };
    const risks = assetRisks([asset('dry-b', 'B dry', 0), asset('dry-a', 'A dry', 0), asset('late', 'Late', 1), asset('deep', 'Deep', 2), asset('early', 'Early', 3), asset('brief', 'Brief', 4)], grids);
    expect(risks.map((r) => r.id)).toEqual(['deep', 'early', 'late', 'brief', 'dry-a', 'dry-b']);
    expect(risks[0]).toEqual({ id: 'deep', name: 'Deep', kind: 'school', depth: 1.5, maxDepth: 2.5, hazard: 5, arrivalTime: 600 });
    expect(risks.at(-1)).toMatchObject({ hazard: 0, arrivalTime: null, maxDepth: 0 });
  });

  it('a road line and an area read every cell they cover: the deepest water and the earliest arrival, wherever on them it is', () => {
    // 5 × 1 cells of 10 m, west to east; only the last cell, under the line's far end, floods.
    const grid: GridGeometry = { nx: 5, ny: 1, cellSize: 10, xll: 0, yll: 0 };
    const at = { x: 5, y: 5, cell: 0, illustrative: true };
    const assets: LoadedAsset[] = [
      { id: 'road', name: 'Frederick St', kind: 'underpass', ...at, shape: { type: 'line', line: [[5, 5], [45, 5]] } },
      { id: 'yard', name: 'Depot yard', kind: 'emergency-service', ...at, shape: { type: 'area', rings: [[[20, 0], [50, 0], [50, 10], [20, 10], [20, 0]]] } },
      { id: 'school', name: 'School', kind: 'school', ...at, shape: { type: 'point', at: [5, 5] } },
    ];
    const cells = riskAssets({ assets, grid, solid: new Uint8Array(5) });
    expect(cells.map((a) => [a.id, a.cells])).toEqual([['road', [0, 1, 2, 3, 4]], ['yard', [2, 3, 4]], ['school', [0]]]);
    const grids = { depth: [0, 0, 0.05, 0, 0.4], maxDepth: [0, 0, 0.1, 0, 0.6], arrival: [-1, -1, 420, -1, 300], hazard: [0, 0, 1, 0, 3] };
    const risks = assetRisks(cells, grids);
    expect(risks.find((r) => r.id === 'road')).toEqual({ id: 'road', name: 'Frederick St', kind: 'underpass', depth: 0.4, maxDepth: 0.6, hazard: 3, arrivalTime: 300 });
    expect(risks.find((r) => r.id === 'yard')).toMatchObject({ maxDepth: 0.6, hazard: 3, arrivalTime: 300 });
    expect(risks.find((r) => r.id === 'school')).toMatchObject({ maxDepth: 0, hazard: 0, arrivalTime: null });
  });

  it('gives an empty list for a scenario without assets', () => {
    expect(assetRisks([], { depth: [1], maxDepth: [1], arrival: [0], hazard: [3] })).toEqual([]);
  });
});
