import { readAsciiGrid, readAsciiGridHeader } from './ascii-grid.ts';
import { ScenarioError } from './errors.ts';
import { readGeoTiff, readGeoTiffHeader } from './geotiff-grid.ts';
import type { GridGeometry, Raster } from './types.ts';

function formatOf(file: string): 'ascii' | 'geotiff' {
  if (/\.(asc|txt)$/i.test(file)) return 'ascii';
  if (/\.tiff?$/i.test(file)) return 'geotiff';
  throw new ScenarioError(file, 'unsupported raster format (expected .asc ESRI ASCII or .tif GeoTIFF)');
}

/** Reads an ESRI ASCII grid or a GeoTIFF, chosen by extension. */
export async function readRaster(file: string): Promise<Raster> {
  return formatOf(file) === 'ascii' ? readAsciiGrid(file) : readGeoTiff(file);
}

export async function readRasterHeader(file: string): Promise<{ grid: GridGeometry; crs: string | null }> {
  return formatOf(file) === 'ascii' ? readAsciiGridHeader(file) : readGeoTiffHeader(file);
}

/** Samples `source` at the cell centres of `target` (nearest cell); NaN where outside `source`. */
export function resampleToGrid(source: Raster, target: GridGeometry): Float32Array {
  const out = new Float32Array(target.nx * target.ny).fill(NaN);
  const s = source.grid;
  for (let row = 0; row < target.ny; row++) {
    const y = target.yll + (target.ny - row - 0.5) * target.cellSize;
    const k = Math.floor((y - s.yll) / s.cellSize);
    if (k < 0 || k >= s.ny) continue;
    const sourceRow = (s.ny - 1 - k) * s.nx;
    for (let col = 0; col < target.nx; col++) {
      const c = Math.floor((target.xll + (col + 0.5) * target.cellSize - s.xll) / s.cellSize);
      if (c >= 0 && c < s.nx) out[row * target.nx + col] = source.values[sourceRow + c]!;
    }
  }
  return out;
}
