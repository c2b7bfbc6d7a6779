// Writes small scenario packs into a temp folder for the tests: a 10 × 8 grid of 2 m cells in
// EPSG:32756, ground sloping down to the east, one building, one road, one inflow line.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TEST_GRID = { nx: 10, ny: 8, cellSize: 2, xll: 300000, yll: 6000000 };

/** Ground at (col, row), row 0 north: 10 m at the west edge falling 0.5 m per column. */
export function testGround(col: number, row: number): number {
  return 10 - 0.5 * col + 0.01 * row;
}

export function demText(ground: (col: number, row: number) => number | null = testGround, grid = TEST_GRID): string {
  const lines = [`ncols ${grid.nx}`, `nrows ${grid.ny}`, `xllcorner ${grid.xll}`, `yllcorner ${grid.yll}`, `cellsize ${grid.cellSize}`, 'NODATA_value -9999'];
  for (let row = 0; row < grid.ny; row++) {
    const values: string[] = [];
    for (let col = 0; col < grid.nx; col++) values.push(String(ground(col, row) ?? -9999));
    lines.push(values.join(' '));
  }
  return lines.join('\n') + '\n';
}

export const ESRI_UTM56S_PRJ = 'Projection    UTM\nZone          56\nDatum         WGS84\nZunits        NO\nUnits         METERS\nSpheroid      WGS84\nXshift        500000\nYshift        10000000\nParameters\n';

type Ring = [number, number][];

export function polygonCollection(rings: Ring[], properties: Record<string, unknown> = {}, crs: string | null = 'urn:ogc:def:crs:EPSG::32756'): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    ...(crs ? { crs: { type: 'name', properties: { name: crs } } } : {}),
    features: rings.map((ring, i) => ({ type: 'Feature', id: `f${i}`, properties: { ...properties }, geometry: { type: 'Polygon', coordinates: [ring] } })),
  });
}

/** A rectangle [x0, y0]–[x1, y1] as a closed ring. */
export function rect(x0: number, y0: number, x1: number, y1: number): Ring {
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];
}

export function baseScenario(): Record<string, unknown> {
  return {
    format: 1,
    name: 'test-pack',
    title: 'Test pack',
    attribution: 'made up for tests',
    crs: 'EPSG:32756',
    dem: 'dem.asc',
    extent: 'extent.geojson',
    manning: { default: 0.04, zones: [{ file: 'roads.geojson', n: 0.02 }] },
    // Cells col 4–5, rows 2–3 (x 300008–300012, y 6000008–6000012).
    buildings: { file: 'buildings.geojson', mode: 'raised', heightMeters: 3 },
    // A horizontal line through the centres of row 6, cols 0–2.
    inflows: [{ id: 'in', kind: 'line', line: [[300000.5, 6000003], [300005.5, 6000003]], hydrograph: 'inflow.csv' }],
    rainfall: null,
    boundaries: { north: 'open', east: 'open', south: 'closed', west: 'closed' },
    observations: { file: 'observations.csv', observedColumn: 'observed_m' },
    // its 1:4 slope would choose HLL by terrain; the tests of the plumbing run the default scheme
    engine: { scheme: 'inertial' },
  };
}

export interface PackOptions {
  scenario?: Record<string, unknown>;
  /** Extra or replaced files, by name; null deletes a default file. */
  files?: Record<string, string | Uint8Array | null>;
}

/** Writes a pack into a new temp folder and returns its path. */
export function writeTestPack(options: PackOptions = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'polder-pack-'));
  const files: Record<string, string | Uint8Array | null> = {
    'scenario.json': JSON.stringify(options.scenario ?? baseScenario(), null, 2),
    'dem.asc': demText(),
    'dem.prj': ESRI_UTM56S_PRJ,
    'extent.geojson': polygonCollection([rect(300000, 6000000, 300020, 6000016)]),
    'roads.geojson': polygonCollection([rect(300000, 6000000, 300020, 6000004)], { kind: 'road' }),
    'buildings.geojson': polygonCollection([rect(300008, 6000008, 300012, 6000012)], { kind: 'building' }),
    'inflow.csv': 'time_s,discharge_m3s\n0,0\n60,2\n600,2\n',
    'observations.csv': 'id,x,y,observed_m\np1,300015,6000005,7.5\np2,300003,6000013,9.9\n',
    ...options.files,
  };
  for (const [name, content] of Object.entries(files)) if (content !== null) writeFileSync(join(dir, name), content);
  return dir;
}
