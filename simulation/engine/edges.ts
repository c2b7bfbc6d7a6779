// The domain's edge faces, each with its own boundary: an edge's default and, over it, any
// segments (later segments win). Edge faces are numbered north (col), east (row), south (col),
// west (row): north c → c, east r → nx + r, south c → nx + ny + c, west r → 2·nx + ny + r.
import { edges, seriesAt, type Boundary, type Edge, type EngineModel } from './model.ts';
import { EDGE_CODE, type SolverState } from './state.ts';

/** First edge-face number of an edge, and how many faces it has. */
export function edgeRange(edge: Edge, nx: number, ny: number): { first: number; count: number } {
  switch (edge) {
    case 'north':
      return { first: 0, count: nx };
    case 'east':
      return { first: nx, count: ny };
    case 'south':
      return { first: nx + ny, count: nx };
    case 'west':
      return { first: 2 * nx + ny, count: ny };
  }
}

const codeOf = (b: Boundary) => (b.kind === 'closed' ? EDGE_CODE.closed : b.kind === 'open' ? EDGE_CODE.open : EDGE_CODE.level);

export type EdgeRun = [first: number, last: number, boundary: Boundary];

/** The boundary of every edge face, as runs of faces, in the order they apply. */
export function edgeRuns(model: EngineModel): EdgeRun[] {
  const { nx, ny } = model;
  const out: EdgeRun[] = edges.map((edge) => {
    const { first, count } = edgeRange(edge, nx, ny);
    return [first, first + count - 1, model.boundaries[edge]];
  });
  for (const segment of model.edgeSegments ?? []) {
    const { first } = edgeRange(segment.edge, nx, ny);
    out.push([first + segment.from, first + segment.to, segment.boundary]);
  }
  return out;
}

export function checkEdgeSegments(model: EngineModel): string | null {
  for (const [k, segment] of (model.edgeSegments ?? []).entries()) {
    const { count } = edgeRange(segment.edge, model.nx, model.ny);
    if (!(Number.isInteger(segment.from) && Number.isInteger(segment.to) && segment.from >= 0 && segment.from <= segment.to && segment.to < count)) {
      return `edge segment ${k} (${segment.edge}): cells ${segment.from}…${segment.to} are not within 0…${count - 1}`;
    }
  }
  return null;
}

/** Sets every edge face's kind and its level (at t for level series). */
export function setEdgeFaces(s: SolverState, runs: readonly EdgeRun[], t: number): void {
  for (const [from, to, boundary] of runs) {
    s.edgeKind.fill(codeOf(boundary), from, to + 1);
    s.edgeLevel.fill(levelOf(boundary, t), from, to + 1);
  }
}

const levelOf = (b: Boundary, t: number) => (b.kind === 'level' ? b.level : b.kind === 'levelSeries' ? seriesAt(b.level, t) : 0);

/** Updates the levels that change with time. */
export function edgeLevelsAt(s: SolverState, runs: readonly EdgeRun[], t: number): void {
  for (const [from, to, boundary] of runs) if (boundary.kind === 'levelSeries') s.edgeLevel.fill(seriesAt(boundary.level, t), from, to + 1);
}

/** The cells next to each level face: water may come in there at any time, so they are always worked on. */
export function trackLevelEdges(s: SolverState): void {
  const { nx, ny } = s.dims;
  const widen = (r: number, c: number) => {
    if (c < s.wetMin[r]!) s.wetMin[r] = c;
    if (c > s.wetMax[r]!) s.wetMax[r] = c;
  };
  for (let f = 0; f < s.edgeKind.length; f++) {
    if (s.edgeKind[f] !== EDGE_CODE.level) continue;
    if (f < nx) widen(0, f);
    else if (f < nx + ny) widen(f - nx, nx - 1);
    else if (f < 2 * nx + ny) widen(ny - 1, f - nx - ny);
    else widen(f - 2 * nx - ny, 0);
  }
}
