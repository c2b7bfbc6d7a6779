import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAsciiGrid, readAsciiGrid, readAsciiGridHeader, writeAsciiGrid } from './ascii-grid.ts';
import { ScenarioError } from './errors.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const header = 'ncols 3\nnrows 2\nxllcorner 100\nyllcorner 200\ncellsize 0.5\nNODATA_value -9999\n';

describe('parseAsciiGrid', () => {
  it('reads the header, the values in file order (row 0 north) and NODATA as NaN', () => {
    const raster = parseAsciiGrid(bytes(header + '1 2.5 -3\n-9999 4e2 -1.25E-1\n'), 'g.asc');
    expect(raster.grid).toEqual({ nx: 3, ny: 2, cellSize: 0.5, xll: 100, yll: 200 });
    expect(Array.from(raster.values)).toEqual([1, 2.5, -3, NaN, 400, Math.fround(-0.125)]);
  });

  it('accepts xllcenter/yllcenter, CRLF line ends, any case and values wrapped over lines', () => {
    const text = 'NCOLS 2\r\nNROWS 2\r\nXLLCENTER 10\r\nYLLCENTER 20\r\nCELLSIZE 2\r\n1 2 3\r\n4\r\n';
    const raster = parseAsciiGrid(bytes(text), 'g.asc');
    expect(raster.grid).toEqual({ nx: 2, ny: 2, cellSize: 2, xll: 9, yll: 19 });
    expect(Array.from(raster.values)).toEqual([1, 2, 3, 4]);
  });

  it('parses numbers exactly as Number() does, rounded to float32', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), fc.integer({ min: 0, max: 8 }), (values, digits) => {
        const texts = values.map((v) => v.toFixed(digits));
        const raster = parseAsciiGrid(bytes(`ncols ${texts.length}\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\n${texts.join(' ')}\n`), 'g.asc');
        expect(Array.from(raster.values)).toEqual(texts.map((t) => Math.fround(Number(t))));
      }),
    );
  });

  it('names the line of a malformed value', () => {
    expect(() => parseAsciiGrid(bytes(header + '1 2 3\n4 5x 6\n'), 'dem.asc')).toThrow(/^dem\.asc: line 8: not a number: "5x"/);
    expect(() => parseAsciiGrid(bytes(header + '1 2 3\n4 - 6\n'), 'dem.asc')).toThrow(/line 8: not a number: "-"/);
  });

  it('refuses too few or too many values, and incomplete headers', () => {
    expect(() => parseAsciiGrid(bytes(header + '1 2 3\n4 5\n'), 'dem.asc')).toThrow(/expected ncols × nrows = 3 × 2 = 6 values, found 5/);
    expect(() => parseAsciiGrid(bytes(header + '1 2 3\n4 5 6\n7\n'), 'dem.asc')).toThrow(/line 9: more values than ncols × nrows = 6/);
    expect(() => parseAsciiGrid(bytes('ncols 3\nnrows 2\ncellsize 1\n1 2 3 4 5 6\n'), 'dem.asc')).toThrow(/header lacks "xllcorner" or "xllcenter"/);
    expect(() => parseAsciiGrid(bytes('ncols 3\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize -1\n1 2 3 4 5 6\n'), 'dem.asc')).toThrow(/cellsize must be positive/);
    expect(() => parseAsciiGrid(bytes('ncols 3\nbogus 2\n'), 'dem.asc')).toThrow(ScenarioError);
  });
});

describe('writeAsciiGrid', () => {
  it('round-trips values, NODATA, geometry and the CRS (.prj)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'polder-asc-'));
    const file = join(dir, 'depth.asc');
    const grid = { nx: 4, ny: 3, cellSize: 1.5, xll: 382249.79174463, yll: 6354265.4322858 };
    const values = Float32Array.from([0, 0.1234, 1.5, NaN, 22.75, -0.5, 3, 4, 5, 6, 7, 8]);
    writeAsciiGrid(file, grid, values, { crs: 'EPSG:32756' });
    const back = readAsciiGrid(file);
    expect(back.grid).toEqual(grid);
    expect(back.crs).toBe('EPSG:32756');
    for (let i = 0; i < values.length; i++) {
      if (Number.isNaN(values[i]!)) expect(back.values[i]).toBeNaN();
      else expect(Math.abs(back.values[i]! - values[i]!)).toBeLessThanOrEqual(5e-5);
    }
    expect(readAsciiGridHeader(file)).toEqual({ grid, crs: 'EPSG:32756' });
    expect(readFileSync(file, 'utf8').split('\n')[5]).toBe('NODATA_value -9999');
  });

  it('formats every value as toFixed() would (to within one unit of the last digit at exact halves)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'polder-asc-'));
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e7, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 6 }), (values, decimals) => {
        const file = join(dir, 'f.asc');
        writeAsciiGrid(file, { nx: values.length, ny: 1, cellSize: 1, xll: 0, yll: 0 }, values, { decimals });
        const written = readFileSync(file, 'utf8').split('\n')[6]!.split(' ');
        written.forEach((text, i) => expect(Math.abs(Number(text) - Number(values[i]!.toFixed(decimals)))).toBeLessThanOrEqual(1.000001 * 10 ** -decimals));
        written.forEach((text, i) => expect(Math.abs(Number(text) - values[i]!)).toBeLessThanOrEqual(0.5000001 * 10 ** -decimals + 1e-9 * Math.abs(values[i]!)));
      }),
    );
  });

  it('refuses a value array that does not fit the grid', () => {
    expect(() => writeAsciiGrid('/nonexistent/x.asc', { nx: 2, ny: 2, cellSize: 1, xll: 0, yll: 0 }, [1, 2, 3])).toThrow(/3 values for a 2 × 2 grid/);
  });

  it('reads a missing file as a ScenarioError naming it', () => {
    expect(() => readAsciiGrid('/nonexistent/dem.asc')).toThrow('/nonexistent/dem.asc: file not found');
  });
});
