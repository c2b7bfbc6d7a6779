import { describe, expect, it } from 'vitest';
import { encodeGeoTiff } from './geotiff-grid.ts';
import { cellAt } from './grid.ts';
import { loadScenario } from './load.ts';
import { baseScenario, demText, polygonCollection, rect, TEST_GRID, testGround, writeTestPack } from './test-pack.ts';

const n = Math.fround;
const index = (col: number, row: number) => row * TEST_GRID.nx + col;

describe('loadScenario on a small pack', () => {
  it('builds the grid, ground, masks, Manning, inflow, boundaries and observations', async () => {
    const s = await loadScenario(writeTestPack());
    expect(s.grid).toEqual(TEST_GRID);
    expect(s.cells).toBe(80);
    expect(s.crs).toEqual({ epsg: 'EPSG:32756', utm: { zone: 56, south: true } });
    expect(s.bareGround[index(3, 1)]).toBe(n(testGround(3, 1)));
    // Building: cols 4–5, rows 2–3, raised 3 m.
    const buildingCells = [index(4, 2), index(5, 2), index(4, 3), index(5, 3)];
    expect([...s.buildings.mask.keys()].filter((i) => s.buildings.mask[i])).toEqual(buildingCells);
    for (const i of buildingCells) expect(s.ground[i]).toBe(n(n(testGround(i % 10, Math.floor(i / 10))) + 3));
    expect(s.ground[index(6, 2)]).toBe(s.bareGround[index(6, 2)]);
    expect(s.buildings).toMatchObject({ mode: 'raised', heightMeters: 3, footprints: 1 });
    expect(s.active.every((a) => a === 1)).toBe(true);
    expect(s.solid.every((a) => a === 0)).toBe(true);
    // Roads cover rows 6–7.
    expect(s.manning[index(0, 7)]).toBe(n(0.02));
    expect(s.manning[index(9, 6)]).toBe(n(0.02));
    expect(s.manning[index(9, 5)]).toBe(n(0.04));
    // The inflow line runs 1.5 m, 2 m and 1.5 m through cols 0–2 of row 6.
    const [inflow] = s.inflows;
    expect(Array.from(inflow!.cells)).toEqual([index(0, 6), index(1, 6), index(2, 6)]);
    expect(Array.from(inflow!.weights)).toEqual([n(0.3), n(0.4), n(0.3)]);
    expect(Array.from(inflow!.hydrograph.times)).toEqual([0, 60, 600]);
    expect(Array.from(inflow!.hydrograph.values)).toEqual([0, 2, 2]);
    expect(s.boundaries).toEqual({ north: { kind: 'open' }, east: { kind: 'open' }, south: { kind: 'closed' }, west: { kind: 'closed' } });
    expect(s.observations).toEqual([
      { id: 'p1', x: 300015, y: 6000005, cell: index(7, 5), observedPeakStage: 7.5, columns: { observed_m: 7.5 } },
      { id: 'p2', x: 300003, y: 6000013, cell: index(1, 1), observedPeakStage: 9.9, columns: { observed_m: 9.9 } },
    ]);
    expect(s.rainfall).toBeNull();
    expect(s.lonLatBounds![0]).toBeGreaterThan(150);
    expect(s.lonLatBounds![1]).toBeLessThan(-35);
  });

  it('blocked buildings keep their ground and become solid', async () => {
    const scenario = { ...baseScenario(), buildings: { file: 'buildings.geojson', mode: 'blocked', heightMeters: 3 } };
    const s = await loadScenario(writeTestPack({ scenario }));
    expect(s.ground[index(4, 2)]).toBe(s.bareGround[index(4, 2)]);
    expect(s.solid[index(4, 2)]).toBe(1);
    expect(s.solid[index(6, 2)]).toBe(0);
    expect(s.active[index(4, 2)]).toBe(1);
  });

  it('trims the domain to the extent and walls off the rest', async () => {
    const s = await loadScenario(writeTestPack({ files: { 'extent.geojson': polygonCollection([rect(300000, 6000000, 300016, 6000016)]) } }));
    expect(s.active[index(8, 0)]).toBe(0);
    expect(s.active[index(7, 0)]).toBe(1);
    expect(s.solid[index(9, 3)]).toBe(1);
    const highest = Math.max(...Array.from(s.ground).filter((_, i) => s.active[i]));
    expect(s.ground[index(9, 3)]).toBe(n(highest + 100));
  });

  it('treats NODATA on the rim of the domain as outside (like Merewether)', async () => {
    const dem = demText((col, row) => (col === 0 && row < 4) || (row === 7 && col > 6) ? null : testGround(col, row));
    const s = await loadScenario(writeTestPack({ files: { 'dem.asc': dem } }));
    expect(s.active[index(0, 0)]).toBe(0);
    expect(s.active[index(9, 7)]).toBe(0);
    expect(Number.isNaN(s.bareGround[index(0, 0)])).toBe(true);
    expect(s.active.reduce((a, b) => a + b, 0)).toBe(80 - 4 - 3);
  });

  it('treats NODATA next to the extent edge as the rim, not a hole', async () => {
    // The extent has a hole over cell (4, 4); NODATA at (5, 4) touches the outside only there.
    const dem = demText((col, row) => (col === 5 && row === 4 ? null : testGround(col, row)));
    const extent = JSON.parse(polygonCollection([rect(300000, 6000000, 300020, 6000016)]));
    extent.features[0].geometry.coordinates.push(rect(300008, 6000006, 300010, 6000008));
    const s = await loadScenario(writeTestPack({ files: { 'dem.asc': dem, 'extent.geojson': JSON.stringify(extent) } }));
    expect(s.active[index(4, 4)]).toBe(0);
    expect(s.active[index(5, 4)]).toBe(0);
    expect(s.active[index(6, 4)]).toBe(1);
    expect(s.active.reduce((a, b) => a + b, 0)).toBe(80 - 2);
  });

  it('reads a GeoTIFF DEM with its CRS geokeys the same as the ASCII grid', async () => {
    const ascii = await loadScenario(writeTestPack());
    const values = Float32Array.from({ length: 80 }, (_, i) => testGround(i % 10, Math.floor(i / 10)));
    const tif = new Uint8Array(await encodeGeoTiff(TEST_GRID, values, 'EPSG:32756'));
    const s = await loadScenario(writeTestPack({ scenario: { ...baseScenario(), dem: 'dem.tif' }, files: { 'dem.tif': tif, 'dem.asc': null, 'dem.prj': null } }));
    expect(s.grid).toEqual(ascii.grid);
    expect(Array.from(s.ground)).toEqual(Array.from(ascii.ground));
    expect(Array.from(s.manning)).toEqual(Array.from(ascii.manning));
  });

  it('takes the CRS from scenario.json when the DEM has no .prj, and from the .prj when scenario.json has none', async () => {
    expect((await loadScenario(writeTestPack({ files: { 'dem.prj': null } }))).crs.epsg).toBe('EPSG:32756');
    const { crs: _crs, ...withoutCrs } = baseScenario();
    expect((await loadScenario(writeTestPack({ scenario: withoutCrs }))).crs.epsg).toBe('EPSG:32756');
  });

  it('loads point inflows, uniform and gridded rain, level boundaries and a Manning grid', async () => {
    const rainGrid = { nx: 2, ny: 2, cellSize: 10, xll: 300000, yll: 6000000 };
    const scenario = {
      ...baseScenario(),
      inflows: [{ id: 'pt', kind: 'point', point: [300019, 6000001], hydrograph: 'inflow.csv' }],
      rainfall: { kind: 'gridded', frames: [{ time_s: 0, file: 'rain0.asc' }, { time_s: 300, file: 'rain1.asc' }] },
      boundaries: { north: { level: 9.5 }, east: { levelSeries: 'tide.csv' }, south: 'closed', west: 'open' },
      manning: { default: 0.04, grid: 'n.asc', zones: [{ file: 'roads.geojson', n: 0.02 }] },
    };
    const s = await loadScenario(
      writeTestPack({
        scenario,
        files: {
          'rain0.asc': demText((col, row) => (col === 0 && row === 0 ? 60 : 12), rainGrid),
          'rain1.asc': demText(() => 0, rainGrid),
          'tide.csv': 'time_s,level_m\n0,1.0\n3600,2.5\n',
          'n.asc': demText((col) => (col < 5 ? 0.1 : null)),
        },
      }),
    );
    expect(s.inflows[0]).toMatchObject({ kind: 'point', coordinates: [[300019, 6000001]] });
    expect(Array.from(s.inflows[0]!.cells)).toEqual([index(9, 7)]);
    expect(Array.from(s.inflows[0]!.weights)).toEqual([1]);
    expect(s.rainfall?.kind).toBe('gridded');
    if (s.rainfall?.kind !== 'gridded') throw new Error('unreachable');
    expect(Array.from(s.rainfall.times)).toEqual([0, 300]);
    // The north-west 10 m rain cell covers x 300000–300010, y 6000010–6000020.
    expect(s.rainfall.frames[0]![cellAt(s.grid, 300001, 6000015)]).toBe(60);
    expect(s.rainfall.frames[0]![cellAt(s.grid, 300011, 6000015)]).toBe(12);
    expect(s.rainfall.frames[0]![cellAt(s.grid, 300001, 6000001)]).toBe(12);
    expect(s.rainfall.frames[1]!.every((v) => v === 0)).toBe(true);
    expect(s.boundaries.north).toEqual({ kind: 'level', level: 9.5 });
    expect(s.boundaries.east.kind).toBe('levelSeries');
    expect(s.boundaries.west).toEqual({ kind: 'open' });
    expect(s.manning[index(0, 0)]).toBe(n(0.1));
    expect(s.manning[index(9, 0)]).toBe(n(0.04));
    expect(s.manning[index(0, 7)]).toBe(n(0.02));

    const uniform = await loadScenario(
      writeTestPack({ scenario: { ...baseScenario(), rainfall: { kind: 'uniform', series: 'rain.csv' } }, files: { 'rain.csv': 'time_s,intensity_mm_per_h\n0,0\n600,40\n1200,0\n' } }),
    );
    expect(uniform.rainfall).toEqual({ kind: 'uniform', intensity: { times: Float64Array.from([0, 600, 1200]), values: Float64Array.from([0, 40, 0]) } });
  });
});
