// The engine process's side of the protocol: one run at a time, loaded from a scenario pack,
// with what-if edits turned from map coordinates into engine cells and applied at the next step.
import { resolve } from 'node:path';
import type { z } from 'zod';
import type { Edit } from '../engine/simulation.ts';
import { cellAt, gridCoordinates } from '../scenario/grid.ts';
import { loadScenario } from '../scenario/load.ts';
import { resolveScenarioDir } from '../scenario/summary.ts';
import type { GridGeometry } from '../scenario/types.ts';
import { assetRisks, riskAssets } from './asset-risk.ts';
import { displayFrame } from './display-frame.ts';
import { checkObservations, meanAbsError, prepareOutputs, writeRunOutputs, type OutputSummary } from './outputs.ts';
import { HostRequest, type HostEvent, type WhatIfEdit } from './protocol.ts';
import { runControl, runSimulation, schemeOf, type ProbePoint } from './run.ts';
import type { EngineSnapshot } from '../engine/snapshot.ts';
import type { LoadedScenario } from '../scenario/types.ts';
import { runForecast } from './forecast.ts';
import { scenarioTargets, type ImpactTarget } from './impact-targets.ts';
import type { ForecastStart } from './protocol.ts';
import { defaultProbes, engineModelOf, readEngineSettings } from './scenario-model.ts';
import { spareThreads, type MachineLoad } from './spare-threads.ts';

export interface EngineServiceDeps {
  post(event: HostEvent, transfer?: ArrayBuffer[]): void;
  resourcesDir: string;
  /** Monotonic milliseconds (wall time of runs, progress pacing). */
  now?: () => number;
  /** The machine's load: a forecast that asks no threads then takes up to two cores, and a
   * one-member forecast's team only the cores other work leaves (results do not depend on it);
   * without it, the threads asked, else one. */
  machineLoad?: () => MachineLoad;
}

type StartRequest = Extract<z.output<typeof HostRequest>, { type: 'start' }>;
type ForecastRequest = Extract<z.output<typeof HostRequest>, { type: 'forecast' }>;

/** Forecast start states kept for what-if reruns (each up to a few tens of MB on a large grid). */
const keptStarts = 4;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A what-if edit in engine terms, or why it cannot be one on this grid. */
export function toEngineEdit(edit: WhatIfEdit, grid: GridGeometry): Edit {
  const cell = (x: number, y: number, what: string) => {
    const c = cellAt(grid, x, y);
    if (c < 0) throw new Error(`${what} at (${x}, ${y}) lies outside the scenario grid`);
    return c;
  };
  switch (edit.kind) {
    case 'addPump':
      return {
        kind: 'addPump',
        pump: {
          id: edit.id,
          cell: cell(edit.x, edit.y, `pump ${edit.id}`),
          capacity: edit.capacity,
          dischargeCell: edit.dischargeTo ? cell(edit.dischargeTo[0], edit.dischargeTo[1], `pump ${edit.id} discharge`) : null,
        },
      };
    case 'removePump':
      return { kind: 'removePump', id: edit.id };
    case 'addBarrier':
      return { kind: 'addBarrier', barrier: { id: edit.id, line: edit.line.map(([x, y]) => gridCoordinates(grid, x, y)), height: edit.height } };
    case 'removeBarrier':
      return { kind: 'removeBarrier', id: edit.id };
    case 'setInflow': {
      if ((edit.discharge === undefined) === (edit.hydrograph === undefined)) throw new Error(`inflow ${edit.id}: give either discharge or hydrograph`);
      if (edit.discharge !== undefined) return { kind: 'setInflow', id: edit.id, hydrograph: { times: [0], values: [edit.discharge] } };
      const { times, values } = edit.hydrograph!;
      if (times.length !== values.length) throw new Error(`inflow ${edit.id}: ${times.length} times but ${values.length} values`);
      for (let k = 1; k < times.length; k++) if (!(times[k]! > times[k - 1]!)) throw new Error(`inflow ${edit.id}: hydrograph times must increase`);
      return { kind: 'setInflow', id: edit.id, hydrograph: { times, values } };
    }
  }
}

interface ActiveRun {
  control: ReturnType<typeof runControl>;
  /** Known once the scenario has loaded; edits before that wait in `early`. */
  grid: GridGeometry | null;
  /** The pack folder, once resolved. */
  dir: string | null;
  early: WhatIfEdit[];
  done: Promise<void>;
}

export function createEngineService(deps: EngineServiceDeps) {
  const { post } = deps;
  let run: ActiveRun | null = null;
  const sources = new Map<Edit, WhatIfEdit>();
  /** The end state of the last run that finished, a forecast's start when no run is live. */
  let lastState: { dir: string; state: EngineSnapshot } | null = null;
  /** The pack forecasts last used, loaded once. */
  let forecastPack: { dir: string; scenario: LoadedScenario; targets: ImpactTarget[] } | null = null;
  /** The start states of the newest forecasts, for what-if reruns from the same start. */
  const starts = new Map<string, { dir: string; start: { state: EngineSnapshot | null; from: ForecastStart } }>();
  let forecasting: { id: string; control: ReturnType<typeof runControl>; done: Promise<void> } | null = null;

  function queueEdit(edit: WhatIfEdit, grid: GridGeometry): void {
    try {
      const engineEdit = toEngineEdit(edit, grid);
      sources.set(engineEdit, edit);
      run?.control.edits.push(engineEdit);
    } catch (error) {
      post({ type: 'editRejected', edit, message: message(error) });
    }
  }

  async function start(req: StartRequest, current: ActiveRun): Promise<void> {
    const dir = resolveScenarioDir(req.scenario, deps.resourcesDir);
    current.dir = dir;
    const scenario = await loadScenario(dir);
    const asked = { ...readEngineSettings(dir), ...(req.scheme ? { scheme: req.scheme } : {}) };
    const durationSeconds = req.durationSeconds ?? scenario.durationSeconds;
    if (!durationSeconds) throw new Error(`scenario ${scenario.name} sets no duration: give durationSeconds`);
    let probes: ProbePoint[] = defaultProbes(scenario);
    if (req.probes) {
      probes = req.probes.map((p) => {
        const cell = cellAt(scenario.grid, p.x, p.y);
        if (cell < 0) throw new Error(`probe ${p.id} at (${p.x}, ${p.y}) lies outside the scenario grid`);
        return { ...p, cell };
      });
    }
    const threads = req.threads ?? 1;
    // checked before the run: results are never lost to an output that could not be written
    const outputs = req.outDir ? prepareOutputs(resolve(req.outDir), scenario) : null;
    current.grid = scenario.grid;
    for (const edit of current.early.splice(0)) queueEdit(edit, scenario.grid);
    current.control.onEdit = (edit, error) => {
      const source = sources.get(edit);
      sources.delete(edit);
      if (!source) return;
      post(error === null ? { type: 'edited', edit: source } : { type: 'editRejected', edit: source, message: error });
    };
    const model = engineModelOf(scenario);
    const engine = { ...asked, scheme: schemeOf(model, asked) };
    const assetsAtRisk = riskAssets(scenario);
    const result = await runSimulation({
      model,
      engine,
      threads,
      durationSeconds,
      probes,
      sampleIntervalSeconds: req.sampleIntervalSeconds,
      frameIntervalSeconds: req.frameIntervalSeconds,
      now: deps.now,
      control: current.control,
      saveState: true,
      onStart: () =>
        post({
          type: 'started',
          scenario: scenario.name,
          title: scenario.title,
          crs: scenario.crs.epsg,
          grid: scenario.grid,
          durationSeconds,
          scheme: engine.scheme,
          threads,
          probes: probes.map(({ id, x, y }) => ({ id, x, y })),
        }),
      onProgress: (p) => post({ type: 'progress', ...p }),
      onFrame: (frame) => {
        const view = displayFrame(frame, durationSeconds);
        post({ type: 'frame', time: frame.time, durationSeconds, view, probes: frame.probes, assets: assetRisks(assetsAtRisk, frame) }, [view.grids.buffer as ArrayBuffer]);
      },
    });
    if (result.state) lastState = { dir, state: result.state };
    const outDir = outputs?.dir ?? null;
    let summary: OutputSummary;
    if (outputs) summary = writeRunOutputs(outputs, scenario, result);
    else {
      const observations = checkObservations(scenario, result.summary);
      summary = { scenario: scenario.name, ...result.summary, observations, observationMeanAbsError: meanAbsError(observations), grids: {}, snapshots: [] };
    }
    const { grids } = result;
    const { nx, ny } = scenario.grid;
    const assets = assetRisks(assetsAtRisk, grids);
    const time = result.summary.simulatedSeconds;
    const finalProbes = probes.map((p) => ({ id: p.id, depth: grids.depth[p.cell]!, stage: model.ground[p.cell]! + grids.depth[p.cell]! }));
    const view = displayFrame({ nx, ny, depth: grids.depth, arrival: grids.arrival, hazard: grids.hazard }, durationSeconds);
    post({ type: 'finished', summary, outDir, assets, final: { time, durationSeconds, view, probes: finalProbes, assets } }, [view.grids.buffer as ArrayBuffer]);
  }

  async function packFor(dir: string) {
    if (forecastPack?.dir !== dir) {
      const scenario = await loadScenario(dir);
      forecastPack = { dir, scenario, targets: scenarioTargets(scenario) };
    }
    return forecastPack;
  }

  /** The state a forecast starts from, and which one it is. */
  /** Keeps a forecast's start (a rerun shares its base's, which counts as used again), dropping
   * the least recently used once more than `keptStarts` distinct states are kept. */
  function keepStart(req: ForecastRequest, entry: { dir: string; start: { state: EngineSnapshot | null; from: ForecastStart } }): void {
    const base = req.fromForecast ? starts.get(req.fromForecast) : undefined;
    if (base && req.fromForecast) {
      starts.delete(req.fromForecast);
      starts.set(req.fromForecast, base);
    }
    starts.set(req.id, base ?? entry);
    while (new Set([...starts.values()].map((e) => e.start.state)).size > keptStarts) starts.delete(starts.keys().next().value!);
  }

  async function forecastStart(req: ForecastRequest, dir: string): Promise<{ state: EngineSnapshot | null; from: ForecastStart }> {
    if (req.fromForecast) {
      const earlier = starts.get(req.fromForecast);
      if (!earlier || earlier.dir !== dir) throw new Error(`the start of forecast ${req.fromForecast} is no longer kept in the engine: run a new forecast first`);
      return earlier.start;
    }
    if (req.from === 'current') {
      const live = run;
      // a paused run takes no snapshot until it resumes: its last finished sibling or t = 0 then
      if (live && live.dir === dir && live.grid && !live.control.paused) {
        const taken = new Promise<EngineSnapshot>((take) => live.control.snapshotRequests!.push(take));
        const state = await Promise.race([taken, live.done.then(() => null)]);
        if (state) return { state, from: 'live' };
      }
      if (lastState?.dir === dir) return { state: lastState.state, from: 'last-run' };
    }
    return { state: null, from: 'scenario-start' };
  }

  async function forecast(req: ForecastRequest, control: ReturnType<typeof runControl>): Promise<void> {
    const dir = resolveScenarioDir(req.scenario, deps.resourcesDir);
    const { scenario, targets } = await packFor(dir);
    const edits = req.edits.map((edit) => toEngineEdit(edit, scenario.grid));
    const start = await forecastStart(req, dir);
    keepStart(req, { dir, start });
    const engine = { ...readEngineSettings(dir), ...(start.state ? { scheme: start.state.scheme } : {}) };
    const inputs = { start: start.state, aheadSeconds: req.aheadSeconds, basis: req.basis, ...(req.rain !== undefined ? { rain: req.rain } : {}), ...(req.inflows ? { inflows: req.inflows } : {}), ...(req.observations ? { observations: req.observations } : {}) };
    // unasked, a forecast may take two cores (the app asks none): an ensemble's members then run
    // side by side, which never wait on one another; a one-member team waits every step, so it
    // takes only the cores other work leaves
    const machine = deps.machineLoad?.();
    const asked = req.threads ?? (machine ? Math.min(2, machine.cores) : 1);
    const threads = req.members === 1 && machine ? spareThreads(asked, machine) : asked;
    const outcome = await runForecast(scenario, targets, { inputs, members: req.members, edits, engine, threads }, control, (p) => post({ type: 'forecastProgress', id: req.id, ...p }), deps.now);
    if (!outcome) {
      post({ type: 'forecastEnded', id: req.id, outcome: 'cancelled', message: 'the forecast was cancelled' });
      return;
    }
    const { grids } = outcome;
    post({ type: 'forecastDone', id: req.id, scenario: scenario.name, startedFrom: start.from, outcome }, [grids.maxDepth.buffer as ArrayBuffer, grids.arrival.buffer as ArrayBuffer, grids.probability.buffer as ArrayBuffer]);
  }

  function startForecast(req: ForecastRequest): void {
    const previous = forecasting;
    if (previous) previous.control.stop = true;
    const control = runControl();
    const mine = { id: req.id, control, done: Promise.resolve() };
    forecasting = mine;
    mine.done = (previous?.done ?? Promise.resolve())
      .then(() => (control.stop ? post({ type: 'forecastEnded', id: req.id, outcome: 'cancelled', message: 'the forecast was cancelled' }) : forecast(req, control)))
      .catch((error) => post({ type: 'forecastEnded', id: req.id, outcome: 'failed', message: message(error) }))
      .finally(() => {
        if (forecasting === mine) forecasting = null;
      });
  }

  return {
    handle(raw: unknown): void {
      const parsed = HostRequest.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        post({ type: 'error', message: `bad request: ${issue.path.join('.') || 'message'}: ${issue.message}` });
        return;
      }
      const req = parsed.data;
      if (req.type === 'forecast') {
        startForecast(req);
        return;
      }
      if (req.type === 'cancelForecast') {
        if (forecasting?.id === req.id) forecasting.control.stop = true;
        return;
      }
      if (req.type === 'start') {
        if (run) {
          post({ type: 'error', message: 'a simulation is already running: stop it first' });
          return;
        }
        const current: ActiveRun = { control: runControl(), grid: null, dir: null, early: [], done: Promise.resolve() };
        run = current;
        current.done = start(req, current)
          .catch((error) => post({ type: 'error', message: message(error) }))
          .finally(() => {
            if (run === current) run = null;
          });
        return;
      }
      if (!run) {
        post({ type: 'error', message: `no simulation is running (got ${req.type})` });
        return;
      }
      const { control } = run;
      switch (req.type) {
        case 'edit':
          if (run.grid) queueEdit(req.edit, run.grid);
          else run.early.push(req.edit);
          return;
        case 'pause':
          control.pause();
          post({ type: 'paused', time: control.time });
          return;
        case 'resume':
          control.resume();
          post({ type: 'resumed', time: control.time });
          return;
        case 'stop':
          control.stop = true;
          control.resume();
          return;
      }
    },
    /** Resolves when no run is in progress. */
    async idle(): Promise<void> {
      while (run || forecasting) await (run ?? forecasting)!.done;
    },
  };
}
