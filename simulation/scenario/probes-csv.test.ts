import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProbesCsv, readProbesCsv, writeProbesCsv } from './probes-csv.ts';

const grid = { nx: 10, ny: 8, cellSize: 2, xll: 300000, yll: 6000000 };

describe('probe CSV', () => {
  it('writes time_s,id,x,y,depth_m,stage_m and reads it back', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'polder-probes-')), 'probes.csv');
    const samples = [
      { time: 0, id: 'obs-1', x: 382509.714, y: 6354548.221, depth: 0, stage: 17.9512 },
      { time: 12.5, id: 'obs-1', x: 382509.714, y: 6354548.221, depth: 0.31234, stage: 18.26354 },
    ];
    writeProbesCsv(file, samples);
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe('time_s,id,x,y,depth_m,stage_m');
    expect(text.split('\n')[2]).toBe('12.500,obs-1,382509.714,6354548.221,0.3123,18.2635');
    const back = parseProbesCsv(text, file);
    back.forEach((sample, i) => {
      expect(sample.id).toBe(samples[i]!.id);
      expect(sample.time).toBe(samples[i]!.time);
      expect(Math.abs(sample.depth - samples[i]!.depth)).toBeLessThanOrEqual(5e-5);
      expect(Math.abs(sample.stage - samples[i]!.stage)).toBeLessThanOrEqual(5e-5);
    });
    writeProbesCsv(file, [{ ...samples[0]!, id: 'gauge "A", upper' }]);
    expect(parseProbesCsv(readFileSync(file, 'utf8'), file)[0]!.id).toBe('gauge "A", upper');
    expect(() => writeProbesCsv(file, [{ ...samples[0]!, id: 'a\nb' }])).toThrow(/cannot hold line breaks/);
  });

  it('reads probe points onto the grid and refuses points off it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'polder-probes-')), 'in.csv');
    writeFileSync(file, 'id,x,y\na,300001,6000015\nb,300019,6000001\n');
    expect(readProbesCsv(file, grid)).toEqual([
      { id: 'a', x: 300001, y: 6000015, cell: 0 },
      { id: 'b', x: 300019, y: 6000001, cell: 79 },
    ]);
    writeFileSync(file, 'id,x,y\na,300001,6000015\na,300003,6000015\n');
    expect(() => readProbesCsv(file, grid)).toThrow(`${file}: line 3: duplicate id "a"`);
    writeFileSync(file, 'id,x,y\nc,300021,6000015\n');
    expect(() => readProbesCsv(file, grid)).toThrow(`${file}: line 2: probe "c" at (300021, 6000015) lies outside the grid`);
  });
});
