import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromArrayBuffer, writeArrayBuffer } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { encodeGeoTiff, readGeoTiff, readGeoTiffHeader, writeGeoTiff } from './geotiff-grid.ts';

const grid = { nx: 5, ny: 3, cellSize: 0.99993681000029, xll: 382249.79174463, yll: 6354265.4322858 };
const values = Float32Array.from({ length: 15 }, (_, i) => (i === 7 ? NaN : i * 1.25 - 2));

describe('GeoTIFF writer', () => {
  it('round-trips values, NODATA, geometry and CRS', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'polder-tif-')), 'depth.tif');
    await writeGeoTiff(file, grid, values, 'EPSG:32756');
    const back = await readGeoTiff(file);
    expect(back.crs).toBe('EPSG:32756');
    expect(back.grid.nx).toBe(5);
    expect(back.grid.ny).toBe(3);
    expect(back.grid.cellSize).toBeCloseTo(grid.cellSize, 12);
    expect(back.grid.xll).toBeCloseTo(grid.xll, 6);
    expect(back.grid.yll).toBeCloseTo(grid.yll, 6);
    expect(Array.from(back.values)).toEqual(Array.from(values));
    expect(await readGeoTiffHeader(file)).toEqual({ grid: back.grid, crs: 'EPSG:32756' });
  });

  it('carries the georeferencing tags a GIS needs', async () => {
    const image = await (await fromArrayBuffer(await encodeGeoTiff(grid, values, 'EPSG:32756'))).getImage();
    const keys = image.getGeoKeys()!;
    expect(keys.GTModelTypeGeoKey).toBe(1);
    expect(keys.GTRasterTypeGeoKey).toBe(1);
    expect(keys.ProjectedCSTypeGeoKey).toBe(32756);
    expect(image.getGDALNoData()).toBe(-9999);
    expect(image.getOrigin()[1]).toBeCloseTo(grid.yll + 3 * grid.cellSize, 6);
    expect(image.getBitsPerSample()).toBe(32);
    expect(image.getSampleFormat()).toBe(3);
  });

  it('refuses a bad CRS or a value array that does not fit', async () => {
    await expect(encodeGeoTiff(grid, values, 'UTM56')).rejects.toThrow(/EPSG code/);
    await expect(encodeGeoTiff(grid, values.subarray(1), 'EPSG:32756')).rejects.toThrow(/14 values for a 5 × 3 grid/);
  });
});

describe('GeoTIFF reader', () => {
  it('honours pixel-is-point georeferencing', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'polder-tif-')), 'point.tif');
    const data = writeArrayBuffer(Float32Array.from([1, 2, 3, 4]), {
      width: 2,
      height: 2,
      ModelPixelScale: [10, 10, 0],
      ModelTiepoint: [0, 0, 0, 1005, 2015, 0],
      GTModelTypeGeoKey: 1,
      GTRasterTypeGeoKey: 2,
      ProjectedCSTypeGeoKey: 32633,
    });
    writeFileSync(file, new Uint8Array(data));
    const raster = await readGeoTiff(file);
    // The tie point is the centre of the north-west pixel: its outer corner is (1000, 2020).
    expect(raster.grid).toEqual({ nx: 2, ny: 2, cellSize: 10, xll: 1000, yll: 2000 });
    expect(raster.crs).toBe('EPSG:32633');
  });

  it('names the file when it is not a TIFF or is missing', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'polder-tif-')), 'bad.tif');
    writeFileSync(file, 'not a tiff');
    await expect(readGeoTiff(file)).rejects.toThrow(`${file}: not a readable GeoTIFF`);
    await expect(readGeoTiff('/nonexistent/dem.tif')).rejects.toThrow('/nonexistent/dem.tif: file not found');
  });
});
