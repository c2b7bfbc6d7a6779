import { describe, expect, it } from 'vitest';
import { arrivalRamp, colorAt, cssColor, depthRamp, hazardRamp, paintGrid, WET_DEPTH } from './ramps.ts';

const pixel = (rgba: Uint8ClampedArray, k: number) => [...rgba.subarray(k * 4, k * 4 + 4)];

describe('colorAt', () => {
  it('is transparent for dry cells and NaN, the stop colour on a stop, blended between', () => {
    expect(colorAt(depthRamp, 0)).toEqual([0, 0, 0, 0]);
    expect(colorAt(depthRamp, WET_DEPTH / 2)).toEqual([0, 0, 0, 0]);
    expect(colorAt(depthRamp, NaN)).toEqual([0, 0, 0, 0]);
    expect(colorAt(depthRamp, 0.3)).toEqual([50, 140, 225, 215]);
    expect(colorAt(depthRamp, 100)).toEqual([40, 10, 90, 250]);
    // Halfway between 0.3 and 0.6.
    expect(colorAt(depthRamp, 0.45)).toEqual([35, 115, 208, 223]);
  });

  it('steps hazard classes exactly, without blending', () => {
    expect(colorAt(hazardRamp, 0)).toEqual([0, 0, 0, 0]);
    for (const stop of hazardRamp.stops) expect(colorAt(hazardRamp, stop.value)).toEqual(stop.color);
    expect(colorAt(hazardRamp, 2.99)).toEqual(hazardRamp.stops[1]!.color);
  });

  it('spreads arrival stops over the run, earliest red', () => {
    const ramp = arrivalRamp(1200);
    expect(ramp.stops.map((s) => s.value)).toEqual([0, 300, 600, 900, 1200]);
    expect(colorAt(ramp, 0)[0]).toBeGreaterThan(180);
    expect(ramp.legend.map((l) => l.label)).toEqual(['0 min', '5 min', '10 min', '15 min', '20 min']);
    expect(() => arrivalRamp(0)).toThrow(/positive/);
  });
});

describe('paintGrid', () => {
  it('paints each cell with its ramp colour in grid order, row 0 on top', () => {
    // 3 × 2 grid: north row dry, wet, deep; south row NaN, shallow, very deep.
    const values = new Float32Array([0, 0.3, 1.2, NaN, 0.02, 9]);
    const rgba = paintGrid(values, 3, 2, depthRamp);
    expect(rgba.length).toBe(24);
    expect(pixel(rgba, 0)).toEqual([0, 0, 0, 0]);
    expect(pixel(rgba, 1)).toEqual([50, 140, 225, 215]);
    expect(pixel(rgba, 2)).toEqual([25, 45, 140, 240]);
    expect(pixel(rgba, 3)).toEqual([0, 0, 0, 0]);
    expect(pixel(rgba, 5)).toEqual([40, 10, 90, 250]);
    // Through the lookup table, a value between stops lands within one step of the exact blend.
    const exact = colorAt(depthRamp, 0.02);
    pixel(rgba, 4).forEach((c, i) => expect(Math.abs(c - exact[i]!)).toBeLessThanOrEqual(1));
  });

  it('reuses the output buffer and clears cells that dried', () => {
    const out = paintGrid(new Float32Array([1, 1]), 2, 1, depthRamp);
    const again = paintGrid(new Float32Array([0, 1]), 2, 1, depthRamp, out);
    expect(again).toBe(out);
    expect(pixel(out, 0)).toEqual([0, 0, 0, 0]);
    expect(pixel(out, 1)[3]).toBeGreaterThan(0);
  });

  it('paints hazard classes with their exact colours', () => {
    const rgba = paintGrid(new Uint8Array([0, 1, 2, 3, 4, 5, 6]), 7, 1, hazardRamp);
    expect(pixel(rgba, 0)).toEqual([0, 0, 0, 0]);
    hazardRamp.stops.forEach((stop, i) => expect(pixel(rgba, i + 1)).toEqual([...stop.color]));
  });

  it('refuses mismatched sizes', () => {
    expect(() => paintGrid(new Float32Array(5), 2, 2, depthRamp)).toThrow(/5 values for a 2×2 grid/);
    expect(() => paintGrid(new Float32Array(4), 2, 2, depthRamp, new Uint8ClampedArray(4))).toThrow(/expected 16/);
  });
});

describe('cssColor', () => {
  it('writes rgba() with alpha in 0–1', () => {
    expect(cssColor([255, 128, 0, 255])).toBe('rgba(255, 128, 0, 1)');
    expect(cssColor([0, 0, 0, 0])).toBe('rgba(0, 0, 0, 0)');
  });
});
