// ESRI ASCII grid (.asc) reader and writer. The reader parses bytes directly: the 1 MB Merewether
// DEM takes a few milliseconds, where split()/parseFloat() would take tens.
import { closeSync, existsSync, openSync, readSync, writeFileSync } from 'node:fs';
import { ScenarioError } from './errors.ts';
import { gridSizeProblem } from './limits.ts';
import { crsOfPrj, prjOfCrs } from './prj.ts';
import { readBytes, readText } from './files.ts';
import type { GridGeometry, Raster } from './types.ts';

interface AsciiHeader {
  grid: GridGeometry;
  nodata: number | null;
  /** Byte offset of the first value and the 1-based line it is on. */
  bodyStart: number;
  bodyLine: number;
}

const HEADER_KEYS = ['ncols', 'nrows', 'xllcorner', 'xllcenter', 'yllcorner', 'yllcenter', 'cellsize', 'nodata_value'];

function parseHeader(bytes: Uint8Array, file: string): AsciiHeader {
  const fields = new Map<string, number>();
  let pos = 0;
  let line = 1;
  while (pos < bytes.length) {
    const c = bytes[pos]!;
    const isLetter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (!isLetter) break;
    let end = bytes.indexOf(10, pos);
    if (end < 0) end = bytes.length;
    const text = new TextDecoder().decode(bytes.subarray(pos, end)).trim();
    const match = /^(\S+)\s+(\S+)$/.exec(text);
    const key = match?.[1]!.toLowerCase();
    // the line is not quoted: a pack may point at any file, and its contents are not ours to print
    if (!match || !HEADER_KEYS.includes(key!)) throw new ScenarioError(file, `line ${line}: not an ESRI ASCII grid header line (expected "<keyword> <number>", keywords ${HEADER_KEYS.join(', ')})`);
    const value = Number(match[2]);
    if (!Number.isFinite(value)) throw new ScenarioError(file, `line ${line}: ${key} is not a number`);
    fields.set(key!, value);
    pos = end + 1;
    line++;
  }
  const need = (key: string) => {
    const value = fields.get(key);
    if (value === undefined) throw new ScenarioError(file, `header lacks "${key}"`);
    return value;
  };
  const nx = need('ncols');
  const ny = need('nrows');
  const cellSize = need('cellsize');
  if (!Number.isInteger(nx) || !Number.isInteger(ny) || nx < 1 || ny < 1) throw new ScenarioError(file, `ncols/nrows must be positive integers, got ${nx} × ${ny}`);
  const tooLarge = gridSizeProblem(nx, ny);
  if (tooLarge) throw new ScenarioError(file, tooLarge);
  if (!(cellSize > 0)) throw new ScenarioError(file, `cellsize must be positive, got ${cellSize}`);
  const corner = (axis: 'x' | 'y') => {
    const atCorner = fields.get(`${axis}llcorner`);
    const atCenter = fields.get(`${axis}llcenter`);
    if (atCorner !== undefined) return atCorner;
    if (atCenter !== undefined) return atCenter - cellSize / 2;
    throw new ScenarioError(file, `header lacks "${axis}llcorner" or "${axis}llcenter"`);
  };
  return { grid: { nx, ny, cellSize, xll: corner('x'), yll: corner('y') }, nodata: fields.get('nodata_value') ?? null, bodyStart: pos, bodyLine: line };
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

/** Parses an ESRI ASCII grid; NODATA cells become NaN. `crs` is left null (see readAsciiGrid). */
export function parseAsciiGrid(bytes: Uint8Array, file: string): Raster {
  const { grid, nodata, bodyStart, bodyLine } = parseHeader(bytes, file);
  const total = grid.nx * grid.ny;
  const values = new Float32Array(total);
  let count = 0;
  let pos = bodyStart;
  let line = bodyLine;
  const length = bytes.length;
  while (pos < length) {
    let c = bytes[pos]!;
    if (c === 10) {
      line++;
      pos++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) {
      pos++;
      continue;
    }
    const start = pos;
    let negative = false;
    if (c === 45 || c === 43) {
      negative = c === 45;
      c = bytes[++pos]!;
    }
    let mantissa = 0;
    let digits = 0;
    let scale = 0;
    while (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      c = bytes[++pos]!;
    }
    if (c === 46) {
      c = bytes[++pos]!;
      while (c >= 48 && c <= 57) {
        mantissa = mantissa * 10 + (c - 48);
        digits++;
        scale++;
        c = bytes[++pos]!;
      }
    }
    let exponent = 0;
    if (digits > 0 && (c === 101 || c === 69)) {
      c = bytes[++pos]!;
      let expNegative = false;
      if (c === 45 || c === 43) {
        expNegative = c === 45;
        c = bytes[++pos]!;
      }
      let expDigits = 0;
      while (c >= 48 && c <= 57) {
        exponent = exponent * 10 + (c - 48);
        expDigits++;
        c = bytes[++pos]!;
      }
      if (expDigits === 0) digits = 0;
      if (expNegative) exponent = -exponent;
    }
    if (digits === 0 || (pos < length && !isSpace(c))) {
      let end = pos;
      while (end < length && !isSpace(bytes[end]!)) end++;
      const token = new TextDecoder().decode(bytes.subarray(start, Math.min(end, start + 40)));
      throw new ScenarioError(file, `line ${line}: not a number: "${token}"`);
    }
    if (count === total) throw new ScenarioError(file, `line ${line}: more values than ncols × nrows = ${total}`);
    const power = exponent - scale;
    // Exact for up to 15 significant digits: both operands are exact doubles and IEEE division and
    // multiplication round correctly, so this equals parseFloat of the same text.
    let value: number;
    if (digits <= 15 && power >= -22 && power <= 22) value = power >= 0 ? mantissa * POW10[power]! : mantissa / POW10[-power]!;
    else value = Number(new TextDecoder().decode(bytes.subarray(start + (negative || bytes[start] === 43 ? 1 : 0), pos)));
    if (negative) value = -value;
    values[count++] = value === nodata ? NaN : value;
  }
  if (count < total) throw new ScenarioError(file, `expected ncols × nrows = ${grid.nx} × ${grid.ny} = ${total} values, found ${count}`);
  return { grid, values, crs: null };
}

function prjPath(file: string): string {
  return file.replace(/\.[^./\\]*$/, '') + '.prj';
}

function crsBeside(file: string): string | null {
  const prj = prjPath(file);
  return existsSync(prj) ? crsOfPrj(readText(prj), prj) : null;
}

/** Reads `file` and the CRS of the `.prj` beside it, if any. */
export function readAsciiGrid(file: string): Raster {
  const raster = parseAsciiGrid(readBytes(file), file);
  return { ...raster, crs: crsBeside(file) };
}

/** Geometry and CRS only, reading just the start of the file. */
export function readAsciiGridHeader(file: string): { grid: GridGeometry; crs: string | null } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ScenarioError(file, code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? String(error)})`);
  }
  try {
    const head = Buffer.alloc(2048);
    const read = readSync(fd, head, 0, head.length, 0);
    return { grid: parseHeader(head.subarray(0, read), file).grid, crs: crsBeside(file) };
  } finally {
    closeSync(fd);
  }
}

export interface AsciiWriteOptions {
  /** Written where values are NaN. Default -9999. */
  nodata?: number;
  /** Digits after the decimal point. Default 4 (0.1 mm for depths and levels). */
  decimals?: number;
  /** EPSG code ("EPSG:32756"); when given, a `.prj` is written beside the grid. */
  crs?: string | null;
  /** The `.prj` text to write beside the grid (instead of one made from `crs`). */
  prj?: string;
}

/** Appends `value` with `decimals` fixed digits to `out` at `pos`; returns the new position.
 * Integer arithmetic into bytes: about ten times faster than toFixed() on large grids. */
function writeFixed(out: Uint8Array, pos: number, value: number, decimals: number, scale: number, digits: Uint8Array): number {
  let scaled = Math.round(Math.abs(value) * scale);
  if (scaled >= Number.MAX_SAFE_INTEGER) return pos + new TextEncoder().encodeInto(value.toFixed(decimals), out.subarray(pos)).written;
  if (value < 0 && scaled !== 0) out[pos++] = 45;
  let n = 0;
  do {
    digits[n++] = 48 + (scaled % 10);
    scaled = Math.floor(scaled / 10);
  } while (scaled > 0 || n <= decimals);
  while (n > decimals) out[pos++] = digits[--n]!;
  if (decimals > 0) {
    out[pos++] = 46;
    while (n > 0) out[pos++] = digits[--n]!;
  }
  return pos;
}

/** Writes `values` (row 0 north, NaN = NODATA) as an ESRI ASCII grid. */
export function writeAsciiGrid(file: string, grid: GridGeometry, values: ArrayLike<number>, options: AsciiWriteOptions = {}): void {
  const { nodata = -9999, decimals = 4, crs = null } = options;
  if (values.length !== grid.nx * grid.ny) throw new Error(`writeAsciiGrid: ${values.length} values for a ${grid.nx} × ${grid.ny} grid`);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 12) throw new Error(`writeAsciiGrid: decimals must be an integer 0…12, got ${decimals}`);
  const header = new TextEncoder().encode(
    `ncols ${grid.nx}\nnrows ${grid.ny}\nxllcorner ${grid.xll}\nyllcorner ${grid.yll}\ncellsize ${grid.cellSize}\nNODATA_value ${nodata}\n`,
  );
  const nodataBytes = new TextEncoder().encode(String(nodata));
  // Worst case per value: the longest toFixed() a double can give, plus a separator.
  const out = new Uint8Array(header.length + values.length * (decimals + 25));
  out.set(header);
  let pos = header.length;
  const scale = 10 ** decimals;
  const digits = new Uint8Array(32);
  for (let r = 0; r < grid.ny; r++) {
    const offset = r * grid.nx;
    for (let c = 0; c < grid.nx; c++) {
      const value = values[offset + c]!;
      if (Number.isFinite(value)) pos = writeFixed(out, pos, value, decimals, scale, digits);
      else {
        out.set(nodataBytes, pos);
        pos += nodataBytes.length;
      }
      out[pos++] = c === grid.nx - 1 ? 10 : 32;
    }
  }
  writeFileSync(file, out.subarray(0, pos));
  const prj = options.prj ?? (crs ? prjOfCrs(crs) : null);
  if (prj) writeFileSync(prjPath(file), prj);
}
