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
// still reads are updated in a second pass, after the team's barrier.
// Both cells of a face use the same limited discharge, so limiting conserves mass exactly.
// Depths are never clipped to hide anything: a cell that ends below zero (float round-off
// only) is reset and the volume counted in the mass balance.
import { EDGE_CODE, P, type SolverState } from './state.ts';
import { setUpdateSpan } from './wet-front.ts';

const OPEN = EDGE_CODE.open;
const LEVEL = EDGE_CODE.level;

/**
 * num / (1 + k / h^(7/3)): Manning friction, semi-implicit. h^(7/3) = h²·∛h, with ∛h from a
 * bit-level first guess and one Halley step (~3e-5 relative, plenty for friction), folded into
 * a single division: this is the hottest line of the engine.
 */
function withFriction(num: number, h: number, k: number, bits: Float32Array, ints: Int32Array): number {
  bits[0] = h;
  ints[0] = ((ints[0]! / 3) | 0) + 709921077;
  const y = bits[0]!;
  const y3 = y * y * y;
  const p = h * h * y * (y3 + 2 * h);
  return (num * p) / (p + k * (2 * y3 + h));
}

/**
 * Outward discharge (m²/s, ≥ 0 for open edges) across a domain edge face, from the cell inside
 * (eta, crest, z) and the next cell inwards (eta2, z2; NaN when there is none).
 */
function edgeDischarge(
  kind: number,
  eta: number,
  crest: number,
  eta2: number,
  z: number,
  z2: number,
  qOld: number,
  level: number,
  n2: number,
  gdt: number,
  dx: number,
  flowDepth: number,
): number {
  if (kind === OPEN) {
    const hf = eta - crest;
    if (!(hf > flowDepth)) return 0;
    // the surface (or the ground, if steeper) keeps falling across the edge
    let slope = 0;
    if (eta2 === eta2) slope = Math.max(0, (eta2 - eta) / dx, (z2 - z) / dx);
    const q = (qOld + gdt * hf * slope) / (1 + (gdt * n2 * Math.abs(qOld)) / Math.pow(hf, 7 / 3));
    return q > 0 ? q : 0;
  }
  if (kind === LEVEL) {
    const hf = Math.max(eta, level) - crest;
    if (!(hf > flowDepth)) return 0;
    return (qOld - (gdt * hf * (level - eta)) / dx) / (1 + (gdt * n2 * Math.abs(qOld)) / Math.pow(hf, 7 / 3));
  }
  return 0;
}

/** Discharges on the interior y faces north of row r (between rows r-1 and r), columns a…b. */
function northFaces(s: SolverState, r: number, a: number, b: number, gdt: number, bits: Float32Array, ints: Int32Array): void {
  const { nx, dx, theta, flowDepth } = s.dims;
  const gdtdx = gdt / dx;
  const { h, z, n2y, zfy, qy, qyRaw } = s;
  const w1 = (1 - theta) / 2;
  const cb = r * nx;
  for (let c = a; c <= b; c++) {
    const f = cb + c; // north face of cell (r, c), same index as the cell
    const etaN = z[f - nx]! + h[f - nx]!;
    const etaS = z[f]! + h[f]!;
    const hf = (etaN > etaS ? etaN : etaS) - zfy[f]!;
    if (hf > flowDepth) {
      const q0 = qy[f]!;
      const qm = w1 === 0 ? q0 : theta * q0 + w1 * (qy[f - nx]! + qy[f + nx]!);
      qyRaw[f] = withFriction(qm - gdtdx * hf * (etaS - etaN), hf, gdt * n2y[f]! * Math.abs(q0), bits, ints);
    } else qyRaw[f] = 0;
  }
}

/** Per cell of row r, the share of its outgoing discharge it can supply this step. */
function limitRow(s: SolverState, r: number, dtdx: number): void {
  const { nx } = s.dims;
  const { h, keep, updMin, updMax, qxRaw: qx, qyRaw: qy } = s;
  const ce = updMax[r]!;
  for (let c = updMin[r]!; c <= ce; c++) {
    const i = r * nx + c;
    const fw = r * (nx + 1) + c;
    const qw = qx[fw]!;
    const qe = qx[fw + 1]!;
    const qn = qy[i]!;
    const qs = qy[i + nx]!;
    // (|q| - q) / 2 and (|q| + q) / 2 are q's negative and positive parts, exactly and without
    // branches (flow directions are too irregular to predict)
    const out = ((Math.abs(qw) - qw) * 0.5 + (Math.abs(qe) + qe) * 0.5 + (Math.abs(qn) - qn) * 0.5 + (Math.abs(qs) + qs) * 0.5) * dtdx;
    const hi = h[i]!;
    keep[i] = out > hi ? hi / out : 1;
  }
}

/** The union of the wet columns of rows r-1 and r, as [first, last] (empty when first > last). */
function northRange(s: SolverState, r: number): [number, number] {
  return [Math.min(s.wetMin[r]!, s.wetMin[r - 1]!), Math.max(s.wetMax[r]!, s.wetMax[r - 1]!)];
}

/**
 * The sweep: each row's keep is worked out as soon as all four faces of its cells are known,
 * i.e. right after the next row's north faces, and the row above it is updated once its keep
 * is known too. The band's last row needs the north faces of the next band's first row: they
 * are computed here too, to the same values the neighbouring thread writes, so no thread waits
 * for another. Left for `inertialUpdate`: the band's first two rows (the band above reads their
 * depths and discharges for those north faces) and its last row (it needs the next band's keep).
 */
export function inertialFlux(s: SolverState, r0: number, r1: number): void {
  // an empty band must not limit the row above it: that row's faces may not be computed yet
  if (r1 <= r0) return;
  const { nx, ny, dx, theta, flowDepth, gravity, edgeKinds } = s.dims;
  const { h, z, n2, n2x, zfx, zfy, wetMin, wetMax, params, qx, qy, qxRaw, qyRaw } = s;
  const dt = params[P.dt]!;
  const gdt = gravity * dt;
  const gdtdx = gdt / dx;
  const dtdx = dt / dx;
  const w1 = (1 - theta) / 2;
  const sx = nx + 1;
  const bits = new Float32Array(1);
  const ints = new Int32Array(bits.buffer);

  for (let r = r0; r < r1; r++) {
    const a = wetMin[r]!;
    const b = wetMax[r]!;
    setUpdateSpan(s, r);

    const cb = r * nx;
    const fb = r * sx;
    // x faces: from the west face of the first wet cell to the east face of the last one
    if (a <= b) {
      const cs = Math.max(1, a);
      const ce = Math.min(nx - 1, b + 1);
      let etaL = z[cb + cs - 1]! + h[cb + cs - 1]!;
      for (let c = cs; c <= ce; c++) {
        const f = fb + c;
        const i = cb + c;
        const etaR = z[i]! + h[i]!;
        const hf = (etaL > etaR ? etaL : etaR) - zfx[f]!;
        if (hf > flowDepth) {
          const q0 = qx[f]!;
          const qm = w1 === 0 ? q0 : theta * q0 + w1 * (qx[f - 1]! + qx[f + 1]!);
          qxRaw[f] = withFriction(qm - gdtdx * hf * (etaR - etaL), hf, gdt * n2x[f]! * Math.abs(q0), bits, ints);
        } else qxRaw[f] = 0;
        etaL = etaR;
      }
      if (a === 0) {
        const i = cb;
        const eta = z[i]! + h[i]!;
        const z2 = nx > 1 ? z[i + 1]! : NaN;
        const eta2 = nx > 1 ? z2 + h[i + 1]! : NaN;
        qxRaw[fb] = -edgeDischarge(edgeKinds[3], eta, zfx[fb]!, eta2, z[i]!, z2, -qx[fb]!, params[P.levelWest]!, n2[i]!, gdt, dx, flowDepth);
      }
      if (b === nx - 1) {
        const i = cb + nx - 1;
        const f = fb + nx;
        const eta = z[i]! + h[i]!;
        const z2 = nx > 1 ? z[i - 1]! : NaN;
        const eta2 = nx > 1 ? z2 + h[i - 1]! : NaN;
        qxRaw[f] = edgeDischarge(edgeKinds[1], eta, zfx[f]!, eta2, z[i]!, z2, qx[f]!, params[P.levelEast]!, n2[i]!, gdt, dx, flowDepth);
      }
    }

    // y faces north of this row; positive = southwards
    if (r === 0) {
      for (let c = a; c <= b; c++) {
        const eta = z[c]! + h[c]!;
        const z2 = ny > 1 ? z[c + nx]! : NaN;
        const eta2 = ny > 1 ? z2 + h[c + nx]! : NaN;
        qyRaw[c] = -edgeDischarge(edgeKinds[0], eta, zfy[c]!, eta2, z[c]!, z2, -qy[c]!, params[P.levelNorth]!, n2[c]!, gdt, dx, flowDepth);
      }
    } else {
      const [ya, yb] = northRange(s, r);
      northFaces(s, r, ya, yb, gdt, bits, ints);
    }
    // south edge faces, owned by the last row
    if (r === ny - 1) {
      for (let c = a; c <= b; c++) {
        const i = cb + c;
        const f = ny * nx + c;
        const eta = z[i]! + h[i]!;
        const z2 = ny > 1 ? z[i - nx]! : NaN;
        const eta2 = ny > 1 ? z2 + h[i - nx]! : NaN;
        qyRaw[f] = edgeDischarge(edgeKinds[2], eta, zfy[f]!, eta2, z[i]!, z2, qy[f]!, params[P.levelSouth]!, n2[i]!, gdt, dx, flowDepth);
      }
    }
    if (r > r0) limitRow(s, r - 1, dtdx);
    if (r - 2 >= r0 + 2) updateRows(s, r - 2, r - 1);
  }
  if (r1 < ny) {
    const [ya, yb] = northRange(s, r1);
    northFaces(s, r1, ya, yb, gdt, bits, ints);
  }
  limitRow(s, r1 - 1, dtdx);
  if (r1 - 2 >= r0 + 2) updateRows(s, r1 - 2, r1 - 1);
}

/** The rows the sweep left: the band's first two and its last. */
export function inertialUpdate(s: SolverState, r0: number, r1: number): void {
  updateRows(s, r0, Math.min(r0 + 2, r1));
  if (r1 - 1 >= r0 + 2) updateRows(s, r1 - 1, r1);
}

function updateRows(s: SolverState, r0: number, r1: number): void {
  const { nx, ny, dx, wetDepth, gravity } = s.dims;
  const { h, solid, keep, updMin, updMax, wetMin, wetMax, rowSpeed, rowIn, rowOut, rowClamp, rainGrid, params } = s;
  const { maxDepth, maxSpeed, arrival, qx, qy, qxRaw, qyRaw } = s;
  const dt = params[P.dt]!;
  const tEnd = params[P.time]! + dt;
  const dtdx = dt / dx;
  const gridRain = params[P.rainGridOn] === 1;
  const rainDepth = params[P.rain]! * dt;
  for (let r = r0; r < r1; r++) {
    const cs = updMin[r]!;
    const ce = updMax[r]!;
    if (cs > ce) continue;
    const cb = r * nx;
    const fb = r * (nx + 1);
    const edgeRow = r === 0 || r === ny - 1;
    let lo = wetMin[r]!;
    let hi = wetMax[r]!;
    let hmax = 0;
    let edgeIn = 0;
    let edgeOut = 0;
    let clamped = 0;
    // the west face of the first cell, limited by whichever side drains
    const qw = qxRaw[fb + cs]!;
    let sw = qw > 0 ? qw * (cs > 0 ? keep[cb + cs - 1]! : 1) : qw * keep[cb + cs]!;
    for (let c = cs; c <= ce; c++) {
      const i = cb + c;
      const k = keep[i]!;
      const ke = c < nx - 1 ? keep[i + 1]! : 1;
      const kn = r > 0 ? keep[i - nx]! : 1;
      const ks = r < ny - 1 ? keep[i + nx]! : 1;
      // each face's positive part times the keep of the cell west/north of it, its negative
      // part times the other's (one of the two products is zero: the same value as branching)
      const qe = qxRaw[fb + c + 1]!;
      const ae = Math.abs(qe);
      const se = (ae + qe) * 0.5 * k - (ae - qe) * 0.5 * ke;
      const qn = qyRaw[i]!;
      const an = Math.abs(qn);
      const sn = (an + qn) * 0.5 * kn - (an - qn) * 0.5 * k;
      const qs = qyRaw[i + nx]!;
      const as = Math.abs(qs);
      const ss = (as + qs) * 0.5 * k - (as - qs) * 0.5 * ks;
      qx[fb + c] = sw;
      qy[i] = sn;
      if (solid[i] !== 1) {
        let hn = h[i]! + dtdx * (sw - se + sn - ss) + (gridRain ? rainGrid[i]! * dt : rainDepth);
        if (hn < 0) {
          clamped -= hn;
          hn = 0;
        }
        h[i] = hn;
        if (hn > 0) {
          if (c < lo) lo = c;
          if (c > hi) hi = c;
          if (hn > hmax) hmax = hn;
          if (hn > wetDepth) {
            const qu = sw + se;
            const qv = sn + ss;
            const qq = qu * qu + qv * qv;
            const m = maxSpeed[i]! * 2 * hn;
            if (hn > maxDepth[i]!) maxDepth[i] = hn;
            // the square root only for a likely new peak (the margin leaves the verdict to the exact test)
            if (qq > m * m * 0.999999) {
              const speed = Math.sqrt(qq) / (2 * hn);
              if (speed > maxSpeed[i]!) maxSpeed[i] = speed;
            }
            if (arrival[i]! < 0) arrival[i] = tEnd;
          }
        }
        if (edgeRow || c === 0 || c === nx - 1) {
          if (c === 0) {
            if (sw > 0) edgeIn += sw;
            else edgeOut -= sw;
          }
          if (c === nx - 1) {
            if (se < 0) edgeIn -= se;
            else edgeOut += se;
          }
          if (r === 0) {
            if (sn > 0) edgeIn += sn;
            else edgeOut -= sn;
          }
          if (r === ny - 1) {
            if (ss < 0) edgeIn -= ss;
            else edgeOut += ss;
            qy[i + nx] = ss;
          }
        }
      }
      sw = se;
    }
    qx[fb + ce + 1] = sw;
    wetMin[r] = lo;
    wetMax[r] = hi;
    rowSpeed[r] = Math.sqrt(gravity * hmax);
    rowIn[r]! += edgeIn * dt * dx;
    rowOut[r]! += edgeOut * dt * dx;
    rowClamp[r]! += clamped * dx * dx;
  }
}
