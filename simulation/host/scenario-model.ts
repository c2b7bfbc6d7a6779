// From a loaded scenario pack to what the engine runs: the model, the engine settings the pack
// asks for, and the default probes (observation points and water-level gauges).
import type { EngineModel, EngineOptions } from '../engine/model.ts';
import { readScenarioFile } from '../scenario/scenario-file.ts';
import type { LoadedScenario } from '../scenario/types.ts';
import type { ProbePoint } from './run.ts';

export function engineModelOf(scenario: LoadedScenario): EngineModel {
  return {
    nx: scenario.grid.nx,
    ny: scenario.grid.ny,
    cellSize: scenario.grid.cellSize,
    ground: scenario.ground,
    solid: scenario.solid,
    manning: scenario.manning,
    ...(scenario.initialDepth ? { initialDepth: scenario.initialDepth } : {}),
    // a discharge over part of an edge comes in on its cells, as an inflow does
    inflows: [
      ...scenario.inflows.map((f) => ({ id: f.id, cells: f.cells, weights: f.weights, hydrograph: f.hydrograph })),
      ...scenario.edgeSegments.flatMap(({ id, boundary: b }) => (b.kind === 'discharge' ? [{ id, cells: b.cells, weights: Array.from(b.cells, () => 1 / b.cells.length), hydrograph: b.hydrograph }] : [])),
    ],
    rainfall: scenario.rainfall,
    boundaries: scenario.boundaries,
    edgeSegments: scenario.edgeSegments.flatMap(({ edge, from, to, boundary }) => (boundary.kind === 'discharge' ? [] : [{ edge, from, to, boundary }])),
    pumps: [],
    barriers: [],
  };
}

/** The engine settings a loaded pack asks for (scenario.json's `engine`, without its `why`). */
export function engineSettingsOf(scenario: Pick<LoadedScenario, 'engine'>): Partial<EngineOptions> {
  const { why: _why, ...settings } = scenario.engine;
  return settings;
}

/** The same, read from a pack folder's scenario.json without loading the rest of the pack. */
export function readEngineSettings(dir: string): Partial<EngineOptions> {
  return engineSettingsOf({ engine: readScenarioFile(dir).spec.engine ?? {} });
}

/** The scenario's observation points and water-level gauges, the default probes of a run. */
export function defaultProbes(scenario: LoadedScenario): ProbePoint[] {
  const seen = new Set<string>();
  const probes: ProbePoint[] = [];
  for (const p of [...scenario.observations, ...scenario.gauges.filter((g) => g.kind === 'water-level')]) {
    if (seen.has(p.id) || scenario.solid[p.cell]) continue;
    seen.add(p.id);
    probes.push({ id: p.id, x: p.x, y: p.y, cell: p.cell });
  }
  return probes;
}
