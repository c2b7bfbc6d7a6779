// The active domain: cells inside the extent polygon(s) that have ground data.
import { ScenarioError } from './errors.ts';
import { cellCentre } from './grid.ts';
import type { GridGeometry } from './types.ts';

/**
 * NODATA cells that touch the outside of the domain (the grid border or a cell outside the extent,
 * through other NODATA cells) merely trim the domain: Merewether's DEM has NODATA along parts of
 * its west and south rows, inside the extent rectangle but on its rim. NODATA enclosed by data
 * inside the extent is a hole in the terrain, and an error: the engine cannot guess its ground.
 */
export function activeDomain(grid: GridGeometry, ground: Float32Array, inside: Uint8Array, demFile: string): Uint8Array {
  const { nx, ny } = grid;
  const cells = nx * ny;
  const reached = new Uint8Array(cells);
  const queue = new Int32Array(cells);
  let head = 0;
  let tail = 0;
  const open = (i: number) => !inside[i] || Number.isNaN(ground[i]!);
  const seed = (i: number) => {
    if (!reached[i] && open(i)) {
      reached[i] = 1;
      queue[tail++] = i;
    }
  };
  for (let i = 0; i < cells; i++) if (!inside[i]) seed(i);
  for (let c = 0; c < nx; c++) {
    seed(c);
    seed((ny - 1) * nx + c);
  }
  for (let r = 0; r < ny; r++) {
    seed(r * nx);
    seed(r * nx + nx - 1);
  }
  while (head < tail) {
    const i = queue[head++]!;
    const r = Math.floor(i / nx);
    const c = i - r * nx;
    if (c > 0) seed(i - 1);
    if (c < nx - 1) seed(i + 1);
    if (r > 0) seed(i - nx);
    if (r < ny - 1) seed(i + nx);
  }
  const active = new Uint8Array(cells);
  let holes = 0;
  let firstHole = -1;
  for (let i = 0; i < cells; i++) {
    if (!inside[i]) continue;
    if (!Number.isNaN(ground[i]!)) active[i] = 1;
    else if (!reached[i]) {
      holes++;
      if (firstHole < 0) firstHole = i;
    }
  }
  if (holes > 0) {
    const [x, y] = cellCentre(grid, firstHole);
    const row = Math.floor(firstHole / nx);
    throw new ScenarioError(
      demFile,
      `${holes} NODATA cell(s) form holes inside the domain extent, the first at x=${x.toFixed(2)}, y=${y.toFixed(2)} (row ${row}, col ${firstHole - row * nx}); fill the DEM or cut them out of the extent`,
    );
  }
  return active;
}
