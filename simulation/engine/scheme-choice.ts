// The scheme a model needs, from its terrain, for a pack that names none. The local-inertial
// scheme drops the advection terms: where flow is supercritical it makes roll waves instead of
// the steady depth (simulation/host/engine-steep.test.ts), while on gentle ground it is the
// more accurate and the cheaper. Manning normal flow at depth h on a slope S has Froude number
// h^(1/6)·√S / (n·√g): supercritical where S > n²·g / h^(1/3). At a typical flood depth (0.3 m),
// if a fifth or more of the open cells slope that steeply, fast shallow flow runs down much of
// the domain and HLL is chosen. Drops steeper than 1:1 are walls, kerbs and raised buildings'
// edges, not slopes water runs down, and are left out.
import type { EngineModel, Scheme } from './model.ts';

const REFERENCE_DEPTH = 0.3;
const STEEP_SHARE = 0.2;
const WALL_SLOPE = 1;

export interface SchemeChoice {
  scheme: Scheme;
  /** Share of the open cells whose downhill slope makes normal flow at 0.3 m supercritical. */
  supercriticalShare: number;
}

export function schemeForTerrain(model: Pick<EngineModel, 'nx' | 'ny' | 'cellSize' | 'ground' | 'solid' | 'manning'>, gravity = 9.81): SchemeChoice {
  const { nx, ny, cellSize, ground, solid, manning } = model;
  const depthTerm = gravity / Math.cbrt(REFERENCE_DEPTH);
  let open = 0;
  let steep = 0;
  for (let r = 0; r < ny; r++) {
    for (let c = 0; c < nx; c++) {
      const i = r * nx + c;
      if (solid[i]) continue;
      open++;
      let slope = 0;
      for (const j of [c > 0 ? i - 1 : -1, c < nx - 1 ? i + 1 : -1, r > 0 ? i - nx : -1, r < ny - 1 ? i + nx : -1]) {
        if (j < 0 || solid[j]) continue;
        const s = (ground[i]! - ground[j]!) / cellSize;
        if (s > slope && s <= WALL_SLOPE) slope = s;
      }
      const n = manning[i]!;
      if (slope > n * n * depthTerm) steep++;
    }
  }
  const supercriticalShare = open > 0 ? steep / open : 0;
  return { scheme: supercriticalShare >= STEEP_SHARE ? 'hll' : 'inertial', supercriticalShare };
}
