// AssemblyScript: the layout of the solver state's header (see KERNEL_ARRAYS and allocateState in
// ../state.ts) and the accessors every kernel reads it with.

// u32 byte offsets of the arrays, in this order, then the integer dims, then (at F_BASE) the f64 dims.
export const A_H = 0;
export const A_Z = 1;
export const A_N2 = 2;
export const A_SOLID = 3;
export const A_RAIN_GRID = 4;
export const A_KEEP = 5;
export const A_QX = 6;
export const A_QY = 7;
export const A_QX_RAW = 8;
export const A_QY_RAW = 9;
export const A_N2X = 10;
export const A_N2Y = 11;
export const A_ZFX = 12;
export const A_ZFY = 13;
export const A_WET_MIN = 14;
export const A_WET_MAX = 15;
export const A_UPD_MIN = 16;
export const A_UPD_MAX = 17;
export const A_ROW_SPEED = 18;
export const A_ROW_IN = 19;
export const A_ROW_OUT = 20;
export const A_ROW_CLAMP = 21;
export const A_MAX_DEPTH = 22;
export const A_MAX_SPEED = 23;
export const A_ARRIVAL = 24;
export const A_PARAMS = 25;
// per edge face (../edges.ts): north c → c, east r → nx + r, south c → nx + ny + c, west r → 2·nx + ny + r
export const A_EDGE_KIND = 26;
export const A_EDGE_LEVEL = 27;
// the HLL scheme's cell discharges and face fluxes (f32)
export const A_HU = 28;
export const A_HV = 29;
export const A_FXH = 30;
export const A_FXU = 31;
export const A_FXV = 32;
export const A_FYH = 33;
export const A_FYU = 34;
export const A_FYV = 35;
/** HLL: the depth's f32 rounding residue per cell (the depth is h + hLo). */
export const A_H_LO = 36;
export const I_NX = 37;
export const I_NY = 38;
export const F_BASE = 192;
export const F_DX = 0;
export const F_THETA = 1;
export const F_FLOW_DEPTH = 2;
export const F_WET_DEPTH = 3;
export const F_GRAVITY = 4;
/** 1: friction from the magnitude of the velocity vector; 0: from the face's own discharge. */
export const F_VECTOR_FRICTION = 5;
// params (f64), as P in ../state.ts
export const P_DT = 0;
export const P_TIME = 1;
export const P_RAIN = 2;
export const P_RAIN_GRID_ON = 3;

export const OPEN = 1;
export const LEVEL = 2;

@inline export function arr(hp: usize, k: i32): usize {
  return <usize>load<u32>(hp + (<usize>k << 2));
}
@inline export function int(hp: usize, k: i32): i32 {
  return load<i32>(hp + (<usize>k << 2));
}
@inline export function dim(hp: usize, k: i32): f64 {
  return load<f64>(hp + F_BASE + (<usize>k << 3));
}
@inline export function param(hp: usize, k: i32): f64 {
  return load<f64>(arr(hp, A_PARAMS) + (<usize>k << 3));
}
@inline export function edgeKind(hp: usize, f: i32): i32 {
  return <i32>load<u8>(arr(hp, A_EDGE_KIND) + <usize>f);
}
@inline export function edgeLevel(hp: usize, f: i32): f64 {
  return load<f64>(arr(hp, A_EDGE_LEVEL) + (<usize>f << 3));
}
@inline export function f32At(base: usize, i: i32): f32 {
  return load<f32>(base + (<usize>i << 2));
}
@inline export function v4At(base: usize, i: i32): v128 {
  return v128.load(base + (<usize>i << 2));
}
