// AssemblyScript (not TypeScript).
// A first-order finite-volume shallow-water scheme: HLL fluxes (Harten, Lax & van Leer 1983,
// wave speeds after Toro) with the hydrostatic reconstruction of Audusse et al. (2004), as in
// LISFLOOD-FP's FV1 and HiPIMS. It keeps the advection terms the local-inertial scheme drops,
// which matters for fast, supercritical flow down steep streets. Well-balanced (a lake at rest
// stays exactly still) and depth-positive under the CFL condition; friction is applied
// semi-implicitly per cell after the flux update. Three passes per step:
//   flux   mass and momentum fluxes on every face near water, and in the same sweep
//   limit  per cell, the share of its outgoing fluxes it can supply ("keep" ≤ 1): the
//          draining time step of Bollermann et al. (2013), so a cell never sends more water
//          than it holds even where a dry-front wave outruns the Courant estimate;
//   update cell depth and discharges from the fluxes scaled by their donor cell's keep,
//          friction, envelopes, boundary volumes.
// y runs southwards (row index), like the inertial scheme's face discharges.
// Arithmetic is f32, four faces or cells at a time (f32x4 SIMD), like the inertial kernel; the
// scalar forms (short spans, edges) do the same operations in the same order, so a cell gives
// the same bits whichever path computes it. Mass stays exact: each face's flux is computed once
// and both its cells apply the same limited value; boundary and round-off volumes are summed in
// f64; and a change too small for the f32 depth's last bit is not lost: each cell keeps the
// rounding residue of its depth (hLo, the depth is h + hLo) and adds it to the next change. Every formula is written so that a mirrored or transposed flow gives the mirrored bits:
// the HLL flux as a central part plus a dissipation that change sign together, sums paired x
// with x and y with y. A lake at rest stays still to the last bit: the flux's central part is
// exactly the hydrostatic pressure the update takes back off.
// Keep library functions that bring lookup tables (Math.pow, Math.exp, Math.log) out: their data
// segment would be written over the state's header at every instantiation.
import {
  A_H, A_Z, A_N2, A_SOLID, A_RAIN_GRID, A_KEEP, A_ZFX, A_ZFY, A_WET_MIN, A_WET_MAX, A_UPD_MIN, A_UPD_MAX, A_ROW_SPEED, A_ROW_IN, A_ROW_OUT, A_ROW_CLAMP,
  A_MAX_DEPTH, A_MAX_SPEED, A_ARRIVAL, A_HU, A_HV, A_FXH, A_FXU, A_FXV, A_FYH, A_FYU, A_FYV, A_H_LO, I_NX, I_NY, F_DX, F_FLOW_DEPTH, F_WET_DEPTH, F_GRAVITY,
  P_DT, P_TIME, P_RAIN, P_RAIN_GRID_ON, OPEN, LEVEL, arr, int, dim, param, edgeKind, edgeLevel, f32At, v4At,
} from './header';
import { frictionFactor, frictionFactor4 } from './friction';

@inline function setF32(base: usize, i: i32, v: f32): void {
  store<f32>(base + (<usize>i << 2), v);
}
@inline function set4(base: usize, i: i32, v: v128): void {
  v128.store(base + (<usize>i << 2), v);
}
@inline function i32At(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}

/** Velocity from a discharge where the cell flows, else 0. */
@inline function velocity(q: f32, d: f32, flowDepth: f32): f32 {
  return d > flowDepth ? q / d : 0;
}
@inline function velocity4(q: v128, d: v128, flowDepth: v128): v128 {
  return v128.and(f32x4.div(q, d), f32x4.gt(d, flowDepth));
}

/**
 * HLL flux between reconstructed states (depth, normal and tangential velocity each side);
 * writes mass, normal and tangential momentum at face f. F = (F_L + F_R)/2 +
 * ((s_R + s_L)/2·(F_L − F_R) + s_L·s_R·(U_R − U_L)) / (s_R − s_L) between the waves.
 */
function hll(hL: f32, uL: f32, vL: f32, hR: f32, uR: f32, vR: f32, g: f32, hg: f32, outH: usize, outN: usize, outT: usize, f: i32): void {
  const cL = sqrt(g * hL);
  const cR = sqrt(g * hR);
  const uStar = (uL + uR) * <f32>0.5 + (cL - cR);
  const cStar = (cL + cR) * <f32>0.5 + (uL - uR) * <f32>0.25;
  const sL = hL <= 0 ? uR - 2 * cR : min(uL - cL, uStar - cStar);
  const sR = hR <= 0 ? uL + 2 * cL : max(uR + cR, uStar + cStar);
  const qL = hL * uL;
  const qR = hR * uR;
  const fnL = qL * uL + hg * hL * hL;
  const fnR = qR * uR + hg * hR * hR;
  let fh: f32 = 0;
  let fn: f32 = 0;
  if (hL > 0 || hR > 0) {
    if (sL >= 0) {
      fh = qL;
      fn = fnL;
    } else if (sR <= 0) {
      fh = qR;
      fn = fnR;
    } else {
      const inv = <f32>1 / (sR - sL);
      const s = (sR + sL) * <f32>0.5;
      const p = sL * sR;
      fh = (qL + qR) * <f32>0.5 + (s * (qL - qR) + p * (hR - hL)) * inv;
      fn = (fnL + fnR) * <f32>0.5 + (s * (fnL - fnR) + p * (qR - qL)) * inv;
    }
  }
  setF32(outH, f, fh);
  setF32(outN, f, fn);
  setF32(outT, f, fh * (fh > 0 ? vL : vR));
}

/** hll for four faces f…f+3 at once. */
function hll4(hL: v128, uL: v128, vL: v128, hR: v128, uR: v128, vR: v128, g: v128, hg: v128, outH: usize, outN: usize, outT: usize, f: i32): void {
  const zero = f32x4.splat(0);
  const half = f32x4.splat(0.5);
  const two = f32x4.splat(2);
  const cL = f32x4.sqrt(f32x4.mul(g, hL));
  const cR = f32x4.sqrt(f32x4.mul(g, hR));
  const uStar = f32x4.add(f32x4.mul(f32x4.add(uL, uR), half), f32x4.sub(cL, cR));
  const cStar = f32x4.add(f32x4.mul(f32x4.add(cL, cR), half), f32x4.mul(f32x4.sub(uL, uR), f32x4.splat(0.25)));
  const dryL = f32x4.le(hL, zero);
  const dryR = f32x4.le(hR, zero);
  const sL = v128.bitselect(f32x4.sub(uR, f32x4.mul(two, cR)), f32x4.min(f32x4.sub(uL, cL), f32x4.sub(uStar, cStar)), dryL);
  const sR = v128.bitselect(f32x4.add(uL, f32x4.mul(two, cL)), f32x4.max(f32x4.add(uR, cR), f32x4.add(uStar, cStar)), dryR);
  const qL = f32x4.mul(hL, uL);
  const qR = f32x4.mul(hR, uR);
  const fnL = f32x4.add(f32x4.mul(qL, uL), f32x4.mul(f32x4.mul(hg, hL), hL));
  const fnR = f32x4.add(f32x4.mul(qR, uR), f32x4.mul(f32x4.mul(hg, hR), hR));
  const inv = f32x4.div(f32x4.splat(1), f32x4.sub(sR, sL));
  const s = f32x4.mul(f32x4.add(sR, sL), half);
  const p = f32x4.mul(sL, sR);
  let fh = f32x4.add(f32x4.mul(f32x4.add(qL, qR), half), f32x4.mul(f32x4.add(f32x4.mul(s, f32x4.sub(qL, qR)), f32x4.mul(p, f32x4.sub(hR, hL))), inv));
  let fn = f32x4.add(f32x4.mul(f32x4.add(fnL, fnR), half), f32x4.mul(f32x4.add(f32x4.mul(s, f32x4.sub(fnL, fnR)), f32x4.mul(p, f32x4.sub(qR, qL))), inv));
  const right = f32x4.le(sR, zero);
  fh = v128.bitselect(qR, fh, right);
  fn = v128.bitselect(fnR, fn, right);
  const left = f32x4.ge(sL, zero);
  fh = v128.bitselect(qL, fh, left);
  fn = v128.bitselect(fnL, fn, left);
  const wet = v128.not(v128.and(dryL, dryR));
  fh = v128.and(fh, wet);
  set4(outH, f, fh);
  set4(outN, f, v128.and(fn, wet));
  set4(outT, f, f32x4.mul(fh, v128.bitselect(vL, vR, f32x4.gt(fh, zero))));
}

/** The cells of row r worth updating: its and its neighbour rows' wet spans, widened by one. */
function updateSpan(hp: usize, r: i32): void {
  const nx = int(hp, I_NX);
  const ny = int(hp, I_NY);
  const wetMin = arr(hp, A_WET_MIN);
  const wetMax = arr(hp, A_WET_MAX);
  let lo = i32At(wetMin, r);
  let hi = i32At(wetMax, r);
  if (r > 0) {
    lo = min(lo, i32At(wetMin, r - 1));
    hi = max(hi, i32At(wetMax, r - 1));
  }
  if (r < ny - 1) {
    lo = min(lo, i32At(wetMin, r + 1));
    hi = max(hi, i32At(wetMax, r + 1));
  }
  store<i32>(arr(hp, A_UPD_MIN) + (<usize>r << 2), lo > hi ? 1 : max(0, lo - 1));
  store<i32>(arr(hp, A_UPD_MAX) + (<usize>r << 2), lo > hi ? 0 : min(nx - 1, hi + 1));
}

/**
 * Fluxes through the edge face f of cell i (e: its number in the edge arrays), in the outward
 * direction, normal velocity from qn, tangential from qt; `inward` edges (west, north) store the
 * mass and tangential fluxes with their sign turned to the axis's direction.
 */
function edgeFlux(hp: usize, i: i32, f: i32, e: i32, crest: usize, qn: usize, qt: usize, outH: usize, outN: usize, outT: usize, inward: bool): void {
  const flowDepth = <f32>dim(hp, F_FLOW_DEPTH);
  const g = <f32>dim(hp, F_GRAVITY);
  const h = arr(hp, A_H);
  const kind = edgeKind(hp, e);
  const zf = f32At(crest, f);
  const d = f32At(h, i);
  const hs = max(<f32>0, (f32At(arr(hp, A_Z), i) + d) - zf);
  const un = velocity(f32At(qn, i), d, flowDepth);
  const ut = velocity(f32At(qt, i), d, flowDepth);
  const outward = inward ? -un : un;
  let gh = hs;
  let gu = outward;
  if (kind == OPEN) gu = max(<f32>0, outward);
  else if (kind == LEVEL) gh = max(<f32>0, <f32>edgeLevel(hp, e) - zf);
  if (zf == <f32>Infinity) gh = 0;
  hll(hs, outward, ut, gh, gu, ut, g, g * <f32>0.5, outH, outN, outT, f);
  if (inward) {
    setF32(outH, f, -f32At(outH, f));
    setF32(outT, f, -f32At(outT, f));
  }
}

/**
 * Interior faces from…to of a row of faces: face faceOf0 + c between cells cellOf0 + c - step
 * (west or north) and cellOf0 + c; normal discharge qn, tangential qt. Four at a time where the
 * span allows, its last block overlapping the one before (this pass reads nothing it writes).
 */
function faceRun(hp: usize, cellOf0: i32, faceOf0: i32, step: i32, from: i32, to: i32, crest: usize, qn: usize, qt: usize, outH: usize, outN: usize, outT: usize): void {
  const flowDepth = <f32>dim(hp, F_FLOW_DEPTH);
  const g = <f32>dim(hp, F_GRAVITY);
  const hg = g * <f32>0.5;
  const h = arr(hp, A_H);
  const z = arr(hp, A_Z);
  if (to - from < 3) {
    for (let c = from; c <= to; c++) {
      const f = faceOf0 + c;
      const iR = cellOf0 + c;
      const iL = iR - step;
      const zf = f32At(crest, f);
      const dL = f32At(h, iL);
      const dR = f32At(h, iR);
      const hLs = max(<f32>0, (f32At(z, iL) + dL) - zf);
      const hRs = max(<f32>0, (f32At(z, iR) + dR) - zf);
      hll(hLs, velocity(f32At(qn, iL), dL, flowDepth), velocity(f32At(qt, iL), dL, flowDepth), hRs, velocity(f32At(qn, iR), dR, flowDepth), velocity(f32At(qt, iR), dR, flowDepth), g, hg, outH, outN, outT, f);
    }
    return;
  }
  const zero = f32x4.splat(0);
  const flow4 = f32x4.splat(flowDepth);
  const g4 = f32x4.splat(g);
  const hg4 = f32x4.splat(hg);
  for (let b = from; b <= to; b += 4) {
    const c = min(b, to - 3);
    const f = faceOf0 + c;
    const iR = cellOf0 + c;
    const iL = iR - step;
    const zf = v4At(crest, f);
    const dL = v4At(h, iL);
    const dR = v4At(h, iR);
    const hLs = f32x4.max(zero, f32x4.sub(f32x4.add(v4At(z, iL), dL), zf));
    const hRs = f32x4.max(zero, f32x4.sub(f32x4.add(v4At(z, iR), dR), zf));
    if (!v128.any_true(v128.or(f32x4.gt(hLs, zero), f32x4.gt(hRs, zero)))) {
      set4(outH, f, zero);
      set4(outN, f, zero);
      set4(outT, f, zero);
      continue;
    }
    hll4(hLs, velocity4(v4At(qn, iL), dL, flow4), velocity4(v4At(qt, iL), dL, flow4), hRs, velocity4(v4At(qn, iR), dR, flow4), velocity4(v4At(qt, iR), dR, flow4), g4, hg4, outH, outN, outT, f);
  }
}

/** The y faces north of row r (r > 0): normal = v (southwards), tangential = u. */
function northFaces(hp: usize, r: i32): void {
  const nx = int(hp, I_NX);
  const wetMin = arr(hp, A_WET_MIN);
  const wetMax = arr(hp, A_WET_MAX);
  const a = min(i32At(wetMin, r), i32At(wetMin, r - 1));
  const b = max(i32At(wetMax, r), i32At(wetMax, r - 1));
  if (a <= b) faceRun(hp, r * nx, r * nx, nx, a, b, arr(hp, A_ZFY), arr(hp, A_HV), arr(hp, A_HU), arr(hp, A_FYH), arr(hp, A_FYV), arr(hp, A_FYU));
}

/** Row r's update span, its x faces, the y faces north of it, and its edge faces. */
function fluxRow(hp: usize, r: i32): void {
  const nx = int(hp, I_NX);
  const ny = int(hp, I_NY);
  const hu = arr(hp, A_HU);
  const hv = arr(hp, A_HV);
  const zfx = arr(hp, A_ZFX);
  const zfy = arr(hp, A_ZFY);
  const fxh = arr(hp, A_FXH);
  const fxu = arr(hp, A_FXU);
  const fxv = arr(hp, A_FXV);
  const fyh = arr(hp, A_FYH);
  const fyu = arr(hp, A_FYU);
  const fyv = arr(hp, A_FYV);
  const a = i32At(arr(hp, A_WET_MIN), r);
  const b = i32At(arr(hp, A_WET_MAX), r);
  updateSpan(hp, r);
  const cb = r * nx;
  const fb = r * (nx + 1);
  if (a <= b) {
    faceRun(hp, cb, fb, 1, max(1, a), min(nx - 1, b + 1), zfx, hu, hv, fxh, fxu, fxv);
    if (a == 0) edgeFlux(hp, cb, fb, 2 * nx + ny + r, zfx, hu, hv, fxh, fxu, fxv, true);
    if (b == nx - 1) edgeFlux(hp, cb + nx - 1, fb + nx, nx + r, zfx, hu, hv, fxh, fxu, fxv, false);
  }
  if (r > 0) northFaces(hp, r);
  if (r == 0) for (let c = a; c <= b; c++) edgeFlux(hp, c, c, c, zfy, hv, hu, fyh, fyv, fyu, true);
  if (r == ny - 1) for (let c = a; c <= b; c++) edgeFlux(hp, cb + c, ny * nx + c, nx + ny + c, zfy, hv, hu, fyh, fyv, fyu, false);
}

/**
 * The flux and limit passes as one sweep down rows r0…r1-1: fluxes of row r, then the keep of
 * row r-1 (whose faces are all known by then). The band's last row needs the y faces north of
 * the next band's first row: computed here too, the same values that band computes (this pass
 * reads nothing it writes, so the two writes agree).
 */
export function hllFluxLimit(hp: usize, r0: i32, r1: i32): void {
  if (r1 <= r0) return;
  for (let r = r0; r < r1; r++) {
    fluxRow(hp, r);
    if (r > r0) limitRow(hp, r - 1);
  }
  if (r1 < int(hp, I_NY)) northFaces(hp, r1);
  limitRow(hp, r1 - 1);
}

/** Per cell of row r, the share of its outgoing fluxes it can supply this step. */
function limitRow(hp: usize, r: i32): void {
  const nx = int(hp, I_NX);
  const dtdx = <f32>(param(hp, P_DT) / dim(hp, F_DX));
  const h = arr(hp, A_H);
  const keep = arr(hp, A_KEEP);
  const fxh = arr(hp, A_FXH);
  const fyh = arr(hp, A_FYH);
  const zero = f32x4.splat(0);
  const dtdx4 = f32x4.splat(dtdx);
  const cs = i32At(arr(hp, A_UPD_MIN), r);
  const ce = i32At(arr(hp, A_UPD_MAX), r);
  // (west + east) + (north + south) outflows: mirrored flows give the same sum, bit for bit
  if (ce - cs >= 3) {
    // blocks of four, the last one overlapping the one before
    for (let b = cs; b <= ce; b += 4) {
      const c = min(b, ce - 3);
      const i = r * nx + c;
      const fw = r * (nx + 1) + c;
      const outX = f32x4.add(f32x4.max(f32x4.neg(v4At(fxh, fw)), zero), f32x4.max(v4At(fxh, fw + 1), zero));
      const outY = f32x4.add(f32x4.max(f32x4.neg(v4At(fyh, i)), zero), f32x4.max(v4At(fyh, i + nx), zero));
      const out = f32x4.mul(f32x4.add(outX, outY), dtdx4);
      const d = v4At(h, i);
      set4(keep, i, v128.bitselect(f32x4.div(d, out), f32x4.splat(1), f32x4.gt(out, d)));
    }
    return;
  }
  for (let c = cs; c <= ce; c++) {
    const i = r * nx + c;
    const fw = r * (nx + 1) + c;
    const outX = max(-f32At(fxh, fw), <f32>0) + max(f32At(fxh, fw + 1), <f32>0);
    const outY = max(-f32At(fyh, i), <f32>0) + max(f32At(fyh, i + nx), <f32>0);
    const out = (outX + outY) * dtdx;
    const d = f32At(h, i);
    setF32(keep, i, out > d ? d / out : 1);
  }
}

export function hllUpdate(hp: usize, r0: i32, r1: i32): void {
  const nx = int(hp, I_NX);
  const ny = int(hp, I_NY);
  const dx = dim(hp, F_DX);
  const wetDepth = <f32>dim(hp, F_WET_DEPTH);
  const flowDepth = <f32>dim(hp, F_FLOW_DEPTH);
  const g = <f32>dim(hp, F_GRAVITY);
  const h = arr(hp, A_H);
  const hLo = arr(hp, A_H_LO);
  const hu = arr(hp, A_HU);
  const hv = arr(hp, A_HV);
  const z = arr(hp, A_Z);
  const n2 = arr(hp, A_N2);
  const solid = arr(hp, A_SOLID);
  const keep = arr(hp, A_KEEP);
  const zfx = arr(hp, A_ZFX);
  const zfy = arr(hp, A_ZFY);
  const updMin = arr(hp, A_UPD_MIN);
  const updMax = arr(hp, A_UPD_MAX);
  const wetMin = arr(hp, A_WET_MIN);
  const wetMax = arr(hp, A_WET_MAX);
  const rainGrid = arr(hp, A_RAIN_GRID);
  const maxDepth = arr(hp, A_MAX_DEPTH);
  const maxSpeed = arr(hp, A_MAX_SPEED);
  const arrival = arr(hp, A_ARRIVAL);
  const fxh = arr(hp, A_FXH);
  const fxu = arr(hp, A_FXU);
  const fxv = arr(hp, A_FXV);
  const fyh = arr(hp, A_FYH);
  const fyu = arr(hp, A_FYU);
  const fyv = arr(hp, A_FYV);
  const dt64 = param(hp, P_DT);
  const dt = <f32>dt64;
  const tEnd = <f32>(param(hp, P_TIME) + dt64);
  const dtdx = <f32>(dt64 / dx);
  const hg = g * <f32>0.5;
  const gdt = g * dt;
  const gridRain = param(hp, P_RAIN_GRID_ON) == 1;
  const rainDepth = <f32>(param(hp, P_RAIN) * dt64);
  const zero = f32x4.splat(0);
  const dtdx4 = f32x4.splat(dtdx);
  const hg4 = f32x4.splat(hg);
  const g4 = f32x4.splat(g);
  const gdt4 = f32x4.splat(gdt);
  const flow4 = f32x4.splat(flowDepth);
  for (let r = r0; r < r1; r++) {
    const cs = i32At(updMin, r);
    const ce = i32At(updMax, r);
    if (cs > ce) continue;
    const cb = r * nx;
    const fb = r * (nx + 1);
    const edgeRow = r == 0 || r == ny - 1;
    let lo = i32At(wetMin, r);
    let hi = i32At(wetMax, r);
    let speedMax: f32 = 0;
    let edgeIn: f64 = 0;
    let edgeOut: f64 = 0;
    let clamped: f64 = 0;
    let lo4 = i32x4.splat(lo);
    let hi4 = i32x4.splat(hi);
    let speed4 = zero;
    let clamped4 = zero;
    // SIMD for interior cells only: the edge rows and columns also count boundary volumes
    const vEnd = edgeRow ? -1 : min(ce, nx - 2);
    let c = cs;
    while (c <= ce) {
      if (c >= 1 && c + 3 <= vEnd) {
        let col = i32x4(c, c + 1, c + 2, c + 3);
        for (; c + 3 <= vEnd; c += 4) {
          const i = cb + c;
          const fw = fb + c;
          const open = i32x4.ne(i32x4.extend_low_i16x8_u(v128.load8x8_u(solid + <usize>i)), i32x4.splat(1));
          const d = v4At(h, i);
          const eta = f32x4.add(v4At(z, i), d);
          const hw = f32x4.max(zero, f32x4.sub(eta, v4At(zfx, fw)));
          const he = f32x4.max(zero, f32x4.sub(eta, v4At(zfx, fw + 1)));
          const hn = f32x4.max(zero, f32x4.sub(eta, v4At(zfy, i)));
          const hs = f32x4.max(zero, f32x4.sub(eta, v4At(zfy, i + nx)));
          // each face's fluxes scaled by the keep of the cell its water leaves
          const k = v4At(keep, i);
          let mw = v4At(fxh, fw);
          let me = v4At(fxh, fw + 1);
          let mn = v4At(fyh, i);
          let ms = v4At(fyh, i + nx);
          const kw = v128.bitselect(v4At(keep, i - 1), k, f32x4.gt(mw, zero));
          const ke = v128.bitselect(k, v4At(keep, i + 1), f32x4.gt(me, zero));
          const kn = v128.bitselect(v4At(keep, i - nx), k, f32x4.gt(mn, zero));
          const ks = v128.bitselect(k, v4At(keep, i + nx), f32x4.gt(ms, zero));
          mw = f32x4.mul(mw, kw);
          me = f32x4.mul(me, ke);
          mn = f32x4.mul(mn, kn);
          ms = f32x4.mul(ms, ks);
          const rain = gridRain ? f32x4.mul(v4At(rainGrid, i), f32x4.splat(dt)) : f32x4.splat(rainDepth);
          // the depth's change, plus last step's rounding residue, added to it exactly (TwoSum):
          // the sum's new residue is kept, so changes smaller than the depth's last bit add up
          const rest0 = v4At(hLo, i);
          const inc = f32x4.add(f32x4.sub(rain, f32x4.mul(dtdx4, f32x4.add(f32x4.sub(me, mw), f32x4.sub(ms, mn)))), rest0);
          let depth = f32x4.add(d, inc);
          const back = f32x4.sub(depth, d);
          let rest = f32x4.add(f32x4.sub(d, f32x4.sub(depth, back)), f32x4.sub(inc, back));
          const xu = f32x4.sub(f32x4.sub(f32x4.mul(ke, v4At(fxu, fw + 1)), f32x4.mul(f32x4.mul(hg4, he), he)), f32x4.sub(f32x4.mul(kw, v4At(fxu, fw)), f32x4.mul(f32x4.mul(hg4, hw), hw)));
          const yu = f32x4.sub(f32x4.mul(ks, v4At(fyu, i + nx)), f32x4.mul(kn, v4At(fyu, i)));
          let qu = f32x4.sub(v4At(hu, i), f32x4.mul(dtdx4, f32x4.add(xu, yu)));
          const yv = f32x4.sub(f32x4.sub(f32x4.mul(ks, v4At(fyv, i + nx)), f32x4.mul(f32x4.mul(hg4, hs), hs)), f32x4.sub(f32x4.mul(kn, v4At(fyv, i)), f32x4.mul(f32x4.mul(hg4, hn), hn)));
          const xv = f32x4.sub(f32x4.mul(ke, v4At(fxv, fw + 1)), f32x4.mul(kw, v4At(fxv, fw)));
          let qv = f32x4.sub(v4At(hv, i), f32x4.mul(dtdx4, f32x4.add(yv, xv)));
          const below = v128.and(f32x4.lt(depth, zero), open);
          clamped4 = f32x4.sub(clamped4, v128.and(f32x4.add(depth, rest), below));
          depth = v128.andnot(depth, below);
          rest = v128.andnot(rest, below);
          const flowing = f32x4.gt(depth, flow4);
          const q = f32x4.sqrt(f32x4.add(f32x4.mul(qu, qu), f32x4.mul(qv, qv)));
          const kf = frictionFactor4(depth, f32x4.mul(f32x4.mul(gdt4, v4At(n2, i)), q));
          qu = v128.and(f32x4.mul(qu, kf), flowing);
          qv = v128.and(f32x4.mul(qv, kf), flowing);
          set4(h, i, v128.bitselect(depth, d, open));
          set4(hLo, i, v128.bitselect(rest, rest0, open));
          set4(hu, i, v128.bitselect(qu, v4At(hu, i), open));
          set4(hv, i, v128.bitselect(qv, v4At(hv, i), open));
          const wet = v128.and(f32x4.gt(depth, zero), open);
          lo4 = i32x4.min_s(lo4, v128.bitselect(col, lo4, wet));
          hi4 = i32x4.max_s(hi4, v128.bitselect(col, hi4, wet));
          const u = velocity4(qu, depth, flow4);
          const v = velocity4(qv, depth, flow4);
          const sp = f32x4.add(f32x4.max(f32x4.abs(u), f32x4.abs(v)), f32x4.sqrt(f32x4.mul(g4, depth)));
          speed4 = f32x4.max(speed4, v128.and(sp, wet));
          const deep = v128.and(f32x4.gt(depth, f32x4.splat(wetDepth)), open);
          if (v128.any_true(deep)) {
            const md = v4At(maxDepth, i);
            set4(maxDepth, i, v128.bitselect(f32x4.max(md, depth), md, deep));
            const speed = f32x4.sqrt(f32x4.add(f32x4.mul(u, u), f32x4.mul(v, v)));
            const ms0 = v4At(maxSpeed, i);
            set4(maxSpeed, i, v128.bitselect(speed, ms0, v128.and(deep, f32x4.gt(speed, ms0))));
            const ar = v4At(arrival, i);
            set4(arrival, i, v128.bitselect(f32x4.splat(tEnd), ar, v128.and(deep, f32x4.lt(ar, zero))));
          }
          col = i32x4.add(col, i32x4.splat(4));
        }
        continue;
      }
      // one cell: the SIMD loop's operations, in its order, one lane
      const i = cb + c;
      if (load<u8>(solid + <usize>i) == 1) {
        c++;
        continue;
      }
      const fw = fb + c;
      const fe = fw + 1;
      const fn = i;
      const fs = i + nx;
      const d = f32At(h, i);
      const eta = f32At(z, i) + d;
      const hw = max(<f32>0, eta - f32At(zfx, fw));
      const he = max(<f32>0, eta - f32At(zfx, fe));
      const hn = max(<f32>0, eta - f32At(zfy, fn));
      const hs = max(<f32>0, eta - f32At(zfy, fs));
      const k = f32At(keep, i);
      let mw = f32At(fxh, fw);
      let me = f32At(fxh, fe);
      let mn = f32At(fyh, fn);
      let ms = f32At(fyh, fs);
      const kw = mw > 0 ? (c > 0 ? f32At(keep, i - 1) : 1) : k;
      const ke = me > 0 ? k : c < nx - 1 ? f32At(keep, i + 1) : 1;
      const kn = mn > 0 ? (r > 0 ? f32At(keep, i - nx) : 1) : k;
      const ks = ms > 0 ? k : r < ny - 1 ? f32At(keep, i + nx) : 1;
      mw *= kw;
      me *= ke;
      mn *= kn;
      ms *= ks;
      const rain = gridRain ? f32At(rainGrid, i) * dt : rainDepth;
      const rest0 = f32At(hLo, i);
      const inc = (rain - dtdx * ((me - mw) + (ms - mn))) + rest0;
      let depth = d + inc;
      const back = depth - d;
      let rest = (d - (depth - back)) + (inc - back);
      const xu = (ke * f32At(fxu, fe) - hg * he * he) - (kw * f32At(fxu, fw) - hg * hw * hw);
      const yu = ks * f32At(fyu, fs) - kn * f32At(fyu, fn);
      let qu = f32At(hu, i) - dtdx * (xu + yu);
      const yv = (ks * f32At(fyv, fs) - hg * hs * hs) - (kn * f32At(fyv, fn) - hg * hn * hn);
      const xv = ke * f32At(fxv, fe) - kw * f32At(fxv, fw);
      let qv = f32At(hv, i) - dtdx * (yv + xv);
      if (c == 0) {
        if (mw > 0) edgeIn += mw;
        else edgeOut -= mw;
      }
      if (c == nx - 1) {
        if (me < 0) edgeIn -= me;
        else edgeOut += me;
      }
      if (r == 0) {
        if (mn > 0) edgeIn += mn;
        else edgeOut -= mn;
      }
      if (r == ny - 1) {
        if (ms < 0) edgeIn -= ms;
        else edgeOut += ms;
      }
      if (depth < 0) {
        clamped -= depth + rest;
        depth = 0;
        rest = 0;
      }
      if (depth > flowDepth) {
        const q = sqrt(qu * qu + qv * qv);
        const kf = frictionFactor(depth, gdt * f32At(n2, i) * q);
        qu *= kf;
        qv *= kf;
      } else {
        qu = 0;
        qv = 0;
      }
      setF32(h, i, depth);
      setF32(hLo, i, rest);
      setF32(hu, i, qu);
      setF32(hv, i, qv);
      if (depth > 0) {
        if (c < lo) lo = c;
        if (c > hi) hi = c;
        const u = velocity(qu, depth, flowDepth);
        const v = velocity(qv, depth, flowDepth);
        const sp = max(abs(u), abs(v)) + sqrt(g * depth);
        if (sp > speedMax) speedMax = sp;
        if (depth > wetDepth) {
          if (depth > f32At(maxDepth, i)) setF32(maxDepth, i, depth);
          const speed = sqrt(u * u + v * v);
          if (speed > f32At(maxSpeed, i)) setF32(maxSpeed, i, speed);
          if (f32At(arrival, i) < 0) setF32(arrival, i, tEnd);
        }
      }
      c++;
    }
    lo = min(lo, min(min(i32x4.extract_lane(lo4, 0), i32x4.extract_lane(lo4, 1)), min(i32x4.extract_lane(lo4, 2), i32x4.extract_lane(lo4, 3))));
    hi = max(hi, max(max(i32x4.extract_lane(hi4, 0), i32x4.extract_lane(hi4, 1)), max(i32x4.extract_lane(hi4, 2), i32x4.extract_lane(hi4, 3))));
    speedMax = max(speedMax, max(max(f32x4.extract_lane(speed4, 0), f32x4.extract_lane(speed4, 1)), max(f32x4.extract_lane(speed4, 2), f32x4.extract_lane(speed4, 3))));
    clamped += (<f64>f32x4.extract_lane(clamped4, 0) + <f64>f32x4.extract_lane(clamped4, 1) + <f64>f32x4.extract_lane(clamped4, 2) + <f64>f32x4.extract_lane(clamped4, 3));
    store<i32>(wetMin + (<usize>r << 2), lo);
    store<i32>(wetMax + (<usize>r << 2), hi);
    const ro = <usize>r << 3;
    store<f64>(arr(hp, A_ROW_SPEED) + ro, <f64>speedMax);
    store<f64>(arr(hp, A_ROW_IN) + ro, load<f64>(arr(hp, A_ROW_IN) + ro) + edgeIn * dt64 * dx);
    store<f64>(arr(hp, A_ROW_OUT) + ro, load<f64>(arr(hp, A_ROW_OUT) + ro) + edgeOut * dt64 * dx);
    store<f64>(arr(hp, A_ROW_CLAMP) + ro, load<f64>(arr(hp, A_ROW_CLAMP) + ro) + clamped * dx * dx);
  }
}
