// scenario.json's initialWater: the water a run starts from, as depth or as water level.
import { describe, expect, it } from 'vitest';
import { loadScenario } from './load.ts';
import { baseScenario, demText, testGround, TEST_GRID, writeTestPack } from './test-pack.ts';

const index = (col: number, row: number) => row * TEST_GRID.nx + col;

describe('initialWater', () => {
  it('turns a water-level raster into depths, dry where NODATA or above the level', async () => {
    // a reservoir over the four western columns at 9.6 m; NODATA elsewhere
    const level = demText((col) => (col < 4 ? 9.6 : null));
    const s = await loadScenario(writeTestPack({ scenario: { ...baseScenario(), initialWater: { level: 'level.asc' } }, files: { 'level.asc': level, 'level.prj': null } }));
    expect(s.initialDepth).not.toBeNull();
    const depth = s.initialDepth!;
    expect(depth[index(1, 3)]).toBeCloseTo(9.6 - testGround(1, 3), 5);
    expect(depth[index(3, 3)]).toBeCloseTo(9.6 - testGround(3, 3), 5);
    // ground 10.0x at col 0: above the level
    expect(depth[index(0, 3)]).toBe(0);
    // lower ground, but outside the reservoir (NODATA)
    expect(depth[index(6, 3)]).toBe(0);
  });

  it('reads a depth raster as it is', async () => {
    const s = await loadScenario(writeTestPack({ scenario: { ...baseScenario(), initialWater: { depth: 'depth.asc' } }, files: { 'depth.asc': demText(() => 0.25) } }));
    expect(Array.from(s.initialDepth!).every((d) => d === 0.25)).toBe(true);
  });

  it('starts dry when the pack has none', async () => {
    expect((await loadScenario(writeTestPack())).initialDepth).toBeNull();
  });

  it('refuses a negative depth, naming the file and the cell', async () => {
    const dir = writeTestPack({ scenario: { ...baseScenario(), initialWater: { depth: 'depth.asc' } }, files: { 'depth.asc': demText((col, row) => (col === 3 && row === 2 ? -1 : 0)) } });
    await expect(loadScenario(dir)).rejects.toThrow(/depth\.asc: negative depth -1 at cell 23/);
  });

  it('refuses an initialWater that is neither depth nor level', async () => {
    const dir = writeTestPack({ scenario: { ...baseScenario(), initialWater: { volume: 'x.asc' } } });
    await expect(loadScenario(dir)).rejects.toThrow(/initialWater must be/);
  });
});
