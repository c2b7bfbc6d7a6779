import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyHazard, hazardClass } from './hazard.ts';

describe('hazardClass (ARR 2016 combined hazard curves)', () => {
  it('puts the table limits in the lower class and just above them in the next', () => {
    expect(hazardClass(0.005, 0)).toBe(0);
    expect(hazardClass(0.3, 1.0)).toBe(1);
    expect(hazardClass(0.3, 1.01)).toBe(2); // D·V > 0.3
    expect(hazardClass(0.31, 0.1)).toBe(2);
    expect(hazardClass(0.5, 1.2)).toBe(2);
    expect(hazardClass(0.51, 0.1)).toBe(3);
    expect(hazardClass(1.2, 0.5)).toBe(3);
    expect(hazardClass(1.2, 0.51)).toBe(4); // D·V > 0.6
    expect(hazardClass(1.21, 0)).toBe(4);
    expect(hazardClass(2.0, 0.5)).toBe(4);
    expect(hazardClass(0.1, 2.01)).toBe(5); // V > 2
    expect(hazardClass(2.01, 0)).toBe(5);
    expect(hazardClass(1.0, 4.0)).toBe(5);
    expect(hazardClass(4.0, 1.0)).toBe(5);
    expect(hazardClass(4.01, 0)).toBe(6);
    expect(hazardClass(0.5, 4.01)).toBe(6);
    expect(hazardClass(1.5, 3.0)).toBe(6); // D·V 4.5 > 4
  });

  it('never decreases when depth or speed grows', () => {
    const depth = fc.double({ min: 0, max: 6, noNaN: true });
    const speed = fc.double({ min: 0, max: 6, noNaN: true });
    fc.assert(
      fc.property(depth, speed, depth, speed, (d, v, dd, dv) => {
        expect(hazardClass(d + dd, v + dv)).toBeGreaterThanOrEqual(hazardClass(d, v));
      }),
    );
  });

  it('classifies grids and keeps the maximum over calls', () => {
    const peak = classifyHazard([0, 0.2, 1.0], [0, 0.5, 0.1]);
    expect(Array.from(peak)).toEqual([0, 1, 3]);
    classifyHazard([0.4, 0.1, 0.1], [1.0, 0.1, 0.1], peak);
    expect(Array.from(peak)).toEqual([2, 1, 3]);
    expect(() => classifyHazard([1], [1, 2])).toThrow(/1 depths but 2 speeds/);
  });
});
