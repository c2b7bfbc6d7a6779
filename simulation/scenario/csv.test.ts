import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads plain and quoted cells, as spreadsheets write them', () => {
    const table = parseCsv('"id","x","y"\n"obs, upper", 1.5 ,"2"\nplain,3,"say ""hi"""\nlast,4,\n', 'p.csv');
    expect(table.columns).toEqual(['id', 'x', 'y']);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['obs, upper', '1.5', '2'],
      ['plain', '3', 'say "hi"'],
      ['last', '4', ''],
    ]);
    expect(table.rows.map((r) => r.line)).toEqual([2, 3, 4]);
  });

  it('names the line of a broken quote', () => {
    expect(() => parseCsv('id,x\n"a,1\n', 'p.csv')).toThrow('p.csv: line 2: unterminated quoted value');
    expect(() => parseCsv('id,x\n"a"b,1\n', 'p.csv')).toThrow('p.csv: line 2: text after a quoted value: b');
  });
});
