import { ScenarioError } from './errors.ts';

export interface CsvTable {
  /** Column names from the header line, trimmed. */
  columns: string[];
  /** One entry per data line: the raw trimmed cells and the 1-based line number in the file. */
  rows: { cells: string[]; line: number }[];
}

/** Parses a small comma-separated file with a header line. Blank lines and lines starting with
 * '#' are skipped; every data line must have as many cells as the header. */
export function parseCsv(text: string, file: string): CsvTable {
  const lines = text.split(/\r?\n/);
  let columns: string[] | null = null;
  const rows: CsvTable['rows'] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const cells = raw.split(',').map((cell) => cell.trim());
    if (!columns) {
      columns = cells;
      continue;
    }
    if (cells.length !== columns.length) {
      throw new ScenarioError(file, `line ${i + 1}: expected ${columns.length} values (${columns.join(',')}), found ${cells.length}`);
    }
    rows.push({ cells, line: i + 1 });
  }
  if (!columns) throw new ScenarioError(file, 'empty file: expected a header line');
  return { columns, rows };
}

/** Position of each required column; a clear error naming what is missing. */
export function requireColumns(table: CsvTable, names: readonly string[], file: string): number[] {
  return names.map((name) => {
    const index = table.columns.indexOf(name);
    if (index < 0) throw new ScenarioError(file, `missing column "${name}" (header is "${table.columns.join(',')}")`);
    return index;
  });
}

export function numberCell(table: CsvTable, row: CsvTable['rows'][number], column: number, file: string): number {
  const text = row.cells[column]!;
  const value = text === '' ? NaN : Number(text);
  if (!Number.isFinite(value)) {
    throw new ScenarioError(file, `line ${row.line}: column "${table.columns[column]}" is not a number: "${text}"`);
  }
  return value;
}
