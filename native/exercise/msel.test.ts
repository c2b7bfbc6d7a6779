import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoRoster } from '../identity/demo-roster.ts';
import { repoPaths } from '../paths.ts';
import { MselError, parseMsel, type MselContext } from './msel.ts';

const context: MselContext = { departments: demoRoster().departments, sensors: ['g-inlet', 'g-midroad', 'g-outlet', 'g-rain'] };
const header = 'Event number,Scenario time,Delivery method,From,To,Synopsis,Expected action,Objective,Controller,Evaluator notes,Severity,Sensor,Anomaly,Value,Minutes';
const start = Date.parse('2007-06-08T15:00:00+10:00');

function problemsOf(text: string, ctx = context) {
  try {
    parseMsel(text, ctx);
  } catch (err) {
    if (err instanceof MselError) return err.problems;
    throw err;
  }
  throw new Error('the MSEL was accepted');
}

describe('parseMsel', () => {
  it('reads the bundled Merewether MSEL: every inject, its time from STARTEX and its delivery fields', () => {
    const msel = parseMsel(readFileSync(join(repoPaths.resources, 'exercises', 'merewether-2007-msel.csv'), 'utf8'), context);
    expect(msel.start).toBe(start);
    expect(msel.injects).toHaveLength(15);
    expect(new Set(msel.injects.map((i) => i.department))).toEqual(new Set(['eoc', 'fire', 'police', 'transport', 'works', 'utilities', 'health', 'pio']));
    const [first, second, third] = msel.injects;
    expect(first).toMatchObject({ number: '1', at: start, method: 'message', department: 'eoc' });
    expect(second).toMatchObject({ number: '2', at: start + 20 * 60_000, method: 'sensor', sensor: { sensorId: 'g-rain', anomaly: 'rise', value: 70, minutes: 20 } });
    expect(third).toMatchObject({ number: '3', method: 'alert', alert: { severity: 'Severe', urgency: 'Expected', certainty: 'Likely' } });
    expect(msel.injects.find((i) => i.number === '4')).toMatchObject({ method: 'message', department: 'fire', expectedAction: expect.stringMatching(/swift-water rescue task/) });
    expect(msel.injects.every((i) => i.expectedAction.length > 0)).toBe(true);
  });

  it('takes HH:MM, +MM:SS and ISO times, a quoted comma and a field over two lines, sorted by time', () => {
    const msel = parseMsel(
      [
        header,
        `B,+05:30,message,SimCell,Police,"Crowd at the bridge, growing",Close the bridge,,,,,,,,`,
        `A,01:00:30,alert,SimCell,EOC,"Levee overtopping",Warn,,,,extreme,,,,`,
        `C,2007-06-08T05:10:00Z,sensor anomaly,,Public Works,"Gauge stuck\nfor half an hour",Flag it,,,,,g-inlet,stuck,0.2,30`,
      ].join('\n'),
      { ...context, start },
    );
    expect(msel.injects.map((i) => [i.number, i.at - start])).toEqual([
      ['B', 330_000],
      ['C', 600_000],
      ['A', 3_630_000],
    ]);
    expect(msel.injects[0]!.synopsis).toBe('Crowd at the bridge, growing');
    expect(msel.injects[1]!.synopsis).toBe('Gauge stuck\nfor half an hour');
    expect(msel.injects[2]!.alert).toEqual({ severity: 'Extreme', urgency: 'Immediate', certainty: 'Observed' });
  });

  it('names every bad cell by line and column, and loads nothing', () => {
    const problems = problemsOf(
      [
        header,
        `1,00:00,message,SimCell,EOC,Start,Open an incident,,,,,,,,`,
        `1,25:99,fax,SimCell,Nobody,,,,,,,,,,`,
        `3,00:10,alert,SimCell,EOC,Levee,Warn,,,,Terrible,,,,`,
        `4,00:20,sensor anomaly,,EOC,Gauge,Flag,,,,,g-nowhere,wobble,high,0`,
        `5,00:30,message,SimCell,EOC,"too few cells"`,
      ].join('\n'),
      { ...context, start },
    );
    expect(problems.map((p) => [p.line, p.column])).toEqual([[6, null]]);
    const rows = problemsOf([header, `1,00:00,message,SimCell,EOC,Start,Open an incident,,,,,,,,`, `1,25:99,fax,SimCell,Nobody,,,,,,,,,,`, `3,00:10,alert,SimCell,EOC,Levee,Warn,,,,Terrible,,,,`, `4,00:20,sensor anomaly,,EOC,Gauge,Flag,,,,,g-nowhere,wobble,high,0`].join('\n'), { ...context, start });
    expect(rows.map((p) => [p.line, p.column])).toEqual([
      [3, 'Scenario time'],
      [3, 'Event number'],
      [3, 'Delivery method'],
      [3, 'Synopsis'],
      [4, 'Severity'],
      [5, 'Sensor'],
      [5, 'Anomaly'],
      [5, 'Value'],
      [5, 'Minutes'],
    ]);
    expect(rows[0]!.message).toMatch(/"25:99" is not a scenario time/);
    expect(rows[1]!.message).toBe('event 1 is already on line 2');
  });

  it('refuses a header without the HSEEP columns, unknown columns, unreadable CSV and offsets without a start', () => {
    expect(problemsOf('Event number,When,Synopsis\n1,00:00,x').map((p) => [p.line, p.column])).toEqual([
      [1, 'When'],
      [1, 'Scenario time'],
      [1, 'Delivery method'],
    ]);
    expect(problemsOf(`${header}\n1,00:00,message,a,EOC,"unclosed`)[0]!.message).toMatch(/not readable as CSV: .*quote/i);
    expect(problemsOf(`# drill\n${header}\n1,00:10,message,a,EOC,Start,x,,,,,,,,`)[0]).toMatchObject({ line: 2, message: expect.stringMatching(/--start/) });
    expect(problemsOf(`${header}\n1,00:10,message,a,Harbour Master,Start,x,,,,,,,,`, { ...context, start })[0]).toMatchObject({ line: 2, column: 'To' });
    expect(problemsOf('')[0]!.message).toMatch(/empty/);
  });
});
