// The contract's sim.* methods as callers name them: a scenario is a pack the app ships, named,
// never a path. Who may start, stop or change a run is decided by the run's handlers (its record
// knows the starter).
import { join } from 'node:path';
import { PolderError } from '../api/errors.ts';
import type { simMethods } from '../api/sim.ts';
import type { HandlersFor } from '../rpc/handlers.ts';
import { listScenarios } from '../../simulation/scenario/summary.ts';
import type { SimHandlerMap } from './handlers.ts';

/** The pack folder of a scenario the app ships, by name; not_found (listing the known ones) otherwise. */
export function knownScenarioDir(name: string, resourcesDir: string): string {
  const known = listScenarios(resourcesDir);
  if (!known.includes(name)) throw new PolderError('not_found', `No scenario pack named "${name}" (known: ${known.length ? known.join(', ') : 'none'})`);
  return join(resourcesDir, 'scenarios', name);
}

export function scenarioByName(sim: SimHandlerMap, resourcesDir: string): HandlersFor<keyof typeof simMethods> {
  return {
    ...sim,
    'sim.start': ({ scenario, ...args }, ctx) => sim['sim.start']({ ...args, ...(scenario === undefined ? {} : { scenario: knownScenarioDir(scenario, resourcesDir) }) }, ctx),
  };
}
