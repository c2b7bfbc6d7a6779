// AssemblyScript (not TypeScript): the inertial scheme's passes as a WebAssembly kernel over the
// shared memory that holds the solver state (../state.ts), four cells at a time (f32x4 SIMD).
// The physics and the order of work are those described in ../inertial.ts; arithmetic is f32.
// Every thread instantiates this module over the same memory; it keeps no state of its own
// (no globals, no data segments), so the instances never disturb each other.
// Build: node scripts/build-wasm.ts (writes ../inertial-wasm.ts).

import {
  A_H, A_Z, A_N2, A_SOLID, A_RAIN_GRID, A_KEEP, A_QX, A_QY, A_QX_RAW, A_QY_RAW, A_N2X, A_N2Y, A_ZFX, A_ZFY, A_WET_MIN, A_WET_MAX, A_UPD_MIN, A_UPD_MAX, A_ROW_SPEED, A_ROW_IN, A_ROW_OUT, A_ROW_CLAMP, A_MAX_DEPTH, A_MAX_SPEED, A_ARRIVAL, A_PARAMS, A_EDGE_KIND, A_EDGE_LEVEL, I_NX, I_NY, F_DX, F_THETA, F_FLOW_DEPTH, F_WET_DEPTH, F_GRAVITY, F_VECTOR_FRICTION, P_DT, P_TIME, P_RAIN, P_RAIN_GRID_ON, OPEN, LEVEL, arr, int, dim, param, edgeKind, edgeLevel, f32At, v4At,
} from './header';
import { friction, friction4 } from './friction';

/**
 * Faces from…to of a row of faces: face faceOf0 + c lies between cells cellOf0 + c - step
 * (upstream: west, or north) and cellOf0 + c (x faces: step 1; y faces: step nx), its θ-weighting
 * neighbours qStride faces either side. Both kinds share one formula:
 *   hf = max(η₁, η₂) − crest;  q = friction(θq₀ + w₁(q₋ + q₊) − g·dt/dx·hf·(η₂ − η₁))  if hf > flowDepth, else 0.
 * Friction uses |q₀|, or with vector friction |(q₀, q⊥)|, q⊥ the mean of the four discharges
 * across the other way around the face (LISFLOOD-FP 8's default): faces t0 + c + {0, tAcross,
 * tAlong, tAlong + tAcross} of qT, summed two by two per cell.
 */
@inline function faceRun(
  hp: usize, cellOf0: i32, faceOf0: i32, step: i32, qStride: i32, from: i32, to: i32,
  crest: usize, q: usize, qRaw: usize, nf2: usize, gdt: f32, gdtdx: f32,
  qT: usize, t0: i32, tAcross: i32, tAlong: i32,
): void {
  const h = arr(hp, A_H);
  const z = arr(hp, A_Z);
  const theta = <f32>dim(hp, F_THETA);
  const w1 = (<f32>1 - theta) / 2;
  const flowDepth = <f32>dim(hp, F_FLOW_DEPTH);
  const vector = dim(hp, F_VECTOR_FRICTION) == 1;
  // f = faceOf0 + c; upstream cell cellOf0 + c - step, downstream cellOf0 + c. A span of four
  // or more faces ends with the block of its last four: the faces it shares with the previous
  // block get the same values again (this pass reads nothing it writes).
  if (to - from < 3) {
    for (let c = from; c <= to; c++) {
      const f = faceOf0 + c;
      const i = cellOf0 + c;
      const eta1 = f32At(z, i - step) + f32At(h, i - step);
      const eta2 = f32At(z, i) + f32At(h, i);
      const hf = max(eta1, eta2) - f32At(crest, f);
      let out: f32 = 0;
      if (hf > flowDepth) {
        const q0 = f32At(q, f);
        const qm = theta * q0 + w1 * (f32At(q, f - qStride) + f32At(q, f + qStride));
        let speed = abs(q0);
        if (vector) {
          const t = t0 + c;
          const qt = ((f32At(qT, t) + f32At(qT, t + tAcross)) + (f32At(qT, t + tAlong) + f32At(qT, t + tAlong + tAcross))) * <f32>0.25;
          speed = sqrt(q0 * q0 + qt * qt);
        }
        out = friction(qm - gdtdx * hf * (eta2 - eta1), hf, gdt * f32At(nf2, f) * speed);
      }
      store<f32>(qRaw + (<usize>f << 2), out);
    }
    return;
  }
  for (let b = from; b <= to; b += 4) {
    const c = min(b, to - 3);
    const f = faceOf0 + c;
    const i = cellOf0 + c;
    const eta1 = f32x4.add(v4At(z, i - step), v4At(h, i - step));
    const eta2 = f32x4.add(v4At(z, i), v4At(h, i));
    const hf = f32x4.sub(f32x4.pmax(eta1, eta2), v4At(crest, f));
    const flowing = f32x4.gt(hf, f32x4.splat(flowDepth));
    if (!v128.any_true(flowing)) {
      v128.store(qRaw + (<usize>f << 2), f32x4.splat(0));
      continue;
    }
    const q0 = v4At(q, f);
    const qm = f32x4.add(f32x4.mul(f32x4.splat(theta), q0), f32x4.mul(f32x4.splat(w1), f32x4.add(v4At(q, f - qStride), v4At(q, f + qStride))));
    const num = f32x4.sub(qm, f32x4.mul(f32x4.mul(f32x4.splat(gdtdx), hf), f32x4.sub(eta2, eta1)));
    let speed = f32x4.abs(q0);
    if (vector) {
      const t = t0 + c;
      const qt = f32x4.mul(f32x4.add(f32x4.add(v4At(qT, t), v4At(qT, t + tAcross)), f32x4.add(v4At(qT, t + tAlong), v4At(qT, t + tAlong + tAcross))), f32x4.splat(0.25));
      speed = f32x4.sqrt(f32x4.add(f32x4.mul(q0, q0), f32x4.mul(qt, qt)));
    }
    const k = f32x4.mul(f32x4.mul(f32x4.splat(gdt), v4At(nf2, f)), speed);
    v128.store(qRaw + (<usize>f << 2), v128.and(friction4(num, hf, k), flowing));
  }
}

/** Discharges on the interior y faces north of row r (between rows r-1 and r), columns a…b. */
@inline function northFaces(hp: usize, r: i32, a: i32, b: i32, gdt: f32, gdtdx: f32): void {
  const nx = int(hp, I_NX);
  // the x faces around the y face north of cell i = r·nx + c: west and east of i - nx (x faces
  // i + r - nx - 1 and one further), then of i (nx + 1 further)
  faceRun(hp, r * nx, r * nx, nx, nx, a, b, arr(hp, A_ZFY), arr(hp, A_QY), arr(hp, A_QY_RAW), arr(hp, A_N2Y), gdt, gdtdx, arr(hp, A_QX), r * nx + r - nx - 1, 1, nx + 1);
}

/**
 * Outward discharge (m²/s, ≥ 0 for open edges) across a domain edge face, from the cell inside
 * (eta, crest, z) and the next cell inwards (eta2, z2; NaN when there is none). In f64.
 */
function edgeDischarge(kind: i32, eta: f64, crest: f64, eta2: f64, z: f64, z2: f64, qOld: f64, level: f64, n2: f64, gdt: f64, dx: f64, flowDepth: f64): f64 {
  if (kind == OPEN) {
    const hf = eta - crest;
    if (!(hf > flowDepth)) return 0;
    let slope: f64 = 0;
    if (eta2 == eta2) slope = max(<f64>0, max((eta2 - eta) / dx, (z2 - z) / dx));
    const q = (qOld + gdt * hf * slope) / (1 + (gdt * n2 * abs(qOld)) / (hf * hf * Math.cbrt(hf)));
    return q > 0 ? q : 0;
  }
  if (kind == LEVEL) {
    const hf = max(eta, level) - crest;
    if (!(hf > flowDepth)) return 0;
    return (qOld - (gdt * hf * (level - eta)) / dx) / (1 + (gdt * n2 * abs(qOld)) / (hf * hf * Math.cbrt(hf)));
  }
  return 0;
}

/** The cells of row r worth updating: its and its neighbour rows' wet spans, widened by one. */
function setUpdateSpan(hp: usize, r: i32): void {
  const nx = int(hp, I_NX);
  const ny = int(hp, I_NY);
  const wetMin = arr(hp, A_WET_MIN);
  const wetMax = arr(hp, A_WET_MAX);
  let lo = load<i32>(wetMin + (<usize>r << 2));
  let hi = load<i32>(wetMax + (<usize>r << 2));
  if (r > 0) {
    lo = min(lo, load<i32>(wetMin + (<usize>(r - 1) << 2)));
    hi = max(hi, load<i32>(wetMax + (<usize>(r - 1) << 2)));
  }
  if (r < ny - 1) {
    lo = min(lo, load<i32>(wetMin + (<usize>(r + 1) << 2)));
    hi = max(hi, load<i32>(wetMax + (<usize>(r + 1) << 2)));
  }
  store<i32>(arr(hp, A_UPD_MIN) + (<usize>r << 2), lo > hi ? 1 : max(0, lo - 1));
  store<i32>(arr(hp, A_UPD_MAX) + (<usize>r << 2), lo > hi ? 0 : min(nx - 1, hi + 1));
}

/** Per cell of row r, the share of its outgoing discharge it can supply this step. */
function limitRow(hp: usize, r: i32, dtdx: f32): void {
  const nx = int(hp, I_NX);
  const h = arr(hp, A_H);
  const keep = arr(hp, A_KEEP);
  const qx = arr(hp, A_QX_RAW);
  const qy = arr(hp, A_QY_RAW);
  const ce = load<i32>(arr(hp, A_UPD_MAX) + (<usize>r << 2));
  const cs = load<i32>(arr(hp, A_UPD_MIN) + (<usize>r << 2));
  const half = f32x4.splat(0.5);
  // blocks of four, the last one overlapping the one before (as in faceRun)
  const vectors = ce - cs >= 3;
  for (let b = cs; vectors && b <= ce; b += 4) {
    const c = min(b, ce - 3);
    const i = r * nx + c;
    const fw = r * (nx + 1) + c;
    const qw = v4At(qx, fw);
    const qe = v4At(qx, fw + 1);
    const qn = v4At(qy, i);
    const qs = v4At(qy, i + nx);
    // (|q| - q) / 2 and (|q| + q) / 2: q's negative and positive parts, without branches; the
    // x and y pairs summed apart, so a mirrored flow gives bit for bit the mirrored sum
    const outX = f32x4.add(f32x4.mul(f32x4.sub(f32x4.abs(qw), qw), half), f32x4.mul(f32x4.add(f32x4.abs(qe), qe), half));
    const outY = f32x4.add(f32x4.mul(f32x4.sub(f32x4.abs(qn), qn), half), f32x4.mul(f32x4.add(f32x4.abs(qs), qs), half));
    const out = f32x4.mul(f32x4.add(outX, outY), f32x4.splat(dtdx));
    const hi = v4At(h, i);
    v128.store(keep + (<usize>i << 2), v128.bitselect(f32x4.div(hi, out), f32x4.splat(1), f32x4.gt(out, hi)));
  }
  for (let c = cs; !vectors && c <= ce; c++) {
    const i = r * nx + c;
    const fw = r * (nx + 1) + c;
    const qw = f32At(qx, fw);
    const qe = f32At(qx, fw + 1);
    const qn = f32At(qy, i);
    const qs = f32At(qy, i + nx);
    const out = (((abs(qw) - qw) * <f32>0.5 + (abs(qe) + qe) * <f32>0.5) + ((abs(qn) - qn) * <f32>0.5 + (abs(qs) + qs) * <f32>0.5)) * dtdx;
    const hi = f32At(h, i);
    store<f32>(keep + (<usize>i << 2), out > hi ? hi / out : 1);
  }
}

/** The discharge through a face limited by the keep of whichever cell it drains (west/north: kA). */
@inline function limited(q: f32, kA: f32, kB: f32): f32 {
  const a = abs(q);
  return (a + q) * <f32>0.5 * kA - (a - q) * <f32>0.5 * kB;
}
@inline function limited4(q: v128, kA: v128, kB: v128): v128 {
  const a = f32x4.abs(q);
  const half = f32x4.splat(0.5);
  return f32x4.sub(f32x4.mul(f32x4.mul(f32x4.add(a, q), half), kA), f32x4.mul(f32x4.mul(f32x4.sub(a, q), half), kB));
}

/** Depths of rows r0…r1-1 from the limited discharges, stored back as next step's qx, qy. */
function updateRows(hp: usize, r0: i32, r1: i32): void {
  const nx = int(hp, I_NX);
  const ny = int(hp, I_NY);
  const dx = dim(hp, F_DX);
  const wetDepth = <f32>dim(hp, F_WET_DEPTH);
  const gravity = dim(hp, F_GRAVITY);
  const h = arr(hp, A_H);
  const solid = arr(hp, A_SOLID);
  const keep = arr(hp, A_KEEP);
  const rainGrid = arr(hp, A_RAIN_GRID);
  const qx = arr(hp, A_QX);
  const qy = arr(hp, A_QY);
  const qxRaw = arr(hp, A_QX_RAW);
  const qyRaw = arr(hp, A_QY_RAW);
  const maxDepth = arr(hp, A_MAX_DEPTH);
  const maxSpeed = arr(hp, A_MAX_SPEED);
  const arrival = arr(hp, A_ARRIVAL);
  const wetMin = arr(hp, A_WET_MIN);
  const wetMax = arr(hp, A_WET_MAX);
  const dt64 = param(hp, P_DT);
  const dt = <f32>dt64;
  const tEnd = <f32>(param(hp, P_TIME) + dt64);
  const dtdx = <f32>(dt64 / dx);
  const gridRain = param(hp, P_RAIN_GRID_ON) == 1;
  const rainDepth = <f32>(param(hp, P_RAIN) * dt64);
  const half = f32x4.splat(0.5);
  const zero = f32x4.splat(0);
  for (let r = r0; r < r1; r++) {
    const cs = load<i32>(arr(hp, A_UPD_MIN) + (<usize>r << 2));
    const ce = load<i32>(arr(hp, A_UPD_MAX) + (<usize>r << 2));
    if (cs > ce) continue;
    const cb = r * nx;
    const fb = r * (nx + 1);
    const edgeRow = r == 0 || r == ny - 1;
    let lo = load<i32>(wetMin + (<usize>r << 2));
    let hi = load<i32>(wetMax + (<usize>r << 2));
    let hmax: f32 = 0;
    let edgeIn: f64 = 0;
    let edgeOut: f64 = 0;
    let clamped: f64 = 0;
    let lo4 = i32x4.splat(lo);
    let hi4 = i32x4.splat(hi);
    let hmax4 = zero;
    let clamped4 = zero;
    // the west face of the first cell, limited by whichever side drains
    let sw = limited(f32At(qxRaw, fb + cs), cs > 0 ? f32At(keep, cb + cs - 1) : 1, f32At(keep, cb + cs));
    // SIMD for interior cells only: the edge rows and columns also count boundary volumes
    const vEnd = edgeRow ? -1 : min(ce, nx - 2);
    let c = cs;
    while (c <= ce) {
      if (c >= 1 && c + 3 <= vEnd) {
        let prevSe = f32x4.splat(sw);
        let col = i32x4(c, c + 1, c + 2, c + 3);
        for (; c + 3 <= vEnd; c += 4) {
          const i = cb + c;
          const k = v4At(keep, i);
          const se = limited4(v4At(qxRaw, fb + c + 1), k, v4At(keep, i + 1));
          const sn = limited4(v4At(qyRaw, i), v4At(keep, i - nx), k);
          const ss = limited4(v4At(qyRaw, i + nx), k, v4At(keep, i + nx));
          const w = v128.shuffle<f32>(prevSe, se, 3, 4, 5, 6);
          v128.store(qx + (<usize>(fb + c) << 2), w);
          v128.store(qy + (<usize>i << 2), sn);
          const open = i32x4.ne(i32x4.extend_low_i16x8_u(v128.load8x8_u(solid + <usize>i)), i32x4.splat(1));
          const h0 = v4At(h, i);
          const rain = gridRain ? f32x4.mul(v4At(rainGrid, i), f32x4.splat(dt)) : f32x4.splat(rainDepth);
          // (west − east) + (north − south): mirrored flows give the same sum, bit for bit
          let hn = f32x4.add(f32x4.add(h0, f32x4.mul(f32x4.splat(dtdx), f32x4.add(f32x4.sub(w, se), f32x4.sub(sn, ss)))), rain);
          const below = v128.and(f32x4.lt(hn, zero), open);
          clamped4 = f32x4.sub(clamped4, v128.and(hn, below));
          hn = v128.andnot(hn, below);
          v128.store(h + (<usize>i << 2), v128.bitselect(hn, h0, open));
          const wet = v128.and(f32x4.gt(hn, zero), open);
          lo4 = i32x4.min_s(lo4, v128.bitselect(col, lo4, wet));
          hi4 = i32x4.max_s(hi4, v128.bitselect(col, hi4, wet));
          hmax4 = f32x4.pmax(hmax4, v128.and(hn, open));
          const deep = v128.and(f32x4.gt(hn, f32x4.splat(wetDepth)), open);
          if (v128.any_true(deep)) {
            const md = v4At(maxDepth, i);
            v128.store(maxDepth + (<usize>i << 2), v128.bitselect(f32x4.pmax(md, hn), md, deep));
            const qu = f32x4.add(w, se);
            const qv = f32x4.add(sn, ss);
            const speed = f32x4.div(f32x4.sqrt(f32x4.add(f32x4.mul(qu, qu), f32x4.mul(qv, qv))), f32x4.add(hn, hn));
            const ms = v4At(maxSpeed, i);
            v128.store(maxSpeed + (<usize>i << 2), v128.bitselect(speed, ms, v128.and(deep, f32x4.gt(speed, ms))));
            const ar = v4At(arrival, i);
            v128.store(arrival + (<usize>i << 2), v128.bitselect(f32x4.splat(tEnd), ar, v128.and(deep, f32x4.lt(ar, zero))));
          }
          prevSe = se;
          col = i32x4.add(col, i32x4.splat(4));
        }
        sw = f32x4.extract_lane(prevSe, 3);
        continue;
      }
      const i = cb + c;
      const k = f32At(keep, i);
      const se = limited(f32At(qxRaw, fb + c + 1), k, c < nx - 1 ? f32At(keep, i + 1) : 1);
      const sn = limited(f32At(qyRaw, i), r > 0 ? f32At(keep, i - nx) : 1, k);
      const ss = limited(f32At(qyRaw, i + nx), k, r < ny - 1 ? f32At(keep, i + nx) : 1);
      store<f32>(qx + (<usize>(fb + c) << 2), sw);
      store<f32>(qy + (<usize>i << 2), sn);
      if (load<u8>(solid + <usize>i) != 1) {
        let hn = f32At(h, i) + dtdx * ((sw - se) + (sn - ss)) + (gridRain ? f32At(rainGrid, i) * dt : rainDepth);
        if (hn < 0) {
          clamped -= hn;
          hn = 0;
        }
        store<f32>(h + (<usize>i << 2), hn);
        if (hn > 0) {
          if (c < lo) lo = c;
          if (c > hi) hi = c;
          if (hn > hmax) hmax = hn;
          if (hn > wetDepth) {
            if (hn > f32At(maxDepth, i)) store<f32>(maxDepth + (<usize>i << 2), hn);
            const qu = sw + se;
            const qv = sn + ss;
            const speed = sqrt(qu * qu + qv * qv) / (hn + hn);
            if (speed > f32At(maxSpeed, i)) store<f32>(maxSpeed + (<usize>i << 2), speed);
            if (f32At(arrival, i) < 0) store<f32>(arrival + (<usize>i << 2), tEnd);
          }
        }
        if (edgeRow || c == 0 || c == nx - 1) {
          if (c == 0) {
            if (sw > 0) edgeIn += sw;
            else edgeOut -= sw;
          }
          if (c == nx - 1) {
            if (se < 0) edgeIn -= se;
            else edgeOut += se;
          }
          if (r == 0) {
            if (sn > 0) edgeIn += sn;
            else edgeOut -= sn;
          }
          if (r == ny - 1) {
            if (ss < 0) edgeIn -= ss;
            else edgeOut += ss;
            store<f32>(qy + (<usize>(i + nx) << 2), ss);
          }
        }
      }
      sw = se;
      c++;
    }
    store<f32>(qx + (<usize>(fb + ce + 1) << 2), sw);
    lo = min(lo, min(min(i32x4.extract_lane(lo4, 0), i32x4.extract_lane(lo4, 1)), min(i32x4.extract_lane(lo4, 2), i32x4.extract_lane(lo4, 3))));
    hi = max(hi, max(max(i32x4.extract_lane(hi4, 0), i32x4.extract_lane(hi4, 1)), max(i32x4.extract_lane(hi4, 2), i32x4.extract_lane(hi4, 3))));
    hmax = max(hmax, max(max(f32x4.extract_lane(hmax4, 0), f32x4.extract_lane(hmax4, 1)), max(f32x4.extract_lane(hmax4, 2), f32x4.extract_lane(hmax4, 3))));
    clamped += <f64>f32x4.extract_lane(clamped4, 0) + <f64>f32x4.extract_lane(clamped4, 1) + <f64>f32x4.extract_lane(clamped4, 2) + <f64>f32x4.extract_lane(clamped4, 3);
    store<i32>(wetMin + (<usize>r << 2), lo);
    store<i32>(wetMax + (<usize>r << 2), hi);
    const ro = <usize>r << 3;
    store<f64>(arr(hp, A_ROW_SPEED) + ro, Math.sqrt(gravity * <f64>hmax));
    store<f64>(arr(hp, A_ROW_IN) + ro, load<f64>(arr(hp, A_ROW_IN) + ro) + edgeIn * dt64 * dx);
    store<f64>(arr(hp, A_ROW_OUT) + ro, load<f64>(arr(hp, A_ROW_OUT) + ro) + edgeOut * dt64 * dx);
    store<f64>(arr(hp, A_ROW_CLAMP) + ro, load<f64>(arr(hp, A_ROW_CLAMP) + ro) + clamped * dx * dx);
  }
}

/** The y faces north of row r, over the union of the wet columns of rows r-1 and r. */
@inline function northFacesOf(hp: usize, r: i32, gdt: f32, gdtdx: f32): void {
  const wetMin = arr(hp, A_WET_MIN);
  const wetMax = arr(hp, A_WET_MAX);
  const a = min(load<i32>(wetMin + (<usize>r << 2)), load<i32>(wetMin + (<usize>(r - 1) << 2)));
  const b = max(load<i32>(wetMax + (<usize>r << 2)), load<i32>(wetMax + (<usize>(r - 1) << 2)));
  northFaces(hp, r, a, b, gdt, gdtdx);
}

/**
 * The sweep of rows r0…r1-1 (see ../inertial.ts): flux of row r, limit of row r-1, update of
 * row r-2; the band's first two rows and its last are left to `update`.
 */
export function flux(hp: usize, r0: i32, r1: i32): void {
  if (r1 <= r0) return;
  const nx = int(hp, I_NX);
  const ny = int(hp, I_NY);
  const dx = dim(hp, F_DX);
  const flowDepth = dim(hp, F_FLOW_DEPTH);
  const gravity = dim(hp, F_GRAVITY);
  const h = arr(hp, A_H);
  const z = arr(hp, A_Z);
  const n2 = arr(hp, A_N2);
  const zfx = arr(hp, A_ZFX);
  const zfy = arr(hp, A_ZFY);
  const qx = arr(hp, A_QX);
  const qy = arr(hp, A_QY);
  const qxRaw = arr(hp, A_QX_RAW);
  const qyRaw = arr(hp, A_QY_RAW);
  const wetMin = arr(hp, A_WET_MIN);
  const wetMax = arr(hp, A_WET_MAX);
  const dt = param(hp, P_DT);
  const gdt = gravity * dt;
  const gdt32 = <f32>gdt;
  const gdtdx32 = <f32>(gdt / dx);
  const dtdx32 = <f32>(dt / dx);
  const sx = nx + 1;

  for (let r = r0; r < r1; r++) {
    const a = load<i32>(wetMin + (<usize>r << 2));
    const b = load<i32>(wetMax + (<usize>r << 2));
    setUpdateSpan(hp, r);
    const cb = r * nx;
    const fb = r * sx;
    if (a <= b) {
      // x faces: from the west face of the first wet cell to the east face of the last one
      // the y faces around the x face west of cell i = cb + c: north and south of i - 1 (y faces
      // i - 1 and nx further), then of i (one further); summed cell by cell, as the y faces' are,
      // so a transposed flow gives the transposed discharges bit for bit
      faceRun(hp, cb, fb, 1, 1, max(1, a), min(nx - 1, b + 1), zfx, qx, qxRaw, arr(hp, A_N2X), gdt32, gdtdx32, qy, cb - 1, nx, 1);
      if (a == 0) {
        const i = cb;
        const eta = <f64>f32At(z, i) + <f64>f32At(h, i);
        const z2 = nx > 1 ? <f64>f32At(z, i + 1) : NaN;
        const eta2 = nx > 1 ? z2 + <f64>f32At(h, i + 1) : NaN;
        const e = 2 * nx + ny + r;
        const q = edgeDischarge(edgeKind(hp, e), eta, f32At(zfx, fb), eta2, f32At(z, i), z2, -f32At(qx, fb), edgeLevel(hp, e), f32At(n2, i), gdt, dx, flowDepth);
        store<f32>(qxRaw + (<usize>fb << 2), <f32>-q);
      }
      if (b == nx - 1) {
        const i = cb + nx - 1;
        const f = fb + nx;
        const eta = <f64>f32At(z, i) + <f64>f32At(h, i);
        const z2 = nx > 1 ? <f64>f32At(z, i - 1) : NaN;
        const eta2 = nx > 1 ? z2 + <f64>f32At(h, i - 1) : NaN;
        const q = edgeDischarge(edgeKind(hp, nx + r), eta, f32At(zfx, f), eta2, f32At(z, i), z2, f32At(qx, f), edgeLevel(hp, nx + r), f32At(n2, i), gdt, dx, flowDepth);
        store<f32>(qxRaw + (<usize>f << 2), <f32>q);
      }
    }
    // y faces north of this row; positive = southwards
    if (r == 0) {
      for (let c = a; c <= b; c++) {
        const eta = <f64>f32At(z, c) + <f64>f32At(h, c);
        const z2 = ny > 1 ? <f64>f32At(z, c + nx) : NaN;
        const eta2 = ny > 1 ? z2 + <f64>f32At(h, c + nx) : NaN;
        const q = edgeDischarge(edgeKind(hp, c), eta, f32At(zfy, c), eta2, f32At(z, c), z2, -f32At(qy, c), edgeLevel(hp, c), f32At(n2, c), gdt, dx, flowDepth);
        store<f32>(qyRaw + (<usize>c << 2), <f32>-q);
      }
    } else northFacesOf(hp, r, gdt32, gdtdx32);
    // south edge faces, owned by the last row
    if (r == ny - 1) {
      for (let c = a; c <= b; c++) {
        const i = cb + c;
        const f = ny * nx + c;
        const eta = <f64>f32At(z, i) + <f64>f32At(h, i);
        const z2 = ny > 1 ? <f64>f32At(z, i - nx) : NaN;
        const eta2 = ny > 1 ? z2 + <f64>f32At(h, i - nx) : NaN;
        const q = edgeDischarge(edgeKind(hp, nx + ny + c), eta, f32At(zfy, f), eta2, f32At(z, i), z2, f32At(qy, f), edgeLevel(hp, nx + ny + c), f32At(n2, i), gdt, dx, flowDepth);
        store<f32>(qyRaw + (<usize>f << 2), <f32>q);
      }
    }
    if (r > r0) limitRow(hp, r - 1, dtdx32);
    if (r - 2 >= r0 + 2) updateRows(hp, r - 2, r - 1);
  }
  if (r1 < ny) northFacesOf(hp, r1, gdt32, gdtdx32);
  limitRow(hp, r1 - 1, dtdx32);
  if (r1 - 2 >= r0 + 2) updateRows(hp, r1 - 2, r1 - 1);
}

/** The rows the sweep left: the band's first two and its last. */
export function update(hp: usize, r0: i32, r1: i32): void {
  updateRows(hp, r0, min(r0 + 2, r1));
  if (r1 - 1 >= r0 + 2) updateRows(hp, r1 - 1, r1);
}
export { hllFluxLimit, hllUpdate } from './hll';
