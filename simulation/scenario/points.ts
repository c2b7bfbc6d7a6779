// Observation points, assets and gauges: points in the scenario CRS that must fall on the grid.
import { numberCell, parseCsv, requireColumns } from './csv.ts';
import { ScenarioError } from './errors.ts';
import { readShapes, type FeatureShape } from './geojson.ts';
import { cellAt } from './grid.ts';
import { assetKinds, describeIssues, GaugesFile } from './schema.ts';
import { readJson, readText } from './files.ts';
import type { AssetKind, GridGeometry, LoadedAsset, LoadedGauge, LoadedObservation } from './types.ts';

function cellOnGrid(grid: GridGeometry, x: number, y: number, what: string, file: string): number {
  const cell = cellAt(grid, x, y);
  if (cell < 0) {
    const east = grid.xll + grid.nx * grid.cellSize;
    const north = grid.yll + grid.ny * grid.cellSize;
    throw new ScenarioError(file, `${what} at (${x}, ${y}) lies outside the grid (x ${grid.xll}…${east}, y ${grid.yll}…${north})`);
  }
  return cell;
}

export function readObservations(file: string, observedColumn: string | undefined, grid: GridGeometry): LoadedObservation[] {
  const table = parseCsv(readText(file), file);
  const [idAt, xAt, yAt] = requireColumns(table, ['id', 'x', 'y'], file) as [number, number, number];
  if (observedColumn) requireColumns(table, [observedColumn], file);
  const ids = new Set<string>();
  return table.rows.map((row) => {
    const id = row.cells[idAt]!;
    if (!id) throw new ScenarioError(file, `line ${row.line}: empty id`);
    if (ids.has(id)) throw new ScenarioError(file, `line ${row.line}: duplicate id "${id}"`);
    ids.add(id);
    const x = numberCell(table, row, xAt, file);
    const y = numberCell(table, row, yAt, file);
    const columns: Record<string, number> = {};
    table.columns.forEach((name, i) => {
      if (i !== idAt && i !== xAt && i !== yAt) columns[name] = numberCell(table, row, i, file);
    });
    return {
      id,
      x,
      y,
      cell: cellOnGrid(grid, x, y, `line ${row.line}: observation "${id}"`, file),
      observedPeakStage: observedColumn ? columns[observedColumn]! : null,
      columns,
    };
  });
}

/** The point an asset is shown and sampled at: the point, a line's middle vertex, an area's outer-ring vertex mean. */
function pointOn(shape: FeatureShape): [number, number] {
  if (shape.type === 'point') return shape.at;
  if (shape.type === 'line') return shape.line[Math.floor((shape.line.length - 1) / 2)]!;
  const outer = shape.rings[0]!;
  const [fx, fy] = outer[0]!;
  const [lx, ly] = outer[outer.length - 1]!;
  const ring = fx === lx && fy === ly ? outer.slice(0, -1) : outer;
  return [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
}

/** Assets: points, lines (LineString) and areas (Polygon); `crs` is the scenario's, which the file's own `crs` member must match. */
export function readAssets(file: string, grid: GridGeometry, crs: string): LoadedAsset[] {
  return readShapes(file, crs).map(({ id, properties, shape }) => {
    const [x, y] = pointOn(shape);
    const { kind, name, illustrative } = properties;
    if (!(assetKinds as readonly unknown[]).includes(kind)) {
      throw new ScenarioError(file, `feature ${id}: kind must be one of ${assetKinds.join(', ')}, found ${JSON.stringify(kind)}`);
    }
    if (typeof name !== 'string' || name === '') throw new ScenarioError(file, `feature ${id}: a non-empty "name" is required`);
    if (typeof illustrative !== 'boolean') throw new ScenarioError(file, `feature ${id}: "illustrative" must be true or false`);
    return { id, x, y, cell: cellOnGrid(grid, x, y, `asset "${id}"`, file), kind: kind as AssetKind, name, illustrative, shape };
  });
}

export function readGauges(file: string, grid: GridGeometry): LoadedGauge[] {
  const parsed = GaugesFile.safeParse(readJson(file));
  if (!parsed.success) throw new ScenarioError(file, describeIssues(parsed.error));
  const ids = new Set<string>();
  return parsed.data.gauges.map((gauge) => {
    if (ids.has(gauge.id)) throw new ScenarioError(file, `duplicate gauge id "${gauge.id}"`);
    ids.add(gauge.id);
    return { ...gauge, cell: cellOnGrid(grid, gauge.x, gauge.y, `gauge "${gauge.id}"`, file) };
  });
}
