// AssemblyScript (not TypeScript).
// A first-order finite-volume shallow-water scheme: HLL fluxes (Harten, Lax & van Leer 1983,
// wave speeds after Toro) with the hydrostatic reconstruction of Audusse et al. (2004), as in
// LISFLOOD-FP's FV1 and HiPIMS. It keeps the advection terms the local-inertial scheme drops,
// which matters for fast, supercritical flow down steep streets. Well-balanced (a lake at rest
// stays exactly still) and depth-positive under the CFL condition; friction is applied
// semi-implicitly per cell after the flux update. Three passes per step:
//   flux   mass and momentum fluxes on every face near water (double precision);
//   limit  per cell, the share of its outgoing fluxes it can supply ("keep" ≤ 1): the
//          draining time step of Bollermann et al. (2013), so a cell never sends more water
//          than it holds even where a dry-front wave outruns the Courant estimate;
//   update cell depth and discharges from the fluxes scaled by their donor cell's keep,
//          friction, envelopes, boundary volumes.
// y runs southwards (row index), like the inertial scheme's face discharges. The passes run as
// WebAssembly over the shared state, scalar f64 arithmetic on the f32 state (it gives exactly
// the results of the JavaScript passes it replaced). Keep library functions that bring lookup
// tables (Math.pow, Math.exp, Math.log) out: their data segment would be written over the state's
// header at every instantiation.
import {
  A_H, A_Z, A_N2, A_SOLID, A_RAIN_GRID, A_KEEP, A_ZFX, A_ZFY, A_WET_MIN, A_WET_MAX, A_UPD_MIN, A_UPD_MAX, A_ROW_SPEED, A_ROW_IN, A_ROW_OUT, A_ROW_CLAMP,
  A_MAX_DEPTH, A_MAX_SPEED, A_ARRIVAL, A_HU, A_HV, A_FXH, A_FXU, A_FXV, A_FYH, A_FYU, A_FYV, I_NX, I_NY, F_DX, F_FLOW_DEPTH, F_WET_DEPTH, F_GRAVITY,
  P_DT, P_TIME, P_RAIN, P_RAIN_GRID_ON, OPEN, LEVEL, arr, int, dim, param, edgeKind, edgeLevel, f32At,
} from './header';

@inline function f64At(base: usize, i: i32): f64 {
  return load<f64>(base + (<usize>i << 3));
}
@inline function setF64(base: usize, i: i32, v: f64): void {
  store<f64>(base + (<usize>i << 3), v);
}
@inline function setF32(base: usize, i: i32, v: f64): void {
  store<f32>(base + (<usize>i << 2), <f32>v);
}
@inline function i32At(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}

/** HLL flux between reconstructed states; writes mass, normal and tangential momentum at f. */
function hll(hL: f64, uL: f64, vL: f64, hR: f64, uR: f64, vR: f64, g: f64, outH: usize, outN: usize, outT: usize, f: i32): void {
  if (hL <= 0 && hR <= 0) {
    setF64(outH, f, 0);
    setF64(outN, f, 0);
    setF64(outT, f, 0);
    return;
  }
  const cL = Math.sqrt(g * hL);
  const cR = Math.sqrt(g * hR);
  const uStar = 0.5 * (uL + uR) + cL - cR;
  const cStar = 0.5 * (cL + cR) + 0.25 * (uL - uR);
  const sL = hL <= 0 ? uR - 2 * cR : min(uL - cL, uStar - cStar);
  const sR = hR <= 0 ? uL + 2 * cL : max(uR + cR, uStar + cStar);
  const qL = hL * uL;
  const qR = hR * uR;
  const fnL = qL * uL + 0.5 * g * hL * hL;
  const fnR = qR * uR + 0.5 * g * hR * hR;
  let fh: f64;
  let fn: f64;
  if (sL >= 0) {
    fh = qL;
    fn = fnL;
  } else if (sR <= 0) {
    fh = qR;
    fn = fnR;
  } else {
    const w = sL / (sR - sL);
    fh = qL + w * (qL - qR + sR * (hR - hL));
    fn = fnL + w * (fnL - fnR + sR * (qR - qL));
  }
  setF64(outH, f, fh);
  setF64(outN, f, fn);
  setF64(outT, f, fh * (fh > 0 ? vL : vR));
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

/** Velocity from a discharge where the cell flows, else 0. */
@inline function velocity(q: f64, d: f64, flowDepth: f64): f64 {
  return d > flowDepth ? q / d : 0;
}

/** Fluxes through the west and east edge faces of row r, where its wet span reaches them. */
function edgeFluxesX(hp: usize, r: i32): void {
  const nx = int(hp, I_NX);
  const ny = int(hp, I_NY);
  const flowDepth = dim(hp, F_FLOW_DEPTH);
  const g = dim(hp, F_GRAVITY);
  const h = arr(hp, A_H);
  const hu = arr(hp, A_HU);
  const hv = arr(hp, A_HV);
  const z = arr(hp, A_Z);
  const zfx = arr(hp, A_ZFX);
  const fxh = arr(hp, A_FXH);
  const fxu = arr(hp, A_FXU);
  const fxv = arr(hp, A_FXV);
  const a = i32At(arr(hp, A_WET_MIN), r);
  const b = i32At(arr(hp, A_WET_MAX), r);
  if (a > b) return;
  const cb = r * nx;
  const fb = r * (nx + 1);
  for (let side = 0; side < 2; side++) {
    const west = side == 0;
    if (west ? a != 0 : b != nx - 1) continue;
    const i = west ? cb : cb + nx - 1;
    const f = west ? fb : fb + nx;
    const e = west ? 2 * nx + ny + r : nx + r;
    const kind = edgeKind(hp, e);
    const zf = <f64>f32At(zfx, f);
    const d = <f64>f32At(h, i);
    const hs = max(0, <f64>f32At(z, i) + d - zf);
    const u = velocity(<f64>f32At(hu, i), d, flowDepth);
    const v = velocity(<f64>f32At(hv, i), d, flowDepth);
    const outward = west ? -u : u;
    let gh = hs;
    let gu = outward;
    if (kind == OPEN) gu = max(0, outward);
    else if (kind == LEVEL) gh = max(0, edgeLevel(hp, e) - zf);
    if (zf == Infinity) gh = 0;
    hll(hs, outward, v, gh, gu, v, g, fxh, fxu, fxv, f);
    if (west) {
      setF64(fxh, f, -f64At(fxh, f));
      setF64(fxv, f, -f64At(fxv, f));
    }
  }
}

/** Fluxes through the north (row 0) or south (last row) edge faces of row r's wet span. */
function edgeFluxesY(hp: usize, r: i32): void {
  const nx = int(hp, I_NX);
  const ny = int(hp, I_NY);
  const flowDepth = dim(hp, F_FLOW_DEPTH);
  const g = dim(hp, F_GRAVITY);
  const h = arr(hp, A_H);
  const hu = arr(hp, A_HU);
  const hv = arr(hp, A_HV);
  const z = arr(hp, A_Z);
  const zfy = arr(hp, A_ZFY);
  const fyh = arr(hp, A_FYH);
  const fyu = arr(hp, A_FYU);
  const fyv = arr(hp, A_FYV);
  const a = i32At(arr(hp, A_WET_MIN), r);
  const b = i32At(arr(hp, A_WET_MAX), r);
  const cb = r * nx;
  for (let side = 0; side < 2; side++) {
    const north = side == 0;
    if (north ? r != 0 : r != ny - 1) continue;
    for (let c = a; c <= b; c++) {
      const i = cb + c;
      const f = north ? c : ny * nx + c;
      const e = north ? c : nx + ny + c;
      const kind = edgeKind(hp, e);
      const zf = <f64>f32At(zfy, f);
      const d = <f64>f32At(h, i);
      const hs = max(0, <f64>f32At(z, i) + d - zf);
      const u = velocity(<f64>f32At(hu, i), d, flowDepth);
      const v = velocity(<f64>f32At(hv, i), d, flowDepth);
      const outward = north ? -v : v;
      let gh = hs;
      let gv = outward;
      if (kind == OPEN) gv = max(0, outward);
      else if (kind == LEVEL) gh = max(0, edgeLevel(hp, e) - zf);
      if (zf == Infinity) gh = 0;
      hll(hs, outward, u, gh, gv, u, g, fyh, fyv, fyu, f);
      if (north) {
        setF64(fyh, f, -f64At(fyh, f));
        setF64(fyu, f, -f64At(fyu, f));
      }
    }
  }
}

export function hllFlux(hp: usize, r0: i32, r1: i32): void {
  const nx = int(hp, I_NX);
  const flowDepth = dim(hp, F_FLOW_DEPTH);
  const g = dim(hp, F_GRAVITY);
  const h = arr(hp, A_H);
  const hu = arr(hp, A_HU);
  const hv = arr(hp, A_HV);
  const z = arr(hp, A_Z);
  const zfx = arr(hp, A_ZFX);
  const zfy = arr(hp, A_ZFY);
  const wetMin = arr(hp, A_WET_MIN);
  const wetMax = arr(hp, A_WET_MAX);
  const fxh = arr(hp, A_FXH);
  const fxu = arr(hp, A_FXU);
  const fxv = arr(hp, A_FXV);
  const fyh = arr(hp, A_FYH);
  const fyu = arr(hp, A_FYU);
  const fyv = arr(hp, A_FYV);
  const sx = nx + 1;
  for (let r = r0; r < r1; r++) {
    const a = i32At(wetMin, r);
    const b = i32At(wetMax, r);
    updateSpan(hp, r);
    const cb = r * nx;
    const fb = r * sx;
    if (a <= b) {
      const cs = max(1, a);
      const ce = min(nx - 1, b + 1);
      for (let c = cs; c <= ce; c++) {
        const f = fb + c;
        const iL = cb + c - 1;
        const iR = iL + 1;
        const zf = <f64>f32At(zfx, f);
        const dL = <f64>f32At(h, iL);
        const dR = <f64>f32At(h, iR);
        const hLs = max(0, <f64>f32At(z, iL) + dL - zf);
        const hRs = max(0, <f64>f32At(z, iR) + dR - zf);
        hll(hLs, velocity(<f64>f32At(hu, iL), dL, flowDepth), velocity(<f64>f32At(hv, iL), dL, flowDepth), hRs, velocity(<f64>f32At(hu, iR), dR, flowDepth), velocity(<f64>f32At(hv, iR), dR, flowDepth), g, fxh, fxu, fxv, f);
      }
      edgeFluxesX(hp, r);
    }
    const ya = r > 0 ? min(a, i32At(wetMin, r - 1)) : a;
    const yb = r > 0 ? max(b, i32At(wetMax, r - 1)) : b;
    if (ya <= yb && r > 0) {
      for (let c = ya; c <= yb; c++) {
        const f = cb + c;
        const iN = f - nx;
        const iS = f;
        const zf = <f64>f32At(zfy, f);
        const dN = <f64>f32At(h, iN);
        const dS = <f64>f32At(h, iS);
        const hNs = max(0, <f64>f32At(z, iN) + dN - zf);
        const hSs = max(0, <f64>f32At(z, iS) + dS - zf);
        // normal = v (southwards), tangential = u
        hll(hNs, velocity(<f64>f32At(hv, iN), dN, flowDepth), velocity(<f64>f32At(hu, iN), dN, flowDepth), hSs, velocity(<f64>f32At(hv, iS), dS, flowDepth), velocity(<f64>f32At(hu, iS), dS, flowDepth), g, fyh, fyv, fyu, f);
      }
    }
    edgeFluxesY(hp, r);
  }
}

export function hllLimit(hp: usize, r0: i32, r1: i32): void {
  const nx = int(hp, I_NX);
  const dtdx = param(hp, P_DT) / dim(hp, F_DX);
  const h = arr(hp, A_H);
  const keep = arr(hp, A_KEEP);
  const updMin = arr(hp, A_UPD_MIN);
  const updMax = arr(hp, A_UPD_MAX);
  const fxh = arr(hp, A_FXH);
  const fyh = arr(hp, A_FYH);
  for (let r = r0; r < r1; r++) {
    const ce = i32At(updMax, r);
    for (let c = i32At(updMin, r); c <= ce; c++) {
      const i = r * nx + c;
      const fw = r * (nx + 1) + c;
      const mw = f64At(fxh, fw);
      const me = f64At(fxh, fw + 1);
      const mn = f64At(fyh, i);
      const ms = f64At(fyh, i + nx);
      const out = ((mw < 0 ? -mw : 0) + (me > 0 ? me : 0) + (mn < 0 ? -mn : 0) + (ms > 0 ? ms : 0)) * dtdx;
      const d = <f64>f32At(h, i);
      setF32(keep, i, out > d ? d / out : 1);
    }
  }
}

export function hllUpdate(hp: usize, r0: i32, r1: i32): void {
  const nx = int(hp, I_NX);
  const ny = int(hp, I_NY);
  const dx = dim(hp, F_DX);
  const wetDepth = dim(hp, F_WET_DEPTH);
  const flowDepth = dim(hp, F_FLOW_DEPTH);
  const g = dim(hp, F_GRAVITY);
  const h = arr(hp, A_H);
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
  const dt = param(hp, P_DT);
  const tEnd = param(hp, P_TIME) + dt;
  const dtdx = dt / dx;
  const hg = 0.5 * g;
  const gridRain = param(hp, P_RAIN_GRID_ON) == 1;
  const rainDepth = param(hp, P_RAIN) * dt;
  for (let r = r0; r < r1; r++) {
    const cs = i32At(updMin, r);
    const ce = i32At(updMax, r);
    if (cs > ce) continue;
    const cb = r * nx;
    const fb = r * (nx + 1);
    let lo = i32At(wetMin, r);
    let hi = i32At(wetMax, r);
    let speedMax: f64 = 0;
    let edgeIn: f64 = 0;
    let edgeOut: f64 = 0;
    let clamped: f64 = 0;
    for (let c = cs; c <= ce; c++) {
      const i = cb + c;
      if (load<u8>(solid + <usize>i) == 1) continue;
      const fw = fb + c;
      const fe = fw + 1;
      const fn = i;
      const fs = i + nx;
      const d = <f64>f32At(h, i);
      const eta = <f64>f32At(z, i) + d;
      const hw = max(0, eta - <f64>f32At(zfx, fw));
      const he = max(0, eta - <f64>f32At(zfx, fe));
      const hn = max(0, eta - <f64>f32At(zfy, fn));
      const hs = max(0, eta - <f64>f32At(zfy, fs));
      // each face's fluxes scaled by the keep of the cell its water leaves
      const k = <f64>f32At(keep, i);
      let mw = f64At(fxh, fw);
      const kw = mw > 0 ? (c > 0 ? <f64>f32At(keep, i - 1) : 1) : k;
      let me = f64At(fxh, fe);
      const ke = me > 0 ? k : c < nx - 1 ? <f64>f32At(keep, i + 1) : 1;
      let mn = f64At(fyh, fn);
      const kn = mn > 0 ? (r > 0 ? <f64>f32At(keep, i - nx) : 1) : k;
      let ms = f64At(fyh, fs);
      const ks = ms > 0 ? k : r < ny - 1 ? <f64>f32At(keep, i + nx) : 1;
      mw *= kw;
      me *= ke;
      mn *= kn;
      ms *= ks;
      let depth = d - dtdx * (me - mw + ms - mn) + (gridRain ? <f64>f32At(rainGrid, i) * dt : rainDepth);
      let qu = <f64>f32At(hu, i) - dtdx * (ke * f64At(fxu, fe) - hg * he * he - (kw * f64At(fxu, fw) - hg * hw * hw) + ks * f64At(fyu, fs) - kn * f64At(fyu, fn));
      let qv = <f64>f32At(hv, i) - dtdx * (ks * f64At(fyv, fs) - hg * hs * hs - (kn * f64At(fyv, fn) - hg * hn * hn) + ke * f64At(fxv, fe) - kw * f64At(fxv, fw));
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
        clamped -= depth;
        depth = 0;
      }
      if (depth > flowDepth) {
        const q = Math.sqrt(qu * qu + qv * qv);
        // h^(7/3) as h²·∛h: Math.pow would bring lookup tables (a data segment) into the module
        const kf = 1 + (dt * g * <f64>f32At(n2, i) * q) / (depth * depth * Math.cbrt(depth));
        qu /= kf;
        qv /= kf;
      } else {
        qu = 0;
        qv = 0;
      }
      setF32(h, i, depth);
      setF32(hu, i, qu);
      setF32(hv, i, qv);
      if (depth > 0) {
        if (c < lo) lo = c;
        if (c > hi) hi = c;
        const cw = Math.sqrt(g * depth);
        const u = depth > flowDepth ? qu / depth : 0;
        const v = depth > flowDepth ? qv / depth : 0;
        const sp = max(abs(u), abs(v)) + cw;
        if (sp > speedMax) speedMax = sp;
        if (depth > wetDepth) {
          const speed = Math.sqrt(u * u + v * v);
          if (depth > <f64>f32At(maxDepth, i)) setF32(maxDepth, i, depth);
          if (speed > <f64>f32At(maxSpeed, i)) setF32(maxSpeed, i, speed);
          if (f32At(arrival, i) < 0) setF32(arrival, i, tEnd);
        }
      }
    }
    store<i32>(wetMin + (<usize>r << 2), lo);
    store<i32>(wetMax + (<usize>r << 2), hi);
    const ro = <usize>r << 3;
    store<f64>(arr(hp, A_ROW_SPEED) + ro, speedMax);
    store<f64>(arr(hp, A_ROW_IN) + ro, load<f64>(arr(hp, A_ROW_IN) + ro) + edgeIn * dt * dx);
    store<f64>(arr(hp, A_ROW_OUT) + ro, load<f64>(arr(hp, A_ROW_OUT) + ro) + edgeOut * dt * dx);
    store<f64>(arr(hp, A_ROW_CLAMP) + ro, load<f64>(arr(hp, A_ROW_CLAMP) + ro) + clamped * dx * dx);
  }
}
