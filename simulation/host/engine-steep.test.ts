// Steady uniform flow down a steep channel (1:50, Manning n 0.03, 1 m²/s: normal depth 0.394 m,
// Froude 1.29, supercritical): the case where the choice of scheme matters. HLL holds the normal
// depth, to its first-order error (the hydrostatic reconstruction takes the bed slope as
// S·(1 − Δz/2h), Δz the drop per cell: 5 % deep on 5 m cells, half that on 2.5 m). Local-inertial
// cannot: without the advection terms supercritical flow breaks into roll waves. So a run that
// names no scheme gets HLL here, by the terrain (../engine/scheme-choice.ts).
import { describe, expect, it } from 'vitest';
import type { EngineModel, Scheme } from '../engine/model.ts';
import { schemeForTerrain } from '../engine/scheme-choice.ts';
import { createSimulation } from '../engine/simulation.ts';
import { eaTest4Model } from './ea-test4.ts';
import { runSimulation } from './run.ts';

const slope = 0.02;
const n = 0.03;
const q = 1;
const dx = 5;
const length = 1000;
const normalDepth = ((n * q) / Math.sqrt(slope)) ** 0.6;

function channel(cell = dx): EngineModel {
  const nx = Math.round(length / cell);
  return {
    nx,
    ny: 1,
    cellSize: cell,
    ground: Float32Array.from({ length: nx }, (_, c) => 100 - slope * (c + 0.5) * cell),
    solid: new Uint8Array(nx),
    manning: new Float32Array(nx).fill(n),
    inflows: [{ id: 'upstream', cells: [0], weights: [1], hydrograph: { times: [0], values: [q * cell] } }],
    rainfall: null,
    boundaries: { north: { kind: 'closed' }, south: { kind: 'closed' }, west: { kind: 'closed' }, east: { kind: 'open' } },
    pumps: [],
    barriers: [],
  };
}

/** Lowest and highest depth over the middle of the channel, sampled every 2 s for 2 min after 30 min. */
function depthRange(scheme: Scheme) {
  const sim = createSimulation({ model: channel(), options: { scheme } });
  sim.advance(1800);
  let low = Infinity;
  let high = 0;
  for (let k = 1; k <= 60; k++) {
    sim.advance(1800 + 2 * k);
    for (let c = 40; c < 160; c++) {
      low = Math.min(low, sim.state.h[c]!);
      high = Math.max(high, sim.state.h[c]!);
    }
  }
  return { low, high, mass: sim.massBalance().errorPercent };
}

describe('steady uniform flow down a steep channel', () => {
  it('HLL holds the Manning normal depth, steady, within 6 % (first order on 5 m cells)', () => {
    expect(q / (normalDepth * Math.sqrt(9.81 * normalDepth))).toBeGreaterThan(1.2);
    const { low, high, mass } = depthRange('hll');
    console.log(`steep channel, HLL: depth ${low.toFixed(4)}…${high.toFixed(4)} m, normal depth ${normalDepth.toFixed(4)} m`);
    expect(high - low).toBeLessThan(0.002);
    expect(Math.abs(low - normalDepth) / normalDepth).toBeLessThan(0.06);
    expect(mass).toBeLessThan(0.01);
  });

  it('HLL converges on the normal depth: halving the cells halves its error (first order)', () => {
    const errorOn = (cell: number) => {
      const sim = createSimulation({ model: channel(cell), options: { scheme: 'hll' } });
      sim.advance(1800);
      return (sim.state.h[Math.round(length / cell / 2)]! - normalDepth) / normalDepth;
    };
    const coarse = errorOn(dx);
    const fine = errorOn(dx / 2);
    console.log(`steep channel, HLL: depth error ${(100 * coarse).toFixed(2)} % on ${dx} m cells, ${(100 * fine).toFixed(2)} % on ${dx / 2} m`);
    expect(Math.abs(fine)).toBeLessThan(0.03);
    expect(Math.abs(fine / coarse - 0.5)).toBeLessThan(0.05);
  });

  it('local-inertial cannot, for the record: roll waves instead of a steady depth (why HLL exists)', () => {
    const { low, high, mass } = depthRange('inertial');
    console.log(`steep channel, local-inertial: depth ${low.toFixed(4)}…${high.toFixed(4)} m, normal depth ${normalDepth.toFixed(4)} m`);
    expect(high - low).toBeGreaterThan(normalDepth);
    expect(mass).toBeLessThan(0.01);
  });
});

describe('the scheme chosen by terrain (a model or pack that names none)', () => {
  it('is HLL for the steep channel, and that run holds its normal depth', async () => {
    expect(schemeForTerrain(channel()).scheme).toBe('hll');
    const probes = [40, 100, 159].map((cell) => ({ id: `c${cell}`, x: 0, y: 0, cell }));
    const { summary, samples } = await runSimulation({ model: channel(), durationSeconds: 1920, probes, sampleIntervalSeconds: 2 });
    expect(summary.scheme).toBe('hll');
    const late = samples.filter((sample) => sample.time >= 1800).map((sample) => sample.depth);
    expect(late.length).toBeGreaterThan(150);
    for (const depth of late) expect(Math.abs(depth - normalDepth) / normalDepth).toBeLessThan(0.06);
    expect(Math.max(...late) - Math.min(...late)).toBeLessThan(0.002);
  });

  it('is local-inertial on a flat plain (EA Test 4), where it is the more accurate and the cheaper', () => {
    const choice = schemeForTerrain(eaTest4Model(5));
    expect(choice).toEqual({ scheme: 'inertial', supercriticalShare: 0 });
  });
});
