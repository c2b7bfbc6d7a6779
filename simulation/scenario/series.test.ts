import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSeriesCsv, seriesValueAt } from './series.ts';

describe('series', () => {
  it('interpolates linearly and holds the end values', () => {
    const series = { times: Float64Array.from([0, 10, 30]), values: Float64Array.from([0, 5, 1]) };
    expect(seriesValueAt(series, -5)).toBe(0);
    expect(seriesValueAt(series, 4)).toBeCloseTo(2, 12);
    expect(seriesValueAt(series, 10)).toBe(5);
    expect(seriesValueAt(series, 20)).toBeCloseTo(3, 12);
    expect(seriesValueAt(series, 99)).toBe(1);
  });

  it('reads CSV with comments, blank lines, CRLF and a byte-order mark, and refuses an empty one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'polder-series-'));
    const file = join(dir, 'q.csv');
    writeFileSync(file, '# creek\ntime_s,discharge_m3s\n\n0,1.5\n# peak\n60,3\n');
    expect(readSeriesCsv(file, 'discharge_m3s', 0)).toEqual({ times: Float64Array.from([0, 60]), values: Float64Array.from([1.5, 3]) });
    writeFileSync(file, '\uFEFFtime_s,discharge_m3s\r\n0,2\r\n');
    expect(readSeriesCsv(file, 'discharge_m3s').values).toEqual(Float64Array.from([2]));
    writeFileSync(file, 'time_s,discharge_m3s\n');
    expect(() => readSeriesCsv(file, 'discharge_m3s')).toThrow(`${file}: no data rows`);
    writeFileSync(file, '');
    expect(() => readSeriesCsv(file, 'discharge_m3s')).toThrow(`${file}: empty file`);
  });
});

describe('series with step changes', () => {
  it('reads two rows at one time as a step: the first value until then, the second from then on', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'polder-series-')), 'gate.csv');
    writeFileSync(file, 'time_s,discharge_m3s\n0,2\n100,2\n100,8\n200,8\n');
    const series = readSeriesCsv(file, 'discharge_m3s', 0);
    expect(Array.from(series.times)).toEqual([0, 100, 100, 200]);
    expect(seriesValueAt(series, 99.999)).toBe(2);
    expect(seriesValueAt(series, 100)).toBe(8);
    expect(seriesValueAt(series, 150)).toBe(8);
  });

  it('takes a step at the first row too, and refuses times going back or a third row at one time', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'polder-series-')), 'level.csv');
    writeFileSync(file, 'time_s,level_m\n0,1\n0,3\n60,3\n');
    expect(seriesValueAt(readSeriesCsv(file, 'level_m'), 30)).toBe(3);
    writeFileSync(file, 'time_s,level_m\n0,1\n60,3\n30,3\n');
    expect(() => readSeriesCsv(file, 'level_m')).toThrow(/line 4: time_s 30 is before the previous 60/);
    writeFileSync(file, 'time_s,level_m\n0,1\n60,3\n60,4\n60,5\n');
    expect(() => readSeriesCsv(file, 'level_m')).toThrow(/line 5: a third row at time_s 60/);
  });
});
