// Polygons and lines onto the grid. A cell belongs to a polygon when its CENTRE is inside
// (even-odd rule over the outer ring and its holes), the usual convention of TUFLOW, LISFLOOD-FP
// and GDAL's default rasterisation.
import type { PolygonRings } from './geojson.ts';
import type { GridGeometry } from './types.ts';

/** Calls `visit(index)` once for every cell whose centre lies inside the polygon. */
export function forEachCellInPolygon(grid: GridGeometry, polygon: PolygonRings, visit: (index: number) => void): void {
  const { nx, ny, cellSize, xll, yll } = grid;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const ring of polygon) {
    for (const [, y] of ring) {
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  // Rows counted from the south: centre y = yll + (k + 0.5) * cellSize.
  const kFirst = Math.max(0, Math.ceil((minY - yll) / cellSize - 0.5));
  const kLast = Math.min(ny - 1, Math.floor((maxY - yll) / cellSize - 0.5));
  const crossings: number[] = [];
  for (let k = kFirst; k <= kLast; k++) {
    const y = yll + (k + 0.5) * cellSize;
    crossings.length = 0;
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > y !== yj > y) crossings.push(xi + ((y - yi) / (yj - yi)) * (xj - xi));
      }
    }
    crossings.sort((a, b) => a - b);
    const rowOffset = (ny - 1 - k) * nx;
    for (let p = 0; p + 1 < crossings.length; p += 2) {
      const cStart = Math.max(0, Math.ceil((crossings[p]! - xll) / cellSize - 0.5));
      const cEnd = Math.min(nx - 1, Math.ceil((crossings[p + 1]! - xll) / cellSize - 0.5) - 1);
      for (let c = cStart; c <= cEnd; c++) visit(rowOffset + c);
    }
  }
}

/** Length (m) of a polyline inside each cell it crosses, for cells inside the grid. Each segment
 * is cut at every grid line it crosses, so the lengths are exact. */
export function lineLengthPerCell(grid: GridGeometry, line: [number, number][]): Map<number, number> {
  const { nx, ny, cellSize, xll, yll } = grid;
  const lengths = new Map<number, number>();
  for (let s = 0; s + 1 < line.length; s++) {
    const [x0, y0] = line[s]!;
    const [x1, y1] = line[s + 1]!;
    const dx = x1 - x0;
    const dy = y1 - y0;
    const length = Math.hypot(dx, dy);
    if (length === 0) continue;
    const cuts = [0, 1];
    const addCuts = (from: number, delta: number, origin: number) => {
      if (delta === 0) return;
      const a = (from - origin) / cellSize;
      const b = (from + delta - origin) / cellSize;
      for (let g = Math.ceil(Math.min(a, b)); g <= Math.floor(Math.max(a, b)); g++) {
        const t = (g - a) / (b - a);
        if (t > 0 && t < 1) cuts.push(t);
      }
    };
    addCuts(x0, dx, xll);
    addCuts(y0, dy, yll);
    cuts.sort((a, b) => a - b);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const tMid = (cuts[i]! + cuts[i + 1]!) / 2;
      const col = Math.floor((x0 + tMid * dx - xll) / cellSize);
      const k = Math.floor((y0 + tMid * dy - yll) / cellSize);
      if (col < 0 || col >= nx || k < 0 || k >= ny) continue;
      const index = (ny - 1 - k) * nx + col;
      lengths.set(index, (lengths.get(index) ?? 0) + (cuts[i + 1]! - cuts[i]!) * length);
    }
  }
  return lengths;
}
