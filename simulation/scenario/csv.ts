import { ScenarioError } from './errors.ts';

export interface CsvTable {
  /** Column names from the header line, trimmed. */
  columns: string[];
  /** One entry per data line: the raw trimmed cells and the 1-based line number in the file. */
  rows: { cells: string[]; line: number }[];
}

/** Splits one line into trimmed cells; "quoted" cells may hold commas and "" for a quote. */
function splitLine(line: string, lineNumber: number, file: string): string[] {
  if (!line.includes('"')) return line.split(',').map((cell) => cell.trim());
  const cells: string[] = [];
  let pos = 0;
  for (;;) {
    while (line[pos] === ' ' || line[pos] === '\t') pos++;
    let cell = '';
    if (line[pos] === '"') {
      pos++;
      for (;;) {
        const quote = line.indexOf('"', pos);
        if (quote < 0) throw new ScenarioError(file, `line ${lineNumber}: unterminated quoted value`);
        cell += line.slice(pos, quote);
        pos = quote + 1;
        if (line[pos] !== '"') break;
        cell += '"';
        pos++;
      }
      const comma = line.indexOf(',', pos);
      const rest = line.slice(pos, comma < 0 ? undefined : comma);
      if (rest.trim() !== '') throw new ScenarioError(file, `line ${lineNumber}: text after a quoted value: ${rest.trim()}`);
      pos = comma < 0 ? line.length : comma;
    } else {
      const comma = line.indexOf(',', pos);
      cell = line.slice(pos, comma < 0 ? undefined : comma).trim();
      pos = comma < 0 ? line.length : comma;
    }
    cells.push(cell);
    if (pos >= line.length) return cells;
    pos++;
  }
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
    const cells = splitLine(raw, i + 1, file);
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
