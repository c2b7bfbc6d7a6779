// scenario.json's edgeSegments: boundaries over parts of edges, found by the cell centres.
import { describe, expect, it } from 'vitest';
import { engineModelOf } from './scenario-model.ts';
import { loadScenario } from '../scenario/load.ts';
import { baseScenario, TEST_GRID, writeTestPack } from '../scenario/test-pack.ts';

// TEST_GRID: 10 × 8 cells of 2 m from (300000, 6000000); the west edge's cell centres at
// y = 6000015 (row 0) … 6000001 (row 7)
const withSegments = (edgeSegments: unknown[], files: Record<string, string> = {}) =>
  writeTestPack({ scenario: { ...baseScenario(), boundaries: { north: 'closed', east: 'open', south: 'closed', west: 'closed' }, edgeSegments }, files });

describe('edgeSegments', () => {
  it('shares a discharge per metre over the segment\'s cells and keeps levels as edge segments', async () => {
    const dir = withSegments(
      [
        { id: 'sluice', edge: 'west', from: 6000004, to: 6000010, boundary: { dischargePerWidth: 'q.csv' } },
        { id: 'sea', edge: 'north', from: 300006, to: 300013, boundary: { level: 10.5 } },
      ],
      { 'q.csv': 'time_s,discharge_m2s\n0,0.5\n100,0.5\n100,1\n' },
    );
    const s = await loadScenario(dir);
    const [sluice, sea] = s.edgeSegments;
    // centres 6000005, 6000007, 6000009: rows 5, 4, 3 → from 3 to 5 (counted from the north)
    expect(sluice).toMatchObject({ id: 'sluice', edge: 'west', from: 3, to: 5 });
    expect(sluice!.boundary.kind).toBe('discharge');
    if (sluice!.boundary.kind !== 'discharge') return;
    expect(Array.from(sluice!.boundary.cells)).toEqual([30, 40, 50]);
    // 6 m of segment: 3 then 6 m³/s, a step at 100 s
    expect(Array.from(sluice!.boundary.hydrograph.values)).toEqual([3, 3, 6]);
    expect(sea).toEqual({ id: 'sea', edge: 'north', from: 3, to: 6, boundary: { kind: 'level', level: 10.5 } });

    const model = engineModelOf(s);
    expect(model.edgeSegments).toEqual([{ edge: 'north', from: 3, to: 6, boundary: { kind: 'level', level: 10.5 } }]);
    const inflow = model.inflows.find((f) => f.id === 'sluice')!;
    expect(Array.from(inflow.cells)).toEqual([30, 40, 50]);
    expect(Array.from(inflow.weights)).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });

  it('takes a total discharge in m³/s as it is', async () => {
    const s = await loadScenario(withSegments([{ id: 'q', edge: 'south', from: 300000, to: 300020, boundary: { discharge: 'q.csv' } }], { 'q.csv': 'time_s,discharge_m3s\n0,4\n' }));
    const b = s.edgeSegments[0]!.boundary;
    expect(b.kind === 'discharge' && Array.from(b.hydrograph.values)).toEqual([4]);
    expect(b.kind === 'discharge' && b.cells.length).toBe(TEST_GRID.nx);
  });

  it('refuses a segment that covers no cell centre, or reuses an inflow\'s id', async () => {
    await expect(loadScenario(withSegments([{ id: 'x', edge: 'west', from: 5000000, to: 5000010, boundary: 'open' }]))).rejects.toThrow(
      /edgeSegments\[0\] "x": no cell centre of the west edge lies between 5000000 and 5000010 \(y 6000001…6000015\)/,
    );
    await expect(loadScenario(withSegments([{ id: 'in', edge: 'west', from: 6000000, to: 6000010, boundary: 'open' }]))).rejects.toThrow(/"in": the id is already used/);
    await expect(loadScenario(withSegments([{ id: 'y', edge: 'west', from: 6000010, to: 6000000, boundary: 'open' }]))).rejects.toThrow(/"to" \(6000000\) must be greater than "from"/);
  });
});
