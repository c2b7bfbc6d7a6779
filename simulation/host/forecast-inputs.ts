// What a forecast runs with: the water it starts from and the rain and inflows of the next
// minutes. Today they come from the scenario (persistence of the rate at the start, or a given
// rain-forecast series); live readings plug in here by passing their own series.
import { seriesAt, type EngineModel, type Rainfall, type Series } from '../engine/model.ts';
import type { EngineSnapshot } from '../engine/snapshot.ts';
import type { GaugeObservation } from './assimilate.ts';

export interface PlainSeries {
  times: number[];
  values: number[];
}

export interface ForecastInputs {
  /** The state to start from (a live run's, or a saved one); null starts at the scenario's t = 0. */
  start: EngineSnapshot | null;
  /** How far ahead to run (s). */
  aheadSeconds: number;
  /** Rain and inflows not given below: 'scenario' follows the scenario's own series (as the
   * start state has them, what-if edits included); 'persistence' holds the rate at the start. */
  basis?: 'scenario' | 'persistence';
  /** Uniform rain (mm/h), seconds from the forecast start (a rain forecast). */
  rain?: PlainSeries | null;
  /** Inflow discharges (m³/s) by inflow id, seconds from the forecast start (a flow forecast or
   * the latest readings). */
  inflows?: Record<string, PlainSeries>;
  /** Gauge levels observed at the start: the start state is nudged toward them (assimilation). */
  observations?: GaugeObservation[];
}

/** What each ensemble member multiplies the rain and inflows by: one member is the plain
 * forecast; n members spread evenly over ±spread around it. */
export function memberScales(members: number, spread = 0.4): number[] {
  if (!Number.isInteger(members) || members < 1) throw new Error(`an ensemble needs a whole number of members ≥ 1, got ${members}`);
  if (members === 1) return [1];
  return Array.from({ length: members }, (_, k) => 1 + spread * ((2 * k) / (members - 1) - 1));
}

const shifted = (series: PlainSeries, t0: number, scale: number): Series => {
  if (series.times.length === 0 || series.times.length !== series.values.length) throw new Error(`a forecast series needs as many times as values (got ${series.times.length} and ${series.values.length})`);
  return { times: series.times.map((t) => t + t0), values: series.values.map((v) => Math.max(0, v * scale)) };
};

const scaled = (series: Series, scale: number): Series => ({ times: Array.from(series.times), values: Array.from(series.values, (v) => Math.max(0, v * scale)) });

const held = (value: number, t0: number, scale: number): Series => ({ times: [t0], values: [Math.max(0, value * scale)] });

function scaledRain(rainfall: Rainfall, scale: number): Rainfall {
  if (!rainfall) return null;
  if (rainfall.kind === 'uniform') return { kind: 'uniform', intensity: { times: rainfall.intensity.times, values: Array.from(rainfall.intensity.values, (v) => v * scale) } };
  return { kind: 'gridded', times: rainfall.times, frames: rainfall.frames.map((f) => f.map((v) => v * scale)) };
}

/** The rain at `t` held from then on (gridded rain: the frame in force at `t`). */
function persistedRain(rainfall: Rainfall, t: number): Rainfall {
  if (!rainfall) return null;
  if (rainfall.kind === 'uniform') return { kind: 'uniform', intensity: { times: [t], values: [seriesAt(rainfall.intensity, t)] } };
  let k = 0;
  while (k + 1 < rainfall.times.length && rainfall.times[k + 1]! <= t) k++;
  return { kind: 'gridded', times: [t], frames: [rainfall.frames[k]!] };
}

/** The model and start state of one ensemble member: the rain and inflows of the inputs,
 * scaled. The start state's own hydrographs are replaced (a resumed run follows those). */
export function memberSetup(model: EngineModel, inputs: ForecastInputs, scale: number, wetDepth: number): { model: EngineModel; start: EngineSnapshot | undefined; t0: number } {
  const t0 = inputs.start?.time ?? 0;
  const persist = inputs.basis === 'persistence';
  const current = new Map(model.inflows.map((f) => [f.id, f.hydrograph as Series]));
  for (const { id, hydrograph } of inputs.start?.hydrographs ?? []) current.set(id, hydrograph);
  for (const id of Object.keys(inputs.inflows ?? {})) if (!current.has(id)) throw new Error(`the forecast names an inflow "${id}" the scenario has not (it has ${[...current.keys()].join(', ') || 'none'})`);
  const hydrographs = new Map<string, Series>();
  for (const [id, series] of current) {
    const given = inputs.inflows?.[id];
    hydrographs.set(id, given ? shifted(given, t0, scale) : persist ? held(seriesAt(series, t0), t0, scale) : scaled(series, scale));
  }
  const rainfall: Rainfall = inputs.rain ? { kind: 'uniform', intensity: shifted(inputs.rain, t0, scale) } : scaledRain(persist ? persistedRain(model.rainfall, t0) : model.rainfall, scale);
  const memberModel: EngineModel = { ...model, rainfall, inflows: model.inflows.map((f) => ({ ...f, hydrograph: hydrographs.get(f.id)! })) };
  const start = inputs.start ? forecastStart(inputs.start, hydrographs, wetDepth) : undefined;
  return { model: memberModel, start, t0 };
}

/** The start state with the forecast's hydrographs and its envelopes begun afresh, so peaks and
 * arrivals are the forecast window's (water already there counts as arriving at the start). */
function forecastStart(state: EngineSnapshot, hydrographs: Map<string, Series>, wetDepth: number): EngineSnapshot {
  const { h } = state.arrays;
  const arrival = new Float32Array(h.length);
  for (let i = 0; i < h.length; i++) arrival[i] = h[i]! > wetDepth ? state.time : -1;
  return {
    ...state,
    hydrographs: state.hydrographs.map(({ id }) => ({ id, hydrograph: { times: Array.from(hydrographs.get(id)!.times), values: Array.from(hydrographs.get(id)!.values) } })),
    probes: state.probes.map((p) => ({ id: p.id, maxDepth: 0, arrival: -1 })),
    arrays: { ...state.arrays, maxDepth: Float32Array.from(h), maxSpeed: new Float32Array(h.length), arrival },
  };
}
