import { ScenarioError } from './errors.ts';
import { cellAt } from './grid.ts';
import { lineLengthPerCell } from './rasterize.ts';
import type { ScenarioFile } from './schema.ts';
import { readSeriesCsv } from './series.ts';
import { maxDischargeM3s } from './limits.ts';
import type { GridGeometry, LoadedInflow } from './types.ts';

/** Inflows onto cells that can take water: a line's discharge is shared by its length in each
 * open cell; a point's goes to its one cell. Any vertex off the grid is an error. */
export function loadInflows(
  spec: ScenarioFile['inflows'],
  grid: GridGeometry,
  solid: Uint8Array,
  scenarioFile: string,
  path: (name: string) => string,
): LoadedInflow[] {
  const ids = new Set<string>();
  return spec.map((inflow, n) => {
    const where = `inflows[${n}] "${inflow.id}"`;
    if (ids.has(inflow.id)) throw new ScenarioError(scenarioFile, `${where}: duplicate inflow id`);
    ids.add(inflow.id);
    const coordinates = inflow.kind === 'line' ? inflow.line : [inflow.point];
    for (const [x, y] of coordinates) {
      if (cellAt(grid, x, y) < 0) {
        throw new ScenarioError(scenarioFile, `${where}: (${x}, ${y}) lies outside the grid (x ${grid.xll}…${grid.xll + grid.nx * grid.cellSize}, y ${grid.yll}…${grid.yll + grid.ny * grid.cellSize})`);
      }
    }
    const hydrograph = readSeriesCsv(path(inflow.hydrograph), 'discharge_m3s', 0, maxDischargeM3s);
    let cells: Int32Array;
    let weights: Float32Array;
    if (inflow.kind === 'point') {
      const cell = cellAt(grid, inflow.point[0], inflow.point[1]);
      if (solid[cell]) throw new ScenarioError(scenarioFile, `${where}: the point lies on an inactive or blocked cell`);
      cells = Int32Array.of(cell);
      weights = Float32Array.of(1);
    } else {
      const open = [...lineLengthPerCell(grid, inflow.line)].filter(([cell, length]) => !solid[cell] && length > 0).sort((a, b) => a[0] - b[0]);
      const total = open.reduce((sum, [, length]) => sum + length, 0);
      if (total === 0) throw new ScenarioError(scenarioFile, `${where}: the line crosses no active cell`);
      cells = Int32Array.from(open, ([cell]) => cell);
      weights = Float32Array.from(open, ([, length]) => length / total);
    }
    return { id: inflow.id, kind: inflow.kind, coordinates: coordinates.map(([x, y]) => [x, y] as [number, number]), cells, weights, hydrograph };
  });
}
