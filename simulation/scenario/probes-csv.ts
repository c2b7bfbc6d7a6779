// Probe points in (`--probes file.csv`, columns id,x,y) and probe series out (probes.csv, columns
// time_s,id,x,y,depth_m,stage_m).
import { writeFileSync } from 'node:fs';
import { numberCell, parseCsv, requireColumns } from './csv.ts';
import { ScenarioError } from './errors.ts';
import { cellAt } from './grid.ts';
import { readText } from './files.ts';
import type { GridGeometry, LoadedPoint, ProbeSample } from './types.ts';

/** Reads probe points in the scenario CRS; each must fall on the grid. */
export function readProbesCsv(file: string, grid: GridGeometry): LoadedPoint[] {
  const table = parseCsv(readText(file), file);
  const [idAt, xAt, yAt] = requireColumns(table, ['id', 'x', 'y'], file) as [number, number, number];
  const ids = new Set<string>();
  return table.rows.map((row) => {
    const id = row.cells[idAt]!;
    if (!id) throw new ScenarioError(file, `line ${row.line}: empty id`);
    if (ids.has(id)) throw new ScenarioError(file, `line ${row.line}: duplicate id "${id}"`);
    ids.add(id);
    const x = numberCell(table, row, xAt, file);
    const y = numberCell(table, row, yAt, file);
    const cell = cellAt(grid, x, y);
    if (cell < 0) throw new ScenarioError(file, `line ${row.line}: probe "${id}" at (${x}, ${y}) lies outside the grid`);
    return { id, x, y, cell };
  });
}

/** An id as a CSV cell: quoted when it holds a comma or a quote; line breaks are refused. */
function csvId(id: string): string {
  if (/[\n\r]/.test(id)) throw new Error(`probe id ${JSON.stringify(id)} cannot hold line breaks`);
  return /[",]/.test(id) || id.trim() !== id ? `"${id.replace(/"/g, '""')}"` : id;
}

export const PROBE_CSV_HEADER = 'time_s,id,x,y,depth_m,stage_m';

/** One CSV line (no newline): time to 0.001 s, coordinates to 1 mm, depth and stage to 0.1 mm. */
export function probeCsvLine(sample: ProbeSample): string {
  return `${sample.time.toFixed(3)},${csvId(sample.id)},${sample.x.toFixed(3)},${sample.y.toFixed(3)},${sample.depth.toFixed(4)},${sample.stage.toFixed(4)}`;
}

export function formatProbesCsv(samples: Iterable<ProbeSample>): string {
  const lines = [PROBE_CSV_HEADER];
  for (const sample of samples) lines.push(probeCsvLine(sample));
  return lines.join('\n') + '\n';
}

export function writeProbesCsv(file: string, samples: Iterable<ProbeSample>): void {
  writeFileSync(file, formatProbesCsv(samples));
}

/** Reads a probes.csv back (for tests, replays and comparisons). */
export function parseProbesCsv(text: string, file: string): ProbeSample[] {
  const table = parseCsv(text, file);
  const at = requireColumns(table, PROBE_CSV_HEADER.split(','), file) as [number, number, number, number, number, number];
  return table.rows.map((row) => ({
    time: numberCell(table, row, at[0], file),
    id: row.cells[at[1]]!,
    x: numberCell(table, row, at[2], file),
    y: numberCell(table, row, at[3], file),
    depth: numberCell(table, row, at[4], file),
    stage: numberCell(table, row, at[5], file),
  }));
}
