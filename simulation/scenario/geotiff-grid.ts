// Single-band GeoTIFF rasters through geotiff.js: read (DEM, Manning or rain grids) and write
// (result grids) with the GeoKeys a GIS needs to place them: model type projected, pixel-is-area,
// the EPSG code, pixel scale, the tie point of the north-west corner and GDAL's NODATA tag.
// geotiff.js is imported on first use: it costs ~200 ms of start-up that ASCII-only runs skip.
import { writeFileSync } from 'node:fs';
import type { GeoTIFFImage } from 'geotiff';
import { ScenarioError } from './errors.ts';
import { readBytes } from './files.ts';
import { gridSizeProblem } from './limits.ts';
import type { GridGeometry, Raster } from './types.ts';

const USER_DEFINED = 32767;
const RASTER_PIXEL_IS_POINT = 2;

async function openImage(file: string): Promise<GeoTIFFImage> {
  const bytes = readBytes(file);
  try {
    const { fromArrayBuffer } = await import('geotiff');
    const tiff = await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    return await tiff.getImage();
  } catch (error) {
    throw new ScenarioError(file, `not a readable GeoTIFF (${(error as Error).message})`);
  }
}

function geometryOf(image: GeoTIFFImage, file: string): { grid: GridGeometry; crs: string | null } {
  let origin: number[];
  let resolution: number[];
  try {
    origin = image.getOrigin();
    resolution = image.getResolution();
  } catch {
    throw new ScenarioError(file, 'no georeferencing (ModelTiepoint + ModelPixelScale or ModelTransformation)');
  }
  const transform = image.fileDirectory.getValue('ModelTransformation') as number[] | undefined;
  if (transform && (transform[1] !== 0 || transform[4] !== 0)) throw new ScenarioError(file, 'rotated rasters are not supported');
  const [dx, dy] = resolution as [number, number];
  if (!(dx > 0) || !(dy < 0)) throw new ScenarioError(file, `expected a north-up raster (pixel size ${dx}, ${dy})`);
  if (Math.abs(dx + dy) > 1e-9 * dx) throw new ScenarioError(file, `cells must be square (pixel size ${dx} × ${-dy})`);
  const keys = image.getGeoKeys() ?? {};
  const pointShift = keys.GTRasterTypeGeoKey === RASTER_PIXEL_IS_POINT ? dx / 2 : 0;
  const nx = image.getWidth();
  const ny = image.getHeight();
  const tooLarge = gridSizeProblem(nx, ny);
  if (tooLarge) throw new ScenarioError(file, tooLarge);
  const grid = { nx, ny, cellSize: dx, xll: origin[0]! - pointShift, yll: origin[1]! + pointShift - ny * dx };
  const code = keys.ProjectedCSTypeGeoKey ?? keys.GeographicTypeGeoKey;
  return { grid, crs: typeof code === 'number' && code !== USER_DEFINED ? `EPSG:${code}` : null };
}

/** Reads the first band of a GeoTIFF; NODATA (GDAL_NODATA tag) and non-finite cells become NaN. */
export async function readGeoTiff(file: string): Promise<Raster> {
  const image = await openImage(file);
  const { grid, crs } = geometryOf(image, file);
  if (image.getSamplesPerPixel() !== 1) throw new ScenarioError(file, `expected one band, found ${image.getSamplesPerPixel()}`);
  let band: ArrayLike<number>;
  try {
    band = (await image.readRasters({ samples: [0], interleave: true })) as unknown as ArrayLike<number>;
  } catch (error) {
    throw new ScenarioError(file, `cannot decode raster data (${(error as Error).message})`);
  }
  const nodata = image.getGDALNoData();
  const values = new Float32Array(grid.nx * grid.ny);
  for (let i = 0; i < values.length; i++) {
    const value = band[i]!;
    values[i] = value === nodata || !Number.isFinite(value) ? NaN : value;
  }
  return { grid, values, crs };
}

export async function readGeoTiffHeader(file: string): Promise<{ grid: GridGeometry; crs: string | null }> {
  return geometryOf(await openImage(file), file);
}

/** Encodes `values` (row 0 north, NaN = NODATA) as a float32 GeoTIFF (one strip, big-endian).
 * geotiff.js writes the tags and GeoKeys; its pixel path allocates per value (≈ 5 s for 4 M
 * cells), so the header is encoded for a one-value stand-in with the real strip size and the
 * pixels are appended here at the strip offset the header names. */
export async function encodeGeoTiff(grid: GridGeometry, values: ArrayLike<number>, crs: string, nodata = -9999): Promise<ArrayBuffer> {
  const cells = grid.nx * grid.ny;
  if (values.length !== cells) throw new Error(`encodeGeoTiff: ${values.length} values for a ${grid.nx} × ${grid.ny} grid`);
  const code = /^EPSG:(\d+)$/.exec(crs);
  if (!code) throw new Error(`encodeGeoTiff: CRS must be an EPSG code, got "${crs}"`);
  const { writeArrayBuffer } = await import('geotiff');
  const header = writeArrayBuffer(new Float32Array(1), {
    width: grid.nx,
    height: grid.ny,
    SamplesPerPixel: [1],
    BitsPerSample: [32],
    SampleFormat: [3],
    StripByteCounts: [cells * 4],
    ModelPixelScale: [grid.cellSize, grid.cellSize, 0],
    ModelTiepoint: [0, 0, 0, grid.xll, grid.yll + grid.ny * grid.cellSize, 0],
    GTModelTypeGeoKey: 1,
    GTRasterTypeGeoKey: 1,
    ProjectedCSTypeGeoKey: Number(code[1]),
    GDAL_NODATA: String(nodata),
  });
  const headerView = new DataView(header);
  // StripOffsets is the first value geotiff.js writes after the fixed 8-byte TIFF header; read it
  // from the IFD rather than assume it.
  const stripOffset = stripOffsetOf(headerView);
  const out = new ArrayBuffer(stripOffset + cells * 4);
  new Uint8Array(out).set(new Uint8Array(header, 0, stripOffset));
  const view = new DataView(out);
  for (let i = 0; i < cells; i++) {
    const value = values[i]!;
    view.setFloat32(stripOffset + i * 4, Number.isFinite(value) ? value : nodata, false);
  }
  return out;
}

const STRIP_OFFSETS_TAG = 273;

function stripOffsetOf(view: DataView): number {
  const ifd = view.getUint32(4, false);
  const entries = view.getUint16(ifd, false);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (view.getUint16(entry, false) === STRIP_OFFSETS_TAG) {
      const type = view.getUint16(entry + 2, false);
      return type === 3 ? view.getUint16(entry + 8, false) : view.getUint32(entry + 8, false);
    }
  }
  throw new Error('encodeGeoTiff: geotiff.js wrote no StripOffsets');
}

export async function writeGeoTiff(file: string, grid: GridGeometry, values: ArrayLike<number>, crs: string, nodata = -9999): Promise<void> {
  writeFileSync(file, new Uint8Array(await encodeGeoTiff(grid, values, crs, nodata)));
}
