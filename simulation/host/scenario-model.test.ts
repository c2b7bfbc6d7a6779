import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/load.ts';
import { writeTestPack } from '../scenario/test-pack.ts';
import { runSimulation } from './run.ts';
import { defaultProbes, engineModelOf, readEngineSettings } from './scenario-model.ts';

describe('scenario → engine', () => {
  it('runs the scheme a pack asks for in engine.json', async () => {
    const dir = writeTestPack({ files: { 'engine.json': JSON.stringify({ scheme: 'hll', cfl: 0.4, why: 'supercritical street flow' }) } });
    expect(readEngineSettings(dir)).toEqual({ scheme: 'hll', cfl: 0.4 });
    const scenario = await loadScenario(dir);
    const result = await runSimulation({ model: engineModelOf(scenario), engine: readEngineSettings(dir), durationSeconds: 60, probes: defaultProbes(scenario) });
    expect(result.summary.scheme).toBe('hll');
    expect(result.summary.massBalance.inflow).toBeGreaterThan(50);
    expect(result.summary.massErrorPercent).toBeLessThan(0.1);
  });

  it('defaults to the local-inertial scheme and rejects a bad engine.json by name', async () => {
    expect(readEngineSettings(writeTestPack())).toEqual({});
    const dir = writeTestPack();
    writeFileSync(join(dir, 'engine.json'), JSON.stringify({ scheme: 'magic' }));
    expect(() => readEngineSettings(dir)).toThrow(/engine\.json: scheme/);
  });

  it('keeps the pack grid, walls, roughness and inflow cells as they are', async () => {
    const scenario = await loadScenario(writeTestPack());
    const model = engineModelOf(scenario);
    expect(model).toMatchObject({ nx: 10, ny: 8, cellSize: 2 });
    expect(model.ground).toBe(scenario.ground);
    expect(model.solid).toBe(scenario.solid);
    expect(model.boundaries).toEqual({ north: { kind: 'open' }, east: { kind: 'open' }, south: { kind: 'closed' }, west: { kind: 'closed' } });
    expect(Array.from(model.inflows[0]!.cells)).toEqual(Array.from(scenario.inflows[0]!.cells));
    expect(defaultProbes(scenario).map((p) => p.id)).toEqual(['p1', 'p2']);
  });
});
