// Analytical hillshade (Horn 1981 slopes, the GDAL/ESRI formula) turned into a translucent RGBA
// overlay: shadows darken and sunlit slopes lighten whatever lies below, so it reads on a plain
// background and on a basemap alike.

export interface HillshadeOptions {
  /** Sun direction, degrees clockwise from north. */
  azimuth?: number;
  /** Sun height above the horizon, degrees. */
  altitude?: number;
  /** Vertical exaggeration. */
  zFactor?: number;
  /** Strongest shadow opacity, 0–255. */
  maxShadow?: number;
  /** Strongest highlight opacity, 0–255. */
  maxHighlight?: number;
}

/** Illumination 0–1 per cell (1 = facing the sun); NaN where the cell or all its neighbours lack data.
 * `elevation` is row-major with row 0 north. */
export function illumination(elevation: Float32Array, nx: number, ny: number, cellSize: number, options: HillshadeOptions = {}): Float32Array {
  if (elevation.length !== nx * ny) throw new RangeError(`illumination: ${elevation.length} values for a ${nx}×${ny} grid`);
  if (!(cellSize > 0)) throw new RangeError(`illumination: cell size must be positive (got ${cellSize})`);
  const azimuth = ((options.azimuth ?? 315) * Math.PI) / 180;
  const zenith = ((90 - (options.altitude ?? 45)) * Math.PI) / 180;
  const z = options.zFactor ?? 1;
  const out = new Float32Array(nx * ny);
  // A missing neighbour takes the centre's value, so the edges of the data stay flat, not black.
  const at = (col: number, row: number, centre: number): number => {
    if (col < 0 || col >= nx || row < 0 || row >= ny) return centre;
    const v = elevation[row * nx + col]!;
    return Number.isNaN(v) ? centre : v;
  };
  for (let row = 0; row < ny; row++) {
    for (let col = 0; col < nx; col++) {
      const e = elevation[row * nx + col]!;
      if (Number.isNaN(e)) {
        out[row * nx + col] = NaN;
        continue;
      }
      const a = at(col - 1, row - 1, e), b = at(col, row - 1, e), c = at(col + 1, row - 1, e);
      const d = at(col - 1, row, e), f = at(col + 1, row, e);
      const g = at(col - 1, row + 1, e), h = at(col, row + 1, e), i = at(col + 1, row + 1, e);
      // x grows east; y grows north, and row 0 is north, so "up" is row - 1.
      const dzdx = (z * (c + 2 * f + i - (a + 2 * d + g))) / (8 * cellSize);
      const dzdy = (z * (a + 2 * b + c - (g + 2 * h + i))) / (8 * cellSize);
      const slope = Math.atan(Math.hypot(dzdx, dzdy));
      // Aspect: the downslope direction as a compass bearing (0 = facing north, 90 = east).
      const aspect = Math.atan2(-dzdx, -dzdy);
      const shade = Math.cos(zenith) * Math.cos(slope) + Math.sin(zenith) * Math.sin(slope) * Math.cos(azimuth - aspect);
      out[row * nx + col] = Math.max(0, shade);
    }
  }
  return out;
}

/** RGBA overlay of an illumination grid: flat ground is transparent, shadows black, lit slopes white. */
export function hillshadeRgba(light: Float32Array, altitudeDegrees = 45, maxShadow = 170, maxHighlight = 110): Uint8Array {
  const flat = Math.sin((altitudeDegrees * Math.PI) / 180);
  const rgba = new Uint8Array(light.length * 4);
  for (let k = 0; k < light.length; k++) {
    const v = light[k]!;
    if (Number.isNaN(v)) continue; // stays fully transparent
    if (v < flat) {
      rgba[k * 4 + 3] = Math.round((maxShadow * (flat - v)) / flat);
    } else {
      rgba[k * 4] = rgba[k * 4 + 1] = rgba[k * 4 + 2] = 255;
      rgba[k * 4 + 3] = Math.round((maxHighlight * (v - flat)) / (1 - flat));
    }
  }
  return rgba;
}

export function hillshade(elevation: Float32Array, nx: number, ny: number, cellSize: number, options: HillshadeOptions = {}): Uint8Array {
  return hillshadeRgba(illumination(elevation, nx, ny, cellSize, options), options.altitude ?? 45, options.maxShadow, options.maxHighlight);
}
