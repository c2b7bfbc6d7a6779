// Threads of a team run the same passes on their own band of rows, meeting at a barrier after
// every pass (Atomics on the shared control words). Which thread owns which row never changes
// a result: every cell and face is computed the same way whoever computes it.
import { C, type SolverState } from './state.ts';

export type Pass = (s: SolverState, r0: number, r1: number) => void;

export interface Team {
  readonly threads: number;
  /** Runs one time step's passes over every row. */
  step(passes: readonly Pass[]): void;
  /** Releases the other threads (they return from `joinTeam`). */
  close(): void;
}

const COMMAND_STEP = 1;
const COMMAND_EXIT = 2;
const SPINS = 4000;

function barrier(control: Int32Array, parties: number): void {
  const generation = Atomics.load(control, C.generation);
  if (Atomics.add(control, C.count, 1) === parties - 1) {
    Atomics.store(control, C.count, 0);
    Atomics.add(control, C.generation, 1);
    Atomics.notify(control, C.generation);
    return;
  }
  for (let k = 0; k < SPINS; k++) if (Atomics.load(control, C.generation) !== generation) return;
  while (Atomics.load(control, C.generation) === generation) Atomics.wait(control, C.generation, generation, 50);
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

/** The calling thread alone. */
export function soloTeam(s: SolverState): Team {
  return {
    threads: 1,
    step(passes) {
      for (const pass of passes) pass(s, 0, s.dims.ny);
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
    step(passes) {
      assignBands(s, threads);
      Atomics.store(control, C.command, COMMAND_STEP);
      barrier(control, threads);
      const r0 = control[C.bands]!;
      const r1 = control[C.bands + 1]!;
      for (const pass of passes) {
        pass(s, r0, r1);
        barrier(control, threads);
      }
    },
    close() {
      Atomics.store(control, C.command, COMMAND_EXIT);
      barrier(control, threads);
    },
  };
}

/** Thread `index` (≥ 1) of a team: runs steps until the leader closes the team. */
export function joinTeam(s: SolverState, index: number, passes: readonly Pass[]): void {
  const threads = s.dims.threads;
  const control = s.control;
  for (;;) {
    barrier(control, threads);
    if (Atomics.load(control, C.command) === COMMAND_EXIT) return;
    const r0 = control[C.bands + index]!;
    const r1 = control[C.bands + index + 1]!;
    for (const pass of passes) {
      pass(s, r0, r1);
      barrier(control, threads);
    }
  }
}
