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
// y runs southwards (row index), like the inertial scheme's face discharges.
import { EDGE_CODE, P, type SolverState } from './state.ts';
import { setUpdateSpan } from './wet-front.ts';

const OPEN = EDGE_CODE.open;
const LEVEL = EDGE_CODE.level;

/** HLL flux between reconstructed states; writes mass, normal and tangential momentum at f. */
function hll(
  hL: number,
  uL: number,
  vL: number,
  hR: number,
  uR: number,
  vR: number,
  g: number,
  outH: Float64Array,
  outN: Float64Array,
  outT: Float64Array,
  f: number,
): void {
  if (hL <= 0 && hR <= 0) {
    outH[f] = 0;
    outN[f] = 0;
    outT[f] = 0;
    return;
  }
  const cL = Math.sqrt(g * hL);
  const cR = Math.sqrt(g * hR);
  const uStar = 0.5 * (uL + uR) + cL - cR;
  const cStar = 0.5 * (cL + cR) + 0.25 * (uL - uR);
  const sL = hL <= 0 ? uR - 2 * cR : Math.min(uL - cL, uStar - cStar);
  const sR = hR <= 0 ? uL + 2 * cL : Math.max(uR + cR, uStar + cStar);
  const qL = hL * uL;
  const qR = hR * uR;
  const fnL = qL * uL + 0.5 * g * hL * hL;
  const fnR = qR * uR + 0.5 * g * hR * hR;
  let fh: number;
  let fn: number;
  if (sL >= 0) {
    fh = qL;
    fn = fnL;
  } else if (sR <= 0) {
    fh = qR;
    fn = fnR;
  } else {
    // F_L + sL (F_L − F_R + sR ΔU) / (sR − sL): exactly F_L when both sides are equal
    const w = sL / (sR - sL);
    fh = qL + w * (qL - qR + sR * (hR - hL));
    fn = fnL + w * (fnL - fnR + sR * (qR - qL));
  }
  outH[f] = fh;
  outN[f] = fn;
  outT[f] = fh * (fh > 0 ? vL : vR);
}

export function hllFlux(s: SolverState, r0: number, r1: number): void {
  const { nx, flowDepth, gravity: g } = s.dims;
  const { h, hu, hv, z, zfx, zfy, wetMin, wetMax, fxh, fxu, fxv, fyh, fyu, fyv } = s;
  const sx = nx + 1;
  for (let r = r0; r < r1; r++) {
    const a = wetMin[r]!;
    const b = wetMax[r]!;
    setUpdateSpan(s, r);
    const cb = r * nx;
    const fb = r * sx;

    if (a <= b) {
      const cs = Math.max(1, a);
      const ce = Math.min(nx - 1, b + 1);
      for (let c = cs; c <= ce; c++) {
        const f = fb + c;
        const iL = cb + c - 1;
        const iR = iL + 1;
        const zf = zfx[f]!;
        const dL = h[iL]!;
        const dR = h[iR]!;
        const hLs = Math.max(0, z[iL]! + dL - zf);
        const hRs = Math.max(0, z[iR]! + dR - zf);
        const wetL = dL > flowDepth;
        const wetR = dR > flowDepth;
        hll(hLs, wetL ? hu[iL]! / dL : 0, wetL ? hv[iL]! / dL : 0, hRs, wetR ? hu[iR]! / dR : 0, wetR ? hv[iR]! / dR : 0, g, fxh, fxu, fxv, f);
      }
      edgeFluxesX(s, r);
    }

    const ya = r > 0 ? Math.min(a, wetMin[r - 1]!) : a;
    const yb = r > 0 ? Math.max(b, wetMax[r - 1]!) : b;
    if (ya <= yb && r > 0) {
      for (let c = ya; c <= yb; c++) {
        const f = cb + c;
        const iN = f - nx;
        const iS = f;
        const zf = zfy[f]!;
        const dN = h[iN]!;
        const dS = h[iS]!;
        const hNs = Math.max(0, z[iN]! + dN - zf);
        const hSs = Math.max(0, z[iS]! + dS - zf);
        const wetN = dN > flowDepth;
        const wetS = dS > flowDepth;
        // normal = v (southwards), tangential = u
        hll(hNs, wetN ? hv[iN]! / dN : 0, wetN ? hu[iN]! / dN : 0, hSs, wetS ? hv[iS]! / dS : 0, wetS ? hu[iS]! / dS : 0, g, fyh, fyv, fyu, f);
      }
    }
    edgeFluxesY(s, r);
  }
}

/** Fluxes through the west and east edge faces of row r, where its wet span reaches them. */
function edgeFluxesX(s: SolverState, r: number): void {
  const { nx, ny, flowDepth, gravity: g } = s.dims;
  const { h, hu, hv, z, zfx, wetMin, wetMax, edgeKind, edgeLevel, fxh, fxu, fxv } = s;
  const a = wetMin[r]!;
  const b = wetMax[r]!;
  if (a > b) return;
  const cb = r * nx;
  const fb = r * (nx + 1);
  // a ghost cell outside, as the boundary kind says
  for (const west of [true, false]) {
    if (west ? a !== 0 : b !== nx - 1) continue;
    const i = west ? cb : cb + nx - 1;
    const f = west ? fb : fb + nx;
    const e = west ? 2 * nx + ny + r : nx + r;
    const kind = edgeKind[e];
    const zf = zfx[f]!;
    const d = h[i]!;
    const wet = d > flowDepth;
    const hs = Math.max(0, z[i]! + d - zf);
    const u = wet ? hu[i]! / d : 0;
    const v = wet ? hv[i]! / d : 0;
    const outward = west ? -u : u;
    let gh = hs;
    let gu = outward;
    if (kind === OPEN) gu = Math.max(0, outward);
    else if (kind === LEVEL) gh = Math.max(0, edgeLevel[e]! - zf);
    if (zf === Infinity) gh = 0;
    // flux in the outward direction, then turned to +x
    hll(hs, outward, v, gh, gu, v, g, fxh, fxu, fxv, f);
    if (west) {
      fxh[f] = -fxh[f]!;
      fxv[f] = -fxv[f]!;
    }
  }
}

/** Fluxes through the north (row 0) or south (last row) edge faces of row r's wet span. */
function edgeFluxesY(s: SolverState, r: number): void {
  const { nx, ny, flowDepth, gravity: g } = s.dims;
  const { h, hu, hv, z, zfy, wetMin, wetMax, edgeKind, edgeLevel, fyh, fyu, fyv } = s;
  const a = wetMin[r]!;
  const b = wetMax[r]!;
  const cb = r * nx;
  for (const north of [true, false]) {
    if (north ? r !== 0 : r !== ny - 1) continue;
    for (let c = a; c <= b; c++) {
      const i = cb + c;
      const f = north ? c : ny * nx + c;
      const e = north ? c : nx + ny + c;
      const kind = edgeKind[e];
      const zf = zfy[f]!;
      const d = h[i]!;
      const wet = d > flowDepth;
      const hs = Math.max(0, z[i]! + d - zf);
      const u = wet ? hu[i]! / d : 0;
      const v = wet ? hv[i]! / d : 0;
      const outward = north ? -v : v;
      let gh = hs;
      let gv = outward;
      if (kind === OPEN) gv = Math.max(0, outward);
      else if (kind === LEVEL) gh = Math.max(0, edgeLevel[e]! - zf);
      if (zf === Infinity) gh = 0;
      hll(hs, outward, u, gh, gv, u, g, fyh, fyv, fyu, f);
      if (north) {
        fyh[f] = -fyh[f]!;
        fyu[f] = -fyu[f]!;
      }
    }
  }
}

export function hllLimit(s: SolverState, r0: number, r1: number): void {
  const { nx, dx } = s.dims;
  const { h, keep, updMin, updMax, params, fxh, fyh } = s;
  const dtdx = params[P.dt]! / dx;
  for (let r = r0; r < r1; r++) {
    const ce = updMax[r]!;
    for (let c = updMin[r]!; c <= ce; c++) {
      const i = r * nx + c;
      const fw = r * (nx + 1) + c;
      const mw = fxh[fw]!;
      const me = fxh[fw + 1]!;
      const mn = fyh[i]!;
      const ms = fyh[i + nx]!;
      const out = ((mw < 0 ? -mw : 0) + (me > 0 ? me : 0) + (mn < 0 ? -mn : 0) + (ms > 0 ? ms : 0)) * dtdx;
      const d = h[i]!;
      keep[i] = out > d ? d / out : 1;
    }
  }
}

export function hllUpdate(s: SolverState, r0: number, r1: number): void {
  const { nx, ny, dx, wetDepth, flowDepth, gravity: g } = s.dims;
  const { h, hu, hv, z, n2, solid, keep, zfx, zfy, updMin, updMax, wetMin, wetMax, rowSpeed, rowIn, rowOut, rowClamp, rainGrid, params } = s;
  const { maxDepth, maxSpeed, arrival, fxh, fxu, fxv, fyh, fyu, fyv } = s;
  const dt = params[P.dt]!;
  const tEnd = params[P.time]! + dt;
  const dtdx = dt / dx;
  const hg = 0.5 * g;
  const gridRain = params[P.rainGridOn] === 1;
  const rainDepth = params[P.rain]! * dt;
  for (let r = r0; r < r1; r++) {
    const cs = updMin[r]!;
    const ce = updMax[r]!;
    if (cs > ce) continue;
    const cb = r * nx;
    const fb = r * (nx + 1);
    let lo = wetMin[r]!;
    let hi = wetMax[r]!;
    let speedMax = 0;
    let edgeIn = 0;
    let edgeOut = 0;
    let clamped = 0;
    for (let c = cs; c <= ce; c++) {
      const i = cb + c;
      if (solid[i] === 1) continue;
      const fw = fb + c;
      const fe = fw + 1;
      const fn = i;
      const fs = i + nx;
      const d = h[i]!;
      const eta = z[i]! + d;
      const hw = Math.max(0, eta - zfx[fw]!);
      const he = Math.max(0, eta - zfx[fe]!);
      const hn = Math.max(0, eta - zfy[fn]!);
      const hs = Math.max(0, eta - zfy[fs]!);
      // each face's fluxes scaled by the keep of the cell its water leaves
      const k = keep[i]!;
      let mw = fxh[fw]!;
      const kw = mw > 0 ? (c > 0 ? keep[i - 1]! : 1) : k;
      let me = fxh[fe]!;
      const ke = me > 0 ? k : c < nx - 1 ? keep[i + 1]! : 1;
      let mn = fyh[fn]!;
      const kn = mn > 0 ? (r > 0 ? keep[i - nx]! : 1) : k;
      let ms = fyh[fs]!;
      const ks = ms > 0 ? k : r < ny - 1 ? keep[i + nx]! : 1;
      mw *= kw;
      me *= ke;
      mn *= kn;
      ms *= ks;
      let depth = d - dtdx * (me - mw + ms - mn) + (gridRain ? rainGrid[i]! * dt : rainDepth);
      let qu = hu[i]! - dtdx * (ke * fxu[fe]! - hg * he * he - (kw * fxu[fw]! - hg * hw * hw) + ks * fyu[fs]! - kn * fyu[fn]!);
      let qv = hv[i]! - dtdx * (ks * fyv[fs]! - hg * hs * hs - (kn * fyv[fn]! - hg * hn * hn) + ke * fxv[fe]! - kw * fxv[fw]!);
      if (c === 0) {
        if (mw > 0) edgeIn += mw;
        else edgeOut -= mw;
      }
      if (c === nx - 1) {
        if (me < 0) edgeIn -= me;
        else edgeOut += me;
      }
      if (r === 0) {
        if (mn > 0) edgeIn += mn;
        else edgeOut -= mn;
      }
      if (r === ny - 1) {
        if (ms < 0) edgeIn -= ms;
        else edgeOut += ms;
      }
      if (depth < 0) {
        clamped -= depth;
        depth = 0;
      }
      if (depth > flowDepth) {
        const q = Math.sqrt(qu * qu + qv * qv);
        const k = 1 + (dt * g * n2[i]! * q) / Math.pow(depth, 7 / 3);
        qu /= k;
        qv /= k;
      } else {
        qu = 0;
        qv = 0;
      }
      h[i] = depth;
      hu[i] = qu;
      hv[i] = qv;
      if (depth > 0) {
        if (c < lo) lo = c;
        if (c > hi) hi = c;
        const cw = Math.sqrt(g * depth);
        const u = depth > flowDepth ? qu / depth : 0;
        const v = depth > flowDepth ? qv / depth : 0;
        const sp = Math.max(Math.abs(u), Math.abs(v)) + cw;
        if (sp > speedMax) speedMax = sp;
        if (depth > wetDepth) {
          const speed = Math.sqrt(u * u + v * v);
          if (depth > maxDepth[i]!) maxDepth[i] = depth;
          if (speed > maxSpeed[i]!) maxSpeed[i] = speed;
          if (arrival[i]! < 0) arrival[i] = tEnd;
        }
      }
    }
    wetMin[r] = lo;
    wetMax[r] = hi;
    rowSpeed[r] = speedMax;
    rowIn[r]! += edgeIn * dt * dx;
    rowOut[r]! += edgeOut * dt * dx;
    rowClamp[r]! += clamped * dx * dx;
  }
}
