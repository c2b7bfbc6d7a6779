// The HLL scheme's step (see wasm/hll.ts): its two passes (flux and limit in one sweep, then the
// update) from the engine's WebAssembly module, instantiated by each thread over the state's
// shared memory; every thread runs each pass on its band, meeting between the two.
import { inertialWasmBase64 } from './inertial-wasm.ts';
import { HEADER, type SolverState } from './state.ts';
import type { StepWork } from './team.ts';
import { instantiate } from './wasm-api.ts';

type KernelPass = (header: number, r0: number, r1: number) => void;

export function hllWork(s: SolverState): StepWork {
  const kernel = instantiate(inertialWasmBase64, s.memory);
  const pass = (name: string) => {
    const run = kernel[name] as KernelPass;
    return (_s: SolverState, r0: number, r1: number) => run(HEADER, r0, r1);
  };
  return { passes: [pass('hllFluxLimit'), pass('hllUpdate')], seams: null };
}
