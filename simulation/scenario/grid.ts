import type { GridGeometry } from './types.ts';

/** Index of the cell containing (x, y), or -1 outside the grid. Row 0 is the northern row. */
export function cellAt(grid: GridGeometry, x: number, y: number): number {
  const col = Math.floor((x - grid.xll) / grid.cellSize);
  const rowFromSouth = Math.floor((y - grid.yll) / grid.cellSize);
  if (col < 0 || col >= grid.nx || rowFromSouth < 0 || rowFromSouth >= grid.ny) return -1;
  return (grid.ny - 1 - rowFromSouth) * grid.nx + col;
}

/** Centre of cell `index` in the scenario CRS. */
export function cellCentre(grid: GridGeometry, index: number): [number, number] {
  const row = Math.floor(index / grid.nx);
  const col = index - row * grid.nx;
  return [grid.xll + (col + 0.5) * grid.cellSize, grid.yll + (grid.ny - row - 0.5) * grid.cellSize];
}

/** Fractional [col, row] of (x, y): cell centres at +0.5, row counted from the northern edge (the
 * engine's barrier coordinates). */
export function gridCoordinates(grid: GridGeometry, x: number, y: number): [number, number] {
  return [(x - grid.xll) / grid.cellSize, (grid.yll + grid.ny * grid.cellSize - y) / grid.cellSize];
}
