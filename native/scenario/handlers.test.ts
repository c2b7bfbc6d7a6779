import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PolderError } from '../api/errors.ts';
import { Hillshade, ScenarioCrs, ScenarioGrid } from '../api/scenario.ts';
import { utmToLonLat } from '../../simulation/scenario/utm.ts';
import { TEST_GRID, writeTestPack } from '../../simulation/scenario/test-pack.ts';
import { createScenarioHandlers } from './handlers.ts';
import { readRgbaPng } from './png-reader.ts';

const ctx = { session: { id: 's', actorId: null } };
const merewether = resolve(import.meta.dirname, '../../resources/scenarios/merewether-2007');
const pngOf = (dataUrl: string) => readRgbaPng(Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64'));

describe('scenario.crs', () => {
  it("names the pack's projected CRS with a WKT definition", async () => {
    const crs = ScenarioCrs.parse(await createScenarioHandlers(merewether)['scenario.crs']({}, ctx));
    expect(crs).toMatchObject({ epsg: 'EPSG:32756', name: 'WGS_1984_UTM_Zone_56S' });
    expect(crs!.wkt).toMatch(/^PROJCS\["WGS_1984_UTM_Zone_56S"/);
  });
});

describe('scenario.hillshade', () => {
  it('shades the test pack: one pixel per cell, east-facing ground in shadow under a western sun', async () => {
    const handlers = createScenarioHandlers(writeTestPack());
    const fromWest = Hillshade.parse(await handlers['scenario.hillshade']({ azimuth: 270, altitude: 45, zFactor: 1 }, ctx));
    expect([fromWest.width, fromWest.height]).toEqual([TEST_GRID.nx, TEST_GRID.ny]);
    // testGround: 10 m at the west edge, falling 0.5 m per 2 m column, a little higher southward.
    expect(fromWest.elevation[0]).toBeCloseTo(10 - 0.5 * 9, 4);
    expect(fromWest.elevation[1]).toBeCloseTo(10 + 0.01 * 7, 4);
    const west = pngOf(fromWest.image);
    const fromEast = pngOf(Hillshade.parse(await handlers['scenario.hillshade']({ azimuth: 90, altitude: 45, zFactor: 1 }, ctx)).image);
    const k = (3 * TEST_GRID.nx + 4) * 4;
    expect([...west.rgba.subarray(k, k + 3)]).toEqual([0, 0, 0]);
    expect(west.rgba[k + 3]).toBeGreaterThan(30);
    expect([...fromEast.rgba.subarray(k, k + 3)]).toEqual([255, 255, 255]);
  });

  it('places the image on the grid corners, north-west first', async () => {
    const handlers = createScenarioHandlers(writeTestPack());
    const grid = ScenarioGrid.parse(await handlers['scenario.grid']({}, ctx));
    const utm = { zone: 56, south: true };
    const { xll, yll, nx, ny, cellSize } = TEST_GRID;
    const expected = [
      utmToLonLat(xll, yll + ny * cellSize, utm),
      utmToLonLat(xll + nx * cellSize, yll + ny * cellSize, utm),
      utmToLonLat(xll + nx * cellSize, yll, utm),
      utmToLonLat(xll, yll, utm),
    ];
    grid.corners.forEach(([lon, lat], i) => {
      expect(lon).toBeCloseTo(expected[i]![0], 7);
      expect(lat).toBeCloseTo(expected[i]![1], 7);
    });
    expect(grid).toMatchObject({ nx, ny, cellSize });
    const shade = await handlers['scenario.hillshade']({ azimuth: 315, altitude: 45, zFactor: 1 }, ctx);
    expect(shade.corners).toEqual(grid.corners);
  });

  it('draws Merewether: relief everywhere there is data, transparent NODATA', async () => {
    const handlers = createScenarioHandlers(merewether);
    const shade = await handlers['scenario.hillshade']({ azimuth: 315, altitude: 45, zFactor: 1 }, ctx);
    const { width, height, rgba } = pngOf(shade.image);
    expect([width, height]).toEqual([321, 416]);
    // The first column of the DEM is NODATA.
    expect(rgba[3]).toBe(0);
    let shadows = 0;
    let lights = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      if (rgba[i + 3]! <= 10) continue;
      if (rgba[i] === 0) shadows++;
      else lights++;
    }
    expect(shadows).toBeGreaterThan(1000);
    expect(lights).toBeGreaterThan(1000);
    expect(shade.elevation[0]).toBeGreaterThan(0);
    expect(shade.elevation[1]).toBeLessThan(100);
    // Newcastle NSW.
    expect(shade.corners[0][0]).toBeCloseTo(151.75, 1);
    expect(shade.corners[0][1]).toBeCloseTo(-32.94, 1);
  });

  it('says no scenario is loaded when there is none', async () => {
    const handlers = createScenarioHandlers(null);
    const call = handlers['scenario.hillshade']({ azimuth: 315, altitude: 45, zFactor: 1 }, ctx);
    await expect(call).rejects.toBeInstanceOf(PolderError);
    await expect(call).rejects.toMatchObject({ code: 'not_found' });
  });
});
