import { describe, expect, it } from 'vitest';
import { arrivalRamp, codeColors, colorAt, cssColor, depthRamp, hazardRamp, paintCodes, paintWhatIf, WET_DEPTH, whatIfRamp } from './ramps.ts';

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
    expect(ramp.stops.map((l) => l.label)).toEqual(['0 min', '5 min', '10 min', '15 min', '20 min']);
    expect(() => arrivalRamp(0)).toThrow(/positive/);
  });
});

describe('paintCodes', () => {
  it('paints each code with its colour in grid order, row 0 on top; dry and NaN codes transparent', () => {
    // Codes are centimetres here: 0 dry, 30 cm, 120 cm, a NaN code, 2 cm, 900 cm.
    const lut = codeColors(depthRamp, 0x10000, (k) => (k === 7 ? NaN : k / 100));
    const rgba = new Uint8ClampedArray(24);
    paintCodes(Uint16Array.from([0, 30, 120, 7, 2, 900]), lut, rgba);
    expect(pixel(rgba, 0)).toEqual([0, 0, 0, 0]);
    expect(pixel(rgba, 1)).toEqual([50, 140, 225, 215]);
    expect(pixel(rgba, 2)).toEqual([25, 45, 140, 240]);
    expect(pixel(rgba, 3)).toEqual([0, 0, 0, 0]);
    expect(pixel(rgba, 4)).toEqual([...colorAt(depthRamp, 0.02)]);
    expect(pixel(rgba, 5)).toEqual([40, 10, 90, 250]);
  });

  it('overwrites pixels that dried, and paints hazard classes with their exact colours', () => {
    const lut = codeColors(hazardRamp, 0x100, (k) => k);
    const rgba = new Uint8ClampedArray(7 * 4).fill(255);
    paintCodes(Uint8Array.from([0, 1, 2, 3, 4, 5, 6]), lut, rgba);
    expect(pixel(rgba, 0)).toEqual([0, 0, 0, 0]);
    hazardRamp.stops.forEach((stop, i) => expect(pixel(rgba, i + 1)).toEqual([...stop.color]));
  });

  it('refuses mismatched sizes and tables too short for the codes', () => {
    const lut = codeColors(hazardRamp, 0x100, (k) => k);
    expect(() => paintCodes(new Uint8Array(4), lut, new Uint8ClampedArray(4))).toThrow(/expected 16/);
    expect(() => paintCodes(new Uint16Array(1), lut, new Uint8ClampedArray(4))).toThrow(/256 colours for 16-bit codes/);
  });
});

describe('legends', () => {
  it('are the ramps\' own stops, so a swatch is the colour the map draws at that value', () => {
    expect(depthRamp.stops.map((s) => s.label)).toEqual(['0.01 m', '0.15 m', '0.3 m', '0.6 m', '1.2 m', '≥ 2.5 m']);
    expect(hazardRamp.stops.map((s) => s.label.slice(0, 2))).toEqual(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
    for (const ramp of [depthRamp, hazardRamp, arrivalRamp(600)]) for (const stop of ramp.stops) expect(colorAt(ramp, stop.value)).toEqual(stop.color);
  });
});

describe('cssColor', () => {
  it('writes rgba() with alpha in 0–1', () => {
    expect(cssColor([255, 128, 0, 255])).toBe('rgba(255, 128, 0, 1)');
    expect(cssColor([0, 0, 0, 0])).toBe('rgba(0, 0, 0, 0)');
  });
});

describe('paintWhatIf', () => {
  it('paints deeper, shallower, newly dry and newly wet cells in their ramp colours; unchanged and unknown classes transparent', () => {
    const rgba = new Uint8ClampedArray(24);
    paintWhatIf(Uint8Array.from([0, 1, 2, 3, 4, 9]), rgba);
    expect(pixel(rgba, 0)).toEqual([0, 0, 0, 0]);
    for (let k = 1; k <= 4; k++) expect(pixel(rgba, k)).toEqual([...whatIfRamp.stops[k - 1]!.color]);
    expect(pixel(rgba, 5)).toEqual([0, 0, 0, 0]);
    expect(whatIfRamp.stops.map((s) => s.label)).toEqual(['Deeper', 'Shallower', 'Newly dry', 'Newly wet']);
  });
});
