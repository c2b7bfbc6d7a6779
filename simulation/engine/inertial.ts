// The local-inertial scheme (Bates et al. 2010) with de Almeida et al. (2012) θ-weighting, on
// face discharges per unit width. Per row, three stages:
//   flux   this step's face discharges (qxRaw, qyRaw) from the water-surface slope, with
//          semi-implicit Manning friction;
//   limit  per cell the share of its outgoing discharge it can actually supply this step
//          ("keep" ≤ 1), so no cell ever sends more water than it holds;
//   update depths from the discharges scaled by their donor cell's keep, stored back as the
//          step's discharges (qx, qy) for the next one; rain, envelopes, boundary volumes.
// One sweep down a band of rows runs them two rows apart (flux r, limit r-1, update r-2), so a
// row's data is still in cache when it is updated; the few rows a neighbouring band's sweep
// still reads (the seams) are updated once every band's sweep is done.
// Both cells of a face use the same limited discharge, so limiting conserves mass exactly.
// Depths are never clipped to hide anything: a cell that ends below zero (float round-off
// only) is reset and the volume counted in the mass balance.
// The passes run as a WebAssembly kernel (wasm/inertial.ts, f32 SIMD, four cells at a time)
// over the state's shared memory; each thread instantiates its own.
import { inertialWasmBase64 } from './inertial-wasm.ts';
import { HEADER, type SolverState } from './state.ts';
import type { StepWork } from './team.ts';
import { instantiate } from './wasm-api.ts';

type KernelPass = (header: number, r0: number, r1: number) => void;

/** The scheme's step for the calling thread: the sweep on each band, then the seams' updates. */
export function inertialWork(s: SolverState): StepWork {
  const kernel = instantiate(inertialWasmBase64, s.memory);
  const flux = kernel.flux as KernelPass;
  const update = kernel.update as KernelPass;
  return { passes: [(_s, r0, r1) => flux(HEADER, r0, r1)], seams: (_s, r0, r1) => update(HEADER, r0, r1) };
}
