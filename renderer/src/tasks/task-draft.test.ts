import { describe, expect, it } from 'vitest';
import { areaPoint } from './task-draft.ts';

describe('areaPoint', () => {
  it('takes a point as it is and nothing from no area', () => {
    expect(areaPoint({ type: 'Point', coordinates: [151.75, -32.94] })).toEqual({ lon: 151.75, lat: -32.94 });
    expect(areaPoint(null)).toBeNull();
  });

  it('averages the outer ring without counting the closing vertex twice', () => {
    const square: [number, number][] = [[151.7, -32.9], [151.8, -32.9], [151.8, -33.0], [151.7, -33.0], [151.7, -32.9]];
    expect(areaPoint({ type: 'Polygon', coordinates: [square] })).toEqual({ lon: 151.75, lat: -32.95 });
    expect(areaPoint({ type: 'MultiPolygon', coordinates: [[square]] })).toEqual({ lon: 151.75, lat: -32.95 });
  });
});
