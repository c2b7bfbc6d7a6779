// Face crests: the ground a face's water must top to flow, i.e. the higher of its two cells,
// a wall (Infinity) next to solid cells and closed edges, and raised where a barrier crosses.
import type { Barrier, EngineModel } from './model.ts';
import { EDGE_CODE, type SolverState } from './state.ts';

export function buildFaceCrests(s: SolverState, model: EngineModel): void {
  const { nx, ny, edgeKinds } = s.dims;
  const { z, solid, zfx, zfy } = s;
  const [north, east, south, west] = edgeKinds;
  for (let r = 0; r < ny; r++) {
    for (let c = 0; c <= nx; c++) {
      const f = r * (nx + 1) + c;
      const i = r * nx + c;
      if (c === 0) zfx[f] = west === EDGE_CODE.closed || solid[i] ? Infinity : z[i]!;
      else if (c === nx) zfx[f] = east === EDGE_CODE.closed || solid[i - 1] ? Infinity : z[i - 1]!;
      else zfx[f] = solid[i - 1] || solid[i] ? Infinity : Math.max(z[i - 1]!, z[i]!);
    }
  }
  for (let r = 0; r <= ny; r++) {
    for (let c = 0; c < nx; c++) {
      const f = r * nx + c;
      if (r === 0) zfy[f] = north === EDGE_CODE.closed || solid[c] ? Infinity : z[c]!;
      else if (r === ny) zfy[f] = south === EDGE_CODE.closed || solid[f - nx] ? Infinity : z[f - nx]!;
      else zfy[f] = solid[f - nx] || solid[f] ? Infinity : Math.max(z[f - nx]!, z[f]!);
    }
  }
  s.zfx0.set(zfx);
  s.zfy0.set(zfy);
  applyBarriers(s, model.barriers);
}

/** Interior faces a polyline crosses: x faces as `r*(nx+1)+c`, y faces as `-(1 + r*nx + c)`. */
export function barrierFaces(line: [number, number][], nx: number, ny: number): number[] {
  const faces = new Set<number>();
  const xFace = (r: number, c: number) => {
    if (r >= 0 && r < ny && c > 0 && c < nx) faces.add(r * (nx + 1) + c);
  };
  const yFace = (r: number, c: number) => {
    if (c >= 0 && c < nx && r > 0 && r < ny) faces.add(-(1 + r * nx + c));
  };
  for (let k = 1; k < line.length; k++) {
    const [x0, y0] = line[k - 1]!;
    const [x1, y1] = line[k]!;
    const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) * 4));
    let pc = Math.floor(x0);
    let pr = Math.floor(y0);
    for (let j = 1; j <= steps; j++) {
      const c = Math.floor(x0 + ((x1 - x0) * j) / steps);
      const r = Math.floor(y0 + ((y1 - y0) * j) / steps);
      if (c !== pc) xFace(pr, Math.max(c, pc));
      if (r !== pr) yFace(Math.max(r, pr), pc);
      pc = c;
      pr = r;
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
