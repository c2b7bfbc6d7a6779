import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/load.ts';
import { cellAt } from '../scenario/grid.ts';
import { TEST_GRID } from '../scenario/test-pack.ts';
import { writeAssetPack, writeShapedAssetPack } from './asset-pack.ts';
import { roadSegments, scenarioTargets, targetOf } from './impact-targets.ts';

const open = new Uint8Array(TEST_GRID.nx * TEST_GRID.ny);

describe('impact targets', () => {
  it('a point covers its cell, a line the cells it crosses, an area the cells inside; solid cells never count', () => {
    const point = targetOf(TEST_GRID, open, { id: 'p', name: 'P', kind: 'hospital', geometry: { type: 'point', at: [300003, 6000003] } })!;
    expect(point.cells).toEqual([cellAt(TEST_GRID, 300003, 6000003)]);
    const line = targetOf(TEST_GRID, open, { id: 'l', name: 'L', kind: 'pumping-station', geometry: { type: 'line', line: [[300001, 6000001], [300009, 6000001]] } })!;
    expect(line.cells).toHaveLength(5);
    expect(line.shape).toBe('line');
    const area = targetOf(TEST_GRID, open, { id: 'a', name: 'A', kind: 'aged-care', geometry: { type: 'area', rings: [[[300000, 6000000], [300004, 6000000], [300004, 6000004], [300000, 6000004]]] } })!;
    expect(area.cells).toHaveLength(4);
    expect([area.x, area.y]).toEqual([300002, 6000002]);
    const solid = new Uint8Array(open);
    solid[point.cells[0]!] = 1;
    expect(targetOf(TEST_GRID, solid, { id: 'p', name: 'P', kind: 'hospital', geometry: { type: 'point', at: [300003, 6000003] } })).toBeNull();
  });

  it('cuts a road into numbered segments on a 50 m lattice', () => {
    const grid = { nx: 100, ny: 10, cellSize: 2, xll: 0, yll: 0 };
    const segments = roadSegments(grid, new Uint8Array(1000), { id: 'road:main', name: 'Main St', polygons: [[[[1, 1], [199, 1], [199, 5], [1, 5]]]] });
    expect(segments.map((s) => s.id)).toEqual(['road:main#1', 'road:main#2', 'road:main#3', 'road:main#4']);
    expect(segments[0]!.name).toBe('Main St, segment 1 of 4');
    expect(segments.every((s) => s.kind === 'road' && s.x < segments.at(-1)!.x + 1)).toBe(true);
    expect(segments.reduce((n, s) => n + s.cells.length, 0)).toBe(99 * 2);
  });

  it("a pack's targets: its assets, then its road zones in segments", async () => {
    const targets = scenarioTargets(await loadScenario(writeAssetPack()));
    expect(targets.map((t) => t.id)).toEqual(['a-inflow', 'a-downstream', 'a-north', 'road:f0#1']);
  });

  it('line and area assets load with their shape and become targets over every cell they cover', async () => {
    const scenario = await loadScenario(writeShapedAssetPack());
    expect(scenario.assets.map((a) => [a.id, a.shape.type])).toEqual([
      ['school', 'point'],
      ['lane', 'line'],
      ['home', 'area'],
    ]);
    // shown at a point on them: the line's middle vertex, the area's vertex mean
    expect(scenario.assets.slice(1).map((a) => [a.x, a.y])).toEqual([
      [300012, 6000001],
      [300015, 6000002],
    ]);
    const targets = new Map(scenarioTargets(scenario).map((x) => [x.id, x]));
    expect(targets.get('school')!.cells).toHaveLength(1);
    expect(targets.get('lane')).toMatchObject({ shape: 'line', kind: 'underpass' });
    expect(targets.get('lane')!.cells.length).toBeGreaterThan(3);
    expect(targets.get('home')).toMatchObject({ shape: 'area', kind: 'aged-care' });
    expect(targets.get('home')!.cells.length).toBeGreaterThan(3);
  });

  it('assets of other geometry are refused with a reason', async () => {
    await expect(loadScenario(writeShapedAssetPack([{ id: 'm', kind: 'school', name: 'Twin schools', geometry: { type: 'MultiPoint', coordinates: [[300005, 6000003]] } }]))).rejects.toThrow(/feature m: expected a Point, LineString or Polygon, found MultiPoint/);
    await expect(loadScenario(writeShapedAssetPack([{ id: 's', kind: 'other', name: 'Stub', geometry: { type: 'LineString', coordinates: [[300005, 6000003]] } }]))).rejects.toThrow(/feature s: a LineString needs at least 2 positions/);
  });
});
