// The leader's side of a run: the time step, sources and sinks (inflows, rain, pumps), edits
// applied between steps, the mass balance and the probes. The cell work itself is done by
// the scheme's passes, through a Team of one or more threads sharing the state.
import { applyBarriers, buildFaceCrests } from './faces.ts';
import { hllWork } from './hll-work.ts';
import { inertialWork } from './inertial.ts';
import { defaultOptions, seriesAt, seriesHeldFrom, type Barrier, type EngineModel, type EngineOptions, type Pump, type Series } from './model.ts';
import { copyArrays, plainSeries, restoreArrays, snapshotMismatch, SNAPSHOT_FORMAT, type EngineSnapshot } from './snapshot.ts';
import { checkEdgeSegments, edgeLevelsAt, edgeRuns, setEdgeFaces, trackLevelEdges } from './edges.ts';
import { P, allocateState, type Dims, type SolverState } from './state.ts';
import { soloTeam, type StepWork, type Team } from './team.ts';

export type Edit =
  | { kind: 'addPump'; pump: Pump }
  | { kind: 'removePump'; id: string }
  | { kind: 'addBarrier'; barrier: Barrier }
  | { kind: 'removeBarrier'; id: string }
  /** Replaces an inflow's hydrograph; times count from the start of the run. */
  | { kind: 'setInflow'; id: string; hydrograph: Series };

export interface MassBalance {
  /** m³ at t = 0. */
  initial: number;
  inflow: number;
  rain: number;
  boundaryIn: number;
  boundaryOut: number;
  /** Pumped out of the domain. */
  pumpedOut: number;
  /** Pumped from one cell to another (stays in the domain). */
  pumpedMoved: number;
  stored: number;
  /** Volume set back to zero where round-off took a depth below zero. */
  roundOff: number;
  /** stored − (initial + inflow + rain + boundaryIn − boundaryOut − pumpedOut). */
  error: number;
  errorPercent: number;
}

export interface ProbeCell {
  id: string;
  cell: number;
}

export class EngineError extends Error {
  override name = 'EngineError';
}

/** The scheme's step, for the calling thread (each thread of a team calls this once). */
export function workFor(s: SolverState): StepWork {
  return s.dims.scheme === 'inertial' ? inertialWork(s) : hllWork(s);
}

export function dimsFor(model: EngineModel, options: EngineOptions, threads: number): Dims {
  return {
    nx: model.nx,
    ny: model.ny,
    dx: model.cellSize,
    scheme: options.scheme,
    threads,
    theta: options.theta,
    flowDepth: options.flowDepth,
    wetDepth: options.wetDepth,
    gravity: options.gravity,
    vectorFriction: options.friction === 'vector',
  };
}

function validateModel(model: EngineModel): void {
  const n = model.nx * model.ny;
  if (!(model.nx >= 1 && model.ny >= 1 && Number.isInteger(model.nx) && Number.isInteger(model.ny))) throw new EngineError(`grid must be at least 1×1 whole cells, got ${model.nx}×${model.ny}`);
  if (!(model.cellSize > 0)) throw new EngineError(`cell size must be positive, got ${model.cellSize}`);
  for (const [name, arr] of [['ground', model.ground], ['solid', model.solid], ['manning', model.manning]] as const) {
    if (arr.length !== n) throw new EngineError(`${name} has ${arr.length} cells, the grid ${n}`);
  }
  if (model.initialDepth && model.initialDepth.length !== n) throw new EngineError(`initialDepth has ${model.initialDepth.length} cells, the grid ${n}`);
  for (let i = 0; i < n; i++) {
    if (model.solid[i]) continue;
    if (!Number.isFinite(model.ground[i]!)) throw new EngineError(`ground at cell ${i} is not a number`);
    if (!(model.manning[i]! >= 0)) throw new EngineError(`Manning's n at cell ${i} is ${model.manning[i]}`);
    if (model.initialDepth && !(model.initialDepth[i]! >= 0)) throw new EngineError(`initial depth at cell ${i} is ${model.initialDepth[i]}`);
  }
  for (const inflow of model.inflows) for (let k = 0; k < inflow.cells.length; k++) checkCell(model, inflow.cells[k]!, `inflow ${inflow.id}`);
  const segments = checkEdgeSegments(model);
  if (segments) throw new EngineError(segments);
  for (const pump of model.pumps) checkPump(model, pump);
}

function checkCell(model: EngineModel, cell: number, what: string): void {
  if (!Number.isInteger(cell) || cell < 0 || cell >= model.nx * model.ny) throw new EngineError(`${what}: cell ${cell} is outside the grid`);
  if (model.solid[cell]) throw new EngineError(`${what}: cell ${cell} is solid (a wall or outside the domain)`);
}

function checkPump(model: EngineModel, pump: Pump): void {
  checkCell(model, pump.cell, `pump ${pump.id}`);
  if (pump.dischargeCell !== null) checkCell(model, pump.dischargeCell, `pump ${pump.id} discharge`);
  if (!(pump.capacity >= 0 && Number.isFinite(pump.capacity))) throw new EngineError(`pump ${pump.id}: capacity ${pump.capacity} m³/s is not a non-negative number`);
}

export interface SimulationSetup {
  model: EngineModel;
  options?: Partial<EngineOptions>;
  probes?: ProbeCell[];
  /** Builds the team once the state exists (default: the calling thread alone). */
  team?: (s: SolverState) => Team;
  /** Resume from this saved state (`snapshotState()` of a run of the same model and scheme)
   * instead of starting dry or from `model.initialDepth` at t = 0. */
  initialState?: EngineSnapshot;
  threads?: number;
}

export type Simulation = ReturnType<typeof createSimulation>;

export function createSimulation(setup: SimulationSetup) {
  const { model } = setup;
  validateModel(model);
  const options: EngineOptions = { ...defaultOptions(setup.options?.scheme), ...setup.options };
  const threads = setup.threads ?? 1;
  const s = allocateState(dimsFor(model, options, threads));
  const { nx, ny } = model;
  const n = nx * ny;
  const dx = model.cellSize;
  const area = dx * dx;
  const g = options.gravity;
  const hll = options.scheme === 'hll';

  s.z.set(model.ground);
  s.solid.set(model.solid);
  for (let i = 0; i < n; i++) {
    s.n2[i] = model.manning[i]! * model.manning[i]!;
    if (model.solid[i]) s.z[i] = 0;
  }
  if (model.initialDepth) for (let i = 0; i < n; i++) s.h[i] = model.solid[i] ? 0 : model.initialDepth[i]!;
  s.keep.fill(1);
  s.arrival.fill(-1);
  s.wetMin.fill(nx);
  s.wetMax.fill(-1);
  const raining = model.rainfall !== null;
  for (let r = 0; r < ny; r++) {
    let hmax = 0;
    for (let c = 0; c < nx; c++) {
      const d = s.h[r * nx + c]!;
      if (d > 0 || raining) {
        s.wetMin[r] = Math.min(s.wetMin[r]!, c);
        s.wetMax[r] = Math.max(s.wetMax[r]!, c);
      }
      if (d > hmax) hmax = d;
    }
    s.rowSpeed[r] = Math.sqrt(g * hmax);
  }
  const edgeFaces = edgeRuns(model);
  setEdgeFaces(s, edgeFaces, 0);
  trackLevelEdges(s);
  const barriers: Barrier[] = [...model.barriers];
  buildFaceCrests(s, { ...model, barriers });
  const pumps: Pump[] = [...model.pumps];
  const hydrographs = new Map(model.inflows.map((f) => [f.id, f.hydrograph]));
  let openCells = 0;
  for (let i = 0; i < n; i++) if (!model.solid[i]) openCells++;

  const probes = setup.probes ?? [];
  for (const p of probes) if (p.cell < 0 || p.cell >= n) throw new EngineError(`probe ${p.id}: cell ${p.cell} is outside the grid`);
  const probeMaxDepth = new Float64Array(probes.length);
  const probeArrival = new Float64Array(probes.length).fill(-1);

  let initialVolume = 0;
  for (let i = 0; i < n; i++) initialVolume += s.h[i]!;
  initialVolume *= area;
  const volume = { inflow: 0, rain: 0, pumpedOut: 0, pumpedMoved: 0 };
  let time = 0;
  let steps = 0;
  let cellUpdates = 0;
  if (setup.initialState) resume(setup.initialState);
  let breaks = seriesSteps();

  const team = (setup.team ?? soloTeam)(s);
  const work = workFor(s);
  let rainFrame = -1;
  let rainGridSum = 0;

  function resume(saved: EngineSnapshot): void {
    const mismatch = snapshotMismatch(saved, s);
    if (mismatch) throw new EngineError(`cannot resume: ${mismatch}`);
    for (const pump of saved.pumps) checkPump(model, pump);
    for (const { id } of saved.hydrographs) if (!hydrographs.has(id)) throw new EngineError(`cannot resume: the saved state has an inflow "${id}" the model has not`);
    restoreArrays(saved, s);
    for (let i = 0; i < n; i++) if (model.solid[i] && s.h[i] !== 0) throw new EngineError(`cannot resume: the saved state has water in cell ${i}, solid in this model`);
    barriers.splice(0, barriers.length, ...saved.barriers.map((b) => ({ ...b, line: b.line.map(([x, y]) => [x, y] as [number, number]) })));
    applyBarriers(s, barriers);
    pumps.splice(0, pumps.length, ...saved.pumps.map((p) => ({ ...p })));
    for (const { id, hydrograph } of saved.hydrographs) hydrographs.set(id, { times: [...hydrograph.times], values: [...hydrograph.values] });
    for (const probe of saved.probes) {
      const k = probes.findIndex((p) => p.id === probe.id);
      if (k < 0) continue;
      probeMaxDepth[k] = probe.maxDepth;
      probeArrival[k] = probe.arrival;
    }
    initialVolume = saved.volumes.initial;
    Object.assign(volume, { inflow: saved.volumes.inflow, rain: saved.volumes.rain, pumpedOut: saved.volumes.pumpedOut, pumpedMoved: saved.volumes.pumpedMoved });
    time = saved.time;
    steps = saved.steps;
    cellUpdates = saved.cellUpdates;
  }

  function snapshotState(): EngineSnapshot {
    return {
      format: SNAPSHOT_FORMAT,
      scheme: options.scheme,
      nx,
      ny,
      cellSize: dx,
      time,
      steps,
      cellUpdates,
      volumes: { initial: initialVolume, ...volume },
      pumps: pumps.map((p) => ({ ...p })),
      barriers: barriers.map((b) => ({ ...b, line: b.line.map(([x, y]) => [x, y] as [number, number]) })),
      hydrographs: [...hydrographs].map(([id, hydrograph]) => ({ id, hydrograph: plainSeries(hydrograph) })),
      probes: probes.map((p, k) => ({ id: p.id, maxDepth: probeMaxDepth[k]!, arrival: probeArrival[k]! })),
      arrays: copyArrays(s),
    };
  }

  function wet(cell: number): void {
    const r = Math.floor(cell / nx);
    const c = cell - r * nx;
    if (c < s.wetMin[r]!) s.wetMin[r] = c;
    if (c > s.wetMax[r]!) s.wetMax[r] = c;
    const d = s.h[cell]!;
    let speed = Math.sqrt(g * d);
    if (hll && d > options.flowDepth) speed += Math.max(Math.abs(s.hu[cell]!), Math.abs(s.hv[cell]!)) / d;
    if (speed > s.rowSpeed[r]!) s.rowSpeed[r] = speed;
  }

  function applyEdit(edit: Edit): void {
    switch (edit.kind) {
      case 'addPump':
        checkPump(model, edit.pump);
        if (pumps.some((p) => p.id === edit.pump.id)) throw new EngineError(`pump ${edit.pump.id} already exists`);
        pumps.push(edit.pump);
        return;
      case 'removePump': {
        const at = pumps.findIndex((p) => p.id === edit.id);
        if (at < 0) throw new EngineError(`no pump ${edit.id}`);
        pumps.splice(at, 1);
        return;
      }
      case 'addBarrier':
        if (barriers.some((b) => b.id === edit.barrier.id)) throw new EngineError(`barrier ${edit.barrier.id} already exists`);
        if (!(edit.barrier.height > 0)) throw new EngineError(`barrier ${edit.barrier.id}: height must be positive`);
        if (edit.barrier.line.length < 2) throw new EngineError(`barrier ${edit.barrier.id}: a line needs two points`);
        barriers.push(edit.barrier);
        applyBarriers(s, barriers);
        return;
      case 'removeBarrier': {
        const at = barriers.findIndex((b) => b.id === edit.id);
        if (at < 0) throw new EngineError(`no barrier ${edit.id}`);
        barriers.splice(at, 1);
        applyBarriers(s, barriers);
        return;
      }
      case 'setInflow':
        if (!hydrographs.has(edit.id)) throw new EngineError(`no inflow ${edit.id}`);
        if (edit.hydrograph.times.length === 0 || edit.hydrograph.times.length !== edit.hydrograph.values.length) throw new EngineError(`inflow ${edit.id}: the hydrograph needs matching times and values`);
        hydrographs.set(edit.id, edit.hydrograph);
        breaks = seriesSteps();
        return;
    }
  }

  function nextStep(limit: number): number {
    let speed = 0;
    for (let r = 0; r < ny; r++) if (s.rowSpeed[r]! > speed) speed = s.rowSpeed[r]!;
    const dt = speed > 0 ? (options.cfl * dx) / speed : options.maxStep;
    return Math.min(dt, options.maxStep, limit);
  }

  function setForcing(dt: number): void {
    const mid = time + dt / 2;
    const params = s.params;
    params[P.dt] = dt;
    params[P.time] = time;
    params[P.rain] = 0;
    params[P.rainGridOn] = 0;
    const rain = model.rainfall;
    if (rain?.kind === 'uniform') {
      const rate = Math.max(0, seriesAt(rain.intensity, mid)) / 3.6e6;
      params[P.rain] = rate;
      volume.rain += rate * dt * openCells * area;
    } else if (rain?.kind === 'gridded') {
      let k = -1;
      for (let j = 0; j < rain.times.length; j++) if (rain.times[j]! <= mid) k = j;
      if (k !== rainFrame) {
        rainFrame = k;
        rainGridSum = 0;
        const frame = k >= 0 ? rain.frames[k]! : null;
        for (let i = 0; i < n; i++) {
          const rate = frame && !model.solid[i] ? Math.max(0, frame[i]!) / 3.6e6 : 0;
          s.rainGrid[i] = rate;
          rainGridSum += s.rainGrid[i]!;
        }
      }
      params[P.rainGridOn] = 1;
      volume.rain += rainGridSum * dt * area;
    }
    edgeLevelsAt(s, edgeFaces, mid);
  }

  function applySources(dt: number): void {
    const mid = time + dt / 2;
    for (const inflow of model.inflows) {
      const q = Math.max(0, seriesAt(hydrographs.get(inflow.id)!, mid));
      if (q === 0) continue;
      for (let k = 0; k < inflow.cells.length; k++) {
        const cell = inflow.cells[k]!;
        const before = s.h[cell]!;
        s.h[cell] = before + (q * inflow.weights[k]! * dt) / area;
        volume.inflow += (s.h[cell]! - before) * area;
        wet(cell);
      }
    }
    for (const pump of pumps) {
      const held = s.h[pump.cell]! * area;
      const take = Math.min(pump.capacity * dt, held);
      if (take <= 0) continue;
      const before = s.h[pump.cell]!;
      s.h[pump.cell] = take >= held ? 0 : before - take / area;
      if (hll) {
        // the water leaves with its momentum
        s.hu[pump.cell] = (s.hu[pump.cell]! * s.h[pump.cell]!) / before;
        s.hv[pump.cell] = (s.hv[pump.cell]! * s.h[pump.cell]!) / before;
      }
      const taken = (before - s.h[pump.cell]!) * area;
      if (pump.dischargeCell === null) volume.pumpedOut += taken;
      else {
        const to = pump.dischargeCell;
        const was = s.h[to]!;
        s.h[to] = was + taken / area;
        const moved = (s.h[to]! - was) * area;
        volume.pumpedMoved += moved;
        // float32 rounding of the receiving depth is the only difference; keep the books exact
        volume.pumpedOut += taken - moved;
        wet(to);
      }
    }
  }

  function trackProbes(): void {
    for (let k = 0; k < probes.length; k++) {
      const d = s.h[probes[k]!.cell]!;
      if (d > probeMaxDepth[k]!) probeMaxDepth[k] = d;
      if (probeArrival[k]! < 0 && d > options.wetDepth) probeArrival[k] = time;
    }
  }

  /** Times (s, ascending) where a series steps (two samples at one time) or a rain frame
   * starts: no time step straddles one, so each applies from exactly its time. */
  function seriesSteps(): number[] {
    const at = new Set<number>();
    const add = (series: Series) => {
      for (let k = 1; k < series.times.length; k++) if (series.times[k] === series.times[k - 1]) at.add(series.times[k]!);
    };
    for (const hydrograph of hydrographs.values()) add(hydrograph);
    for (const b of [...Object.values(model.boundaries), ...(model.edgeSegments ?? []).map((segment) => segment.boundary)]) if (b.kind === 'levelSeries') add(b.level);
    if (model.rainfall?.kind === 'uniform') add(model.rainfall.intensity);
    if (model.rainfall?.kind === 'gridded') for (const t of Array.from(model.rainfall.times)) at.add(t);
    return [...at].sort((a, b) => a - b);
  }

  /** Whether every inflow, the rain and the boundary levels keep, from `from` on, the values
   * they have then. */
  function forcingHeldFrom(from: number): boolean {
    for (const hydrograph of hydrographs.values()) if (!seriesHeldFrom(hydrograph, from)) return false;
    for (const b of [...Object.values(model.boundaries), ...(model.edgeSegments ?? []).map((segment) => segment.boundary)]) if (b.kind === 'levelSeries' && !seriesHeldFrom(b.level, from)) return false;
    const rain = model.rainfall;
    if (rain?.kind === 'uniform') return seriesHeldFrom(rain.intensity, from);
    if (rain?.kind === 'gridded') return Array.from(rain.times).every((t) => t <= from);
    return true;
  }

  function step(limit: number): void {
    const next = breaks.find((t) => t > time + 1e-9);
    const dt = nextStep(next === undefined ? limit : Math.min(limit, next - time));
    setForcing(dt);
    let active = 0;
    for (let r = 0; r < ny; r++) if (s.wetMax[r]! >= s.wetMin[r]!) active += s.wetMax[r]! - s.wetMin[r]! + 1;
    team.step(work);
    applySources(dt);
    time += dt;
    steps++;
    cellUpdates += active;
    trackProbes();
  }

  return {
    state: s,
    model,
    options,
    probes,
    get time() {
      return time;
    },
    get steps() {
      return steps;
    },
    /** Wet cells worked on, summed over steps. */
    get cellUpdates() {
      return cellUpdates;
    },
    /** Steps until `until` (s), or until `maxSteps` steps have run. */
    advance(until: number, maxSteps = Infinity): void {
      for (let k = 0; k < maxSteps && time < until - 1e-9; k++) step(until - time);
    },
    /** Takes effect from the next step; throws (changing nothing) if it cannot apply. */
    edit: applyEdit,
    forcingHeldFrom,
    /** The state as it stands between steps, to resume from (`createSimulation({ initialState })`). */
    snapshotState,
    pumps: () => pumps.map((p) => ({ ...p })),
    barriers: () => barriers.map((b) => ({ ...b })),
    massBalance(): MassBalance {
      let stored = 0;
      for (let i = 0; i < n; i++) stored += s.h[i]!;
      // HLL: what the f32 depths could not hold yet
      for (let i = 0; i < s.hLo.length; i++) stored += s.hLo[i]!;
      stored *= area;
      let boundaryIn = 0;
      let boundaryOut = 0;
      let roundOff = 0;
      for (let r = 0; r < ny; r++) {
        boundaryIn += s.rowIn[r]!;
        boundaryOut += s.rowOut[r]!;
        roundOff += s.rowClamp[r]!;
      }
      const expected = initialVolume + volume.inflow + volume.rain + boundaryIn - boundaryOut - volume.pumpedOut;
      const error = stored - expected;
      const scale = initialVolume + volume.inflow + volume.rain + boundaryIn;
      return {
        initial: initialVolume,
        ...volume,
        boundaryIn,
        boundaryOut,
        stored,
        roundOff,
        error,
        errorPercent: scale > 0 ? (100 * Math.abs(error)) / scale : 0,
      };
    },
    /** Current speed (m/s) per cell, 0 where shallower than wetDepth. */
    speeds(into = new Float32Array(n)): Float32Array {
      for (let r = 0; r < ny; r++) {
        for (let c = 0; c < nx; c++) {
          const i = r * nx + c;
          const d = s.h[i]!;
          if (!(d > options.wetDepth)) {
            into[i] = 0;
            continue;
          }
          let u: number;
          let v: number;
          if (hll) {
            u = s.hu[i]! / d;
            v = s.hv[i]! / d;
          } else {
            const fw = r * (nx + 1) + c;
            u = (s.qx[fw]! + s.qx[fw + 1]!) / (2 * d);
            v = (s.qy[i]! + s.qy[i + nx]!) / (2 * d);
          }
          into[i] = Math.sqrt(u * u + v * v);
        }
      }
      return into;
    },
    probeMaxDepth: () => Array.from(probeMaxDepth),
    probeArrival: () => Array.from(probeArrival),
    close(): void {
      team.close();
    },
  };
}
