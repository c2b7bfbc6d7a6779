import { numberCell, parseCsv, requireColumns } from './csv.ts';
import { ScenarioError } from './errors.ts';
import { readText } from './files.ts';
import type { Series } from './types.ts';

/** Reads a `time_s,<valueColumn>` CSV: at least one row, strictly ascending finite times, finite
 * values not below `min`. */
export function readSeriesCsv(file: string, valueColumn: string, min = -Infinity): Series {
  const table = parseCsv(readText(file), file);
  const [timeAt, valueAt] = requireColumns(table, ['time_s', valueColumn], file) as [number, number];
  if (table.rows.length === 0) throw new ScenarioError(file, 'no data rows');
  const times = new Float64Array(table.rows.length);
  const values = new Float64Array(table.rows.length);
  table.rows.forEach((row, i) => {
    times[i] = numberCell(table, row, timeAt, file);
    values[i] = numberCell(table, row, valueAt, file);
    if (i > 0 && times[i]! <= times[i - 1]!) {
      throw new ScenarioError(file, `line ${row.line}: time_s ${times[i]} is not after the previous ${times[i - 1]}`);
    }
    if (values[i]! < min) throw new ScenarioError(file, `line ${row.line}: ${valueColumn} ${values[i]} is below ${min}`);
  });
  return { times, values };
}

/** The series value at time t: linear between samples, held at the end values outside. */
export function seriesValueAt(series: Series, t: number): number {
  const { times, values } = series;
  const last = times.length - 1;
  if (t <= times[0]!) return values[0]!;
  if (t >= times[last]!) return values[last]!;
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= t) lo = mid;
    else hi = mid;
  }
  const f = (t - times[lo]!) / (times[hi]! - times[lo]!);
  return values[lo]! + f * (values[hi]! - values[lo]!);
}
