// The Environment Agency's 2D benchmark Test 4 (flood-wave speed over a flat floodplain, Néelz &
// Pender 2013) on the engine: a 1000 m × 2000 m flat plain, n = 0.05, a hydrograph let in over
// 20 m of the west edge, open north, east and south. Compared with LISFLOOD-FP 8's published
// local-inertial series on a 1 m grid (fixtures/ea-test4/README.md: sources and licence).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineModel, EngineOptions } from '../engine/model.ts';
import { createSimulation } from '../engine/simulation.ts';
import { parseCsv } from '../scenario/csv.ts';

const fixtures = join(import.meta.dirname, 'fixtures', 'ea-test4');
const WIDTH = 1000;
const HEIGHT = 2000;
const WET = 0.01;

export interface ReferenceSeries {
  points: { id: string; x: number; y: number }[];
  times: number[];
  /** depths[k][t]: point k at times[t] (m). */
  depths: number[][];
}

export function readReference(): ReferenceSeries {
  const text = readFileSync(join(fixtures, 'reference-lisflood-acc-1m.stage'), 'utf8').split('\n');
  const table = parseCsv(readFileSync(join(fixtures, 'points.csv'), 'utf8'), 'points.csv');
  const points = table.rows.map((row) => ({ id: row.cells[0]!, x: Number(row.cells[1]), y: Number(row.cells[2]) }));
  const start = text.findIndex((line) => line.startsWith('Time;')) + 1;
  const times: number[] = [];
  const depths: number[][] = points.map(() => []);
  for (const line of text.slice(start)) {
    const cells = line.trim().split(/\s+/).map(Number);
    if (cells.length !== points.length + 1) continue;
    times.push(cells[0]!);
    points.forEach((_, k) => depths[k]!.push(cells[k + 1]!));
  }
  return { points, times, depths };
}

function inflow(): { times: number[]; values: number[] } {
  const table = parseCsv(readFileSync(join(fixtures, 'inflow.csv'), 'utf8'), 'inflow.csv');
  return { times: table.rows.map((r) => Number(r.cells[0])), values: table.rows.map((r) => Number(r.cells[1])) };
}

export function eaTest4Model(cellSize = 5): EngineModel {
  const nx = WIDTH / cellSize;
  const ny = HEIGHT / cellSize;
  const n = nx * ny;
  // west-edge cells whose centres lie on y = 990…1010 (row 0 north)
  const cells: number[] = [];
  for (let r = 0; r < ny; r++) {
    const y = HEIGHT - (r + 0.5) * cellSize;
    if (y > 990 && y < 1010) cells.push(r * nx);
  }
  return {
    nx,
    ny,
    cellSize,
    ground: new Float32Array(n),
    solid: new Uint8Array(n),
    manning: new Float32Array(n).fill(0.05),
    inflows: [{ id: 'west', cells, weights: cells.map(() => 1 / cells.length), hydrograph: inflow() }],
    rainfall: null,
    boundaries: { north: { kind: 'open' }, east: { kind: 'open' }, south: { kind: 'open' }, west: { kind: 'closed' } },
    pumps: [],
    barriers: [],
  };
}

/** First time the series exceeds the wet depth, linear between samples; null if never. */
export function arrivalOf(times: number[], depths: number[]): number | null {
  for (let t = 0; t < times.length; t++) {
    if (depths[t]! > WET) {
      if (t === 0) return times[0]!;
      const f = (WET - depths[t - 1]!) / (depths[t]! - depths[t - 1]!);
      return times[t - 1]! + f * (times[t]! - times[t - 1]!);
    }
  }
  return null;
}

export interface PointComparison {
  id: string;
  rmse: number;
  /** Mean of simulated − reference depth (m). */
  bias: number;
  peak: number;
  referencePeak: number;
  arrival: number | null;
  referenceArrival: number | null;
}

/** Runs Test 4 (to the reference's end, or `endSeconds`) and compares each point's depth series
 * with the reference at its times. */
export function runEaTest4(options: Partial<EngineOptions>, cellSize = 5, endSeconds = Infinity): { points: PointComparison[]; massErrorPercent: number; cellUpdates: number } {
  const full = readReference();
  const kept = full.times.filter((t) => t <= endSeconds).length;
  const reference = { ...full, times: full.times.slice(0, kept), depths: full.depths.map((series) => series.slice(0, kept)) };
  const model = eaTest4Model(cellSize);
  const probes = reference.points.map((p) => {
    const col = Math.floor(p.x / cellSize);
    const row = Math.floor((HEIGHT - p.y) / cellSize);
    // a point on a cell corner: the cell to its south-east (as LISFLOOD-FP's floor of x, y/dx)
    return { id: p.id, cell: Math.min(row, model.ny - 1) * model.nx + col };
  });
  const sim = createSimulation({ model, options, probes });
  const simulated: number[][] = probes.map(() => []);
  for (const t of reference.times) {
    sim.advance(t);
    probes.forEach((p, k) => simulated[k]!.push(sim.state.h[p.cell]!));
  }
  const arrivals = sim.probeArrival();
  const points = reference.points.map((p, k) => {
    const ref = reference.depths[k]!;
    const ours = simulated[k]!;
    let sq = 0;
    let sum = 0;
    for (let t = 0; t < ref.length; t++) {
      sq += (ours[t]! - ref[t]!) ** 2;
      sum += ours[t]! - ref[t]!;
    }
    return {
      id: p.id,
      rmse: Math.sqrt(sq / ref.length),
      bias: sum / ref.length,
      peak: Math.max(...ours),
      referencePeak: Math.max(...ref),
      arrival: arrivals[k]! >= 0 ? arrivals[k]! : null,
      referenceArrival: arrivalOf(reference.times, ref),
    };
  });
  const massErrorPercent = sim.massBalance().errorPercent;
  const cellUpdates = sim.cellUpdates;
  sim.close();
  return { points, massErrorPercent, cellUpdates };
}

export function describeComparison(label: string, points: PointComparison[]): string {
  const min = (t: number | null) => (t === null ? '—' : `${(t / 60).toFixed(1)} min`);
  return [
    `EA Test 4, ${label}:`,
    ...points.map((p) => `  point ${p.id}: RMSE ${p.rmse.toFixed(4)} m, bias ${p.bias >= 0 ? '+' : ''}${p.bias.toFixed(4)} m, peak ${p.peak.toFixed(3)} m (reference ${p.referencePeak.toFixed(3)}), arrival ${min(p.arrival)} (reference ${min(p.referenceArrival)})`),
  ].join('\n');
}
