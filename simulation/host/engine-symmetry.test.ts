// A square basin with a mound of water in its middle and the same boundary on all four edges:
// the water must stay symmetric under the square's mirror images, bit for bit (every sum is
// ordered so that a mirrored flow gives the mirrored sum). x and y faces, west/east and
// north/south edges, the kernel's four-cell blocks and single cells all meet here, so a slip in
// any one of them (a wrong neighbour, sign or edge, or a sum in a lopsided order) shows.
import { describe, expect, it } from 'vitest';
import type { Boundary, EngineModel, Scheme } from '../engine/model.ts';
import { createSimulation } from '../engine/simulation.ts';

const N = 41;

function basin(edge: Boundary): EngineModel {
  const ground = new Float32Array(N * N);
  const initialDepth = new Float32Array(N * N);
  const mid = (N - 1) / 2;
  for (let r = 0; r < N; r++) {
    for (let c = 0; c < N; c++) {
      const d2 = (r - mid) ** 2 + (c - mid) ** 2;
      // a low dome falling towards the edges with a ridge ring on it, water heaped in the middle
      ground[r * N + c] = 0.5 - 0.002 * d2 + 0.2 * Math.exp(-((Math.sqrt(d2) - 12) ** 2) / 4);
      initialDepth[r * N + c] = 1.5 * Math.exp(-d2 / 20);
    }
  }
  return {
    nx: N,
    ny: N,
    cellSize: 1,
    ground,
    solid: new Uint8Array(N * N),
    manning: new Float32Array(N * N).fill(0.03),
    initialDepth,
    inflows: [],
    rainfall: null,
    boundaries: { north: edge, east: edge, south: edge, west: edge },
    pumps: [],
    barriers: [],
  };
}

/** The largest depth difference between each cell and its image under the square's mirrors. */
function asymmetry(h: Float32Array): number {
  let worst = 0;
  for (let r = 0; r < N; r++) {
    for (let c = 0; c < N; c++) {
      const d = h[r * N + c]!;
      for (const image of [c * N + r, r * N + (N - 1 - c), (N - 1 - r) * N + c]) worst = Math.max(worst, Math.abs(d - h[image]!));
    }
  }
  return worst;
}

describe.each<Scheme>(['inertial', 'hll'])('symmetry (%s)', (scheme) => {
  it.each<[string, Boundary]>([
    ['open', { kind: 'open' }],
    ['level', { kind: 'level', level: 0 }],
  ])('keeps the water of a symmetric basin exactly symmetric with %s edges all round', (_name, edge) => {
    const sim = createSimulation({ model: basin(edge), options: { scheme } });
    sim.advance(40);
    const mb = sim.massBalance();
    // the water reached every edge and crossed it
    expect(mb.boundaryOut + mb.boundaryIn).toBeGreaterThan(1);
    for (let k = 0; k < N; k++) {
      for (const cell of [k, k * N, k * N + N - 1, (N - 1) * N + k]) expect(sim.state.maxDepth[cell]).toBeGreaterThan(0);
    }
    expect(asymmetry(sim.state.h)).toBe(0);
    expect(asymmetry(sim.state.maxDepth)).toBe(0);
    expect(mb.errorPercent).toBeLessThan(0.1);
  });
});
