import { describe, expect, it } from 'vitest';
import type { SimAssetRisk } from '../../../native/api/sim.ts';
import { arrivalText, assetRiskDetail, assetRiskLabel, assetRiskShort, assetsAtRisk } from './asset-risk.ts';
import { assetColor, assetColors } from './scenario-style.ts';
import { hazardRamp } from './ramps.ts';

const asset = (over: Partial<SimAssetRisk>): SimAssetRisk => ({ id: 'a', name: 'Hillview Aged Care', kind: 'aged-care', depth: 0, maxDepth: 0, hazard: 0, arrivalTime: null, ...over });

describe('asset risk words', () => {
  it('says the class and when the water arrives', () => {
    const wet = asset({ hazard: 4, arrivalTime: 362, maxDepth: 1.234 });
    expect(assetRiskLabel(wet)).toBe('Hillview Aged Care — H4, water arrives at 6 min');
    expect(assetRiskShort(wet)).toBe('H4 · 6 min');
    expect(assetRiskDetail(wet)).toBe('H4 at peak, up to 1.23 m deep; water arrives at 6 min');
  });

  it('covers dry assets, water under a minute, and water not yet classed', () => {
    expect(assetRiskLabel(asset({}))).toBe('Hillview Aged Care — dry so far');
    expect(assetRiskShort(asset({}))).toBe('dry');
    expect(assetRiskDetail(asset({}))).toBe('Dry so far in this run');
    expect(arrivalText(40.4)).toBe('40 s');
    expect(assetRiskLabel(asset({ arrivalTime: 40 }))).toBe('Hillview Aged Care — water arrives at 40 s');
  });

  it('lists only the assets the water reached, keeping native order', () => {
    const list = [asset({ id: 'x', hazard: 5, arrivalTime: 300 }), asset({ id: 'y', arrivalTime: 50 }), asset({ id: 'z' })];
    expect(assetsAtRisk(list).map((a) => a.id)).toEqual(['x', 'y']);
  });
});

describe('assetColor', () => {
  it('is the no-run colour, the dry colour, then the hazard ramp opaque', () => {
    expect(assetColor(null)).toBe(assetColors.none);
    expect(assetColor(0)).toBe(assetColors.dry);
    const [r, g, b] = hazardRamp.stops[3]!.color;
    expect(assetColor(4)).toBe(`rgba(${r}, ${g}, ${b}, 1)`);
    expect(new Set([0, 1, 2, 3, 4, 5, 6].map(assetColor)).size).toBe(7);
  });
});
