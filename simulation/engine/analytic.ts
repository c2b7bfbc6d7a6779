// Textbook cases with known solutions, as engine models: the tests check the engine against
// them and the benchmark reuses the grids.
import type { Boundary, EngineModel } from './model.ts';

const closed: Boundary = { kind: 'closed' };

function blank(nx: number, ny: number, cellSize: number, n: number): EngineModel {
  return {
    nx,
    ny,
    cellSize,
    ground: new Float32Array(nx * ny),
    solid: new Uint8Array(nx * ny),
    manning: new Float32Array(nx * ny).fill(n),
    initialDepth: new Float32Array(nx * ny),
    inflows: [],
    rainfall: null,
    boundaries: { north: closed, east: closed, south: closed, west: closed },
    pumps: [],
    barriers: [],
  };
}

/**
 * Still water at level 1 m over bumpy ground (heights on a 1/64 m lattice so ground + depth is
 * exactly 1 in floating point), with islands standing out of the water and a wall block.
 */
export function lakeAtRest(nx = 40, ny = 30): EngineModel {
  const m = blank(nx, ny, 2, 0.03);
  for (let r = 0; r < ny; r++) {
    for (let c = 0; c < nx; c++) {
      const i = r * nx + c;
      const bump = 0.6 * Math.sin(c / 3) * Math.cos(r / 4) + 0.3 * Math.sin((c + 2 * r) / 5);
      m.ground[i] = Math.round((0.4 + bump) * 64) / 64;
      m.initialDepth![i] = Math.max(0, 1 - m.ground[i]!);
      if (c >= 10 && c < 13 && r >= 5 && r < 9) m.solid[i] = 1;
    }
  }
  m.boundaries = { north: closed, east: { kind: 'level', level: 1 }, south: closed, west: closed };
  return m;
}

/** Hunter et al. (2005): a front advancing at speed u over a flat frictional plane. */
export const hunter = {
  u: 1,
  n: 0.01,
  depth(x: number, t: number): number {
    const s = (7 / 3) * this.n * this.n * this.u * this.u * (this.u * t - x);
    return s > 0 ? Math.pow(s, 3 / 7) : 0;
  },
  model(length = 5000, dx = 50): EngineModel {
    const nx = Math.round(length / dx);
    const m = blank(nx, 1, dx, this.n);
    const times = Array.from({ length: 401 }, (_, k) => k * 20);
    // the level at the centre of the ghost cell just outside the west edge
    m.boundaries.west = { kind: 'levelSeries', level: { times, values: times.map((t) => this.depth(-dx / 2, t)) } };
    return m;
  },
};

/**
 * A MacDonald-type steady channel (MacDonald et al. 1997): pick the depth profile h(x) and the
 * discharge q(x) = q0 + R·x (inflow plus rain), then derive the bed for which they are the
 * steady state: dη/dx = −n² q|q| / h^(10/3) for the local-inertial equations, minus
 * d(q²/h)/dx / (g h) more for the full shallow-water equations (rain brings no momentum).
 */
export const macdonald = {
  length: 1000,
  n: 0.03,
  q0: 0.1,
  /** Rain, m/s (360 mm/h: steep, so rain doubles the discharge along the channel). */
  rain: 1e-4,
  depth(x: number): number {
    return 0.3 * (1 + 0.5 * Math.exp(-16 * (x / this.length - 0.5) ** 2));
  },
  discharge(x: number): number {
    return this.q0 + this.rain * x;
  },
  /** Water-surface elevation, 0 at x = length. */
  stage(x: number, advection: boolean): number {
    const steps = 2000;
    const a = x;
    const b = this.length;
    const m = (s: number) => this.discharge(s) ** 2 / this.depth(s);
    const f = (s: number) =>
      (this.n * this.n * this.discharge(s) ** 2) / this.depth(s) ** (10 / 3) + (advection ? (m(s + 0.01) - m(s - 0.01)) / 0.02 / (9.81 * this.depth(s)) : 0);
    let sum = f(a) + f(b);
    const w = (b - a) / steps;
    for (let k = 1; k < steps; k++) sum += (k % 2 === 1 ? 4 : 2) * f(a + k * w);
    return (sum * w) / 3;
  },
  model(advection: boolean, dx = 10): EngineModel {
    const nx = Math.round(this.length / dx);
    const m = blank(nx, 1, dx, this.n);
    for (let c = 0; c < nx; c++) {
      const x = (c + 0.5) * dx;
      m.ground[c] = this.stage(x, advection) - this.depth(x);
    }
    m.inflows = [{ id: 'upstream', cells: [0], weights: [1], hydrograph: { times: [0], values: [this.q0 * dx] } }];
    m.rainfall = { kind: 'uniform', intensity: { times: [0], values: [this.rain * 3.6e6] } };
    m.boundaries.east = { kind: 'level', level: this.stage(this.length + dx / 2, advection) };
    return m;
  },
};

/**
 * Thacker (1981): a planar water surface swinging in a frictionless paraboloid. This is the
 * member of the family that starts at rest and swings along x (uniform velocity
 * u = −(2ηh0/a)·sqrt(2g/h0)/2·sin ωt, v = 0); SWASHES 4.2.2 is the rotating one.
 */
export const thacker = {
  a: 1,
  h0: 0.1,
  eta: 0.1,
  size: 4,
  get omega(): number {
    return Math.sqrt(2 * 9.81 * this.h0) / this.a;
  },
  ground(x: number, y: number): number {
    const r2 = (x - this.size / 2) ** 2 + (y - this.size / 2) ** 2;
    return -this.h0 * (1 - r2 / (this.a * this.a));
  },
  stage(x: number, y: number, t: number): number {
    const w = this.omega;
    const cos = Math.cos(w * t);
    return ((this.eta * this.h0) / (this.a * this.a)) * (2 * (x - this.size / 2) * cos - this.eta * cos * cos);
  },
  depth(x: number, y: number, t: number): number {
    return Math.max(0, this.stage(x, y, t) - this.ground(x, y));
  },
  model(cells = 100): EngineModel {
    const dx = this.size / cells;
    const m = blank(cells, cells, dx, 0);
    for (let r = 0; r < cells; r++) {
      for (let c = 0; c < cells; c++) {
        const x = (c + 0.5) * dx;
        const y = this.size - (r + 0.5) * dx;
        m.ground[r * cells + c] = this.ground(x, y);
        m.initialDepth![r * cells + c] = this.depth(x, y, 0);
      }
    }
    return m;
  },
};

/** Ritter (1892): a dam of depth h0 breaking onto a dry frictionless bed at x = 0. */
export const ritter = {
  h0: 1,
  length: 1000,
  depth(x: number, t: number): number {
    const c0 = Math.sqrt(9.81 * this.h0);
    if (x <= -c0 * t) return this.h0;
    if (x >= 2 * c0 * t) return 0;
    return (2 * c0 - x / t) ** 2 / (9 * 9.81);
  },
  model(dx = 5): EngineModel {
    const nx = Math.round(this.length / dx);
    const m = blank(nx, 1, dx, 0);
    for (let c = 0; c < nx; c++) m.initialDepth![c] = (c + 0.5) * dx < this.length / 2 ? this.h0 : 0;
    return m;
  },
  /** x measured from the dam at the middle of the domain. */
  x(col: number, dx: number): number {
    return (col + 0.5) * dx - this.length / 2;
  },
};

/**
 * Stoker's dam break onto still water (frictionless, flat): depth h0 behind the dam at x = 0,
 * h1 in front. A rarefaction runs back into the reservoir, a bore forward; between them the
 * uniform state hm, um that joins the two, found from the rarefaction's Riemann invariant
 * (um = 2(c0 − cm)) and the bore's jump conditions into still water.
 */
export const stoker = {
  h0: 1,
  h1: 0.1,
  length: 1000,
  /** The middle state's depth, velocity and the bore's speed. */
  middle(): { hm: number; um: number; bore: number } {
    const g = 9.81;
    const c0 = Math.sqrt(g * this.h0);
    const bore = (hm: number) => Math.sqrt((g * hm * (hm + this.h1)) / (2 * this.h1));
    // mismatch between the velocity behind the rarefaction and behind the bore: falls with hm
    const mismatch = (hm: number) => 2 * (c0 - Math.sqrt(g * hm)) - bore(hm) * (1 - this.h1 / hm);
    let lo = this.h1;
    let hi = this.h0;
    for (let k = 0; k < 100; k++) {
      const mid = (lo + hi) / 2;
      if (mismatch(mid) > 0) lo = mid;
      else hi = mid;
    }
    const hm = (lo + hi) / 2;
    return { hm, um: 2 * (c0 - Math.sqrt(g * hm)), bore: bore(hm) };
  },
  depth(x: number, t: number): number {
    const g = 9.81;
    const c0 = Math.sqrt(g * this.h0);
    const { hm, um, bore } = this.middle();
    if (x <= -c0 * t) return this.h0;
    if (x <= (um - Math.sqrt(g * hm)) * t) return (2 * c0 - x / t) ** 2 / (9 * g);
    if (x <= bore * t) return hm;
    return this.h1;
  },
  model(dx = 5): EngineModel {
    const nx = Math.round(this.length / dx);
    const m = blank(nx, 1, dx, 0);
    for (let c = 0; c < nx; c++) m.initialDepth![c] = (c + 0.5) * dx < this.length / 2 ? this.h0 : this.h1;
    return m;
  },
  x(col: number, dx: number): number {
    return (col + 0.5) * dx - this.length / 2;
  },
};
