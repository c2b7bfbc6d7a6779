// Bad packs: every one must give a ScenarioError naming the file and the problem.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from './errors.ts';
import { loadScenario } from './load.ts';
import { baseScenario, demText, ESRI_UTM56S_PRJ, polygonCollection, rect, testGround, writeTestPack } from './test-pack.ts';

async function failure(pack: string): Promise<ScenarioError> {
  try {
    await loadScenario(pack);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return error as ScenarioError;
  }
  throw new Error('the pack loaded, but it should have been refused');
}

const withScenario = (changes: Record<string, unknown>) => writeTestPack({ scenario: { ...baseScenario(), ...changes } });

describe('loadScenario refuses bad packs', () => {
  it('missing scenario.json or a missing file it names', async () => {
    const pack = writeTestPack();
    rmSync(join(pack, 'scenario.json'));
    expect((await failure(pack)).message).toBe(`${join(pack, 'scenario.json')}: file not found`);
    const noDem = writeTestPack({ files: { 'dem.asc': null } });
    expect((await failure(noDem)).message).toBe(`${join(noDem, 'dem.asc')}: file not found`);
    const noHydrograph = writeTestPack({ files: { 'inflow.csv': null } });
    expect((await failure(noHydrograph)).file).toBe(join(noHydrograph, 'inflow.csv'));
  });

  it('malformed JSON and schema violations, with the path of the bad field', async () => {
    const pack = writeTestPack({ files: { 'scenario.json': '{ "format": 1, ' } });
    expect((await failure(pack)).message).toMatch(/scenario\.json: malformed JSON/);
    expect((await failure(withScenario({ format: 2 }))).message).toMatch(/format: format must be 1/);
    expect((await failure(withScenario({ colour: 'blue' }))).message).toMatch(/colour/);
    expect((await failure(withScenario({ dem: 'dem.png' }))).message).toMatch(/dem\.png: unsupported raster format/);
  });

  it('malformed or wrong GeoJSON layers', async () => {
    const notJson = writeTestPack({ files: { 'buildings.geojson': '{"type": "FeatureCollection", ' } });
    expect((await failure(notJson)).message).toMatch(new RegExp(`^${join(notJson, 'buildings.geojson')}: malformed JSON`));
    const line = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', id: 'b1', properties: {}, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } }] });
    expect((await failure(writeTestPack({ files: { 'buildings.geojson': line } }))).message).toMatch(/buildings\.geojson: feature b1: expected a Polygon or MultiPolygon, found LineString/);
    const badCoordinate = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', id: 'e', properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 'x'], [1, 1], [0, 0]]] } }] });
    expect((await failure(writeTestPack({ files: { 'extent.geojson': badCoordinate } }))).message).toMatch(/extent\.geojson: feature e: bad coordinate \[1,"x"\]/);
    expect((await failure(writeTestPack({ files: { 'roads.geojson': '[]' } }))).message).toMatch(/roads\.geojson: expected a GeoJSON FeatureCollection/);
  });

  it('malformed CSV lines, with the line number', async () => {
    const badNumber = writeTestPack({ files: { 'inflow.csv': 'time_s,discharge_m3s\n0,1\n60,lots\n' } });
    expect((await failure(badNumber)).message).toBe(`${join(badNumber, 'inflow.csv')}: line 3: column "discharge_m3s" is not a number: "lots"`);
    const shortLine = writeTestPack({ files: { 'observations.csv': 'id,x,y,observed_m\np1,300015,6000005\n' } });
    expect((await failure(shortLine)).message).toMatch(/observations\.csv: line 2: expected 4 values \(id,x,y,observed_m\), found 3/);
    const backwards = writeTestPack({ files: { 'inflow.csv': 'time_s,discharge_m3s\n0,1\n60,2\n30,2\n' } });
    expect((await failure(backwards)).message).toMatch(/inflow\.csv: line 4: time_s 30 is before the previous 60/);
    const negative = writeTestPack({ files: { 'inflow.csv': 'time_s,discharge_m3s\n0,-1\n' } });
    expect((await failure(negative)).message).toMatch(/line 2: discharge_m3s -1 is below 0/);
    const noColumn = writeTestPack({ files: { 'inflow.csv': 'time,q\n0,1\n' } });
    expect((await failure(noColumn)).message).toMatch(/missing column "time_s"/);
  });

  it('NODATA holes inside the domain extent', async () => {
    const dem = demText((col, row) => (col === 4 && row === 5 ? null : testGround(col, row)));
    const pack = writeTestPack({ files: { 'dem.asc': dem } });
    expect((await failure(pack)).message).toBe(
      `${join(pack, 'dem.asc')}: 1 NODATA cell(s) form holes inside the domain extent, the first at x=300009.00, y=6000005.00 (row 5, col 4); fill the DEM or cut them out of the extent`,
    );
  });

  it('a hole that the extent cuts out is fine', async () => {
    const dem = demText((col, row) => (col === 4 && row === 5 ? null : testGround(col, row)));
    const holed = JSON.parse(polygonCollection([rect(300000, 6000000, 300020, 6000016)]));
    holed.features[0].geometry.coordinates.push(rect(300008, 6000004, 300010, 6000006));
    const s = await loadScenario(writeTestPack({ files: { 'dem.asc': dem, 'extent.geojson': JSON.stringify(holed) } }));
    expect(s.active[5 * 10 + 4]).toBe(0);
  });

  it('inflows outside the grid or on no open cell', async () => {
    const outside = withScenario({ inflows: [{ id: 'far', kind: 'line', line: [[300001, 6000001], [300030, 6000001]], hydrograph: 'inflow.csv' }] });
    expect((await failure(outside)).message).toMatch(/scenario\.json: inflows\[0\] "far": \(300030, 6000001\) lies outside the grid \(x 300000…300020, y 6000000…6000016\)/);
    const onBuilding = withScenario({
      buildings: { file: 'buildings.geojson', mode: 'blocked' },
      inflows: [{ id: 'roof', kind: 'point', point: [300009, 6000009], hydrograph: 'inflow.csv' }],
    });
    expect((await failure(onBuilding)).message).toMatch(/inflows\[0\] "roof": the point lies on an inactive or blocked cell/);
    const duplicate = withScenario({
      inflows: [
        { id: 'a', kind: 'point', point: [300001, 6000001], hydrograph: 'inflow.csv' },
        { id: 'a', kind: 'point', point: [300003, 6000001], hydrograph: 'inflow.csv' },
      ],
    });
    expect((await failure(duplicate)).message).toMatch(/inflows\[1\] "a": duplicate inflow id/);
  });

  it('observation, asset and gauge points off the grid', async () => {
    const pack = writeTestPack({ files: { 'observations.csv': 'id,x,y,observed_m\np1,299000,6000005,7.5\n' } });
    expect((await failure(pack)).message).toMatch(/observations\.csv: line 2: observation "p1" at \(299000, 6000005\) lies outside the grid/);
    const gauges = JSON.stringify({ gauges: [{ id: 'g', name: 'G', kind: 'water-level', x: 1, y: 2, thresholds: { warning: 0.1, danger: 0.3 } }] });
    expect((await failure(writeTestPack({ scenario: { ...baseScenario(), gauges: 'gauges.json' }, files: { 'gauges.json': gauges } }))).message).toMatch(
      /gauges\.json: gauge "g" at \(1, 2\) lies outside the grid/,
    );
    const inverted = JSON.stringify({ gauges: [{ id: 'g', name: 'G', kind: 'water-level', x: 300001, y: 6000001, thresholds: { warning: 0.5, danger: 0.3 } }] });
    expect((await failure(writeTestPack({ scenario: { ...baseScenario(), gauges: 'gauges.json' }, files: { 'gauges.json': inverted } }))).message).toMatch(
      /warning must be below thresholds\.danger/,
    );
    const asset = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', id: 'a', properties: { kind: 'castle', name: 'A', illustrative: true }, geometry: { type: 'Point', coordinates: [300001, 6000001] } }] });
    expect((await failure(writeTestPack({ scenario: { ...baseScenario(), assets: 'assets.geojson' }, files: { 'assets.geojson': asset } }))).message).toMatch(
      /assets\.geojson: feature a: kind must be one of school, hospital/,
    );
  });

  it('mismatched CRS between scenario.json, the DEM and the layers', async () => {
    const pack = withScenario({ crs: 'EPSG:32633' });
    expect((await failure(pack)).message).toBe(`${join(pack, 'dem.asc')}: CRS EPSG:32756 does not match scenario.json's "crs": "EPSG:32633"`);
    const layer = writeTestPack({ files: { 'roads.geojson': polygonCollection([rect(300000, 6000000, 300020, 6000004)], {}, 'urn:ogc:def:crs:EPSG::28356') } });
    expect((await failure(layer)).message).toBe(`${join(layer, 'roads.geojson')}: CRS EPSG:28356 does not match the scenario's EPSG:32756`);
    const { crs: _crs, ...noCrs } = baseScenario();
    const none = writeTestPack({ scenario: noCrs, files: { 'dem.prj': null } });
    expect((await failure(none)).message).toMatch(/scenario\.json: no CRS/);
    const assets = JSON.stringify({
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'EPSG:4326' } },
      features: [{ type: 'Feature', id: 'a', properties: { kind: 'school', name: 'A', illustrative: true }, geometry: { type: 'Point', coordinates: [151.7, -32.9] } }],
    });
    const lonLatAssets = writeTestPack({ scenario: { ...baseScenario(), assets: 'assets.geojson' }, files: { 'assets.geojson': assets } });
    expect((await failure(lonLatAssets)).message).toBe(`${join(lonLatAssets, 'assets.geojson')}: CRS EPSG:4326 does not match the scenario's EPSG:32756`);
    const badPrj = writeTestPack({ files: { 'dem.prj': ESRI_UTM56S_PRJ.replace('UTM', 'LAMBERT') } });
    expect((await failure(badPrj)).message).toMatch(/dem\.prj: projection not recognised/);
  });

  it('a DEM in degrees', async () => {
    const geographic = writeTestPack({ scenario: { ...baseScenario(), crs: 'EPSG:4326' }, files: { 'dem.prj': null } });
    expect((await failure(geographic)).message).toMatch(/dem\.asc: EPSG:4326 is a geographic CRS in degrees/);
    const tiny = writeTestPack({ files: { 'dem.asc': demText(testGround, { nx: 10, ny: 8, cellSize: 0.00001, xll: 151.74, yll: -32.94 }) } });
    expect((await failure(tiny)).message).toMatch(/dem\.asc: cell size 0\.00001 is too small to be metres/);
  });

  it('zero, negative or missing Manning n', async () => {
    expect((await failure(withScenario({ manning: { default: 0 } }))).message).toMatch(/manning\.default: Manning n must be > 0/);
    expect((await failure(withScenario({ manning: { default: 0.03, zones: [{ file: 'roads.geojson', n: -0.02 }] } }))).message).toMatch(
      /manning\.zones\.0\.n: Manning n must be > 0/,
    );
    expect((await failure(withScenario({ manning: { zones: [] } }))).message).toMatch(/manning\.default/);
    const grid = writeTestPack({ scenario: { ...baseScenario(), manning: { default: 0.03, grid: 'n.asc' } }, files: { 'n.asc': demText((col) => (col === 3 ? -0.1 : 0.05)) } });
    expect((await failure(grid)).message).toMatch(/n\.asc: Manning n must be > 0, found -0\.1/);
  });

  it('unknown boundary, inflow and rainfall kinds', async () => {
    const boundaries = { north: 'open', east: 'weir', south: 'closed', west: 'closed' };
    expect((await failure(withScenario({ boundaries }))).message).toMatch(
      /boundaries\.east: boundary must be "closed", "open", \{ "level": <m> \} or \{ "levelSeries": "<file\.csv>" \}/,
    );
    expect((await failure(withScenario({ boundaries: { north: 'open', east: 'open', south: 'closed' } }))).message).toMatch(/boundaries\.west/);
    expect((await failure(withScenario({ inflows: [{ id: 'x', kind: 'area', hydrograph: 'inflow.csv' }] }))).message).toMatch(/inflows\.0\.kind: inflow kind must be "line" or "point"/);
    expect((await failure(withScenario({ rainfall: { kind: 'radar' } }))).message).toMatch(/rainfall\.kind: rainfall kind must be "uniform" or "gridded"/);
  });

  it('rain grids that leave active cells without rain', async () => {
    const small = { nx: 1, ny: 1, cellSize: 10, xll: 300000, yll: 6000000 };
    const pack = writeTestPack({ scenario: { ...baseScenario(), rainfall: { kind: 'gridded', frames: [{ time_s: 0, file: 'r.asc' }] } }, files: { 'r.asc': demText(() => 5, small) } });
    expect((await failure(pack)).message).toMatch(/r\.asc: no rain value \(NODATA or outside the rain grid\) over active cell/);
  });

  it('an extent that misses the DEM', async () => {
    const pack = writeTestPack({ files: { 'extent.geojson': polygonCollection([rect(0, 0, 10, 10)]) } });
    expect((await failure(pack)).message).toBe(`${join(pack, 'extent.geojson')}: the extent covers no cell centre of the DEM`);
  });
});
