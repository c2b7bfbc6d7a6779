// The solver state as named typed arrays over one shared WebAssembly memory, so every thread of
// a team, and the WebAssembly kernel each of them instantiates over it, works on the same data.
// Rebuilding the views from the memory is all a worker needs to join. A header near the start of
// the memory tells the kernel where each array is (KERNEL_ARRAYS).
import type { Scheme } from './model.ts';
import { PAGE_BYTES, sharedMemory, type WasmMemory } from './wasm-api.ts';

export const P = {
  dt: 0,
  time: 1,
  /** Uniform rain, m/s. */
  rain: 2,
  /** 1 when `rainGrid` (m/s per cell) applies instead of `rain`. */
  rainGridOn: 3,
  count: 4,
} as const;

/** Control words for the team's signals, barrier and band partition. */
export const C = {
  count: 0,
  generation: 1,
  command: 2,
  /** Bumped by the leader to start a step. */
  go: 3,
  /** How many of the other threads have finished the step's passes. */
  done: 4,
  /** bands[k] = first row of thread k; bands[threads] = ny. */
  bands: 5,
} as const;

export const EDGE_CODE = { closed: 0, open: 1, level: 2 } as const;

export interface Dims {
  nx: number;
  ny: number;
  dx: number;
  scheme: Scheme;
  threads: number;
  theta: number;
  flowDepth: number;
  wetDepth: number;
  gravity: number;
  /** Inertial friction from the velocity vector's magnitude (true) or the face's discharge. */
  vectorFriction: boolean;
}

type ArrayKind = 'f32' | 'f64' | 'i32' | 'u8';
const ctor = { f32: Float32Array, f64: Float64Array, i32: Int32Array, u8: Uint8Array } as const;
const bytesPer = { f32: 4, f64: 8, i32: 4, u8: 1 } as const;

function layout(d: Pick<Dims, 'nx' | 'ny' | 'scheme' | 'threads'>) {
  const n = d.nx * d.ny;
  const fx = (d.nx + 1) * d.ny;
  const fy = d.nx * (d.ny + 1);
  const inertial = d.scheme === 'inertial';
  return {
    h: ['f32', n],
    z: ['f32', n],
    n2: ['f32', n],
    solid: ['u8', n],
    rainGrid: ['f32', n],
    keep: ['f32', n],
    // inertial: unit-width discharges on faces (m²/s), as limited and applied last step, and
    // this step's before limiting
    qx: ['f32', inertial ? fx : 0],
    qy: ['f32', inertial ? fy : 0],
    qxRaw: ['f32', inertial ? fx : 0],
    qyRaw: ['f32', inertial ? fy : 0],
    /** inertial: Manning n² on faces (the mean of the two cells'). */
    n2x: ['f32', inertial ? fx : 0],
    n2y: ['f32', inertial ? fy : 0],
    // hll: cell discharges and face fluxes
    /** hll: the depth's rounding residue (the depth is h + hLo), so no change below its last bit is lost. */
    hLo: ['f32', inertial ? 0 : n],
    hu: ['f32', inertial ? 0 : n],
    hv: ['f32', inertial ? 0 : n],
    fxh: ['f32', inertial ? 0 : fx],
    fxu: ['f32', inertial ? 0 : fx],
    fxv: ['f32', inertial ? 0 : fx],
    fyh: ['f32', inertial ? 0 : fy],
    fyu: ['f32', inertial ? 0 : fy],
    fyv: ['f32', inertial ? 0 : fy],
    /** Face crest (m): the higher ground of the two cells, raised by barriers; Infinity = wall. */
    zfx: ['f32', fx],
    zfy: ['f32', fy],
    /** Face crest without barriers, to remove them again. */
    zfx0: ['f32', fx],
    zfy0: ['f32', fy],
    /** Per row: the columns that have ever held water (monotone), and this step's work range. */
    wetMin: ['i32', d.ny],
    wetMax: ['i32', d.ny],
    updMin: ['i32', d.ny],
    updMax: ['i32', d.ny],
    /** Per row: largest wave speed (m/s) after the last step, for the time step. */
    rowSpeed: ['f64', d.ny],
    /** Per row, cumulative: volume in / out over boundaries, volume of round-off below zero. */
    rowIn: ['f64', d.ny],
    rowOut: ['f64', d.ny],
    rowClamp: ['f64', d.ny],
    /** Per edge face (edges.ts numbers them): boundary kind (EDGE_CODE) and outside water level (m). */
    edgeKind: ['u8', 2 * (d.nx + d.ny)],
    edgeLevel: ['f64', 2 * (d.nx + d.ny)],
    maxDepth: ['f32', n],
    maxSpeed: ['f32', n],
    /** First time (s) above wetDepth; -1 if never. */
    arrival: ['f32', n],
    params: ['f64', P.count],
    control: ['i32', C.bands + d.threads + 1],
  } satisfies Record<string, [ArrayKind, number]>;
}

type Layout = ReturnType<typeof layout>;
type ViewOf<K extends ArrayKind> = InstanceType<(typeof ctor)[K]>;
export type StateArrays = { [N in keyof Layout]: ViewOf<Layout[N][0]> };

export interface SolverState extends StateArrays {
  dims: Dims;
  memory: WasmMemory;
}

/** Byte offset of the kernel's header in the memory (below it: nothing, so 0 is never an array). */
export const HEADER = 64;
/**
 * The arrays whose byte offsets the header lists first, in this order, followed by nx and ny
 * (i32), then at HEADER + HEADER_F64 dx, theta, flowDepth, wetDepth, gravity and
 * vector friction (1 or 0) (f64): the layout wasm/inertial.ts reads.
 */
const KERNEL_ARRAYS = [
  'h', 'z', 'n2', 'solid', 'rainGrid', 'keep', 'qx', 'qy', 'qxRaw', 'qyRaw', 'n2x', 'n2y', 'zfx', 'zfy',
  'wetMin', 'wetMax', 'updMin', 'updMax', 'rowSpeed', 'rowIn', 'rowOut', 'rowClamp', 'maxDepth', 'maxSpeed', 'arrival', 'params',
  'edgeKind', 'edgeLevel', 'hu', 'hv', 'fxh', 'fxu', 'fxv', 'fyh', 'fyu', 'fyv', 'hLo',
] as const satisfies readonly (keyof Layout)[];
/** Where the header's f64 dims start, after it (F_BASE in wasm/header.ts). */
export const HEADER_F64 = 192;
const FIRST_ARRAY = 1024;
// cache-line aligned arrays; the slack at the end lets the kernel's 8-byte loads of the last
// solid flags stay inside the memory
const ALIGN = 64;
const SLACK = 64;
/** A 32-bit WebAssembly memory's limit: 65536 pages of 64 KiB. */
const MAX_BYTES = 65536 * PAGE_BYTES;

/** Where each array starts in the memory, and the bytes the whole state needs. */
function place(spec: Layout): { offsets: Record<keyof Layout, number>; bytes: number } {
  const offsets = {} as Record<keyof Layout, number>;
  let at = FIRST_ARRAY;
  for (const [name, [kind, length]] of Object.entries(spec)) {
    offsets[name as keyof Layout] = at;
    at += Math.ceil((length * bytesPer[kind]) / ALIGN) * ALIGN;
  }
  return { offsets, bytes: at + SLACK };
}

/** Offsets and size of the state for these dims (also the byte offsets in the kernel's header). */
export function stateLayout(dims: Dims): { offsets: Record<keyof Layout, number>; bytes: number } {
  return place(layout(dims));
}

export function allocateState(dims: Dims): SolverState {
  const { offsets, bytes } = place(layout(dims));
  if (bytes > MAX_BYTES) throw new RangeError(`a ${dims.nx}×${dims.ny} grid needs ${(bytes / 2 ** 30).toFixed(1)} GiB of solver state, more than the engine's 4 GiB`);
  const s = attachState(dims, sharedMemory(bytes));
  const words = new Uint32Array(s.memory.buffer, HEADER, HEADER_F64 / 4);
  KERNEL_ARRAYS.forEach((name, k) => (words[k] = offsets[name]));
  words[KERNEL_ARRAYS.length] = dims.nx;
  words[KERNEL_ARRAYS.length + 1] = dims.ny;
  new Float64Array(s.memory.buffer, HEADER + HEADER_F64, 6).set([dims.dx, dims.theta, dims.flowDepth, dims.wetDepth, dims.gravity, dims.vectorFriction ? 1 : 0]);
  return s;
}

export function attachState(dims: Dims, memory: WasmMemory): SolverState {
  const spec = layout(dims);
  const { offsets } = place(spec);
  const views = {} as Record<string, unknown>;
  for (const [name, [kind, length]] of Object.entries(spec)) {
    views[name] = new ctor[kind](memory.buffer as ArrayBuffer, offsets[name as keyof Layout], length);
  }
  return { ...(views as StateArrays), dims, memory };
}
