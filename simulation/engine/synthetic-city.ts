// A made-up town of any size, for scaling figures and thread tests: ground falling gently to the
// south-east with some roughness, a street grid, raised building blocks, a creek inflow along
// the north-west and a storm over it all.
import type { EngineModel } from './model.ts';

export interface CityOptions {
  nx: number;
  ny: number;
  cellSize?: number;
  /** Rain intensity (mm/h); 0 for none. */
  rain?: number;
  /** Creek discharge (m³/s). */
  inflow?: number;
  seed?: number;
}

export function syntheticCity({ nx, ny, cellSize = 2, rain = 60, inflow = 30, seed = 7 }: CityOptions): EngineModel {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const n = nx * ny;
  const ground = new Float32Array(n);
  const manning = new Float32Array(n);
  const block = 24;
  for (let r = 0; r < ny; r++) {
    for (let c = 0; c < nx; c++) {
      const i = r * nx + c;
      const street = c % block < 4 || r % block < 4;
      const slope = 0.004 * (nx - c) * cellSize + 0.003 * (ny - r) * cellSize;
      const ripple = 0.3 * Math.sin(c / 17) * Math.cos(r / 23);
      ground[i] = slope + ripple + 0.02 * random() + (street ? -0.15 : 0);
      manning[i] = street ? 0.02 : 0.04;
      // buildings: most blocks hold a house, set back from the street
      const bc = c % block;
      const br = r % block;
      if (!street && bc >= 7 && bc < 20 && br >= 7 && br < 20 && (Math.floor(c / block) * 31 + Math.floor(r / block) * 17) % 5 !== 0) ground[i] += 3;
    }
  }
  const creek: number[] = [];
  for (let c = 2; c < Math.min(nx, 40); c++) creek.push(2 * nx + c);
  return {
    nx,
    ny,
    cellSize,
    ground,
    solid: new Uint8Array(n),
    manning,
    inflows: [{ id: 'creek', cells: creek, weights: creek.map(() => 1 / creek.length), hydrograph: { times: [0, 600, 3600], values: [0, inflow, inflow] } }],
    rainfall: rain > 0 ? { kind: 'uniform', intensity: { times: [0, 1800, 3600], values: [rain, rain, 0] } } : null,
    boundaries: { north: { kind: 'closed' }, west: { kind: 'closed' }, south: { kind: 'open' }, east: { kind: 'open' } },
    pumps: [],
    barriers: [],
  };
}
