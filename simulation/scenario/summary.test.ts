import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listScenarios, resolveScenarioDir, scenarioLayers, summarizeScenario } from './summary.ts';
import { baseScenario, writeTestPack } from './test-pack.ts';

const resources = join(import.meta.dirname, '../../resources');

describe('resolveScenarioDir', () => {
  it('finds bundled packs by name and packs by folder', () => {
    expect(listScenarios(resources)).toContain('merewether-2007');
    expect(resolveScenarioDir('merewether-2007', resources)).toBe(join(resources, 'scenarios', 'merewether-2007'));
    const pack = writeTestPack();
    expect(resolveScenarioDir(pack, resources)).toBe(pack);
    expect(resolveScenarioDir(join(pack, 'scenario.json'), resources)).toBe(pack);
  });

  it('says what is wrong and what exists', () => {
    expect(() => resolveScenarioDir('atlantis', resources)).toThrow(/^atlantis: no such folder and no bundled scenario of that name \(bundled: .*merewether-2007/);
    const empty = mkdtempSync(join(tmpdir(), 'polder-empty-'));
    expect(() => resolveScenarioDir(empty, resources)).toThrow(`${empty}: not a scenario pack (no scenario.json in this folder)`);
    const noResources = mkdtempSync(join(tmpdir(), 'polder-res-'));
    mkdirSync(join(noResources, 'scenarios'));
    expect(() => resolveScenarioDir('merewether-2007', noResources)).toThrow(/\(bundled: none\)/);
  });
});

describe('summarizeScenario and scenarioLayers on a small pack', () => {
  it('summarise without loading the grid and give lon/lat layers', async () => {
    const pack = writeTestPack();
    const summary = await summarizeScenario(pack);
    expect(summary).toMatchObject({ name: 'test-pack', title: 'Test pack', crs: 'EPSG:32756', attribution: 'made up for tests' });
    const [w, s, e, n] = summary.bounds;
    expect(e).toBeGreaterThan(w);
    expect(n).toBeGreaterThan(s);
    const layers = await scenarioLayers(pack);
    expect(layers.roads.features).toHaveLength(1);
    expect(layers.roughness.features[0]!.properties.n).toBe(0.02);
    expect(layers.assets.features).toEqual([]);
    const ring = layers.buildings.features[0]!.geometry.coordinates as [number, number][][];
    for (const [lon, lat] of ring[0]!) {
      expect(lon).toBeGreaterThanOrEqual(w);
      expect(lon).toBeLessThanOrEqual(e);
      expect(lat).toBeGreaterThanOrEqual(s);
      expect(lat).toBeLessThanOrEqual(n);
    }
  });

  it('refuses to place a non-UTM pack on the map', async () => {
    const pack = writeTestPack({ scenario: { ...baseScenario(), crs: 'EPSG:3111' }, files: { 'dem.prj': null, 'roads.geojson': null } });
    await expect(summarizeScenario(pack)).rejects.toThrow(/CRS EPSG:3111 cannot be placed on the map/);
  });

  it('places MGA (GDA94) packs within the datum shift of WGS84 UTM', async () => {
    const mga = await summarizeScenario(writeTestPack({ scenario: { ...baseScenario(), crs: 'EPSG:28356' }, files: { 'dem.prj': null, 'roads.geojson': null } }));
    const utm = await summarizeScenario(writeTestPack());
    expect(mga.crs).toBe('EPSG:28356');
    mga.bounds.forEach((value, i) => expect(Math.abs(value - utm.bounds[i]!)).toBeLessThan(2e-5));
  });
});
