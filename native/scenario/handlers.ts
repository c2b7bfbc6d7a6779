import type { scenarioMethods } from '../api/scenario.ts';
import { PolderError } from '../api/errors.ts';
import type { HandlersFor } from '../rpc/handlers.ts';
import { scenarioLayers } from '../../simulation/scenario/summary.ts';
import { projectedCrs } from '../../simulation/scenario/crs-registry.ts';
import { loadScenario } from '../../simulation/scenario/load.ts';
import type { LoadedScenario } from '../../simulation/scenario/types.ts';
import { gridCorners } from './grid-corners.ts';
import { hillshade } from './hillshade.ts';
import { encodePng } from './png.ts';

/** The loaded scenario's map layers, grid and relief; `dir` is null when no scenario could be loaded. */
export function createScenarioHandlers(dir: string | null): HandlersFor<keyof typeof scenarioMethods> {
  // Loaded once, on first use, and kept for this app's lifetime; a failed load is retried next call.
  let loading: Promise<LoadedScenario> | null = null;
  const loaded = (): Promise<LoadedScenario> => {
    if (!dir) return Promise.reject(new PolderError('not_found', 'No scenario is loaded'));
    loading ??= loadScenario(dir).catch((err: unknown) => {
      loading = null;
      throw err;
    });
    return loading;
  };
  const placed = async () => {
    const scenario = await loaded();
    if (!scenario.crs.utm) throw new PolderError('unavailable', `The scenario's CRS ${scenario.crs.epsg} cannot be placed on the map (only WGS84 UTM zones)`);
    return { scenario, corners: gridCorners(scenario.grid, scenario.crs.utm) };
  };

  return {
    'scenario.layers': async () => {
      if (!dir) throw new PolderError('not_found', 'No scenario is loaded');
      return scenarioLayers(dir);
    },
    'scenario.grid': async () => {
      const { scenario, corners } = await placed();
      const { nx, ny, cellSize } = scenario.grid;
      return { nx, ny, cellSize, corners };
    },
    'scenario.crs': async () => {
      const { crs } = await loaded();
      const known = projectedCrs(crs.epsg);
      return known && { epsg: crs.epsg, name: known.name, wkt: known.wkt };
    },
    'scenario.hillshade': async ({ azimuth, altitude, zFactor }) => {
      const { scenario, corners } = await placed();
      const { nx, ny, cellSize } = scenario.grid;
      const rgba = hillshade(scenario.bareGround, nx, ny, cellSize, { azimuth, altitude, zFactor });
      let low = Infinity;
      let high = -Infinity;
      for (const v of scenario.bareGround) {
        if (v < low) low = v;
        if (v > high) high = v;
      }
      if (low > high) throw new PolderError('unavailable', 'The scenario DEM holds no data');
      return {
        image: `data:image/png;base64,${encodePng(rgba, nx, ny).toString('base64')}`,
        width: nx,
        height: ny,
        corners,
        elevation: [low, high],
      };
    },
  };
}
