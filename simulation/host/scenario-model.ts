// From a loaded scenario pack to what the engine runs: the model, the engine settings the pack
// asks for, and the default probes (observation points and water-level gauges).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { EngineModel, EngineOptions } from '../engine/model.ts';
import { readJson } from '../scenario/files.ts';
import { ScenarioError } from '../scenario/errors.ts';
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
    inflows: scenario.inflows.map((f) => ({ id: f.id, cells: f.cells, weights: f.weights, hydrograph: f.hydrograph })),
    rainfall: scenario.rainfall,
    boundaries: scenario.boundaries,
    pumps: [],
    barriers: [],
  };
}

/** `engine.json` beside scenario.json: which scheme and numerical settings a pack runs with. */
const EngineFile = z.strictObject({
  scheme: z.enum(['inertial', 'hll']).optional(),
  cfl: z.number().positive().max(1).optional(),
  theta: z.number().min(0).max(1).optional(),
  flowDepth: z.number().positive().max(0.1).optional(),
  wetDepth: z.number().positive().max(1).optional(),
  maxStep: z.number().positive().optional(),
  why: z.string().optional(),
});

export function readEngineSettings(dir: string): Partial<EngineOptions> {
  const file = join(dir, 'engine.json');
  if (!existsSync(file)) return {};
  const parsed = EngineFile.safeParse(readJson(file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ScenarioError(file, `${issue.path.join('.') || 'engine settings'}: ${issue.message}`);
  }
  const { why: _why, ...settings } = parsed.data;
  return settings;
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
