// Face crests: the ground a face's water must top to flow, i.e. the higher of its two cells,
// a wall (Infinity) next to solid cells and closed edge faces (edgeKind, set first), and raised where a barrier crosses.
import type { Barrier, EngineModel } from './model.ts';
import { EDGE_CODE, type SolverState } from './state.ts';

export function buildFaceCrests(s: SolverState, model: EngineModel): void {
  const { nx, ny } = s.dims;
  const { z, solid, zfx, zfy, edgeKind } = s;
  const closed = (edgeFace: number) => edgeKind[edgeFace] === EDGE_CODE.closed;
  for (let r = 0; r < ny; r++) {
    for (let c = 0; c <= nx; c++) {
      const f = r * (nx + 1) + c;
      const i = r * nx + c;
      if (c === 0) zfx[f] = closed(2 * nx + ny + r) || solid[i] ? Infinity : z[i]!;
      else if (c === nx) zfx[f] = closed(nx + r) || solid[i - 1] ? Infinity : z[i - 1]!;
      else zfx[f] = solid[i - 1] || solid[i] ? Infinity : Math.max(z[i - 1]!, z[i]!);
    }
  }
  for (let r = 0; r <= ny; r++) {
    for (let c = 0; c < nx; c++) {
      const f = r * nx + c;
      if (r === 0) zfy[f] = closed(c) || solid[c] ? Infinity : z[c]!;
      else if (r === ny) zfy[f] = closed(nx + ny + c) || solid[f - nx] ? Infinity : z[f - nx]!;
      else zfy[f] = solid[f - nx] || solid[f] ? Infinity : Math.max(z[f - nx]!, z[f]!);
    }
  }
  s.zfx0.set(zfx);
  s.zfy0.set(zfy);
  applyBarriers(s, model.barriers);
  if (s.dims.scheme === 'inertial') faceRoughness(s);
}

function faceRoughness(s: SolverState): void {
  const { nx, ny } = s.dims;
  const { n2, n2x, n2y } = s;
  for (let r = 0; r < ny; r++) {
    for (let c = 0; c <= nx; c++) {
      const i = r * nx + c;
      n2x[r * (nx + 1) + c] = c === 0 ? n2[i]! : c === nx ? n2[i - 1]! : 0.5 * (n2[i - 1]! + n2[i]!);
    }
  }
  for (let r = 0; r <= ny; r++) {
    for (let c = 0; c < nx; c++) {
      const f = r * nx + c;
      n2y[f] = r === 0 ? n2[c]! : r === ny ? n2[f - nx]! : 0.5 * (n2[f - nx]! + n2[f]!);
    }
  }
}

/** Whether segments ab and cd touch or cross. */
function segmentsMeet(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const side = (px: number, py: number, qx: number, qy: number, rx: number, ry: number) => Math.sign((qx - px) * (ry - py) - (qy - py) * (rx - px));
  const d1 = side(cx, cy, dx, dy, ax, ay);
  const d2 = side(cx, cy, dx, dy, bx, by);
  const d3 = side(ax, ay, bx, by, cx, cy);
  const d4 = side(ax, ay, bx, by, dx, dy);
  if (d1 * d2 < 0 && d3 * d4 < 0) return true;
  const within = (px: number, py: number, qx: number, qy: number, rx: number, ry: number) =>
    Math.min(px, qx) <= rx && rx <= Math.max(px, qx) && Math.min(py, qy) <= ry && ry <= Math.max(py, qy);
  return (
    (d1 === 0 && within(cx, cy, dx, dy, ax, ay)) ||
    (d2 === 0 && within(cx, cy, dx, dy, bx, by)) ||
    (d3 === 0 && within(ax, ay, bx, by, cx, cy)) ||
    (d4 === 0 && within(ax, ay, bx, by, dx, dy))
  );
}

/**
 * Interior faces a polyline cuts: those whose link between the two cell centres the line
 * touches or crosses, so no path between neighbouring cells gets round it. x faces are
 * returned as `r*(nx+1)+c`, y faces as `-(1 + r*nx + c)`.
 */
export function barrierFaces(line: [number, number][], nx: number, ny: number): number[] {
  const faces = new Set<number>();
  for (let k = 1; k < line.length; k++) {
    const [x0, y0] = line[k - 1]!;
    const [x1, y1] = line[k]!;
    const c0 = Math.max(0, Math.floor(Math.min(x0, x1) - 1));
    const c1 = Math.min(nx, Math.ceil(Math.max(x0, x1) + 1));
    const r0 = Math.max(0, Math.floor(Math.min(y0, y1) - 1));
    const r1 = Math.min(ny, Math.ceil(Math.max(y0, y1) + 1));
    for (let r = r0; r < r1; r++) {
      for (let c = c0; c <= c1; c++) {
        // west face of cell (r, c): the link from the centre of (r, c-1) to that of (r, c)
        if (c > 0 && c < nx && segmentsMeet(x0, y0, x1, y1, c - 0.5, r + 0.5, c + 0.5, r + 0.5)) faces.add(r * (nx + 1) + c);
      }
    }
    for (let r = Math.max(1, r0); r <= r1 && r < ny; r++) {
      for (let c = c0; c < c1 && c < nx; c++) {
        // north face of cell (r, c): the link from the centre of (r-1, c) to that of (r, c)
        if (segmentsMeet(x0, y0, x1, y1, c + 0.5, r - 0.5, c + 0.5, r + 0.5)) faces.add(-(1 + r * nx + c));
      }
    }
  }
  return [...faces];
}

/** Resets every face to its bare crest and raises the faces of all `barriers`. */
export function applyBarriers(s: SolverState, barriers: readonly Barrier[]): void {
  const { nx, ny } = s.dims;
  s.zfx.set(s.zfx0);
  s.zfy.set(s.zfy0);
  for (const barrier of barriers) {
    for (const face of barrierFaces(barrier.line, nx, ny)) {
      if (face >= 0) s.zfx[face] = s.zfx0[face]! + barrier.height;
      else s.zfy[-face - 1] = s.zfy0[-face - 1]! + barrier.height;
    }
  }
}
