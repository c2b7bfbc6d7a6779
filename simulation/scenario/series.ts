import { numberCell, parseCsv, requireColumns } from './csv.ts';
import { ScenarioError } from './errors.ts';
import { readText } from './files.ts';
import type { Series } from './types.ts';

/** Reads a `time_s,<valueColumn>` CSV: at least one row, ascending finite times, finite values
 * from `min` to `max`. Two rows at the same time make a step change (the second value from then
 * on); a third at that time is refused. */
export function readSeriesCsv(file: string, valueColumn: string, min = -Infinity, max = Infinity): Series {
  const table = parseCsv(readText(file), file);
  const [timeAt, valueAt] = requireColumns(table, ['time_s', valueColumn], file) as [number, number];
  if (table.rows.length === 0) throw new ScenarioError(file, 'no data rows');
  const times = new Float64Array(table.rows.length);
  const values = new Float64Array(table.rows.length);
  table.rows.forEach((row, i) => {
    times[i] = numberCell(table, row, timeAt, file);
    values[i] = numberCell(table, row, valueAt, file);
    if (i > 0 && times[i]! < times[i - 1]!) {
      throw new ScenarioError(file, `line ${row.line}: time_s ${times[i]} is before the previous ${times[i - 1]}`);
    }
    if (i > 1 && times[i] === times[i - 2]) {
      throw new ScenarioError(file, `line ${row.line}: a third row at time_s ${times[i]} (two rows at one time make a step; a third is ambiguous)`);
    }
    if (values[i]! < min) throw new ScenarioError(file, `line ${row.line}: ${valueColumn} ${values[i]} is below ${min}`);
    if (values[i]! > max) throw new ScenarioError(file, `line ${row.line}: ${valueColumn} ${values[i]} is above ${max}, beyond any physical value`);
  });
  return { times, values };
}

/** The series value at time t: linear between samples, held at the end values outside. The
 * engine's own interpolation, so packs and runs read hydrographs the same way. */
export { seriesAt as seriesValueAt } from '../engine/model.ts';
