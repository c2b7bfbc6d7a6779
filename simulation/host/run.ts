// Runs a simulation to its end in chunks, yielding to the event loop between chunks so stop,
// pause and what-if edits are seen at the next step; samples probes, accumulates the hazard
// classes and reports progress and depth frames.
import { classifyHazard } from '../scenario/hazard.ts';
import type { ProbeSample } from '../scenario/types.ts';
import type { EngineModel, EngineOptions, Scheme } from '../engine/model.ts';
import { schemeForTerrain } from '../engine/scheme-choice.ts';
import { createSimulation, type Edit, type MassBalance } from '../engine/simulation.ts';
import type { EngineSnapshot } from '../engine/snapshot.ts';
import { threadTeam } from './thread-team.ts';
import { stopwatchMs } from './stopwatch.ts';

export interface ProbePoint {
  id: string;
  x: number;
  y: number;
  cell: number;
}

export interface ProbeSummary {
  id: string;
  x: number;
  y: number;
  /** m; 0 if the probe never got wet. */
  maxDepth: number;
  /** Ground + maxDepth (m). */
  maxStage: number;
  /** First time (s) deeper than the wet threshold, or null. */
  arrivalTime: number | null;
}

export interface Progress {
  time: number;
  durationSeconds: number;
  steps: number;
  wallSeconds: number;
  massErrorPercent: number;
}

export interface Frame {
  time: number;
  nx: number;
  ny: number;
  /** Depth (m) per cell, row 0 north; a copy the receiver may keep or transfer. */
  depth: Float32Array;
  /** Peak depth (m) so far per cell; a copy. */
  maxDepth: Float32Array;
  /** First time (s) deeper than the wet threshold per cell, -1 where not yet; a copy. */
  arrival: Float32Array;
  /** Peak hazard class so far per cell (0 dry, 1–6 = ARR H1–H6, as of the latest sample); a copy. */
  hazard: Uint8Array;
  probes: { id: string; depth: number; stage: number }[];
}

export interface RunSummary {
  scheme: EngineOptions['scheme'];
  /** Every engine setting the run used, defaults included. */
  engine: EngineOptions;
  /** Probe samples were taken every this many simulated seconds. */
  sampleIntervalSeconds: number;
  /** Simulated time (s) the run started from: 0, or the saved state's time when resuming. */
  startSeconds: number;
  threads: number;
  cells: number;
  activeCells: number;
  steps: number;
  simulatedSeconds: number;
  wallSeconds: number;
  cellUpdates: number;
  cellUpdatesPerSecond: number;
  massErrorPercent: number;
  massBalance: MassBalance;
  probes: ProbeSummary[];
  stopped: boolean;
}

/** Ends a run before its duration once the flood is steady: over the last `windowSeconds` no
 * cell's peak depth grew by more than `depthTolerance` (m) and the water stored changed by at
 * most `storageTolerance` of it, while the rain, inflows and boundary levels hold their values to
 * the end. Constant forcing on a steady flood keeps it so: the peaks of the rest of the run are
 * those already reached (within the tolerance). Checked at the probe sampling times. */
export interface SteadyExit {
  windowSeconds: number;
  depthTolerance: number;
  storageTolerance: number;
}

export interface RunResult {
  summary: RunSummary;
  /** Simulated time (s) the run ended at because the flood was steady; null when it ran to its
   * duration (or was stopped). */
  steadyAt: number | null;
  samples: ProbeSample[];
  grids: {
    depth: Float32Array;
    maxDepth: Float32Array;
    maxSpeed: Float32Array;
    /** s; -1 where never wet. */
    arrival: Float32Array;
    /** 0 dry, 1–6 = ARR H1–H6, the worst seen at any sample. */
    hazard: Uint8Array;
  };
  /** The engine state at the end, to resume from; only when `saveState` was asked. */
  state?: EngineSnapshot;
}

/** Depth and speed per cell at one chosen time (copies). */
export interface GridSnapshot {
  time: number;
  depth: Float32Array;
  /** m/s; 0 where shallower than the wet depth. */
  speed: Float32Array;
}

/** What the caller can do to a running simulation; checked between chunks of steps. */
export interface RunControl {
  stop: boolean;
  paused: boolean;
  /** Resolves when `paused` turns false again (the caller calls `resume`). */
  resumed: Promise<void>;
  edits: Edit[];
  /** Each is called once, between two steps, with the engine state as it then stands (a hot
   * start for another run, e.g. a forecast from the live state). */
  snapshotRequests?: ((state: EngineSnapshot) => void)[];
  /** Simulated time (s) reached so far; the runner keeps it up to date. */
  time: number;
  /** Called for each edit taken from `edits`: null when applied, else why not. */
  onEdit?(edit: Edit, error: string | null): void;
}

export function runControl(): RunControl & { pause(): void; resume(): void } {
  let release: () => void = () => {};
  const control: RunControl & { pause(): void; resume(): void } = {
    stop: false,
    paused: false,
    resumed: Promise.resolve(),
    edits: [],
    snapshotRequests: [],
    time: 0,
    pause() {
      if (control.paused) return;
      control.paused = true;
      control.resumed = new Promise((resolve) => (release = resolve));
    },
    resume() {
      control.paused = false;
      release();
    },
  };
  return control;
}

export interface RunOptions {
  model: EngineModel;
  engine?: Partial<EngineOptions>;
  threads?: number;
  /** Simulated time (s) to stop at, counted from the start of the run (of the run that saved
   * `initialState`, when resuming). */
  durationSeconds: number;
  /** Resume from this saved state instead of starting at t = 0 (the engine's envelopes, books
   * and probe peaks go on; this run's probe samples and hazard classes start at the resumed time). */
  initialState?: EngineSnapshot;
  /** Return the engine state at the end (`RunResult.state`). */
  saveState?: boolean;
  probes?: ProbePoint[];
  /** Probe samples and hazard classification, every this many simulated seconds. */
  sampleIntervalSeconds?: number;
  /** Depth frames every this many simulated seconds; none when absent. */
  frameIntervalSeconds?: number;
  /** Simulated times (s) at which `onGrids` receives the depth and speed grids. */
  gridTimes?: number[];
  onGrids?(grids: GridSnapshot): void;
  /** Monotonic milliseconds, for wall time and progress pacing. */
  now?: () => number;
  /** Least wall time (ms) between progress reports. */
  progressEveryMs?: number;
  control?: RunControl;
  onProgress?(progress: Progress): void;
  onFrame?(frame: Frame): void;
  /** Called once the engine and its threads are ready, before the first step. */
  onStart?(): void;
  steadyExit?: SteadyExit;
  /** Leave out the speed grid of `onGrids` (zeros) when the receiver uses depths alone. */
  gridsDepthOnly?: boolean;
}

/** The run's view of a window of the flood: peaks and the water stored at its start. */
interface SteadyMark {
  time: number;
  maxDepth: Float32Array;
  stored: number;
}

function steadySince(mark: SteadyMark, maxDepth: Float32Array, stored: number, exit: SteadyExit): boolean {
  if (Math.abs(stored - mark.stored) > exit.storageTolerance * Math.max(stored, mark.stored)) return false;
  for (let i = 0; i < maxDepth.length; i++) if (maxDepth[i]! - mark.maxDepth[i]! > exit.depthTolerance) return false;
  return true;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The scheme a run uses: the one asked for, else a resumed state's, else the terrain's choice. */
export function schemeOf(model: EngineModel, engine: Partial<EngineOptions> | undefined, initialState?: EngineSnapshot): Scheme {
  return engine?.scheme ?? initialState?.scheme ?? schemeForTerrain(model).scheme;
}

export async function runSimulation(opts: RunOptions): Promise<RunResult> {
  const { model } = opts;
  const now = opts.now ?? stopwatchMs;
  const threads = opts.threads ?? 1;
  const duration = opts.durationSeconds;
  if (!(duration > 0)) throw new Error(`duration must be positive, got ${duration} s`);
  const probes = opts.probes ?? [];
  const sampleEvery = opts.sampleIntervalSeconds ?? 10;
  if (!(sampleEvery > 0 && Number.isFinite(sampleEvery))) throw new Error(`the probe interval must be a positive number of seconds, got ${sampleEvery}`);
  const frameEvery = opts.frameIntervalSeconds;
  const control = opts.control ?? runControl();
  const team = threadTeam(threads);
  const sim = createSimulation({
    model,
    options: { ...opts.engine, scheme: schemeOf(model, opts.engine, opts.initialState) },
    threads,
    team: team.team,
    probes: probes.map((p) => ({ id: p.id, cell: p.cell })),
    initialState: opts.initialState,
  });
  try {
    if (!(duration > sim.time)) throw new Error(`the run resumes at ${sim.time} s: its duration (${duration} s, counted from the start) must be later`);
    await team.ready();
    const n = model.nx * model.ny;
    const hazard = new Uint8Array(n);
    const speeds = new Float32Array(n);
    const samples: ProbeSample[] = [];
    const wetDepth = sim.options.wetDepth;
    const sample = () => {
      for (const p of probes) {
        const depth = sim.state.h[p.cell]!;
        samples.push({ time: sim.time, id: p.id, x: p.x, y: p.y, depth, stage: model.ground[p.cell]! + depth });
      }
      classifyHazard(sim.state.h, sim.speeds(speeds), hazard, wetDepth);
    };
    const progress = (): Progress => ({
      time: sim.time,
      durationSeconds: duration,
      steps: sim.steps,
      wallSeconds: (now() - started) / 1000,
      massErrorPercent: sim.massBalance().errorPercent,
    });
    opts.onStart?.();
    const started = now();
    sample();
    let nextSample = sim.time + sampleEvery;
    let nextFrame = frameEvery && frameEvery > 0 ? sim.time + frameEvery : Infinity;
    const startSeconds = sim.time;
    const gridTimes = [...(opts.gridTimes ?? [])].filter((t) => t > startSeconds && t <= duration).sort((a, b) => a - b);
    let lastProgress = started;
    const steadyExit = opts.steadyExit;
    const marks: SteadyMark[] = [];
    let steadyAt: number | null = null;
    /** At a sampling time: whether the flood has been steady over the last window. */
    const isSteady = (): boolean => {
      if (!steadyExit) return false;
      const stored = sim.massBalance().stored;
      while (marks.length > 1 && sim.time - marks[1]!.time >= steadyExit.windowSeconds - 1e-9) marks.shift();
      const oldest = marks[0];
      const steady = oldest !== undefined && sim.time - oldest.time >= steadyExit.windowSeconds - 1e-9 && sim.forcingHeldFrom(sim.time) && steadySince(oldest, sim.state.maxDepth, stored, steadyExit);
      marks.push({ time: sim.time, maxDepth: Float32Array.from(sim.state.maxDepth), stored });
      return steady;
    };
    isSteady();
    const progressEvery = opts.progressEveryMs ?? 250;
    while (sim.time < duration - 1e-9 && !control.stop) {
      for (const take of control.snapshotRequests?.splice(0) ?? []) take(sim.snapshotState());
      for (const edit of control.edits.splice(0)) {
        try {
          sim.edit(edit);
          control.onEdit?.(edit, null);
        } catch (error) {
          control.onEdit?.(edit, error instanceof Error ? error.message : String(error));
        }
      }
      if (control.paused) {
        await control.resumed;
        continue;
      }
      const stopAt = Math.min(nextSample, nextFrame, gridTimes[0] ?? Infinity, duration);
      const chunkStart = now();
      do sim.advance(stopAt, 16);
      while (sim.time < stopAt - 1e-9 && now() - chunkStart < 40);
      control.time = sim.time;
      while (gridTimes.length > 0 && sim.time >= gridTimes[0]! - 1e-9) {
        gridTimes.shift();
        opts.onGrids?.({ time: sim.time, depth: Float32Array.from(sim.state.h), speed: opts.gridsDepthOnly ? new Float32Array(n) : sim.speeds() });
      }
      if (sim.time >= nextSample - 1e-9) {
        sample();
        nextSample += sampleEvery;
        if (isSteady()) steadyAt = sim.time;
      }
      if (sim.time >= nextFrame - 1e-9) {
        opts.onFrame?.({
          time: sim.time,
          nx: model.nx,
          ny: model.ny,
          depth: Float32Array.from(sim.state.h),
          maxDepth: Float32Array.from(sim.state.maxDepth),
          arrival: Float32Array.from(sim.state.arrival),
          hazard: Uint8Array.from(hazard),
          probes: probes.map((p) => ({ id: p.id, depth: sim.state.h[p.cell]!, stage: model.ground[p.cell]! + sim.state.h[p.cell]! })),
        });
        nextFrame += frameEvery!;
      }
      if (now() - lastProgress >= progressEvery) {
        lastProgress = now();
        opts.onProgress?.(progress());
      }
      if (steadyAt !== null) break;
      await yieldToEventLoop();
    }
    if (samples.length === 0 || samples[samples.length - 1]!.time !== sim.time) sample();
    const wallSeconds = (now() - started) / 1000;
    opts.onProgress?.(progress());
    const massBalance = sim.massBalance();
    const maxDepths = sim.probeMaxDepth();
    const arrivals = sim.probeArrival();
    let activeCells = 0;
    for (let i = 0; i < n; i++) if (!model.solid[i]) activeCells++;
    return {
      summary: {
        scheme: sim.options.scheme,
        engine: { ...sim.options },
        sampleIntervalSeconds: sampleEvery,
        startSeconds,
        threads,
        cells: n,
        activeCells,
        steps: sim.steps,
        simulatedSeconds: sim.time,
        wallSeconds,
        cellUpdates: sim.cellUpdates,
        cellUpdatesPerSecond: wallSeconds > 0 ? sim.cellUpdates / wallSeconds : 0,
        massErrorPercent: massBalance.errorPercent,
        massBalance,
        probes: probes.map((p, k) => ({
          id: p.id,
          x: p.x,
          y: p.y,
          maxDepth: maxDepths[k]!,
          maxStage: model.ground[p.cell]! + maxDepths[k]!,
          arrivalTime: arrivals[k]! >= 0 ? arrivals[k]! : null,
        })),
        stopped: control.stop,
      },
      steadyAt,
      samples,
      grids: {
        depth: Float32Array.from(sim.state.h),
        maxDepth: Float32Array.from(sim.state.maxDepth),
        maxSpeed: Float32Array.from(sim.state.maxSpeed),
        arrival: Float32Array.from(sim.state.arrival),
        hazard,
      },
      ...(opts.saveState ? { state: sim.snapshotState() } : {}),
    };
  } finally {
    sim.close();
  }
}
