// Rasters written by GDAL (see fixtures/README.md): tiled, compressed, float64, ESRI WKT .prj and
// 20-digit ASCII values must read back as the same cells of the Merewether DEM.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAsciiGrid } from './ascii-grid.ts';
import { readGeoTiff } from './geotiff-grid.ts';
import { loadScenario } from './load.ts';
import type { Raster } from './types.ts';

const fixtures = join(import.meta.dirname, 'fixtures');
const pack = join(import.meta.dirname, '../../resources/scenarios/merewether-2007');
const dem = readAsciiGrid(join(pack, 'dem.asc'));

function expectWindow(raster: Raster, col0: number, row0: number, nx: number, ny: number): void {
  const { cellSize, xll, yll } = dem.grid;
  expect(raster.crs).toBe('EPSG:32756');
  expect(raster.grid.nx).toBe(nx);
  expect(raster.grid.ny).toBe(ny);
  expect(raster.grid.cellSize).toBeCloseTo(cellSize, 9);
  expect(raster.grid.xll).toBeCloseTo(xll + col0 * cellSize, 6);
  expect(raster.grid.yll).toBeCloseTo(yll + (dem.grid.ny - row0 - ny) * cellSize, 6);
  let nodata = 0;
  for (let r = 0; r < ny; r++) {
    for (let c = 0; c < nx; c++) {
      const expected = dem.values[(row0 + r) * dem.grid.nx + col0 + c]!;
      const found = raster.values[r * nx + c]!;
      if (Number.isNaN(expected)) {
        expect(found).toBeNaN();
        nodata++;
      } else expect(found).toBe(expected);
    }
  }
  expect(nodata).toBe(col0 === 0 ? ny : 0);
}

describe('rasters written by GDAL', () => {
  it('reads a deflate-compressed, 16 × 16 tiled float32 GeoTIFF', async () => {
    expectWindow(await readGeoTiff(join(fixtures, 'dem-deflate-tiled.tif')), 100, 100, 40, 30);
  });

  it('reads an LZW float64 GeoTIFF with the floating-point predictor', async () => {
    expectWindow(await readGeoTiff(join(fixtures, 'dem-lzw-float64.tif')), 100, 100, 40, 30);
  });

  it('reads the GDAL NODATA tag as NaN', async () => {
    expectWindow(await readGeoTiff(join(fixtures, 'dem-nodata-corner.tif')), 0, 0, 40, 30);
  });

  it('reads GDAL ESRI ASCII with 20-digit values and its ESRI WKT .prj', () => {
    expectWindow(readAsciiGrid(join(fixtures, 'gdal-esri-wkt.asc')), 100, 100, 4, 3);
  });
});

describe('rasterisation against gdal_rasterize', () => {
  it('burns the same Merewether building and road cells, cell for cell', async () => {
    const scenario = await loadScenario(pack);
    const roads = Uint8Array.from(scenario.manning, (n) => (n === Math.fround(0.02) ? 1 : 0));
    for (const [file, ours] of [
      ['merewether-buildings-gdal.tif', scenario.buildings.mask],
      ['merewether-roads-gdal.tif', roads],
    ] as const) {
      const gdal = await readGeoTiff(join(fixtures, file));
      expect(gdal.grid.nx * gdal.grid.ny).toBe(ours.length);
      let differ = 0;
      let burnt = 0;
      for (let i = 0; i < ours.length; i++) {
        if (gdal.values[i] !== ours[i]) differ++;
        burnt += ours[i]!;
      }
      expect(differ).toBe(0);
      expect(burnt).toBeGreaterThan(5000);
    }
  });
});
