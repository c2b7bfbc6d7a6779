import type { scenarioMethods } from '../api/scenario.ts';
import { PolderError } from '../api/errors.ts';
import type { HandlersFor } from '../api/handlers.ts';
import { scenarioLayers } from '../../simulation/scenario/summary.ts';

/** The loaded scenario's map layers; `dir` is null when no scenario could be loaded. */
export function createScenarioHandlers(dir: string | null): HandlersFor<keyof typeof scenarioMethods> {
  return {
    'scenario.layers': async () => {
      if (!dir) throw new PolderError('not_found', 'No scenario is loaded');
      return scenarioLayers(dir);
    },
  };
}
