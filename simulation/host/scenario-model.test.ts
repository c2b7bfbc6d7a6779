import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/load.ts';
import { baseScenario, demText, writeTestPack } from '../scenario/test-pack.ts';
import { runSimulation } from './run.ts';
import { defaultProbes, engineModelOf, engineSettingsOf, readEngineSettings } from './scenario-model.ts';

const withEngine = (engine: unknown) => writeTestPack({ scenario: { ...baseScenario(), engine } });

describe('scenario → engine', () => {
  it('runs the scheme a pack asks for in scenario.json', async () => {
    const dir = withEngine({ scheme: 'hll', cfl: 0.4, why: 'supercritical street flow' });
    expect(readEngineSettings(dir)).toEqual({ scheme: 'hll', cfl: 0.4 });
    const scenario = await loadScenario(dir);
    expect(scenario.engine.why).toBe('supercritical street flow');
    expect(engineSettingsOf(scenario)).toEqual({ scheme: 'hll', cfl: 0.4 });
    const result = await runSimulation({ model: engineModelOf(scenario), engine: engineSettingsOf(scenario), durationSeconds: 60, probes: defaultProbes(scenario) });
    expect(result.summary.scheme).toBe('hll');
    expect(result.summary.massBalance.inflow).toBeGreaterThan(50);
    expect(result.summary.massErrorPercent).toBeLessThan(0.1);
  });

  it('defaults to the engine defaults and rejects bad settings by name', async () => {
    const { engine: _engine, ...bare } = baseScenario();
    expect(readEngineSettings(writeTestPack({ scenario: bare }))).toEqual({});
    expect((await loadScenario(writeTestPack({ scenario: bare }))).engine).toEqual({});
    expect(() => readEngineSettings(withEngine({ scheme: 'magic' }))).toThrow(/scenario\.json: engine\.scheme: scheme must be one of "inertial", "hll"/);
    expect(() => readEngineSettings(withEngine({ cfl: 2 }))).toThrow(/scenario\.json: engine\.cfl/);
    expect(() => readEngineSettings(withEngine({ theta: 0.7, colour: 'blue' }))).toThrow(/scenario\.json: engine: .*colour/);
    await expect(loadScenario(withEngine({ wetDepth: -1 }))).rejects.toThrow(/scenario\.json: engine\.wetDepth/);
  });

  it('runs a pack that names no scheme with the one its terrain needs, and records it', async () => {
    const { engine: _engine, ...bare } = baseScenario();
    // the test pack falls 1:4 to the east: supercritical street flow
    const steep = await loadScenario(writeTestPack({ scenario: bare }));
    const flat = await loadScenario(writeTestPack({ scenario: bare, files: { 'dem.asc': demText(() => 5) } }));
    for (const [scenario, scheme] of [[steep, 'hll'], [flat, 'inertial']] as const) {
      const result = await runSimulation({ model: engineModelOf(scenario), engine: engineSettingsOf(scenario), durationSeconds: 20 });
      expect(result.summary.scheme).toBe(scheme);
      expect(result.summary.engine.cfl).toBe(scheme === 'hll' ? 0.5 : 0.7);
    }
  });

  it('refuses a leftover engine.json instead of ignoring it', async () => {
    const dir = writeTestPack();
    writeFileSync(join(dir, 'engine.json'), JSON.stringify({ scheme: 'hll' }));
    expect(() => readEngineSettings(dir)).toThrow(/engine\.json: engine settings now live in scenario\.json's "engine" object/);
    await expect(loadScenario(dir)).rejects.toThrow(/engine\.json/);
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
