// Boundaries over parts of the domain's edges: the edge cells whose centres lie between a
// segment's from and to, and what comes in over them (a level, or a discharge shared by the
// segment's open cells).
import { ScenarioError } from './errors.ts';
import type { ScenarioFile } from './schema.ts';
import { maxDischargeM3s, maxElevation, minElevation } from './limits.ts';
import { readSeriesCsv } from './series.ts';
import type { EdgeName, GridGeometry, LoadedBoundary, LoadedEdgeSegment } from './types.ts';

/** Cell of the edge at position k along it (north and south: from the west; east and west: from the north). */
function edgeCell(grid: GridGeometry, edge: EdgeName, k: number): number {
  const { nx, ny } = grid;
  if (edge === 'north') return k;
  if (edge === 'south') return (ny - 1) * nx + k;
  if (edge === 'west') return k * nx;
  return k * nx + nx - 1;
}

export function loadEdgeSegments(
  spec: ScenarioFile['edgeSegments'],
  grid: GridGeometry,
  solid: Uint8Array,
  inflowIds: ReadonlySet<string>,
  scenarioFile: string,
  path: (name: string) => string,
): LoadedEdgeSegment[] {
  const ids = new Set<string>();
  return spec.map((segment, n) => {
    const where = `edgeSegments[${n}] "${segment.id}"`;
    if (ids.has(segment.id) || inflowIds.has(segment.id)) throw new ScenarioError(scenarioFile, `${where}: the id is already used by another segment or inflow`);
    ids.add(segment.id);
    if (!(segment.to > segment.from)) throw new ScenarioError(scenarioFile, `${where}: "to" (${segment.to}) must be greater than "from" (${segment.from})`);
    const alongX = segment.edge === 'north' || segment.edge === 'south';
    const count = alongX ? grid.nx : grid.ny;
    // position k along the edge → the cell centre's coordinate on the axis from…to refers to
    const centre = (k: number) => (alongX ? grid.xll + (k + 0.5) * grid.cellSize : grid.yll + (grid.ny - k - 0.5) * grid.cellSize);
    const along: number[] = [];
    for (let k = 0; k < count; k++) if (centre(k) >= segment.from && centre(k) <= segment.to) along.push(k);
    if (along.length === 0) {
      const [lo, hi] = [centre(0), centre(count - 1)].sort((a, b) => a - b);
      throw new ScenarioError(scenarioFile, `${where}: no cell centre of the ${segment.edge} edge lies between ${segment.from} and ${segment.to} (${alongX ? 'x' : 'y'} ${lo}…${hi})`);
    }
    const from = along[0]!;
    const to = along.at(-1)!;
    const spec = segment.boundary;
    let boundary: LoadedEdgeSegment['boundary'];
    if (typeof spec === 'object' && ('discharge' in spec || 'dischargePerWidth' in spec)) {
      const cells = along.map((k) => edgeCell(grid, segment.edge, k)).filter((cell) => !solid[cell]);
      if (cells.length === 0) throw new ScenarioError(scenarioFile, `${where}: every cell of the segment is inactive or blocked`);
      const perWidth = 'dischargePerWidth' in spec;
      const series = perWidth ? readSeriesCsv(path(spec.dischargePerWidth), 'discharge_m2s', 0, maxDischargeM3s) : readSeriesCsv(path(spec.discharge), 'discharge_m3s', 0, maxDischargeM3s);
      const width = segment.to - segment.from;
      const hydrograph = perWidth ? { times: series.times, values: series.values.map((q) => q * width) } : series;
      boundary = { kind: 'discharge', cells: Int32Array.from(cells), hydrograph };
    } else boundary = loadBoundary(spec, path);
    return { id: segment.id, edge: segment.edge, from, to, boundary };
  });
}

/** An edge's or a segment's boundary as scenario.json gives it. */
export function loadBoundary(spec: ScenarioFile['boundaries']['north'], path: (name: string) => string): LoadedBoundary {
  if (spec === 'closed' || spec === 'open') return { kind: spec };
  if ('level' in spec) return { kind: 'level', level: spec.level };
  return { kind: 'levelSeries', level: readSeriesCsv(path(spec.levelSeries), 'level_m', minElevation, maxElevation) };
}
