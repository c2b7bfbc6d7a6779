// What-if runs: a forecast rerun from the same start with pumps and barriers placed; compared
// with the forecast it branches from; and pump and barrier placements at the assets at risk,
// each tried in its own what-if run and ranked by the depth it removes there, drafted for Works.
import { PolderError } from '../api/errors.ts';
import type { ClosedRoad, ForecastRecord } from '../api/decide.ts';
import type { Actor } from '../api/ops.ts';
import type { SimEdit } from '../api/sim.ts';
import type { TargetImpact } from '../../simulation/host/forecast.ts';
import type { StoredForecast } from './forecast-grids.ts';
import type { ForecastArgs, ForecastService } from './forecast-service.ts';
import { alertDepth, type Recommendation } from './impact-rules.ts';
import { compareForecasts, type WhatIfDifference } from './whatif-compare.ts';

/** A portable flood pump (m³/s) and a demountable flood barrier (m high, a square this many
 * metres either side of the asset; 1.2 m is a common panel height). */
export const candidatePump = 1;
export const candidateWall = { height: 1.2, halfSide: 4 };
/** At most this many assets get candidates (the deepest first): each candidate is a run. */
export const maxRankedAssets = 3;

export interface RankedPlacement {
  edit: SimEdit;
  kind: 'pump' | 'barrier';
  target: string;
  targetName: string;
  /** Peak depth removed (m), summed over the assets at risk. */
  depthRemoved: number;
  whatIfId: string;
}

/** A pump at each asset at risk, and a wall around each one that is a place (roads get pumps only). */
export function candidatePlacements(impacts: readonly TargetImpact[]): { kind: 'pump' | 'barrier'; target: TargetImpact; edit: SimEdit }[] {
  const atRisk = impacts.filter((i) => i.peakDepth >= alertDepth && i.kind !== 'road').sort((a, b) => b.peakDepth - a.peakDepth || a.id.localeCompare(b.id)).slice(0, maxRankedAssets);
  return atRisk.flatMap((t) => {
    const pump = { kind: 'pump' as const, target: t, edit: { kind: 'addPump' as const, id: `pump@${t.id}`, x: t.x, y: t.y, capacity: candidatePump, dischargeTo: null } };
    if (t.shape !== 'point') return [pump];
    const d = candidateWall.halfSide;
    const ring: [number, number][] = [[t.x - d, t.y - d], [t.x + d, t.y - d], [t.x + d, t.y + d], [t.x - d, t.y + d], [t.x - d, t.y - d]];
    return [pump, { kind: 'barrier' as const, target: t, edit: { kind: 'addBarrier' as const, id: `wall@${t.id}`, line: ring, height: candidateWall.height } }];
  });
}

/** Peak depth removed at the base's assets at risk. */
export function depthRemoved(base: StoredForecast, next: StoredForecast): number {
  const after = new Map(next.impacts.map((i) => [i.id, i.peakDepth]));
  return base.impacts.filter((i) => i.peakDepth >= alertDepth && i.kind !== 'road').reduce((sum, i) => sum + Math.max(0, i.peakDepth - (after.get(i.id) ?? i.peakDepth)), 0);
}

export function createWhatIf(options: { forecasts: ForecastService; draft(forecastId: string, items: Recommendation[]): void; activity(by: Actor | 'system', text: string): void }) {
  const { forecasts } = options;

  const baseOf = (baseId: string): ForecastRecord => {
    const base = forecasts.get(baseId);
    if (!base) throw new PolderError('not_found', `No forecast with id "${baseId}"`);
    if (base.state !== 'completed') throw new PolderError('illegal_transition', `Forecast ${baseId} is ${base.state}: a what-if needs a completed forecast`);
    return base;
  };
  const gridsOf = (id: string): StoredForecast => {
    const grids = forecasts.grids(id);
    if (!grids) throw new PolderError('not_found', `The grids of forecast ${id} are not kept (it did not complete, or only the newest forecasts' grids are): run it again`);
    return grids;
  };

  /** Road closures are not hydraulic (the engine has no traffic): a what-if records them, on road segments the base forecast knows. */
  function checkClosures(base: ForecastRecord, closures: readonly string[]): void {
    const roads = new Set((base.impacts ?? []).filter((i) => i.kind === 'road').map((i) => i.id));
    const unknown = closures.filter((id) => !roads.has(id));
    if (unknown.length > 0) throw new PolderError('invalid_args', `Forecast ${base.id} has no road segment ${unknown.map((id) => `"${id}"`).join(', ')} to close`);
  }

  function run(baseId: string, name: string, edits: SimEdit[], by: Actor | 'system', closures: string[] = []) {
    const base = baseOf(baseId);
    checkClosures(base, closures);
    const inputs = base.inputs as Partial<ForecastArgs>;
    const args: ForecastArgs = {
      scenario: inputs.scenario ?? base.scenario,
      aheadMinutes: inputs.aheadMinutes ?? 60,
      members: 1,
      from: 'start',
      basis: inputs.basis ?? 'scenario',
      ...(inputs.rain !== undefined ? { rain: inputs.rain } : {}),
      ...(inputs.inflows ? { inflows: inputs.inflows } : {}),
      edits,
      ...(closures.length > 0 ? { closures } : {}),
      name,
      baseId,
      fromForecast: baseId,
    };
    return forecasts.run(args, by, 'what-if');
  }

  return {
    run,
    compare(baseId: string, otherId: string): WhatIfDifference {
      return compareForecasts(gridsOf(baseId), gridsOf(otherId));
    },
    /** The road segments a what-if closes, with the water on them in that run. */
    closuresOf(id: string): { closures: ClosedRoad[]; alertsCovered: number } {
      const record = forecasts.get(id);
      const ids = (record?.inputs as Partial<ForecastArgs> | undefined)?.closures ?? [];
      const impacts = new Map((record?.impacts ?? []).map((i) => [i.id, i]));
      const closures = ids.map((road): ClosedRoad => {
        const at = impacts.get(road);
        const peakDepth = at?.peakDepth ?? 0;
        return { id: road, name: at?.name ?? road, peakDepth, arrivalSeconds: at?.arrivalSeconds ?? null, alertCovered: peakDepth >= alertDepth };
      });
      return { closures, alertsCovered: closures.filter((c) => c.alertCovered).length };
    },
    /** Tries each candidate placement in its own run from the base's start; drafts the ones that help, best first. */
    async rank(baseId: string, by: Actor | 'system'): Promise<RankedPlacement[]> {
      baseOf(baseId);
      const base = gridsOf(baseId);
      const ranked: RankedPlacement[] = [];
      for (const c of candidatePlacements(base.impacts)) {
        const { done } = run(baseId, `${c.kind === 'pump' ? 'Pump' : 'Wall'} at ${c.target.name}`, [c.edit], by);
        const result = await done;
        if (result.state !== 'completed') throw new PolderError('unavailable', `The what-if run for ${c.target.name} ${result.state}${result.error ? `: ${result.error}` : ''}`);
        ranked.push({ edit: c.edit, kind: c.kind, target: c.target.id, targetName: c.target.name, depthRemoved: depthRemoved(base, gridsOf(result.id)), whatIfId: result.id });
      }
      ranked.sort((a, b) => b.depthRemoved - a.depthRemoved || a.target.localeCompare(b.target));
      const helpful = ranked.filter((r) => r.depthRemoved > 0.005);
      options.draft(
        baseId,
        helpful.map((r, k) => ({
          kind: r.kind,
          target: r.target,
          department: 'works',
          title: r.kind === 'pump' ? `Place a ${candidatePump} m³/s pump at ${r.targetName}` : `Put up a ${candidateWall.height} m flood barrier around ${r.targetName}`,
          description: `Ranked ${k + 1} of ${helpful.length}: removes ${r.depthRemoved.toFixed(2)} m of peak depth at the assets at risk (what-if run ${r.whatIfId}).`,
          priority: k === 0 ? 'high' : 'normal',
          edit: r.edit,
        })),
      );
      options.activity(by, `Pump and barrier placements ranked for forecast ${baseId}: ${helpful.length} of ${ranked.length} remove water at the assets at risk`);
      return ranked;
    },
  };
}
