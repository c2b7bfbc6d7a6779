// Threads of a team run the same passes on their own band of rows (Atomics on the shared control
// words). Per step the leader sets the bands and signals "go"; every thread runs the passes,
// meeting at a barrier between two passes; the others then signal "done" and wait for the next
// "go", while the leader, once all are done, runs the seams (the few rows that need both
// neighbouring bands' results) and the step's serial work. So a one-pass scheme meets only
// twice per step, one-way each time. Which thread owns which row never changes a result: every
// cell and face is computed the same way whoever computes it.
import { C, type SolverState } from './state.ts';

export type Pass = (s: SolverState, r0: number, r1: number) => void;

/** One time step's work. */
export interface StepWork {
  /** Run by every thread on its band, in order, all threads finishing one before the next. */
  passes: readonly Pass[];
  /** Run by the leader alone on every band, in order, after the passes; null when none. */
  seams: Pass | null;
}

export interface Team {
  readonly threads: number;
  /** Runs one time step's work over every row. */
  step(work: StepWork): void;
  /** Releases the other threads (they return from `joinTeam`). */
  close(): void;
}

const COMMAND_STEP = 1;
const COMMAND_EXIT = 2;
// Busy-wait this many checks (tens of microseconds) before sleeping: a step takes well under a
// millisecond, and waking a sleeping thread costs about as much as the wait itself.
const SPINS = 20000;

/** Waits until control[at] is no longer `value`; returns the new value. */
function waitChange(control: Int32Array, at: number, value: number): number {
  for (let k = 0; k < SPINS; k++) {
    const now = Atomics.load(control, at);
    if (now !== value) return now;
  }
  for (;;) {
    const now = Atomics.load(control, at);
    if (now !== value) return now;
    Atomics.wait(control, at, value, 50);
  }
}

function barrier(control: Int32Array, parties: number): void {
  const generation = Atomics.load(control, C.generation);
  if (Atomics.add(control, C.count, 1) === parties - 1) {
    Atomics.store(control, C.count, 0);
    Atomics.add(control, C.generation, 1);
    Atomics.notify(control, C.generation);
    return;
  }
  waitChange(control, C.generation, generation);
}

/** Splits the rows into contiguous bands of about equal work: dry rows cost almost nothing. */
function assignBands(s: SolverState, threads: number): void {
  const { ny } = s.dims;
  const { wetMin, wetMax, control } = s;
  let total = 0;
  for (let r = 0; r < ny; r++) total += 4 + Math.max(0, wetMax[r]! - wetMin[r]! + 3);
  let r = 0;
  let acc = 0;
  control[C.bands] = 0;
  for (let k = 1; k < threads; k++) {
    const target = (total * k) / threads;
    while (r < ny && acc < target) {
      acc += 4 + Math.max(0, wetMax[r]! - wetMin[r]! + 3);
      r++;
    }
    control[C.bands + k] = r;
  }
  control[C.bands + threads] = ny;
}

/** The passes of thread `index` on its band, with the team's barrier between two of them. */
function runPasses(s: SolverState, index: number, passes: readonly Pass[]): void {
  const r0 = s.control[C.bands + index]!;
  const r1 = s.control[C.bands + index + 1]!;
  passes.forEach((pass, k) => {
    if (k > 0) barrier(s.control, s.dims.threads);
    pass(s, r0, r1);
  });
}

/** The calling thread alone. */
export function soloTeam(s: SolverState): Team {
  return {
    threads: 1,
    step({ passes, seams }) {
      for (const pass of passes) pass(s, 0, s.dims.ny);
      seams?.(s, 0, s.dims.ny);
    },
    close() {},
  };
}

/** The leader (thread 0) of a team whose other members run `joinTeam` on the same state. */
export function leadTeam(s: SolverState): Team {
  const threads = s.dims.threads;
  const control = s.control;
  return {
    threads,
    step({ passes, seams }) {
      assignBands(s, threads);
      Atomics.store(control, C.done, 0);
      Atomics.store(control, C.command, COMMAND_STEP);
      Atomics.add(control, C.go, 1);
      Atomics.notify(control, C.go);
      runPasses(s, 0, passes);
      for (let done = Atomics.load(control, C.done); done !== threads - 1; ) done = waitChange(control, C.done, done);
      if (seams) for (let k = 0; k < threads; k++) seams(s, control[C.bands + k]!, control[C.bands + k + 1]!);
    },
    close() {
      Atomics.store(control, C.command, COMMAND_EXIT);
      Atomics.add(control, C.go, 1);
      Atomics.notify(control, C.go);
    },
  };
}

/** Thread `index` (≥ 1) of a team: runs steps until the leader closes the team. */
export function joinTeam(s: SolverState, index: number, work: StepWork): void {
  const control = s.control;
  // the leader's first "go" comes after every worker has joined, so it finds the counter at 0
  let go = 0;
  for (;;) {
    go = waitChange(control, C.go, go);
    if (Atomics.load(control, C.command) === COMMAND_EXIT) return;
    runPasses(s, index, work.passes);
    Atomics.add(control, C.done, 1);
    Atomics.notify(control, C.done);
  }
}
