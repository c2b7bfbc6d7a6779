import { describe, expect, it } from 'vitest';
import type { LoadedAsset } from '../scenario/types.ts';
import { assetRisks } from './asset-risk.ts';

const asset = (id: string, name: string, cell: number): LoadedAsset => ({ id, name, cell, kind: 'school', x: 0, y: 0, illustrative: true, shape: { type: 'point', at: [0, 0] } });

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

  it('gives an empty list for a scenario without assets', () => {
    expect(assetRisks([], { depth: [1], maxDepth: [1], arrival: [0], hazard: [3] })).toEqual([]);
  });
});
