// The bundled pack, loaded for real: the reference set-up of the README must survive loading.
import { join } from 'node:path';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { loadScenario } from './load.ts';
import { scenarioLayers, summarizeScenario } from './summary.ts';

const dir = join(import.meta.dirname, '../../resources/scenarios/merewether-2007');

describe('Merewether 2007 pack', async () => {
  const s = await loadScenario(dir);

  it('keeps the DEM grid and trims only its NODATA rim (col 0 rows 0–40, row 415 cols 289–320)', () => {
    expect(s.grid).toEqual({ nx: 321, ny: 416, cellSize: 0.99993681000029, xll: 382249.79174463, yll: 6354265.4322858 });
    expect(s.crs.epsg).toBe('EPSG:32756');
    expect(s.active.reduce((a, b) => a + b, 0)).toBe(321 * 416 - 41 - 32);
    expect(s.active[40 * 321]).toBe(0);
    expect(s.active[41 * 321]).toBe(1);
    expect(s.active[415 * 321 + 289]).toBe(0);
    expect(s.active[415 * 321 + 288]).toBe(1);
  });

  it('raises the 57 reference buildings by 3 m and gives roads n = 0.02, elsewhere 0.04', () => {
    expect(s.buildings).toMatchObject({ mode: 'raised', heightMeters: 3, footprints: 57 });
    let buildingCells = 0;
    let wrongGround = 0;
    for (let i = 0; i < s.cells; i++) {
      if (!s.active[i]) continue;
      if (s.ground[i] !== Math.fround(s.bareGround[i]! + (s.buildings.mask[i] ? 3 : 0))) wrongGround++;
      buildingCells += s.buildings.mask[i]!;
    }
    expect(wrongGround).toBe(0);
    // Footprint areas from the source polygons sum to ≈ 6 000 m².
    expect(buildingCells).toBeGreaterThan(5500);
    expect(buildingCells).toBeLessThan(6500);
    const counts = new Map<number, number>();
    for (const n of s.manning) counts.set(n, (counts.get(n) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([Math.fround(0.02), Math.fround(0.04)]);
    expect(counts.get(Math.fround(0.02))).toBeGreaterThan(9000);
  });

  it('spreads the 19.7 m³/s creek inflow along its 28 m line', () => {
    const [creek] = s.inflows;
    expect(creek!.id).toBe('creek');
    expect(creek!.hydrograph.values.every((q) => q === 19.7)).toBe(true);
    const total = creek!.weights.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 6);
    // A 20 × 20 m diagonal crosses about 2 cells per metre of northing.
    expect(creek!.cells.length).toBeGreaterThan(38);
    expect(creek!.cells.length).toBeLessThan(44);
    for (const cell of creek!.cells) expect(s.solid[cell]).toBe(0);
  });

  it('has the reference boundaries, 5 observations with the ARR final stages, assets and gauges', () => {
    expect(s.boundaries).toEqual({ north: { kind: 'open' }, east: { kind: 'open' }, south: { kind: 'closed' }, west: { kind: 'closed' } });
    expect(Object.fromEntries(s.observations.map((o) => [o.id, o.observedPeakStage]))).toEqual({
      'obs-0': 19.98,
      'obs-1': 18.38,
      'obs-2': 23.36,
      'obs-3': 23.14,
      'obs-4': 23.01,
    });
    expect(s.assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of s.assets) {
      expect(asset.illustrative).toBe(true);
      expect(s.active[asset.cell]).toBe(1);
      expect(s.buildings.mask[asset.cell]).toBe(0);
    }
    expect(new Set(s.assets.map((a) => a.kind))).toEqual(new Set(['school', 'aged-care', 'substation', 'underpass', 'emergency-service']));
    expect(s.gauges.map((g) => g.kind).sort()).toEqual(['rain', 'water-level', 'water-level', 'water-level']);
    for (const gauge of s.gauges) expect(s.buildings.mask[gauge.cell]).toBe(0);
    expect(s.durationSeconds).toBe(1000);
  });

  it('summarises with lon/lat bounds that contain every observation (checked with proj4)', async () => {
    const summary = await summarizeScenario(dir);
    expect(summary.name).toBe('merewether-2007');
    expect(summary.attribution).toMatch(/Water Research Laboratory/);
    const [w, south, e, north] = summary.bounds;
    expect(summary.bounds).toEqual(s.lonLatBounds);
    for (const o of s.observations) {
      const [lon, lat] = proj4('+proj=utm +zone=56 +south +datum=WGS84 +units=m +no_defs', 'WGS84', [o.x, o.y]);
      expect(lon).toBeGreaterThan(w);
      expect(lon).toBeLessThan(e);
      expect(lat).toBeGreaterThan(south);
      expect(lat).toBeLessThan(north);
    }
    // The domain is about 321 m × 416 m.
    expect((e - w) * 111320 * Math.cos((32.94 * Math.PI) / 180)).toBeCloseTo(321, -1);
    expect((north - south) * 110900).toBeCloseTo(416, -1);
  });

  it('gives map layers in lon/lat', async () => {
    const layers = await scenarioLayers(dir);
    expect(layers.buildings.features.length).toBe(57);
    expect(layers.roads.features.length).toBe(1);
    expect(layers.observations.features.length).toBe(5);
    expect(layers.gauges.features.length).toBe(4);
    expect(layers.inflows.features[0]!.geometry.type).toBe('LineString');
    const obs = layers.observations.features.find((f) => f.id === 'obs-0')!;
    const [lon, lat] = proj4('+proj=utm +zone=56 +south +datum=WGS84 +units=m +no_defs', 'WGS84', [382424.4, 6354478.333]);
    expect(obs.geometry.coordinates).toEqual([expect.closeTo(lon, 6), expect.closeTo(lat, 6)]);
    expect(obs.properties.observedPeakStage).toBe(19.98);
  });
});
